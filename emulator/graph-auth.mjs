/** Checks the bearer token on a Microsoft Graph call for real: signature, expiry, a Graph audience, the scope. */
import { graphError } from './graph-bodies.mjs';

/** Graph's identifier URIs in each cloud, and its app id, which Entra also puts in `aud`. */
export const GRAPH_AUDIENCES = ['https://graph.microsoft.com', 'https://graph.microsoft.us', 'https://dod-graph.microsoft.us', '00000003-0000-0000-c000-000000000000'];

/** @param {string} resource */
export function isGraphResource(resource) {
  return GRAPH_AUDIENCES.includes(resource.toLowerCase().replace(/\/+$/, ''));
}

/**
 * @typedef {{ ok: true, tenantId: string, claims: Record<string, unknown> }
 *   | { ok: false, status: 401 | 403, body: unknown, tenantId: string | null }} GraphTokenCheck
 */

/**
 * @param {string | undefined} authorization the request's Authorization header
 * @param {import('./tokens.mjs').JwtSigner} signer
 * @param {readonly string[]} permissions the delegated permissions of which the token's `scp` must carry one
 * @param {number} [nowSeconds]
 * @returns {GraphTokenCheck}
 */
export function checkGraphToken(authorization, signer, permissions, nowSeconds = Math.floor(Date.now() / 1000)) {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return invalidToken('Access token is empty.', null);
  const verified = signer.verify(/** @type {string} */ (match[1]));
  if (!verified.ok) return invalidToken('Access token validation failure.', null);

  const { claims } = verified;
  const tenantId = typeof claims.tid === 'string' ? claims.tid : null;
  if (typeof claims.exp !== 'number' || nowSeconds >= claims.exp) return invalidToken('Lifetime validation failed, the token is expired.', tenantId);
  if (typeof claims.aud !== 'string' || !isGraphResource(claims.aud)) return invalidToken('Access token validation failure. Invalid audience.', tenantId);
  if (!tenantId) return invalidToken('Access token validation failure.', null);

  const scopes = typeof claims.scp === 'string' ? claims.scp.split(' ').map((s) => s.toLowerCase()) : [];
  if (!permissions.some((permission) => scopes.includes(permission.toLowerCase()))) {
    const body = graphError('Authorization_RequestDenied', `Insufficient privileges to complete the operation. Missing scope permissions on the request: one of ${permissions.join(', ')}.`);
    return { ok: false, status: 403, body, tenantId };
  }
  return { ok: true, tenantId, claims };
}

/** @param {string} message @param {string | null} tenantId @returns {GraphTokenCheck} */
function invalidToken(message, tenantId) {
  return { ok: false, status: 401, body: graphError('InvalidAuthenticationToken', message), tenantId };
}
