/** Checks the bearer token on a Microsoft Graph call: signature, expiry, Graph's audience, one of the permissions. */

/** Graph's identifiers: a token for Graph names it by URI or by its app id. */
export const GRAPH_AUDIENCES = ['https://graph.microsoft.com', '00000003-0000-0000-c000-000000000000', 'https://graph.microsoft.us', 'https://dod-graph.microsoft.us'];

/**
 * @typedef {{ ok: true, oid: string, tenantId: string } | { ok: false, status: 401 | 403, code: string, message: string }} GraphTokenCheck
 */

/**
 * @param {string | undefined} authorization
 * @param {import('./tokens.mjs').JwtSigner} signer
 * @param {readonly string[]} permissions any one of them is enough
 * @param {number} [nowSeconds]
 * @returns {GraphTokenCheck}
 */
export function checkGraphToken(authorization, signer, permissions, nowSeconds = Math.floor(Date.now() / 1000)) {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return unauthenticated('no bearer token in the Authorization header');
  const verified = signer.verify(/** @type {string} */ (match[1]));
  if (!verified.ok) return unauthenticated(verified.reason);
  const { claims } = verified;
  if (typeof claims.exp !== 'number' || nowSeconds >= claims.exp) return unauthenticated('the token has expired');
  if (typeof claims.aud !== 'string' || !GRAPH_AUDIENCES.includes(claims.aud)) return unauthenticated(`the token's audience ${JSON.stringify(claims.aud)} is not Microsoft Graph`);
  if (typeof claims.oid !== 'string' || typeof claims.tid !== 'string') return unauthenticated('the token names no user');
  const scopes = typeof claims.scp === 'string' ? claims.scp.split(' ') : [];
  if (!permissions.some((permission) => scopes.includes(permission))) {
    return { ok: false, status: 403, code: 'accessDenied', message: `Either scp or roles claim need to be present in the token with one of: ${permissions.join(', ')}.` };
  }
  return { ok: true, oid: claims.oid, tenantId: claims.tid };
}

/** @param {string} reason */
function unauthenticated(reason) {
  return /** @type {const} */ ({ ok: false, status: 401, code: 'InvalidAuthenticationToken', message: `Access token validation failure: ${reason}.` });
}
