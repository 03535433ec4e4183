import { describe, expect, it } from 'vitest';
import { AVERY_ADMIN, CONTOSO_TENANT_ID, FABIAN_OPS, APP_ORIGIN } from '../../emulator/demo.mjs';
import { useEmulator } from './harness';
import { API_SCOPE, CLIENT_ID, jwtClaims, postToken, signIn } from './oauth-helpers';

const emu = useEmulator();
const GRAPH_USER_READ = 'https://graph.microsoft.com/User.Read';
const SECURITY_EVENTS = 'https://graph.microsoft.com/SecurityEvents.Read.All';

/** A Graph token the way MSAL gets one silently after sign-in: the refresh token redeemed for Graph's scopes. */
async function graphTokenResponse(oid: string, scope: string): Promise<Response> {
  const { tokens } = await signIn(emu.base, oid);
  return postToken(emu.base, { client_id: CLIENT_ID, grant_type: 'refresh_token', refresh_token: tokens.refresh_token, scope: `${scope} openid profile offline_access` });
}

async function graphToken(oid: string, scope = GRAPH_USER_READ): Promise<string> {
  const response = await graphTokenResponse(oid, scope);
  if (response.status !== 200) throw new Error(`Graph token: HTTP ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

const graphGet = (path: string, token?: string) => fetch(`${emu.base}${path}`, { headers: { Origin: APP_ORIGIN, ...(token ? { Authorization: `Bearer ${token}` } : {}) } });

describe('Microsoft Graph on the emulator', () => {
  it('issues a Graph token apart from the Defender one, and answers /v1.0/me with it, open to any origin as Graph is', async () => {
    const token = await graphToken(AVERY_ADMIN.oid);
    expect(jwtClaims(token)).toMatchObject({ aud: 'https://graph.microsoft.com', scp: 'User.Read', tid: CONTOSO_TENANT_ID });
    const response = await graphGet('/v1.0/me', token);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toContain('Retry-After');
    expect(response.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toMatchObject({ id: AVERY_ADMIN.oid, userPrincipalName: AVERY_ADMIN.username });
  });

  it('refuses a Defender token and a missing one with Graph\'s error shape', async () => {
    const defenderToken = (await signIn(emu.base, AVERY_ADMIN.oid, `${API_SCOPE} openid profile offline_access`)).tokens.access_token;
    for (const token of [defenderToken, undefined]) {
      const response = await graphGet('/v1.0/me', token);
      expect(response.status).toBe(401);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(await response.json()).toMatchObject({ error: { code: 'InvalidAuthenticationToken', innerError: { 'request-id': expect.any(String) } } });
    }
  });

  it('answers a preflight with the headers the page asks to send', async () => {
    const response = await fetch(`${emu.base}/v1.0/me`, {
      method: 'OPTIONS',
      headers: { Origin: APP_ORIGIN, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization,client-request-id' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization,client-request-id');
    expect(response.headers.get('access-control-allow-methods')).toContain('GET');
  });

  it('names an unknown segment as Graph does', async () => {
    const response = await graphGet('/v1.0/nowhere', await graphToken(AVERY_ADMIN.oid));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'BadRequest', message: expect.stringContaining("'nowhere'") } });
  });

  it('asks for admin consent for a Graph permission the tenant has not granted, and grants it once consented', async () => {
    const refused = await graphTokenResponse(FABIAN_OPS.oid, SECURITY_EVENTS);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: 'invalid_grant', suberror: 'consent_required' });

    await emu.control.graphConsent(['SecurityEvents.Read.All'], FABIAN_OPS.tenantId);
    const token = await graphToken(FABIAN_OPS.oid, SECURITY_EVENTS);
    expect(jwtClaims(token)).toMatchObject({ aud: 'https://graph.microsoft.com', scp: 'SecurityEvents.Read.All' });
  });

  it('plays a fault queued for all of Graph on a Graph call, with Retry-After, and leaves the Defender API alone', async () => {
    const token = await graphToken(AVERY_ADMIN.oid);
    const defenderToken = (await signIn(emu.base, AVERY_ADMIN.oid, `${API_SCOPE} openid profile offline_access`)).tokens.access_token;
    await emu.control.fault({ endpoint: 'graph', status: 429, times: 'always' });
    expect((await emu.api('/api/configurationScore', defenderToken)).status).toBe(200);
    const throttled = await graphGet('/v1.0/me', token);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('10');
    expect(throttled.headers.get('access-control-allow-origin')).toBe('*');
    expect(await throttled.json()).toMatchObject({ error: { code: 'TooManyRequests' } });
    expect(await emu.control.apiCalls('graphMe')).toBe(1);
  });

  it('leaves Graph alone when the Defender API is down', async () => {
    await emu.control.fault({ endpoint: '*', status: 503, times: 'always' });
    expect((await graphGet('/v1.0/me', await graphToken(AVERY_ADMIN.oid))).status).toBe(200);
  });
});
