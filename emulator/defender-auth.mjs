/** Checks the bearer token on a Defender API call for real: signature, expiry, audience, scope. */

/** The API's identifier URIs in the commercial and government clouds. */
export const ACCEPTED_AUDIENCES = [
  'https://api.securitycenter.microsoft.com',
  'https://api-gcc.securitycenter.microsoft.us',
  'https://api-gov.securitycenter.microsoft.us',
];

/** The delegated permission the score endpoints require. */
export const SCORE_PERMISSION = 'Score.Read';
/** The delegated permission `GET /api/recommendations` requires, granted apart from the score's. */
export const RECOMMENDATIONS_PERMISSION = 'SecurityRecommendation.Read';

/**
 * @typedef {{ ok: true, tenantId: string, claims: Record<string, unknown> }
 *   | { ok: false, status: 401 | 403, code: string, message: string, tenantId: string | null }} TokenCheck
 */

/**
 * @param {string | undefined} authorization the request's Authorization header
 * @param {import('./tokens.mjs').JwtSigner} signer
 * @param {string} [requiredPermission] the delegated permission the token's `scp` must carry
 * @param {number} [nowSeconds]
 * @returns {TokenCheck}
 */
export function checkAccessToken(authorization, signer, requiredPermission = SCORE_PERMISSION, nowSeconds = Math.floor(Date.now() / 1000)) {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return unauthorized('no bearer token in the Authorization header', null);

  const verified = signer.verify(/** @type {string} */ (match[1]));
  if (!verified.ok) return unauthorized(verified.reason, null);

  const { claims } = verified;
  const tenantId = typeof claims.tid === 'string' ? claims.tid : null;
  if (typeof claims.exp !== 'number' || nowSeconds >= claims.exp) return unauthorized('token has expired', tenantId);
  if (typeof claims.nbf === 'number' && nowSeconds < claims.nbf) return unauthorized('token is not valid yet', tenantId);
  if (typeof claims.aud !== 'string' || !ACCEPTED_AUDIENCES.includes(claims.aud)) {
    return unauthorized(`token audience ${JSON.stringify(claims.aud)} is not this API`, tenantId);
  }
  if (!tenantId) return unauthorized('token has no tenant', null);

  const scopes = typeof claims.scp === 'string' ? claims.scp.split(' ') : [];
  if (!scopes.includes(requiredPermission)) {
    return {
      ok: false,
      status: 403,
      code: 'Forbidden',
      message: `Missing delegated permissions. API required scopes: ${requiredPermission}`,
      tenantId,
    };
  }
  return { ok: true, tenantId, claims };
}

/**
 * @param {string} reason
 * @param {string | null} tenantId
 * @returns {TokenCheck}
 */
function unauthorized(reason, tenantId) {
  return { ok: false, status: 401, code: 'Unauthorized', message: `Unauthorized request - reason of failure: ${reason}`, tenantId };
}
