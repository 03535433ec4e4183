import { describe, expect, it } from 'vitest';
import { authFailureFrom, type AuthFailure } from '../../src/lib/auth/auth-failure';
import { tenantAccessProblem, type TenantAccessProblem } from '../../src/lib/auth/tenant-access';
import { tenantAccessWords } from '../../src/lib/ui/tenant-access-words';

const entra = (errorCode: string, description: string): AuthFailure => authFailureFrom({ errorCode, errorMessage: description });

describe('tenantAccessProblem', () => {
  it.each<[AuthFailure, TenantAccessProblem]>([
    [entra('invalid_grant', "AADSTS50020: User account 'avery@contoso.example' from identity provider … does not exist in tenant 'Fabrikam'"), 'no-access'],
    [entra('invalid_request', 'AADSTS90072: User account from the external identity provider does not exist in the tenant'), 'no-access'],
    [entra('invalid_request', "AADSTS90002: Tenant 'nowhere.example' not found."), 'tenant-not-found'],
    [entra('unauthorized_client', "AADSTS700016: Application with identifier '…' was not found in the directory 'Northwind'."), 'app-not-in-tenant'],
    [entra('invalid_grant', 'AADSTS65001: The user or administrator has not consented to use the application'), 'consent-required'],
    [entra('invalid_grant', 'AADSTS50076: … you must use multi-factor authentication to access the resource.'), 'needs-sign-in'],
    [entra('interaction_required', ''), 'needs-sign-in'],
    [entra('no_network_connectivity', ''), 'other'],
  ])('reads %j as %s', (failure, problem) => {
    expect(tenantAccessProblem(failure)).toBe(problem);
  });

  it('tells an account without access so whatever OAuth error carried the code, not as a cancellation', () => {
    expect(authFailureFrom({ errorCode: 'access_denied', errorMessage: 'AADSTS50020: User account … does not exist in tenant' }).kind).toBe('wrong-tenant');
  });
});

describe('tenantAccessWords', () => {
  it('names the code and what an admin must set up for an account without access, and offers no sign-in', () => {
    const words = tenantAccessWords(entra('invalid_grant', 'AADSTS50020: does not exist in tenant'), 'fabrikam.example');
    expect(words.title).toBe('Your account has no access to fabrikam.example');
    expect(words.code).toBe('AADSTS50020');
    expect(words.steps.join(' ')).toMatch(/GDAP relationship with fabrikam\.example.*Security Reader/);
    expect(words.steps.join(' ')).toMatch(/invites your account as a guest/);
    expect(words.body).toMatch(/Nothing was added and no stored history changed\.$/);
    expect(words.offerSignIn).toBe(false);
  });

  it('says the app registration must be multitenant and consented in the tenant', () => {
    const words = tenantAccessWords(entra('unauthorized_client', 'AADSTS700016: not found in the directory'), 'northwind.example');
    expect(words.steps.join(' ')).toMatch(/multitenant.*Accounts in any organizational directory.*administrator of northwind\.example consents/s);
  });

  it('gives the tenant’s admin-consent link when consent is missing, and a sign-in only when Entra asks for one', () => {
    const link = 'https://login.microsoftonline.com/northwind.example/v2.0/adminconsent?client_id=x';
    const consent = tenantAccessWords(entra('invalid_grant', 'AADSTS65001: not consented'), 'northwind.example', link);
    expect(consent).toMatchObject({ consentLink: link, offerSignIn: false, title: 'An administrator of northwind.example must approve Scoreline' });
    const asked = tenantAccessWords(entra('invalid_grant', 'AADSTS50076: multi-factor'), 'northwind.example', link);
    expect(asked).toMatchObject({ offerSignIn: true, consentLink: undefined, code: 'AADSTS50076' });
  });

  it('falls back to MSAL’s code when Entra sent none', () => {
    expect(tenantAccessWords(entra('no_network_connectivity', ''), 'northwind.example')).toMatchObject({ code: 'no_network_connectivity', title: 'northwind.example could not be added' });
  });
});
