/**
 * RS256 JSON Web Tokens with a key pair made at start-up. A restart makes every earlier token
 * unverifiable, like a key rollover.
 */
import { createHash, generateKeyPair, sign, verify } from 'node:crypto';
import { promisify } from 'node:util';

/** @param {Buffer | string} data */
export function base64url(data) {
  return Buffer.from(data).toString('base64url');
}

/** @param {unknown} value */
export function base64urlJson(value) {
  return base64url(JSON.stringify(value));
}

/**
 * @typedef {object} JwtSigner
 * @property {(claims: Record<string, unknown>) => string} sign
 * @property {(token: string) => VerifiedJwt} verify checks the signature only; claims are the caller's business
 * @property {() => { keys: object[] }} jwks
 */

/** @typedef {{ ok: true, claims: Record<string, unknown> } | { ok: false, reason: string }} VerifiedJwt */

/**
 * Generating an RSA-2048 key takes 50–200 ms; done off the main thread so the server can listen meanwhile.
 * @returns {Promise<JwtSigner>}
 */
export async function createJwtSigner() {
  const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  const publicJwk = /** @type {{ kty: string, n: string, e: string }} */ (publicKey.export({ format: 'jwk' }));
  const kid = base64url(createHash('sha256').update(publicJwk.n).digest()).slice(0, 27);

  return {
    sign(claims) {
      const signingInput = `${base64urlJson({ typ: 'JWT', alg: 'RS256', kid })}.${base64urlJson(claims)}`;
      const signature = sign('sha256', Buffer.from(signingInput), privateKey);
      return `${signingInput}.${base64url(signature)}`;
    },

    verify(token) {
      const parts = token.split('.');
      if (parts.length !== 3) return { ok: false, reason: 'token is not a JWT' };
      const [headerPart, claimsPart, signaturePart] = /** @type {[string, string, string]} */ (parts);
      const header = decodeJsonPart(headerPart);
      const claims = decodeJsonPart(claimsPart);
      if (!header || !claims) return { ok: false, reason: 'token is malformed' };
      if (header.alg !== 'RS256') return { ok: false, reason: `token algorithm ${String(header.alg)} is not accepted` };
      if (header.kid !== kid) return { ok: false, reason: 'token was signed with an unknown key' };
      const signature = Buffer.from(signaturePart, 'base64url');
      const valid = verify('sha256', Buffer.from(`${headerPart}.${claimsPart}`), publicKey, signature);
      return valid ? { ok: true, claims } : { ok: false, reason: 'token signature is invalid' };
    },

    jwks() {
      return { keys: [{ kty: publicJwk.kty, use: 'sig', alg: 'RS256', kid, n: publicJwk.n, e: publicJwk.e }] };
    },
  };
}

/**
 * @param {string} part
 * @returns {Record<string, unknown> | undefined}
 */
function decodeJsonPart(part) {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** @param {Date} [at] */
export function epochSeconds(at = new Date()) {
  return Math.floor(at.getTime() / 1000);
}
