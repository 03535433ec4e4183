/**
 * Turning a requested scope string into the audience and `scp` of an access token, and checking it
 * against what a tenant's administrator consented to, as Entra does.
 */
import { ACCEPTED_AUDIENCES } from './defender-auth.mjs';
import { isGraphResource } from './graph-auth.mjs';

const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);

/** Microsoft Graph's app id: Entra's audience when only OpenID scopes are asked for. */
const GRAPH_AUDIENCE = '00000003-0000-0000-c000-000000000000';

/** @param {string | undefined} scope */
export function splitScopes(scope) {
  return (scope ?? '').split(/\s+/).filter(Boolean);
}

/**
 * The resource-qualified scopes of a request, split at the last slash:
 * `https://api.securitycenter.microsoft.com/Score.Read` → resource `https://api.securitycenter.microsoft.com`, name `Score.Read`.
 * @param {string | undefined} scope
 */
function resourceScopes(scope) {
  return splitScopes(scope)
    .filter((s) => !OIDC_SCOPES.has(s.toLowerCase()) && s.lastIndexOf('/') > 0)
    .map((s) => ({ resource: s.slice(0, s.lastIndexOf('/')), name: s.slice(s.lastIndexOf('/') + 1) }));
}

/**
 * The Defender API (any of its identifier URIs) and Microsoft Graph are the resources whose permissions need a
 * tenant's consent here; the emulator treats every other resource as consented.
 * @param {string} resource
 */
function isDefenderResource(resource) {
  return ACCEPTED_AUDIENCES.includes(resource.toLowerCase());
}

/** Graph permissions a user may always consent to for themselves, as in a default Entra tenant. */
const GRAPH_USER_CONSENTABLE = ['User.Read', 'openid', 'profile', 'email', 'offline_access'];

/**
 * What a tenant's administrator consented to, by the resource a scope is for.
 * @typedef {{ defender: readonly string[], graph: readonly string[] }} TenantConsent
 */

/**
 * @param {string} resource
 * @param {TenantConsent} consent
 * @returns {readonly string[] | undefined} undefined for a resource that needs no consent here
 */
function consentFor(resource, consent) {
  if (isDefenderResource(resource)) return consent.defender;
  if (isGraphResource(resource)) return [...GRAPH_USER_CONSENTABLE, ...consent.graph];
  return undefined;
}

/**
 * A permission name as the tenant consented to it (names compare case-insensitively, as in Entra).
 * @param {string} name
 * @param {readonly string[]} consented
 */
function consentedName(name, consented) {
  return consented.find((permission) => permission.toLowerCase() === name.toLowerCase());
}

/**
 * The Defender and Graph permissions a request asks for that the tenant has not consented to; a Defender
 * `.default` is missing when the tenant has consented to none at all. Empty when the request may go ahead.
 * @param {string | undefined} scope
 * @param {readonly string[]} consented the tenant's consented Defender permission names
 * @param {readonly string[]} [graphConsented] the tenant's consented Microsoft Graph permission names
 * @returns {string[]}
 */
export function unconsentedPermissions(scope, consented, graphConsented = []) {
  const consent = { defender: consented, graph: graphConsented };
  const missing = resourceScopes(scope)
    .map(({ resource, name }) => ({ name, granted: consentFor(resource, consent), graph: isGraphResource(resource) }))
    .filter(({ granted }) => granted !== undefined)
    .filter(({ name, granted = [], graph }) => (name === '.default' ? !graph && granted.length === 0 : !consentedName(name, granted)))
    .map(({ name }) => name);
  return [...new Set(missing)];
}

/**
 * The first resource-qualified scope decides the audience (a token has one audience); `scp` holds the
 * permission names asked for of that resource, `.default` standing for everything the tenant consented to.
 * @param {string} scope
 * @param {readonly string[]} [consented] the tenant's consented Defender permission names
 * @param {readonly string[]} [graphConsented] the tenant's consented Microsoft Graph permission names
 * @returns {{ audience: string, scp: string }}
 */
export function accessTokenGrant(scope, consented = [], graphConsented = []) {
  const requested = resourceScopes(scope);
  const first = requested[0];
  if (!first) return { audience: GRAPH_AUDIENCE, scp: ['User.Read', ...splitScopes(scope)].join(' ') };

  const audience = first.resource;
  const granted = consentFor(audience, { defender: consented, graph: graphConsented });
  const names = requested
    .filter(({ resource }) => resource === audience)
    .flatMap(({ name }) => {
      if (name === '.default') return granted ? (isGraphResource(audience) ? ['User.Read', ...graphConsented] : [...granted]) : ['user_impersonation'];
      return [(granted && consentedName(name, granted)) || name];
    });
  return { audience, scp: [...new Set(names)].join(' ') };
}
