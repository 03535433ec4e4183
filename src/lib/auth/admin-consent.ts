/** Where a tenant's admin grants consent for this app (the v2 admin-consent endpoint). */
export function adminConsentUrl(authority: string, clientId: string, scopes: readonly string[], redirectUri: string): string {
  const url = new URL(authority);
  const tenant = url.pathname.split('/').filter(Boolean)[0] ?? 'organizations';
  const consent = new URL(`/${tenant}/v2.0/adminconsent`, url.origin);
  consent.searchParams.set('client_id', clientId);
  consent.searchParams.set('scope', scopes.join(' '));
  consent.searchParams.set('redirect_uri', redirectUri);
  return consent.href;
}
