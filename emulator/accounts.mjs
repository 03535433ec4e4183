/**
 * The demo directory: two tenants with one admin each, and a customer tenant that Contoso's admin reaches
 * through delegated access (GDAP), with no account of its own. Ids are fixed GUIDs so the app can key its
 * stored history by tenant id across emulator restarts.
 */

import { Buffer } from 'node:buffer';

/** @typedef {{ id: string, name: string, domain: string }} Tenant */
/** @typedef {{ oid: string, tenantId: string, name: string, username: string }} Account */

export const CONTOSO_TENANT_ID = '3d0c6b6e-7a1f-4c3e-9d2a-5f1b8c4e0a11';
export const FABRIKAM_TENANT_ID = '8f2e9a47-1b6c-4d5e-a3f0-7c9d2e6b1f22';
export const NORTHWIND_TENANT_ID = 'c4a1d2e3-5b6f-4a7c-8d9e-0f1a2b3c4d33';

/** @type {Readonly<Tenant>} */
export const CONTOSO = Object.freeze({ id: CONTOSO_TENANT_ID, name: 'Contoso', domain: 'contoso.example' });
/** @type {Readonly<Tenant>} */
export const FABRIKAM = Object.freeze({ id: FABRIKAM_TENANT_ID, name: 'Fabrikam', domain: 'fabrikam.example' });

/** A customer of Contoso's: Avery Admin reads it through a GDAP relationship. */
/** @type {Readonly<Tenant>} */
export const NORTHWIND = Object.freeze({ id: NORTHWIND_TENANT_ID, name: 'Northwind', domain: 'northwind.example' });

/** @type {readonly Readonly<Tenant>[]} */
export const TENANTS = Object.freeze([CONTOSO, FABRIKAM, NORTHWIND]);

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

/**
 * Tenants an account reaches besides its home tenant (GDAP relationships or guest accounts), by oid.
 * Avery has none in Fabrikam: a token for Fabrikam is refused with AADSTS50020.
 * @type {Readonly<Record<string, readonly string[]>>}
 */
export const DELEGATED_ACCESS = Object.freeze({ [AVERY_ADMIN.oid]: Object.freeze([NORTHWIND_TENANT_ID]) });

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

/** Authority segments that name no tenant: the account's home tenant answers. */
const MULTI_TENANT_SEGMENTS = new Set(['organizations', 'common', 'consumers']);

/**
 * What an authority's tenant segment names: any tenant (`organizations`/`common`), a known tenant (by id or
 * verified domain, case-insensitively), or one Entra does not know (AADSTS90002).
 * @param {string} tenantSegment
 * @returns {{ kind: 'any' } | { kind: 'tenant', tenant: Readonly<Tenant> } | { kind: 'unknown', segment: string }}
 */
export function resolveTenant(tenantSegment) {
  const segment = tenantSegment.toLowerCase();
  if (MULTI_TENANT_SEGMENTS.has(segment)) return { kind: 'any' };
  const tenant = TENANTS.find((t) => t.id === segment || t.domain === segment);
  return tenant ? { kind: 'tenant', tenant } : { kind: 'unknown', segment: tenantSegment };
}

/**
 * Whether an account may get tokens in a tenant: its home tenant, or one it has delegated access to.
 * @param {Account} account
 * @param {string} tenantId
 */
export function hasAccess(account, tenantId) {
  return account.tenantId === tenantId || (DELEGATED_ACCESS[account.oid] ?? []).includes(tenantId);
}

/**
 * The accounts that may sign in through an authority's tenant segment: all of them for
 * `organizations`/`common`, for a tenant id or domain those with access to it.
 * @param {string} tenantSegment
 * @returns {Account[]}
 */
export function accountsForAuthority(tenantSegment) {
  const resolved = resolveTenant(tenantSegment);
  if (resolved.kind === 'unknown') return [];
  return ACCOUNTS.filter((account) => resolved.kind === 'any' || hasAccess(account, resolved.tenant.id));
}

/**
 * The tenant a sign-in through this authority gives tokens for: the named one, or the account's home tenant.
 * @param {string} tenantSegment
 * @param {Account} account
 */
export function tokenTenantId(tenantSegment, account) {
  const resolved = resolveTenant(tenantSegment);
  return resolved.kind === 'tenant' ? resolved.tenant.id : account.tenantId;
}

/**
 * The `login_hint` claim of an account's id tokens (opaque to apps, like Entra's): MSAL sends it back as
 * `logout_hint`, so sign-out ends this account's session and no other.
 * @param {Account} account
 */
export function loginHintClaim(account) {
  return Buffer.from(`emu-login-hint:${account.oid}`).toString('base64url');
}

/** @param {string} hint */
export function findAccountByLoginHintClaim(hint) {
  return ACCOUNTS.find((account) => loginHintClaim(account) === hint);
}

/** @param {Account} account */
export function accountLabel(account) {
  return `${account.name} — ${account.username} (${findTenant(account.tenantId)?.name ?? 'Unknown tenant'})`;
}
