/**
 * `/{tenant}/oauth2/v2.0/token`: redeems authorization codes (with PKCE) and refresh tokens
 * the way Entra ID does for a single-page app, and issues signed tokens.
 */
import { createHash, randomBytes } from 'node:crypto';
import { findAccount, hasAccess, loginHintClaim, resolveTenant } from './accounts.mjs';
import { TOKEN_CORS, answerPreflight, applyCors } from './cors.mjs';
import { consentRequiredDescription, describeError, noAccessDescription, tenantNotFoundDescription, tokenErrorBody, tokenErrorForStatus } from './entra-errors.mjs';
import { playFault } from './fault-answer.mjs';
import { takeFault } from './fault-queue.mjs';
import { newId, parseForm, readBody, sendJson } from './http-utils.mjs';
import { accessTokenGrant, unconsentedPermissions } from './scopes.mjs';
import { appendLog, consentedPermissions, graphConsentedPermissions } from './state.mjs';
import { base64url, base64urlJson, epochSeconds } from './tokens.mjs';

/** @typedef {import('./state.mjs').EmulatorState} EmulatorState */
/** @typedef {{ state: EmulatorState, signer: import('./tokens.mjs').JwtSigner, pendingWaits: Set<() => void>, baseUrl: string }} TokenContext */
/** @typedef {{ error: string, description: string, suberror?: string }} GrantError */
/** @typedef {{ account: import('./accounts.mjs').Account, tenantId: string, clientId: string, scope: string, nonce?: string, refreshExpiresAt: number }} Grant */

export const SPA_REFRESH_EXPIRED_DESCRIPTION =
  'AADSTS700084: The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended.';

/** The id_token outlives nothing in MSAL's eyes; an hour like Entra's. */
const ID_TOKEN_LIFETIME_SECONDS = 3600;

/** @type {Omit<import('./fault-answer.mjs').FaultAnswer, 'defaultBody'>} */
const TOKEN_FAULT_SHAPE = {
  defaultHeaders: (status) => (status === 429 || status === 503 ? { 'Retry-After': '30' } : /** @type {Record<string, string>} */ ({})),
  malformedBody: '{"token_type":"Bearer","scope":"',
};

/**
 * @param {TokenContext} context
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 */
export async function handleToken(context, req, res, url) {
  if (req.method === 'OPTIONS') return answerPreflight(req, res, TOKEN_CORS);
  applyCors(req, res, TOKEN_CORS);
  const { state } = context;

  const form = req.method === 'POST' ? parseForm(await readBody(req)) : {};
  const correlationId = url.searchParams.get('client-request-id') ?? form['client-request-id'] ?? undefined;
  const grantType = form.grant_type ?? '';
  /** @param {number} status @param {string} [error] @param {string} [suberror] */
  const log = (status, error, suberror) =>
    appendLog(state.log.token, { grantType, status, at: new Date().toISOString(), ...(error ? { error } : {}), ...(suberror ? { suberror } : {}) });
  /** @param {number} status @param {GrantError} failure */
  const fail = (status, { error, description, suberror }) => {
    sendJson(res, status, tokenErrorBody(error, description, correlationId, suberror));
    log(status, error, suberror);
  };

  if (req.method !== 'POST') {
    return fail(405, { error: 'invalid_request', description: `AADSTS900561: The endpoint only accepts POST requests. Received a ${req.method} request.` });
  }

  const tenantSegment = /^\/([^/]+)\//.exec(url.pathname)?.[1] ?? 'organizations';
  const namedTenant = resolveTenant(tenantSegment);
  const fault = takeFault(state, 'token', namedTenant.kind === 'tenant' ? namedTenant.tenant.id : null);
  if (fault) {
    const defaultBody = (/** @type {import('./state.mjs').Fault} */ f, /** @type {number} */ status) => {
      const error = f.error ?? tokenErrorForStatus(status);
      return tokenErrorBody(error, f.errorDescription ?? describeError(error), correlationId);
    };
    const played = await playFault(req, res, fault, { ...TOKEN_FAULT_SHAPE, defaultBody }, context.pendingWaits);
    if (played.answered) return log(played.status, fault.error);
  }

  if (!form.client_id) return fail(400, missingParameter('client_id'));
  const outcome =
    grantType === 'authorization_code' ? redeemCode(state, form)
    : grantType === 'refresh_token' ? redeemRefreshToken(state, form, tenantSegment)
    : { error: 'unsupported_grant_type', description: describeError('unsupported_grant_type') };
  if ('error' in outcome) return fail(400, outcome);
  // Any grant may ask for other permissions of a resource than the sign-in did, but only ones the tenant consented to.
  if (unconsentedPermissions(outcome.scope, consentedPermissions(state, outcome.tenantId), graphConsentedPermissions(state, outcome.tenantId)).length > 0) {
    return fail(400, { error: 'invalid_grant', suberror: 'consent_required', description: consentRequiredDescription(form.client_id) });
  }

  sendJson(res, 200, issueTokens(context, outcome), { 'x-ms-request-id': newId(), ...(correlationId ? { 'client-request-id': correlationId } : {}) });
  log(200);
}

/** @param {string} name @returns {GrantError} */
function missingParameter(name) {
  return { error: 'invalid_request', description: `AADSTS900144: The request body must contain the following parameter: '${name}'.` };
}

/**
 * @param {EmulatorState} state
 * @param {Record<string, string>} form
 * @returns {Grant | GrantError}
 */
