// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authorityMetadataFor, startEmulator } from '../../emulator/server.mjs';
import { emulatorControl, type EmulatorControl } from '../../emulator/control-client.mjs';
import { APP_ORIGIN, AVERY_ADMIN as AVERY, CONTOSO, FABIAN_OPS as FABIAN, FABRIKAM } from '../../emulator/demo.mjs';
import {
  CLIENT_ID,
  REDIRECT_URI,
  REQUESTED_SCOPE,
  answerFrom,
  authorizeUrl,
  base64url,
  chooseAccount,
  decodeBase64urlJson,
  jwtClaims,
  pkcePair,
  postToken,
  signIn,
} from './oauth-helpers';

let emulator: Awaited<ReturnType<typeof startEmulator>>;
let base: string;
let control: EmulatorControl;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  base = emulator.url;
  control = emulatorControl(base);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await control.reset();
});

/** The control surface as any script sees it, for the answers the client turns into errors. */
async function rawControl(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${base}/_control${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
}

async function callApi(path: string, accessToken?: string): Promise<Response> {
  return fetch(`${base}${path}`, {
    headers: { Origin: APP_ORIGIN, ...(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}) },
  });
}

async function accessTokenFor(oid: string, scope = REQUESTED_SCOPE): Promise<string> {
  return (await signIn(base, oid, scope)).tokens.access_token;
}

describe('startEmulator', () => {
  it('reports the real port when asked for port 0, on localhost', () => {
    expect(base).toMatch(/^http:\/\/localhost:\d+$/);
    expect(base).not.toMatch(/:0$/);
  });

  it('answers unknown paths with JSON 404 and never lets anything be cached', async () => {
    const response = await fetch(`${base}/nowhere`);
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({ error: 'not_found' });
  });
});

