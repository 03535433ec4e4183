import { describe, expect, it } from 'vitest';
import { BrowserAuthError, InteractionRequiredAuthError, type AccountInfo, type PublicClientApplication } from '@azure/msal-browser';
import { MsalAuth } from '../../src/lib/auth/msal-auth';
import { scopesFor } from '../../src/lib/auth/scopes';
import { CLOUDS, defaultScopes } from '../../src/lib/config/clouds';

const TENANT = 'aaaaaaaa-0000-4000-8000-000000000001';
const SCORE = 'https://api.securitycenter.microsoft.com/Score.Read';
const RECOMMENDATIONS = 'https://api.securitycenter.microsoft.com/SecurityRecommendation.Read';
const ACCOUNT = { homeAccountId: 'home-1', tenantId: TENANT, username: 'admin@contoso.example', name: 'Admin' } as AccountInfo;

const consentMissing = () => new InteractionRequiredAuthError('invalid_grant', 'corr-1', 'AADSTS65001: The user or administrator has not consented to use the application.');

/** MsalAuth over a fake MSAL whose silent call answers as told; records every request. */
function auth(silent: (request: { scopes: string[] }) => Promise<{ accessToken: string }>, redirect: () => Promise<void> = async () => undefined) {
  const silentRequests: { scopes: string[]; forceRefresh?: boolean }[] = [];
  const redirectRequests: { scopes: string[]; loginHint?: string; account?: AccountInfo }[] = [];
  const pca = {
    getActiveAccount: () => ACCOUNT,
    getAllAccounts: () => [ACCOUNT],
    acquireTokenSilent: async (request: { scopes: string[] }) => {
      silentRequests.push(request);
      return silent(request);
    },
    acquireTokenRedirect: async (request: { scopes: string[] }) => {
      redirectRequests.push(request);
      return redirect();
    },
  };
  return { auth: new MsalAuth(pca as unknown as PublicClientApplication, [SCORE]), silentRequests, redirectRequests };
}

describe('scopesFor', () => {
  it.each(CLOUDS)('adds SecurityRecommendation.Read of the same resource as Score.Read in the %s cloud', (cloud) => {
    const [score] = defaultScopes(cloud);
    const resource = score!.slice(0, -'/Score.Read'.length);
    expect(scopesFor(defaultScopes(cloud), 'score')).toEqual([`${resource}/Score.Read`]);
    expect(scopesFor(defaultScopes(cloud), 'score-and-recommendations')).toEqual([`${resource}/Score.Read`, `${resource}/SecurityRecommendation.Read`]);
  });

  it('follows a configured resource, and leaves a /.default scope alone', () => {
    expect(scopesFor(['api://contoso-relay/Score.Read'], 'score-and-recommendations')).toEqual(['api://contoso-relay/Score.Read', 'api://contoso-relay/SecurityRecommendation.Read']);
    expect(scopesFor(['https://api.securitycenter.microsoft.com/.default'], 'score-and-recommendations')).toEqual(['https://api.securitycenter.microsoft.com/.default']);
    expect(scopesFor([SCORE, RECOMMENDATIONS], 'score-and-recommendations')).toEqual([SCORE, RECOMMENDATIONS]);
  });
});

describe('MsalAuth.getToken permissions', () => {
  it('asks for Score.Read alone unless told otherwise, and for both scopes in one token when told', async () => {
    const a = auth(async (request) => ({ accessToken: request.scopes.join(' ') }));
    expect(await a.auth.getToken({ tenantId: TENANT })).toEqual({ ok: true, value: SCORE });
    expect(await a.auth.getToken({ tenantId: TENANT, permissions: 'score-and-recommendations' })).toEqual({ ok: true, value: `${SCORE} ${RECOMMENDATIONS}` });
    expect(a.silentRequests.map((r) => r.scopes)).toEqual([[SCORE], [SCORE, RECOMMENDATIONS]]);
  });

  it('names the recommendations permission when a token with both scopes lacks consent, and does not redirect', async () => {
    const a = auth(async () => Promise.reject(consentMissing()));
    const result = await a.auth.getToken({ tenantId: TENANT, permissions: 'score-and-recommendations' });
    expect(result).toEqual({ ok: false, error: { kind: 'consent-required', errorCode: 'invalid_grant', aadsts: 'AADSTS65001', permission: 'SecurityRecommendation.Read' } });
    expect(a.redirectRequests).toEqual([]);
  });

  it('names Score.Read when the score’s own token lacks consent', async () => {
    const a = auth(async () => Promise.reject(consentMissing()));
    expect(await a.auth.getToken({ tenantId: TENANT })).toMatchObject({ ok: false, error: { kind: 'consent-required', permission: 'Score.Read' } });
  });

  it('adds no permission to failures other than consent', async () => {
    const a = auth(async () => Promise.reject(new InteractionRequiredAuthError('interaction_required', 'corr-2')));
    const result = await a.auth.getToken({ tenantId: TENANT, permissions: 'score-and-recommendations' });
    expect(result).toEqual({ ok: false, error: { kind: 'sign-in-expired', errorCode: 'interaction_required', aadsts: undefined } });
  });
});

describe('MsalAuth.requestRecommendationsPermission', () => {
  it('needs no page change when a token with both scopes is already to be had', async () => {
    const a = auth(async () => ({ accessToken: 'both' }));
    expect(await a.auth.requestRecommendationsPermission(TENANT)).toEqual({ ok: true, value: 'granted' });
    expect(a.redirectRequests).toEqual([]);
  });

  it('leaves for Entra ID with both scopes for the tenant’s account when consent is needed', async () => {
    const a = auth(async () => Promise.reject(consentMissing()));
    expect(await a.auth.requestRecommendationsPermission(TENANT)).toEqual({ ok: true, value: 'redirecting' });
    expect(a.redirectRequests).toEqual([{ scopes: [SCORE, RECOMMENDATIONS], account: ACCOUNT, loginHint: 'admin@contoso.example' }]);
  });

  it('does not redirect for a network failure, and names a redirect that could not start', async () => {
    const offline = auth(async () => Promise.reject(new BrowserAuthError('no_network_connectivity', 'corr-3')));
    expect(await offline.auth.requestRecommendationsPermission(TENANT)).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(offline.redirectRequests).toEqual([]);

    const busy = auth(
      async () => Promise.reject(consentMissing()),
      async () => Promise.reject(new BrowserAuthError('interaction_in_progress', 'corr-4')),
    );
    expect(await busy.auth.requestRecommendationsPermission(TENANT)).toMatchObject({ ok: false, error: { kind: 'interaction-in-progress' } });
  });

  it('says sign-in is needed for a tenant with no account', async () => {
    const a = auth(async () => ({ accessToken: 'both' }));
    expect(await a.auth.requestRecommendationsPermission('bbbbbbbb-0000-4000-8000-000000000002')).toMatchObject({ ok: false, error: { kind: 'sign-in-expired' } });
    expect(a.silentRequests).toEqual([]);
  });
});
