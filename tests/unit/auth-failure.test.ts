import { describe, expect, it } from 'vitest';
import { adminConsentUrl } from '../../src/lib/auth/admin-consent';
import { authFailureFrom } from '../../src/lib/auth/auth-failure';

describe('authFailureFrom', () => {
  it.each([
    [{ errorCode: 'user_cancelled' }, 'cancelled', undefined],
    [{ errorCode: 'access_denied', errorMessage: 'AADSTS65004: User declined to consent to access the app.' }, 'cancelled', 'AADSTS65004'],
    [{ errorCode: 'interaction_in_progress' }, 'interaction-in-progress', undefined],
    [{ errorCode: 'invalid_grant', errorMessage: 'AADSTS65001: The user or administrator has not consented' }, 'consent-required', 'AADSTS65001'],
    [{ errorCode: 'consent_required' }, 'consent-required', undefined],
    [{ errorCode: 'invalid_request', errorMessage: 'AADSTS50020: User account from identity provider does not exist in tenant' }, 'wrong-tenant', 'AADSTS50020'],
    [{ errorCode: 'invalid_grant', errorMessage: 'AADSTS700084: The refresh token was issued to a single page app (SPA)' }, 'sign-in-expired', 'AADSTS700084'],
    [{ errorCode: 'interaction_required' }, 'sign-in-expired', undefined],
    [{ errorCode: 'popup_window_error' }, 'window-blocked', undefined],
    [{ errorCode: 'no_network_connectivity' }, 'network', undefined],
    [{ errorCode: 'something_new' }, 'unknown', undefined],
  ])('maps %j to %s', (error, kind, aadsts) => {
    expect(authFailureFrom(error)).toMatchObject({ kind, aadsts });
  });

  it('names the permission a consent failure is about, and only for consent', () => {
    const consent = { errorCode: 'invalid_grant', errorMessage: 'AADSTS65001: The user or administrator has not consented' };
    expect(authFailureFrom(consent, 'SecurityRecommendation.Read')).toEqual({
      kind: 'consent-required',
      errorCode: 'invalid_grant',
      aadsts: 'AADSTS65001',
      permission: 'SecurityRecommendation.Read',
    });
    expect(authFailureFrom({ errorCode: 'consent_required' }, 'Score.Read').permission).toBe('Score.Read');
    expect(authFailureFrom(consent).permission).toBeUndefined();
    expect(authFailureFrom({ errorCode: 'user_cancelled' }, 'SecurityRecommendation.Read')).not.toHaveProperty('permission');
  });

  it('copes with things that are not MSAL errors', () => {
    expect(authFailureFrom(new Error('boom'))).toEqual({ kind: 'unknown', errorCode: 'unknown_error', aadsts: undefined });
    expect(authFailureFrom(undefined).kind).toBe('unknown');
  });
});

describe('adminConsentUrl', () => {
  it('points at the configured tenant with the client, scope and redirect', () => {
    const url = new URL(
      adminConsentUrl('https://login.microsoftonline.com/contoso.onmicrosoft.com', 'client-1', ['https://api.securitycenter.microsoft.com/Score.Read'], 'https://app.example/redirect.html'),
    );
    expect(url.origin + url.pathname).toBe('https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/adminconsent');
    expect(url.searchParams.get('client_id')).toBe('client-1');
    expect(url.searchParams.get('scope')).toBe('https://api.securitycenter.microsoft.com/Score.Read');
    expect(url.searchParams.get('redirect_uri')).toBe('https://app.example/redirect.html');
  });
});