function redeemCode(state, form) {
  if (!form.code) return missingParameter('code');
  const issued = state.authCodes.get(form.code);
  if (!issued) return { error: 'invalid_grant', description: "AADSTS70000: The provided value for the 'code' parameter is not valid." };
  if (issued.used) {
    return { error: 'invalid_grant', description: 'AADSTS54005: OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.' };
  }
  if (Date.now() >= issued.expiresAt) {
    return {
      error: 'invalid_grant',
      description: 'AADSTS70008: The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
    };
  }
  if (issued.clientId !== form.client_id) return { error: 'invalid_grant', description: 'AADSTS70000: The code was issued to a different client.' };
  if (issued.redirectUri !== form.redirect_uri) {
    return { error: 'invalid_grant', description: "AADSTS70000: The provided value for 'redirect_uri' does not match the one the code was issued for." };
  }
  if (!form.code_verifier) return missingParameter('code_verifier');
  if (base64url(createHash('sha256').update(form.code_verifier).digest()) !== issued.codeChallenge) {
    return { error: 'invalid_grant', description: 'AADSTS501481: The Code_Verifier does not match the code_challenge supplied in the authorization request.' };
  }
  const account = findAccount(issued.oid);
  if (!account) return { error: 'invalid_grant', description: 'AADSTS50034: The user account does not exist in the directory.' };

  issued.used = true;
  const refreshExpiresAt = Date.now() + state.tokenSettings.refreshTokenLifetimeSeconds * 1000;
  // Echo the scope the token request asked for (MSAL keys its cache on it); fall back to the authorize scope.
  return { account, tenantId: issued.tenantId, clientId: issued.clientId, scope: form.scope ?? issued.scope, nonce: issued.nonce, refreshExpiresAt };
}

/**
 * A refresh token is the account's, not one tenant's: redeemed through a tenant's authority (by id or verified
 * domain) it gives that tenant's tokens, when the account has access there (AADSTS50020 otherwise).
 * @param {EmulatorState} state
 * @param {Record<string, string>} form
 * @param {string} tenantSegment the authority's tenant segment in the token URL
 * @returns {Grant | GrantError}
 */
function redeemRefreshToken(state, form, tenantSegment) {
  if (!form.refresh_token) return missingParameter('refresh_token');
  const grant = state.refreshTokens.get(form.refresh_token);
  if (!grant) return { error: 'invalid_grant', description: 'AADSTS70000: Provided grant is invalid or malformed.' };
  if (grant.clientId !== form.client_id) return { error: 'invalid_grant', description: 'AADSTS70000: The refresh token was issued to a different client.' };
  if (Date.now() >= grant.expiresAt) return { error: 'invalid_grant', description: SPA_REFRESH_EXPIRED_DESCRIPTION };
  const account = findAccount(grant.oid);
  if (!account) return { error: 'invalid_grant', description: 'AADSTS50034: The user account does not exist in the directory.' };
  const resolved = resolveTenant(tenantSegment);
  if (resolved.kind === 'unknown') return { error: 'invalid_request', description: tenantNotFoundDescription(resolved.segment) };
  const tenantId = resolved.kind === 'tenant' ? resolved.tenant.id : (grant.tenantId ?? account.tenantId);
  if (resolved.kind === 'tenant' && !hasAccess(account, tenantId)) {
    return { error: 'invalid_grant', description: noAccessDescription(account, resolved.tenant, grant.clientId) };
  }
  // A SPA refresh token's lifetime is fixed at first sign-in: the rotated one inherits its expiry.
  return { account, tenantId, clientId: grant.clientId, scope: form.scope ?? grant.scope, refreshExpiresAt: grant.expiresAt };
}

/**
 * The success body: signed access and id tokens, a new refresh token, client_info.
 * @param {TokenContext} context
 * @param {Grant} grant
 */
function issueTokens({ state, signer, baseUrl }, { account, tenantId, clientId, scope, nonce, refreshExpiresAt }) {
  const now = epochSeconds();
  const lifetime = state.tokenSettings.accessTokenLifetimeSeconds;
  const { audience, scp } = accessTokenGrant(scope, consentedPermissions(state, tenantId), graphConsentedPermissions(state, tenantId));
  const sub = base64url(createHash('sha256').update(`${account.oid}:${clientId}`).digest()).slice(0, 43);

  const accessToken = signer.sign({
    aud: audience,
    iss: `https://sts.windows.net/${tenantId}/`,
    iat: now,
    nbf: now,
    exp: now + lifetime,
    appid: clientId,
    appidacr: '0',
    name: account.name,
    oid: account.oid,
    scp,
    sub,
    tid: tenantId,
    unique_name: account.username,
    upn: account.username,
    uti: randomBytes(16).toString('base64url'),
    ver: '1.0',
  });
  const idToken = signer.sign({
    aud: clientId,
    iss: `${baseUrl}/${tenantId}/v2.0`,
    iat: now,
    nbf: now,
    exp: now + ID_TOKEN_LIFETIME_SECONDS,
    name: account.name,
    ...(nonce !== undefined ? { nonce } : {}),
    oid: account.oid,
    login_hint: loginHintClaim(account),
    preferred_username: account.username,
    sub,
    tid: tenantId,
    ver: '2.0',
  });
  const refreshToken = randomBytes(48).toString('base64url');
  state.refreshTokens.set(refreshToken, { clientId, oid: account.oid, tenantId, scope, expiresAt: refreshExpiresAt });
  appendLog(state.issuedTokens.access, accessToken);
  appendLog(state.issuedTokens.refresh, refreshToken);
  appendLog(state.issuedTokens.id, idToken);

  return {
    token_type: 'Bearer',
    scope,
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: accessToken,
    refresh_token: refreshToken,
    refresh_token_expires_in: Math.max(0, Math.ceil((refreshExpiresAt - Date.now()) / 1000)),
    id_token: idToken,
    client_info: base64urlJson({ uid: account.oid, utid: account.tenantId }),
  };
}