describe('authority metadata', () => {
  it('serves an Entra-shaped discovery document for the tenant segment', async () => {
    const response = await fetch(`${base}/organizations/v2.0/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const metadata = await response.json();
    expect(metadata).toMatchObject({
      issuer: `${base}/organizations/v2.0`,
      authorization_endpoint: `${base}/organizations/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/organizations/oauth2/v2.0/token`,
      jwks_uri: `${base}/organizations/discovery/v2.0/keys`,
      end_session_endpoint: `${base}/organizations/oauth2/v2.0/logout`,
    });
    expect(metadata.response_modes_supported).toContain('fragment');
  });

  it('gives MSAL the same endpoints as an authorityMetadata string', () => {
    expect(JSON.parse(authorityMetadataFor(base, CONTOSO.id))).toEqual({
      issuer: `${base}/${CONTOSO.id}/v2.0`,
      authorization_endpoint: `${base}/${CONTOSO.id}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/${CONTOSO.id}/oauth2/v2.0/token`,
      jwks_uri: `${base}/${CONTOSO.id}/discovery/v2.0/keys`,
      end_session_endpoint: `${base}/${CONTOSO.id}/oauth2/v2.0/logout`,
    });
  });

  it('publishes the signing key as a JWKS', async () => {
    const jwks = await (await fetch(`${base}/common/discovery/v2.0/keys`)).json();
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256' });
  });

  it('lists the demo tenants and accounts with GUID ids', async () => {
    const directory = await (await rawControl('GET', '/accounts')).json();
    const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect(directory.tenants.map((t: { name: string }) => t.name)).toEqual(['Contoso', 'Fabrikam', 'Northwind']);
    for (const tenant of directory.tenants) expect(tenant.id).toMatch(guid);
    for (const account of directory.accounts) expect(account.oid).toMatch(guid);
  });
});

describe('authorize', () => {
  it('shows an account picker that posts the original parameters back', async () => {
    const { challenge } = await pkcePair();
    const response = await fetch(authorizeUrl(base, { challenge, state: 'x"><script>' }));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<title>Sign in to your account</title>');
    expect(html).toMatch(/<span class="name">Avery Admin<\/span> — avery@contoso\.example \(Contoso\)/);
    expect(html).toContain('Fabian Ops');
    expect(html).toMatch(/<button[^>]*name="cancel"[^>]*>Cancel<\/button>/);
    expect(html).toContain(`name="code_challenge" value="${challenge}"`);
    expect(html).not.toContain('<script>');
  });

  it('lists only the tenant’s own accounts for a tenant-specific authority', async () => {
    const { challenge } = await pkcePair();
    const html = await (await fetch(authorizeUrl(base, { challenge, tenant: FABRIKAM.id }))).text();
    expect(html).toContain('Fabian Ops');
    expect(html).not.toContain('Avery Admin');
  });

  it('sends the chosen account back with code, state and client_info in the fragment', async () => {
    const { challenge } = await pkcePair();
    const response = await chooseAccount(base, { challenge, state: 'my state' }, { account: AVERY.oid });
    expect(response.status).toBe(302);
    const location = response.headers.get('location') ?? '';
    expect(location.startsWith(`${REDIRECT_URI}#`)).toBe(true);
    const answer = answerFrom(location);
    expect(answer.get('code')).toBeTruthy();
    expect(answer.get('state')).toBe('my state');
    expect(decodeBase64urlJson(answer.get('client_info') ?? '')).toEqual({ uid: AVERY.oid, utid: CONTOSO.id });
    expect(response.headers.get('set-cookie')).toMatch(/^emu_session=[^;]+;.*HttpOnly/);
  });

  it('answers in the query string when response_mode=query', async () => {
    const { challenge } = await pkcePair();
    const response = await chooseAccount(base, { challenge, responseMode: 'query' }, { account: AVERY.oid });
    expect(new URL(response.headers.get('location') ?? '').searchParams.get('code')).toBeTruthy();
  });

  it('sends access_denied back when the user cancels', async () => {
    const { challenge } = await pkcePair();
    const response = await chooseAccount(base, { challenge }, { cancel: true });
    const answer = answerFrom(response.headers.get('location'));
    expect(answer.get('error')).toBe('access_denied');
    expect(answer.get('error_description')).toBe('AADSTS65004: User declined to consent to access the app.');
    expect(answer.get('state')).toBe('state-123');
  });

  it('refuses a request without PKCE S256, and one without a redirect_uri', async () => {
    const { challenge } = await pkcePair();
    const noPkce = await fetch(authorizeUrl(base, { challenge, omit: ['code_challenge'] }), { redirect: 'manual' });
    expect(answerFrom(noPkce.headers.get('location')).get('error')).toBe('invalid_request');
    expect(answerFrom(noPkce.headers.get('location')).get('error_description')).toMatch(/^AADSTS9002325:/);

    const plain = await fetch(authorizeUrl(base, { challenge, extra: { code_challenge_method: 'plain' } }), { redirect: 'manual' });
    expect(answerFrom(plain.headers.get('location')).get('error')).toBe('invalid_request');

    const noRedirect = await fetch(authorizeUrl(base, { challenge, omit: ['redirect_uri'] }), { redirect: 'manual' });
    expect(noRedirect.status).toBe(400);
  });

  it('answers prompt=none with login_required without a session, and with a code when signed in', async () => {
    const { challenge } = await pkcePair();
    const silent = await fetch(authorizeUrl(base, { challenge, prompt: 'none' }), { redirect: 'manual' });
    expect(answerFrom(silent.headers.get('location')).get('error')).toBe('login_required');

    const { cookie } = await signIn(base, AVERY.oid);
    const withSession = await fetch(authorizeUrl(base, { challenge, prompt: 'none', loginHint: AVERY.username }), {
      redirect: 'manual',
      headers: { cookie },
    });
    expect(answerFrom(withSession.headers.get('location')).get('code')).toBeTruthy();
  });

  it('forgets the session on logout and goes back to the app', async () => {
    const { cookie } = await signIn(base, AVERY.oid);
    const logout = await fetch(`${base}/organizations/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent(APP_ORIGIN)}`, {
      redirect: 'manual',
      headers: { cookie },
    });
    expect(logout.status).toBe(302);
    expect(logout.headers.get('location')).toBe(APP_ORIGIN);
    const { challenge } = await pkcePair();
    const silent = await fetch(authorizeUrl(base, { challenge, prompt: 'none' }), { redirect: 'manual', headers: { cookie } });
    expect(answerFrom(silent.headers.get('location')).get('error')).toBe('login_required');
  });

  it('plays a queued authorize fault once, as an OAuth error sent back to the app', async () => {
    await control.fault({ endpoint: 'authorize', error: 'consent_required' });
    const { challenge } = await pkcePair();
    const faulted = await fetch(authorizeUrl(base, { challenge }), { redirect: 'manual' });
    const answer = answerFrom(faulted.headers.get('location'));
    expect(answer.get('error')).toBe('consent_required');
    expect(answer.get('error_description')).toMatch(/^AADSTS65001: The user or administrator has not consented/);
    expect((await fetch(authorizeUrl(base, { challenge }))).status).toBe(200);
  });
});

describe('token: authorization code', () => {
  it('redeems a code with the right PKCE verifier for Entra-shaped tokens', async () => {
    const { verifier, challenge } = await pkcePair();
    const chosen = await chooseAccount(base, { challenge, nonce: 'n-42' }, { account: FABIAN.oid });
    const code = answerFrom(chosen.headers.get('location')).get('code') ?? '';
    const response = await postToken(base, {
      client_id: CLIENT_ID,
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: REDIRECT_URI,
      scope: REQUESTED_SCOPE,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    const tokens = await response.json();
    expect(tokens).toMatchObject({ token_type: 'Bearer', scope: REQUESTED_SCOPE, expires_in: 3600, ext_expires_in: 3600 });
    expect(tokens.refresh_token).toBeTruthy();
    expect(decodeBase64urlJson(tokens.client_info)).toEqual({ uid: FABIAN.oid, utid: FABRIKAM.id });

    expect(jwtClaims(tokens.id_token)).toMatchObject({
      aud: CLIENT_ID,
      iss: `${base}/${FABRIKAM.id}/v2.0`,
      nonce: 'n-42',
      oid: FABIAN.oid,
      tid: FABRIKAM.id,
      preferred_username: 'fabian@fabrikam.example',
      name: 'Fabian Ops',
    });
    const access = jwtClaims(tokens.access_token);
    expect(access).toMatchObject({
      aud: 'https://api.securitycenter.microsoft.com',
      iss: `https://sts.windows.net/${FABRIKAM.id}/`,
      scp: 'Score.Read',
      tid: FABRIKAM.id,
      oid: FABIAN.oid,
      upn: 'fabian@fabrikam.example',
    });
    expect((access.exp as number) - (access.iat as number)).toBe(3600);

    const again = await postToken(base, { client_id: CLIENT_ID, grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT_URI });
    expect((await again.json()).error_codes).toEqual([54005]);
  });

  it('refuses a wrong PKCE verifier with an Entra error body', async () => {
    const { challenge } = await pkcePair();
    const chosen = await chooseAccount(base, { challenge }, { account: AVERY.oid });
    const code = answerFrom(chosen.headers.get('location')).get('code') ?? '';
    const response = await postToken(base, {
      client_id: CLIENT_ID,
      grant_type: 'authorization_code',
      code,
      code_verifier: base64url(new Uint8Array(32)),
      redirect_uri: REDIRECT_URI,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    const body = await response.json();
    expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [501481], correlation_id: 'c0ffee00-0000-4000-8000-000000000000' });
    expect(body.error_description).toMatch(/^AADSTS501481: /);
    expect(body.trace_id).toBeTruthy();
    expect(body.timestamp).toBeTruthy();
  });

  it('answers the CORS preflight MSAL triggers with X-AnchorMailbox', async () => {
    const response = await fetch(`${base}/organizations/oauth2/v2.0/token`, {
      method: 'OPTIONS',
      headers: { Origin: APP_ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-anchormailbox' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const header of ['content-type', 'x-anchormailbox', 'client-request-id', 'x-client-sku']) expect(allowed).toContain(header);
  });
});

describe('token: refresh', () => {
  it('rotates the refresh token and echoes the scope asked for', async () => {
    const { tokens } = await signIn(base, AVERY.oid);
    const response = await postToken(base, { client_id: CLIENT_ID, grant_type: 'refresh_token', refresh_token: tokens.refresh_token, scope: REQUESTED_SCOPE });
    expect(response.status).toBe(200);
    const renewed = await response.json();
    expect(renewed.scope).toBe(REQUESTED_SCOPE);
    expect(renewed.refresh_token).toBeTruthy();
    expect(renewed.refresh_token).not.toBe(tokens.refresh_token);
    expect(jwtClaims(renewed.access_token).tid).toBe(CONTOSO.id);
  });

  it('fails with AADSTS700084 once refresh tokens are expired', async () => {
    const { tokens } = await signIn(base, AVERY.oid);
    await control.tokens({ refreshTokensExpired: true });
    const response = await postToken(base, { client_id: CLIENT_ID, grant_type: 'refresh_token', refresh_token: tokens.refresh_token, scope: REQUESTED_SCOPE });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toBe('invalid_grant');
    expect(body.error_codes).toEqual([700084]);
    expect(body.error_description).toMatch(
      /^AADSTS700084: The refresh token was issued to a single page app \(SPA\), and therefore has a fixed, limited lifetime of 1\.00:00:00, which cannot be extended\./,
    );
  });
});

describe('Defender API', () => {
  it('serves the tenant’s configuration score for a good token', async () => {
    const response = await callApi('/api/configurationScore', await accessTokenFor(AVERY.oid));
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    const body = await response.json();
    expect(body['@odata.context']).toBe('https://api.securitycenter.microsoft.com/api/$metadata#ConfigurationScore/$entity');
    expect(body.score).toBe(412);
    expect(body.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
    expect(Math.abs(Date.parse(body.time) - Date.now())).toBeLessThan(5000);
  });

  it('serves each tenant its own score, and the score control changes it', async () => {
    const fabrikamToken = await accessTokenFor(FABIAN.oid);
    expect((await (await callApi('/api/configurationScore', fabrikamToken)).json()).score).toBe(287);
    await control.setScore(301.5, FABRIKAM.id);
    expect((await (await callApi('/api/configurationScore', fabrikamToken)).json()).score).toBe(301.5);

    await control.setScore(500);
    expect((await (await callApi('/api/configurationScore', await accessTokenFor(AVERY.oid))).json()).score).toBe(500);
  });

  it('serves the exposure scores in the documented shapes', async () => {
    const token = await accessTokenFor(AVERY.oid);
    const exposure = await (await callApi('/api/exposureScore', token)).json();
    expect(exposure.score).toBeGreaterThanOrEqual(0);
    expect(exposure.score).toBeLessThanOrEqual(100);
    const byGroups = await (await callApi('/api/exposureScore/ByMachineGroups', token)).json();
    expect(byGroups.value[0]).toMatchObject({ rbacGroupName: expect.any(String), score: expect.any(Number), time: expect.any(String) });
  });

  it('rejects a missing, forged, expired or wrong-audience token with 401, a token without Score.Read with 403', async () => {
    const good = await accessTokenFor(AVERY.oid);
    const [header, payload] = good.split('.');
    const forgedClaims = { ...jwtClaims(good), tid: FABRIKAM.id };
    const forged = `${header}.${base64url(new TextEncoder().encode(JSON.stringify(forgedClaims)))}.${good.split('.')[2]}`;
    const unsigned = `${header}.${payload}.`;

    await control.tokens({ accessTokenLifetimeSeconds: 0 });
    const expired = await accessTokenFor(AVERY.oid);
    await control.tokens({ accessTokenLifetimeSeconds: 3600 });
    const wrongAudience = await accessTokenFor(AVERY.oid, 'https://graph.microsoft.com/User.Read openid profile');
    // Contoso consented to both permissions; a token asked for with only the recommendations one lacks Score.Read.
    const noScope = await accessTokenFor(AVERY.oid, 'https://api.securitycenter.microsoft.com/SecurityRecommendation.Read openid');

    for (const token of [undefined, forged, unsigned, expired, wrongAudience]) {
      const response = await callApi('/api/configurationScore', token);
      expect(response.status).toBe(401);
      expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
      const body = await response.json();
      expect(body.error.code).toBe('Unauthorized');
      expect(body.error.target).toMatch(/^[0-9a-f-]{36}$/);
    }
    const forbidden = await callApi('/api/configurationScore', noScope);
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error).toMatchObject({ code: 'Forbidden', message: expect.stringContaining('Score.Read') });
  });

  it('accepts the government audiences and .default', async () => {
    const gcc = await accessTokenFor(AVERY.oid, 'https://api-gcc.securitycenter.microsoft.us/.default openid');
    expect((await callApi('/api/configurationScore', gcc)).status).toBe(200);
  });

  it('refuses browsers when CORS is off, and still answers a server-side caller', async () => {
    await control.cors({ defenderApi: false });
    try {
      const preflight = await fetch(`${base}/api/configurationScore`, {
        method: 'OPTIONS',
        headers: { Origin: APP_ORIGIN, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
      });
      expect(preflight.status).toBe(403);
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      const answer = await callApi('/api/configurationScore', await accessTokenFor(AVERY.oid));
      expect(answer.status).toBe(200);
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await control.cors({ defenderApi: true });
    }
  });

  it('answers the CORS preflight for Authorization', async () => {
    const response = await fetch(`${base}/api/configurationScore`, {
      method: 'OPTIONS',
      headers: { Origin: APP_ORIGIN, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toContain('GET');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
  });
});

describe('faults', () => {
  let token: string;
  beforeEach(async () => {
    token = await accessTokenFor(AVERY.oid);
  });

  it('answers a queued status with the given body once, then normally', async () => {
    const body = { error: { code: 'Forbidden', message: 'Missing application roles. API required roles: Score.Read.All', target: 't' } };
    await control.fault({ endpoint: 'configurationScore', status: 403, body });
    const faulted = await callApi('/api/configurationScore', token);
    expect(faulted.status).toBe(403);
    expect(faulted.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(await faulted.json()).toEqual(body);
    expect((await callApi('/api/configurationScore', token)).status).toBe(200);
  });

  it('throttles with 429 and a Retry-After the page may read', async () => {
    await control.fault({ endpoint: '*', status: 429, headers: { 'Retry-After': '7' }, times: 2 });
    for (const path of ['/api/configurationScore', '/api/exposureScore']) {
      const response = await callApi(path, token);
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('7');
      expect(response.headers.get('access-control-expose-headers')).toContain('Retry-After');
      expect((await response.json()).error.code).toBe('TooManyRequests');
    }
    expect((await callApi('/api/configurationScore', token)).status).toBe(200);
  });

  it('throttles one tenant only when the fault names it; the others pass while it waits in the queue', async () => {
    await control.fault({ endpoint: 'configurationScore', status: 429, headers: { 'Retry-After': '30' }, tenantId: FABRIKAM.id });
    const fabrikamToken = await accessTokenFor(FABIAN.oid);
    expect((await callApi('/api/configurationScore', token)).status).toBe(200);
    const throttled = await callApi('/api/configurationScore', fabrikamToken);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('30');
    expect((await callApi('/api/configurationScore', fabrikamToken)).status).toBe(200);
  });

  it('sends a 200 that is not JSON when malformed', async () => {
    await control.fault({ endpoint: 'configurationScore', malformed: true });
    const response = await callApi('/api/configurationScore', token);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.startsWith('{')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('drops the connection without an answer', async () => {
    await control.fault({ endpoint: 'configurationScore', drop: true });
    await expect(callApi('/api/configurationScore', token)).rejects.toThrow(TypeError);
    expect((await callApi('/api/configurationScore', token)).status).toBe(200);
  });

  it('answers slowly, then normally, for a delay without a status', async () => {
    await control.fault({ endpoint: 'configurationScore', delayMs: 250 });
    const startedAt = performance.now();
    const response = await callApi('/api/configurationScore', token);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(240);
    expect(response.status).toBe(200);
  });

  it('keeps an "always" fault until cleared, and applies token faults in Entra’s shape', async () => {
    await control.fault({ endpoint: 'configurationScore', status: 503, times: 'always' });
    expect((await callApi('/api/configurationScore', token)).status).toBe(503);
    expect((await callApi('/api/configurationScore', token)).status).toBe(503);
    await control.clearFaults();
    expect((await callApi('/api/configurationScore', token)).status).toBe(200);

    await control.fault({ endpoint: 'token', error: 'interaction_required' });
    const response = await postToken(base, { client_id: CLIENT_ID, grant_type: 'refresh_token', refresh_token: 'whatever' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'interaction_required', error_codes: [50076] });
  });

  it('refuses a fault it cannot play', async () => {
    expect((await rawControl('POST', '/faults', { endpoint: 'nowhere', status: 500 })).status).toBe(400);
    expect((await rawControl('POST', '/faults', { endpoint: 'token' })).status).toBe(400);
  });
});

describe('control surface', () => {
  it('counts API calls per endpoint and tenant, and token calls per grant', async () => {
    await control.clearLog();
    const avery = await accessTokenFor(AVERY.oid);
    const fabian = await accessTokenFor(FABIAN.oid);
    await callApi('/api/configurationScore', avery);
    await callApi('/api/configurationScore', avery);
    await callApi('/api/configurationScore', fabian);
    await callApi('/api/exposureScore', fabian);
    await callApi('/api/configurationScore');

    const log = await control.log();
    expect(log.counts.api.configurationScore).toEqual({ total: 4, byTenant: { [CONTOSO.id]: 2, [FABRIKAM.id]: 1, unknown: 1 } });
    expect(log.counts.api.exposureScore?.total).toBe(1);
    expect(log.api[0]).toMatchObject({ endpoint: 'configurationScore', tenantId: CONTOSO.id, status: 200, at: expect.any(String) });
    expect(log.token).toHaveLength(2);
    expect(log.token[0]).toMatchObject({ grantType: 'authorization_code', status: 200 });
    expect(log.authorize.map((entry) => entry.outcome)).toEqual(['code', 'code']);
  });

  it('answers bad JSON and unknown controls without falling over', async () => {
    const badJson = await rawControl('PUT', '/score', '{"score": ');
    expect(badJson.status).toBe(400);
    expect((await rawControl('PUT', '/score', { score: 'high' })).status).toBe(400);
    expect((await rawControl('GET', '/nope')).status).toBe(404);
    expect((await fetch(`${base}/_control/reset`, { method: 'OPTIONS', headers: { Origin: APP_ORIGIN } })).status).toBe(204);
    expect((await rawControl('GET', '/state')).status).toBe(200);
  });

  it('resets scores, faults and token settings', async () => {
    await control.setScore(1);
    await control.fault({ endpoint: '*', status: 500, times: 'always' });
    await control.tokens({ accessTokenLifetimeSeconds: 5 });
    await control.reset();
    const state = await (await rawControl('GET', '/state')).json();
    expect(state.configurationScores[CONTOSO.id]).toBe(412);
    expect(state.faults['*']).toEqual([]);
    expect(state.tokenSettings.accessTokenLifetimeSeconds).toBe(3600);
  });
});

describe('control surface origin', () => {
  it('refuses pages of other origins and serves localhost', async () => {
    const emu = await startEmulator({ port: 0 });
    try {
      const foreign = await fetch(`${emu.url}/_control/state`, { headers: { Origin: 'https://evil.example' } });
      expect(foreign.status).toBe(403);
      const local = await fetch(`${emu.url}/_control/state`, { headers: { Origin: APP_ORIGIN } });
      expect(local.status).toBe(200);
    } finally {
      await emu.close();
    }
  });
});
