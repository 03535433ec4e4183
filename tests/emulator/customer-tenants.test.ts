// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, AVERY_ADMIN as AVERY, CONTOSO, FABIAN_OPS as FABIAN, FABRIKAM, NORTHWIND } from '../../emulator/demo.mjs';
import { CLIENT_ID, REDIRECT_URI, REQUESTED_SCOPE, answerFrom, authorizeUrl, chooseAccount, jwtClaims, pkcePair, postToken, signIn, type TokenBody } from './oauth-helpers';
import { useEmulator } from './harness';

const emu = useEmulator();

/** Redeems a refresh token through a tenant's authority, as MSAL does for acquireTokenSilent with that authority. */
async function refreshIn(tenant: string, refreshToken: string): Promise<Response> {
  return fetch(`${emu.base}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8', Origin: APP_ORIGIN },
    body: new URLSearchParams({ client_id: CLIENT_ID, grant_type: 'refresh_token', refresh_token: refreshToken, scope: REQUESTED_SCOPE }),
  });
}

async function logout(cookie: string, logoutHint?: string): Promise<Response> {
  const query = new URLSearchParams({ post_logout_redirect_uri: `${APP_ORIGIN}/`, ...(logoutHint ? { logout_hint: logoutHint } : {}) });
  return fetch(`${emu.base}/organizations/oauth2/v2.0/logout?${query}`, { redirect: 'manual', headers: { cookie } });
}

describe('one account, several tenants', () => {
  it.each([NORTHWIND.id, NORTHWIND.domain, NORTHWIND.domain.toUpperCase()])('gives Avery Northwind’s tokens through the authority %s', async (tenant) => {
    const { tokens } = await signIn(emu.base, AVERY.oid);
    const response = await refreshIn(tenant, tokens.refresh_token);
    expect(response.status).toBe(200);
    const body = (await response.json()) as TokenBody;
    expect(jwtClaims(body.access_token)).toMatchObject({ tid: NORTHWIND.id, oid: AVERY.oid });
    expect(jwtClaims(body.id_token)).toMatchObject({ tid: NORTHWIND.id, preferred_username: AVERY.username });
    // client_info names the home account: MSAL keeps Northwind as a tenant profile of the same account.
    expect(JSON.parse(Buffer.from(body.client_info, 'base64url').toString())).toEqual({ uid: AVERY.oid, utid: CONTOSO.id });
    expect(await emu.score('/api/configurationScore', body.access_token)).toBe(356);
    expect(await emu.score('/api/configurationScore', tokens.access_token)).toBe(412);
  });

  it('refuses a tenant the account has no access to with AADSTS50020, and an unknown one with AADSTS90002', async () => {
    const { tokens } = await signIn(emu.base, AVERY.oid);
    const refused = await refreshIn(FABRIKAM.domain, tokens.refresh_token);
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { error: string; error_description: string; error_codes: number[] };
    expect(body.error).toBe('invalid_grant');
    expect(body.error_codes).toEqual([50020]);
    expect(body.error_description).toMatch(/^AADSTS50020: User account 'avery@contoso\.example' .* does not exist in tenant 'Fabrikam'/);
    const unknown = await refreshIn('nowhere.example', tokens.refresh_token);
    expect(((await unknown.json()) as { error_codes: number[] }).error_codes).toEqual([90002]);
  });

  it('signs Avery in interactively through Northwind’s authority, and sends AADSTS50020 back for Fabrikam’s', async () => {
    const { cookie } = await signIn(emu.base, AVERY.oid);
    const { challenge } = await pkcePair();
    const into = (tenant: string) =>
      fetch(authorizeUrl(emu.base, { tenant, challenge, loginHint: AVERY.username }), { redirect: 'manual', headers: { cookie } });
    expect(answerFrom((await into(NORTHWIND.domain)).headers.get('location')).get('code')).toBeTruthy();
    const refused = answerFrom((await into(FABRIKAM.id)).headers.get('location'));
    expect(refused.get('error')).toBe('invalid_request');
    expect(refused.get('error_description')).toMatch(/^AADSTS50020:/);
    // The picker of a customer tenant lists those with access to it.
    const picker = await (await fetch(authorizeUrl(emu.base, { tenant: NORTHWIND.domain, challenge }))).text();
    expect(picker).toContain(AVERY.username);
    expect(picker).not.toContain(FABIAN.username);
  });
});

describe('sessions hold several accounts; sign-out ends one by its hint', () => {
  it('keeps both accounts in one browser session and ends each with its own logout_hint', async () => {
    const first = await signIn(emu.base, AVERY.oid);
    const { verifier, challenge } = await pkcePair();
    const second = await chooseAccount(emu.base, { challenge }, { account: FABIAN.oid }, first.cookie);
    expect((second.headers.get('set-cookie') ?? '').split(';')[0]).toBe(first.cookie);
    const code = answerFrom(second.headers.get('location')).get('code') ?? '';
    const redeemed = await postToken(emu.base, { client_id: CLIENT_ID, grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT_URI });
    const fabianHint = jwtClaims(((await redeemed.json()) as TokenBody).id_token).login_hint as string;
    expect(await emu.control.sessions()).toEqual([{ usernames: [AVERY.username, FABIAN.username] }]);

    const averyHint = jwtClaims(first.tokens.id_token).login_hint as string;
    const one = await logout(first.cookie, averyHint);
    expect(one.status).toBe(302);
    expect(one.headers.get('set-cookie')).toBeNull();
    expect(await emu.control.sessions()).toEqual([{ usernames: [FABIAN.username] }]);

    const last = await logout(first.cookie, fabianHint);
    expect(last.headers.get('set-cookie')).toMatch(/^emu_session=; .*Max-Age=0/);
    expect(await emu.control.sessions()).toEqual([]);
  });

  it('ends every account of the session when sign-out names none', async () => {
    const first = await signIn(emu.base, AVERY.oid);
    const { challenge } = await pkcePair();
    await chooseAccount(emu.base, { challenge }, { account: FABIAN.oid }, first.cookie);
    expect((await logout(first.cookie)).headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect(await emu.control.sessions()).toEqual([]);
  });
});

describe('faults for one tenant', () => {
  it('throttles Northwind’s score and leaves Contoso’s alone', async () => {
    const { tokens } = await signIn(emu.base, AVERY.oid);
    const northwind = (await (await refreshIn(NORTHWIND.id, tokens.refresh_token)).json()) as TokenBody;
    await emu.control.fault({ endpoint: 'configurationScore', status: 429, tenantId: NORTHWIND.id, times: 'always' });
    expect((await emu.api('/api/configurationScore', tokens.access_token)).status).toBe(200);
    const throttled = await emu.api('/api/configurationScore', northwind.access_token);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('40');
  });

  it('fails a token request through one tenant’s authority only', async () => {
    const { tokens } = await signIn(emu.base, AVERY.oid);
    await emu.control.fault({ endpoint: 'token', status: 503, tenantId: NORTHWIND.domain });
    expect((await refreshIn(CONTOSO.id, tokens.refresh_token)).status).toBe(200);
    expect((await refreshIn(NORTHWIND.id, tokens.refresh_token)).status).toBe(503);
  });
});
