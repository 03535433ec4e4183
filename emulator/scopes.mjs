/**
 * Turning a requested scope string into the audience and `scp` of an access token, and checking it
 * against what a tenant's administrator consented to, as Entra does.
 */
import { ACCEPTED_AUDIENCES } from './defender-auth.mjs';

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
 * The Defender API (any of its identifier URIs) is the resource whose permissions need a tenant's consent here;
 * the emulator treats every other resource as consented.
 * @param {string} resource
 */
function isDefenderResource(resource) {
  return ACCEPTED_AUDIENCES.includes(resource.toLowerCase());
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
 * The Defender permissions a request asks for that the tenant has not consented to; `.default` is
 * missing when the tenant has consented to none at all. Empty when the request may go ahead.
 * @param {string | undefined} scope
 * @param {readonly string[]} consented the tenant's consented Defender permission names
 * @returns {string[]}
 */
export function unconsentedPermissions(scope, consented) {
  const missing = resourceScopes(scope)
    .filter(({ resource }) => isDefenderResource(resource))
    .filter(({ name }) => (name === '.default' ? consented.length === 0 : !consentedName(name, consented)))
    .map(({ name }) => name);
  return [...new Set(missing)];
}

/**
 * The first resource-qualified scope decides the audience (a token has one audience); `scp` holds the
 * permission names asked for of that resource, `.default` standing for everything the tenant consented to.
 * @param {string} scope
 * @param {readonly string[]} [consented] the tenant's consented Defender permission names
 * @returns {{ audience: string, scp: string }}
 */
export function accessTokenGrant(scope, consented = []) {
  const requested = resourceScopes(scope);
  const first = requested[0];
  if (!first) return { audience: GRAPH_AUDIENCE, scp: ['User.Read', ...splitScopes(scope)].join(' ') };

  const audience = first.resource;
  const defender = isDefenderResource(audience);
  const names = requested
    .filter(({ resource }) => resource === audience)
    .flatMap(({ name }) => {
      if (name === '.default') return defender ? [...consented] : ['user_impersonation'];
      return [(defender && consentedName(name, consented)) || name];
    });
  return { audience, scp: [...new Set(names)].join(' ') };
}
