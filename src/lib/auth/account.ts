/** The signed-in account, as the app shows it. Nothing secret. */
export interface Account {
  homeAccountId: string;
  tenantId: string;
  name: string;
  username: string;
}

/** A tenant's name for people: the domain of the account used to sign in to it. */
export function tenantLabel(account: Account): string {
  const domain = account.username.split('@')[1];
  return domain ?? account.tenantId;
}
