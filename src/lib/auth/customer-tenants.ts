import type { AccountInfo, IPublicClientApplication } from '@azure/msal-browser';
import { authFailureFrom, type AuthFailure } from './auth-failure';
import { homeTenantOf } from './account';
import { SCORE_PERMISSION } from './scopes';
import { authorityForTenant, tenantSegment, type TenantReference } from './tenant-reference';

/** What adding a customer tenant came to: its sign-in (the tenant's id is known from then on), or why not. */
export type AddTenantOutcome = { kind: 'added'; account: AccountInfo } | { kind: 'redirecting' } | { kind: 'failed'; failure: AuthFailure };

/** Carried through Entra's sign-in in MSAL's `state`, so the page that comes back knows what the tenant was called. */
const ADDING_TENANT = 'scoreline-adding-tenant:';

type Msal = Pick<IPublicClientApplication, 'getActiveAccount' | 'getAllAccounts' | 'acquireTokenSilent' | 'acquireTokenRedirect'>;

/** The account's own tenant profile: the one its refresh token and Microsoft session belong to. */
export function homeProfileOf(pca: Pick<IPublicClientApplication, 'getAllAccounts'>, account: AccountInfo): AccountInfo {
  const home = homeTenantOf(account.homeAccountId);
  return pca.getAllAccounts().find((a) => a.homeAccountId === account.homeAccountId && a.tenantId === home) ?? account;
}

/** Whether MSAL's account is a tenant profile outside the account's home tenant. */
export function isCustomerProfile(account: AccountInfo): boolean {
  const home = homeTenantOf(account.homeAccountId);
  return home !== undefined && home !== account.tenantId;
}

/**
 * Gets a token for a customer tenant with the signed-in account, through that tenant's authority. Silent only
 * (the account's refresh token): when Entra asks the user to sign in, the failure says so and `signInToTenant`
 * is for the user's click.
 */
export async function addTenantSilently(pca: Msal, scopes: string[], authority: string, reference: TenantReference): Promise<AddTenantOutcome> {
  const active = pca.getActiveAccount() ?? pca.getAllAccounts()[0];
  if (!active) return { kind: 'failed', failure: { kind: 'sign-in-expired', errorCode: 'no_account_error', aadsts: undefined } };
  try {
    // MSAL looks in its cache by the account's tenant, not the authority's: without forceRefresh it would answer with
    // the home tenant's token. Forced, it redeems the account's refresh token through the customer tenant's authority.
    const account = homeProfileOf(pca, active);
    const result = await pca.acquireTokenSilent({ scopes, account, authority: authorityForTenant(authority, tenantSegment(reference)), forceRefresh: true });
    return result.account ? { kind: 'added', account: result.account } : { kind: 'failed', failure: { kind: 'unknown', errorCode: 'no_account_in_result', aadsts: undefined } };
  } catch (error) {
    return { kind: 'failed', failure: authFailureFrom(error, SCORE_PERMISSION) };
  }
}

/** The sign-in Entra asked for, in the customer tenant's authority: leaves the page and comes back through the bridge. */
export async function signInToTenant(pca: Msal, scopes: string[], authority: string, reference: TenantReference, label: string): Promise<AddTenantOutcome> {
  const active = pca.getActiveAccount() ?? pca.getAllAccounts()[0];
  const home = active ? homeProfileOf(pca, active) : undefined;
  try {
    await pca.acquireTokenRedirect({
      scopes,
      authority: authorityForTenant(authority, tenantSegment(reference)),
      ...(home ? { account: home, loginHint: home.username } : {}),
      state: `${ADDING_TENANT}${label}`,
    });
    return { kind: 'redirecting' };
  } catch (error) {
    return { kind: 'failed', failure: authFailureFrom(error, SCORE_PERMISSION) };
  }
}

/** The name a tenant was added by, when the sign-in that came back was for adding it. */
export function addedTenantLabel(state: string | undefined): string | undefined {
  return state?.startsWith(ADDING_TENANT) ? state.slice(ADDING_TENANT.length) || undefined : undefined;
}

