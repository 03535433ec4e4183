import type { AccountInfo, IPublicClientApplication } from '@azure/msal-browser';
import { homeProfileOf } from './customer-tenants';

/**
 * Signing out of every account takes one trip to Entra's sign-out page per account (each ends that account's
 * Microsoft session, named by its `logout_hint`); this mark in sessionStorage carries the chain across the pages
 * that come back.
 */
const SIGNING_OUT_EVERYWHERE = 'scoreline.signingOutEverywhere';

type Msal = Pick<IPublicClientApplication, 'getAllAccounts' | 'logoutRedirect' | 'clearCache'>;

/** One account per person signed in (a customer tenant is a profile of its home account, signed out with it). */
export function accountsToSignOut(pca: Pick<IPublicClientApplication, 'getAllAccounts'>): AccountInfo[] {
  const seen = new Set<string>();
  const homes: AccountInfo[] = [];
  for (const account of pca.getAllAccounts()) {
    if (seen.has(account.homeAccountId)) continue;
    seen.add(account.homeAccountId);
    homes.push(homeProfileOf(pca, account));
  }
  return homes;
}

export function isSigningOutEverywhere(storage: Storage = sessionStorage): boolean {
  return storage.getItem(SIGNING_OUT_EVERYWHERE) !== null;
}

/**
 * The next step of signing out everywhere: leaves for the next account's sign-out page ('redirecting'; MSAL first
 * removes that account and all its tokens from its cache), or, with no account left, empties MSAL's cache and ends
 * the chain ('done').
 */
export async function signOutNextAccount(pca: Msal, storage: Storage = sessionStorage): Promise<'redirecting' | 'done'> {
  const [next] = accountsToSignOut(pca);
  if (!next) {
    storage.removeItem(SIGNING_OUT_EVERYWHERE);
    await pca.clearCache();
    return 'done';
  }
  storage.setItem(SIGNING_OUT_EVERYWHERE, next.username);
  await pca.logoutRedirect({ account: next });
  return 'redirecting';
}

/** Stops a chain that could not go on (Entra's sign-out page could not be reached), so a reload does not retry it. */
export function stopSigningOutEverywhere(storage: Storage = sessionStorage): void {
  storage.removeItem(SIGNING_OUT_EVERYWHERE);
}
