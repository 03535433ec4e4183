/**
 * The demo directory: two tenants, one admin each. Ids are fixed GUIDs so the app can key its
 * stored history by tenant id across emulator restarts.
 */

/** @typedef {{ id: string, name: string, domain: string }} Tenant */
/** @typedef {{ oid: string, tenantId: string, name: string, username: string }} Account */

export const CONTOSO_TENANT_ID = '3d0c6b6e-7a1f-4c3e-9d2a-5f1b8c4e0a11';
export const FABRIKAM_TENANT_ID = '8f2e9a47-1b6c-4d5e-a3f0-7c9d2e6b1f22';

/** @type {Readonly<Tenant>} */
export const CONTOSO = Object.freeze({ id: CONTOSO_TENANT_ID, name: 'Contoso', domain: 'contoso.example' });
/** @type {Readonly<Tenant>} */
export const FABRIKAM = Object.freeze({ id: FABRIKAM_TENANT_ID, name: 'Fabrikam', domain: 'fabrikam.example' });

/** @type {readonly Readonly<Tenant>[]} */
export const TENANTS = Object.freeze([CONTOSO, FABRIKAM]);

/**
 * Contoso's admin: the user the demo and the tests sign in as unless they name another.
 * @type {Readonly<Account>}
 */
export const AVERY_ADMIN = Object.freeze({
  oid: 'a7e1c2d3-4b5a-4c6d-8e7f-9a0b1c2d3e01',
  tenantId: CONTOSO_TENANT_ID,
  name: 'Avery Admin',
  username: 'avery@contoso.example',
});

/** @type {Readonly<Account>} */
export const FABIAN_OPS = Object.freeze({
  oid: 'fb1a2b3c-4d5e-4f60-9a1b-2c3d4e5f6a02',
  tenantId: FABRIKAM_TENANT_ID,
  name: 'Fabian Ops',
  username: 'fabian@fabrikam.example',
});

/** @type {readonly Readonly<Account>[]} */
export const ACCOUNTS = Object.freeze([AVERY_ADMIN, FABIAN_OPS]);

/** The tenant the control surface means when a request names none. */
export const DEFAULT_TENANT_ID = CONTOSO_TENANT_ID;

/** @param {string} tenantId */
export function findTenant(tenantId) {
  return TENANTS.find((tenant) => tenant.id === tenantId);
}

/** @param {string} oid */
export function findAccount(oid) {
  return ACCOUNTS.find((account) => account.oid === oid);
}

/**
 * Matches a login_hint the way Entra does for these purposes: by user name, case-insensitively.
 * @param {string} loginHint
 */
export function findAccountByUsername(loginHint) {
  const wanted = loginHint.trim().toLowerCase();
  return ACCOUNTS.find((account) => account.username === wanted);
}

/**
 * The accounts that may sign in through an authority's tenant segment: all of them for
 * `organizations`/`common`, only the tenant's own for a tenant id or domain.
 * @param {string} tenantSegment
 * @returns {Account[]}
 */
export function accountsForAuthority(tenantSegment) {
  const segment = tenantSegment.toLowerCase();
  const tenant = TENANTS.find((t) => t.id === segment || t.domain === segment);
  return ACCOUNTS.filter((account) => !tenant || account.tenantId === tenant.id);
}

/** @param {Account} account */
export function accountLabel(account) {
  return `${account.name} — ${account.username} (${findTenant(account.tenantId)?.name ?? 'Unknown tenant'})`;
}
