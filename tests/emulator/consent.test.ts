// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accessTokenGrant, unconsentedPermissions } from '../../emulator/scopes.mjs';
import { AVERY_ADMIN as AVERY, CONTOSO, FABIAN_OPS as FABIAN, FABRIKAM, NORTHWIND } from '../../emulator/demo.mjs';
import { API_SCOPE, CLIENT_ID, REDIRECT_URI, answerFrom, authorizeUrl, chooseAccount, jwtClaims, pkcePair, postToken, signIn } from './oauth-helpers';
import { BOTH_SCOPES, RECOMMENDATIONS_SCOPE, rawControl, useEmulator } from './harness';

const emu = useEmulator();

const SCORE_ONLY = `${API_SCOPE} openid profile offline_access`;
const CONSENT_REQUIRED = /^AADSTS65001: The user or administrator has not consented to use the application/;

async function refresh(refreshToken: string, scope: string): Promise<Response> {
  return postToken(emu.base, { client_id: CLIENT_ID, grant_type: 'refresh_token', refresh_token: refreshToken, scope });
}

describe('authorize asks for consent the tenant has not given', () => {
  it('sends consent_required back with AADSTS65001 when Fabrikam’s user asks for the recommendations permission', async () => {
    const { challenge } = await pkcePair();
    const chosen = await chooseAccount(emu.base, { challenge, state: 'keep-me', extra: { scope: BOTH_SCOPES } }, { account: FABIAN.oid });
    expect(chosen.status).toBe(302);
    const answer = answerFrom(chosen.headers.get('location'));
    expect(answer.get('error')).toBe('consent_required');
    expect(answer.get('error_description')).toMatch(CONSENT_REQUIRED);
    expect(answer.get('error_description')).toContain(CLIENT_ID);
    expect(answer.get('state')).toBe('keep-me');
    expect(answer.get('code')).toBeNull();
    const log = await emu.control.log();
    expect(log.authorize.at(-1)).toMatchObject({ outcome: 'consent_required', oid: FABIAN.oid, error: 'consent_required' });
  });

  it('answers a silent request the same way, and gives a code for the permissions the tenant consented to', async () => {
    const { cookie } = await signIn(emu.base, FABIAN.oid, SCORE_ONLY);
    const { challenge } = await pkcePair();
    const silent = (scope: string) =>
      fetch(authorizeUrl(emu.base, { challenge, prompt: 'none', loginHint: FABIAN.username, extra: { scope } }), { redirect: 'manual', headers: { cookie } });
    expect(answerFrom((await silent(BOTH_SCOPES)).headers.get('location')).get('error')).toBe('consent_required');
    expect(answerFrom((await silent(SCORE_ONLY)).headers.get('location')).get('code')).toBeTruthy();
  });

  it('lets Contoso’s user sign in for both, since its administrator consented to both', async () => {
    const { challenge } = await pkcePair();
    const chosen = await chooseAccount(emu.base, { challenge, extra: { scope: BOTH_SCOPES } }, { account: AVERY.oid });
    expect(answerFrom(chosen.headers.get('location')).get('code')).toBeTruthy();
  });
});

describe('the token endpoint refuses permissions without consent, as MSAL expects', () => {
  it('answers 400 invalid_grant with suberror consent_required and AADSTS65001, and keeps serving consented scopes', async () => {
    const { tokens } = await signIn(emu.base, FABIAN.oid, SCORE_ONLY);
    const refused = await refresh(tokens.refresh_token, BOTH_SCOPES);
    expect(refused.status).toBe(400);
    const body = await refused.json();
    expect(body).toMatchObject({ error: 'invalid_grant', suberror: 'consent_required', error_codes: [65001] });
    expect(body.error_description).toMatch(CONSENT_REQUIRED);
    expect((await emu.control.log()).token.at(-1)).toMatchObject({ grantType: 'refresh_token', status: 400, error: 'invalid_grant', suberror: 'consent_required' });

    const stillFine = await refresh(tokens.refresh_token, SCORE_ONLY);
    expect(stillFine.status).toBe(200);
    expect(jwtClaims((await stillFine.json()).access_token).scp).toBe('Score.Read');
  });

  it('refuses an authorization code redeemed for a permission without consent', async () => {
    const { verifier, challenge } = await pkcePair();
    const chosen = await chooseAccount(emu.base, { challenge }, { account: FABIAN.oid });
    const code = answerFrom(chosen.headers.get('location')).get('code') ?? '';
    const response = await postToken(emu.base, { client_id: CLIENT_ID, grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT_URI, scope: BOTH_SCOPES });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_grant', suberror: 'consent_required' });
  });

  it('follows a change of consent: granted, the refresh works; revoked, it fails again', async () => {
    const { tokens } = await signIn(emu.base, FABIAN.oid, SCORE_ONLY);
    await emu.control.consent(['Score.Read', 'SecurityRecommendation.Read'], FABRIKAM.id);
    const granted = await refresh(tokens.refresh_token, BOTH_SCOPES);
    expect(granted.status).toBe(200);
    const renewed = await granted.json();
    expect(jwtClaims(renewed.access_token).scp).toBe('Score.Read SecurityRecommendation.Read');

    await emu.control.consent([], FABRIKAM.id);
    expect((await refresh(renewed.refresh_token, SCORE_ONLY)).status).toBe(400);
  });
});

