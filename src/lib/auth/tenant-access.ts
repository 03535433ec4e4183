import type { AuthFailure } from './auth-failure';

/**
 * Why a customer tenant could not be reached with the signed-in account, as far as it says what someone must do:
 * the account has no access there, Entra does not know the tenant, Scoreline's app registration is not available
 * there, an administrator there has not consented, or Entra asks the user to sign in (a click away).
 */
export type TenantAccessProblem = 'no-access' | 'tenant-not-found' | 'app-not-in-tenant' | 'consent-required' | 'needs-sign-in' | 'other';

/** The user has no account, guest account or delegated (GDAP) access in the tenant. */
const NO_ACCESS_CODES = new Set(['AADSTS50020', 'AADSTS90072', 'AADSTS50034', 'AADSTS50177', 'AADSTS500200']);
const TENANT_NOT_FOUND_CODES = new Set(['AADSTS90002', 'AADSTS900023', 'AADSTS90022']);
/** The app registration is not in the tenant: single-tenant, or never consented there. */
const APP_NOT_IN_TENANT_CODES = new Set(['AADSTS700016', 'AADSTS650052', 'AADSTS500011']);

export function tenantAccessProblem(failure: AuthFailure): TenantAccessProblem {
  const code = failure.aadsts?.toUpperCase();
  if (code && NO_ACCESS_CODES.has(code)) return 'no-access';
  if (code && TENANT_NOT_FOUND_CODES.has(code)) return 'tenant-not-found';
  if (code && APP_NOT_IN_TENANT_CODES.has(code)) return 'app-not-in-tenant';
  if (failure.kind === 'consent-required') return 'consent-required';
  if (failure.kind === 'sign-in-expired') return 'needs-sign-in';
  return 'other';
}

/** Whether a click on "sign in" could get past it: Entra only asks the user to sign in (again). */
export function signInWouldHelp(failure: AuthFailure): boolean {
  return tenantAccessProblem(failure) === 'needs-sign-in';
}
