/** The signed-in account, as the app shows it. Nothing secret. */
export interface Account {
  homeAccountId: string;
  /** The tenant this sign-in is for: the account's own, or a customer tenant it reaches. */
  tenantId: string;
  name: string;
  username: string;
  /**
   * Set when the account reaches this tenant from another one, its home tenant (delegated access through GDAP, or
   * a guest account): a customer tenant, whose tokens come from that tenant's authority.
   */
  homeTenantId?: string;
}

/**
 * A tenant's name for people: the domain of the account used to sign in to it. A customer tenant has no such
 * name (the user name is of the home tenant): its id, unless the name it was added by is known.
 */
export function tenantLabel(account: Account, knownLabel?: string): string {
  if (account.homeTenantId) return knownLabel ?? account.tenantId;
  const domain = account.username.split('@')[1];
  return domain ?? account.tenantId;
}

/** The tenant of a home account id (`<object id>.<tenant id>`, as MSAL keeps it for Entra ID accounts). */
export function homeTenantOf(homeAccountId: string): string | undefined {
  const [, tenantId] = homeAccountId.split('.');
  return tenantId || undefined;
}