describe('what a token carries', () => {
  it('one token carries both permissions when both are asked for, and reads both kinds of endpoint', async () => {
    const { tokens } = await signIn(emu.base, AVERY.oid, BOTH_SCOPES);
    const claims = jwtClaims(tokens.access_token);
    expect(claims).toMatchObject({ aud: 'https://api.securitycenter.microsoft.com', scp: 'Score.Read SecurityRecommendation.Read', tid: CONTOSO.id });
    expect((await emu.api('/api/configurationScore', tokens.access_token)).status).toBe(200);
    expect((await emu.api('/api/recommendations', tokens.access_token)).status).toBe(200);
  });

  it('carries exactly what was asked for, even when more was consented', async () => {
    const { tokens } = await signIn(emu.base, AVERY.oid, SCORE_ONLY);
    expect(jwtClaims(tokens.access_token).scp).toBe('Score.Read');
  });

  it('lets a refresh ask for other consented permissions of the same resource than the sign-in did', async () => {
    const { tokens } = await signIn(emu.base, AVERY.oid, SCORE_ONLY);
    const wider = await refresh(tokens.refresh_token, BOTH_SCOPES);
    expect(wider.status).toBe(200);
    const body = await wider.json();
    expect(body.scope).toBe(BOTH_SCOPES);
    expect(jwtClaims(body.access_token).scp).toBe('Score.Read SecurityRecommendation.Read');
    const narrower = await refresh(body.refresh_token, `${RECOMMENDATIONS_SCOPE} openid offline_access`);
    expect(jwtClaims((await narrower.json()).access_token).scp).toBe('SecurityRecommendation.Read');
  });

  it('expands .default to the tenant’s consented permissions', async () => {
    const scope = 'https://api.securitycenter.microsoft.com/.default openid offline_access';
    expect(jwtClaims((await signIn(emu.base, AVERY.oid, scope)).tokens.access_token).scp).toBe('Score.Read SecurityRecommendation.Read');
    expect(jwtClaims((await signIn(emu.base, FABIAN.oid, scope)).tokens.access_token).scp).toBe('Score.Read');
  });
});

describe('PUT /_control/consent', () => {
  it('takes permission names, lists them per tenant, and refuses anything else', async () => {
    await emu.control.consent(['SecurityRecommendation.Read'], FABRIKAM.id);
    const listed = await (await rawControl(emu.base, 'GET', '/consent')).json();
    expect(listed).toEqual({ [CONTOSO.id]: ['Score.Read', 'SecurityRecommendation.Read'], [FABRIKAM.id]: ['SecurityRecommendation.Read'], [NORTHWIND.id]: ['Score.Read'] });
    for (const body of [{}, { permissions: 'Score.Read' }, { permissions: [API_SCOPE] }, { permissions: ['Score Read'] }, { permissions: [7] }]) {
      const refused = await rawControl(emu.base, 'PUT', '/consent', body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
    }
    await emu.control.reset();
    expect((await emu.control.state()).consent[FABRIKAM.id]).toEqual(['Score.Read']);
  });
});

describe('scopes (pure)', () => {
  const permission = fc.constantFrom('Score.Read', 'SecurityRecommendation.Read', 'Machine.Read', 'Vulnerability.Read');
  const resource = 'https://api.securitycenter.microsoft.com';

  it('asks for nothing more when every requested permission is consented, and scp holds exactly those', () => {
    fc.assert(
      fc.property(fc.uniqueArray(permission, { minLength: 1 }), fc.uniqueArray(permission), (requested, extra) => {
        const consented = [...new Set([...requested, ...extra])];
        const scope = `${requested.map((name) => `${resource}/${name}`).join(' ')} openid offline_access`;
        expect(unconsentedPermissions(scope, consented)).toEqual([]);
        expect(accessTokenGrant(scope, consented)).toEqual({ audience: resource, scp: requested.join(' ') });
      }),
    );
  });

  it('names every requested permission that is not consented, whatever its case', () => {
    fc.assert(
      fc.property(fc.uniqueArray(permission, { minLength: 1 }), fc.uniqueArray(permission), (requested, consented) => {
        const scope = requested.map((name) => `${resource}/${name.toUpperCase()}`).join(' ');
        const missing = requested.filter((name) => !consented.includes(name)).map((name) => name.toUpperCase());
        expect(unconsentedPermissions(scope, consented)).toEqual(missing);
      }),
    );
  });

  it('leaves other resources and OpenID scopes alone', () => {
    expect(unconsentedPermissions('https://graph.microsoft.com/User.Read openid profile', [])).toEqual([]);
    expect(unconsentedPermissions(`${resource}/.default`, [])).toEqual(['.default']);
    expect(unconsentedPermissions('https://api-gov.securitycenter.microsoft.us/Score.Read', ['Score.Read'])).toEqual([]);
  });
});
