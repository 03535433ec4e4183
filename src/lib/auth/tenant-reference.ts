import { isGuid } from '../util/guid';
import { err, ok, type Result } from '../util/result';

/** How a person names a customer tenant: its id, or one of its verified domains. Both are valid in an authority's path. */
export type TenantReference = { kind: 'id'; tenantId: string } | { kind: 'domain'; domain: string };

/** Why a typed tenant was not taken, each with the fix in plain words. */
export type TenantReferenceProblem = 'empty' | 'not-a-tenant' | 'an-address' | 'a-link' | 'too-long' | 'not-a-domain';

const SEGMENTS_THAT_NAME_NO_TENANT = new Set(['organizations', 'common', 'consumers']);
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * Reads what a person typed as a tenant: a tenant id (a GUID, kept in lower case) or a verified domain such as
 * `contoso.onmicrosoft.com` (lower case, an internationalised name only in its `xn--` form). Surrounding spaces and
 * a trailing dot are ignored; anything else is refused with the reason.
 */
export function parseTenantReference(text: string): Result<TenantReference, TenantReferenceProblem> {
  const typed = text.trim().replace(/\.$/, '').toLowerCase();
  if (typed === '') return err('empty');
  if (isGuid(typed)) return ok({ kind: 'id', tenantId: typed });
  if (SEGMENTS_THAT_NAME_NO_TENANT.has(typed)) return err('not-a-tenant');
  if (typed.includes('@')) return err('an-address');
  if (/[/:?#\s]/.test(typed)) return err('a-link');
  if (typed.length > 253) return err('too-long');
  const labels = typed.split('.');
  const topLevel = labels.at(-1) ?? '';
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label)) || !TOP_LEVEL.test(topLevel)) return err('not-a-domain');
  return ok({ kind: 'domain', domain: typed });
}

/** The tenant segment of an authority for a reference: the id, or the domain. */
export function tenantSegment(reference: TenantReference): string {
  return reference.kind === 'id' ? reference.tenantId : reference.domain;
}

/** What a problem means, and what to type instead. */
export function tenantReferenceProblemText(problem: TenantReferenceProblem): string {
  switch (problem) {
    case 'empty':
      return 'Type the tenant’s ID or one of its verified domains.';
    case 'not-a-tenant':
      return 'That word stands for any organisation, not one tenant. Type the tenant’s ID or one of its verified domains.';
    case 'an-address':
      return 'That is an email address. Type only the domain after the @, e.g. northwind.onmicrosoft.com.';
    case 'a-link':
      return 'Type the tenant’s ID or domain alone, without https:// or a path.';
    case 'too-long':
      return 'That is longer than any domain can be. Type the tenant’s ID or one of its verified domains.';
    case 'not-a-domain':
      return 'That is neither a tenant ID (8-4-4-4-12 hexadecimal digits) nor a domain such as northwind.onmicrosoft.com.';
  }
}

/**
 * The configured authority with its tenant segment replaced: `https://login.microsoftonline.com/organizations` and
 * `northwind.example` give `https://login.microsoftonline.com/northwind.example`. Only the first path segment changes;
 * the host (and so the cloud) stays the configured one.
 */
export function authorityForTenant(configuredAuthority: string, tenant: string): string {
  const url = new URL(configuredAuthority);
  const rest = url.pathname.split('/').filter(Boolean).slice(1);
  url.pathname = `/${[encodeURIComponent(tenant), ...rest].join('/')}`;
  url.search = '';
  url.hash = '';
  return url.href;
}
