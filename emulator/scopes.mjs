/** Turning a requested scope string into the audience and `scp` of an access token, as Entra does. */

const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);

/** Microsoft Graph's app id: Entra's audience when only OpenID scopes are asked for. */
const GRAPH_AUDIENCE = '00000003-0000-0000-c000-000000000000';

/** What `.default` expands to, per resource: the permissions an admin consented to. */
/** @type {Record<string, string[]>} */
const CONSENTED_PERMISSIONS = {
  'https://api.securitycenter.microsoft.com': ['Score.Read'],
  'https://api-gcc.securitycenter.microsoft.us': ['Score.Read'],
  'https://api-gov.securitycenter.microsoft.us': ['Score.Read'],
};

/** @param {string | undefined} scope */
export function splitScopes(scope) {
  return (scope ?? '').split(/\s+/).filter(Boolean);
}

/**
 * The first resource-qualified scope decides the audience (a token has one audience);
 * `https://api.securitycenter.microsoft.com/Score.Read` → aud `https://api.securitycenter.microsoft.com`, scp `Score.Read`.
 * @param {string} scope
 * @returns {{ audience: string, scp: string }}
 */
export function accessTokenGrant(scope) {
  const scopes = splitScopes(scope);
  const resourceScopes = scopes.filter((s) => !OIDC_SCOPES.has(s.toLowerCase()) && s.lastIndexOf('/') > 0);
  const first = resourceScopes[0];
  if (!first) return { audience: GRAPH_AUDIENCE, scp: ['User.Read', ...scopes].join(' ') };

  const audience = first.slice(0, first.lastIndexOf('/'));
  const names = resourceScopes
    .filter((s) => s.slice(0, s.lastIndexOf('/')) === audience)
    .flatMap((s) => {
      const name = s.slice(s.lastIndexOf('/') + 1);
      return name === '.default' ? (CONSENTED_PERMISSIONS[audience] ?? ['user_impersonation']) : [name];
    });
  return { audience, scp: [...new Set(names)].join(' ') };
}
