/** Routes for the Entra-shaped authority: everything under `/{tenant}/…`. */
import { isRegisteredRedirectUri, redirectUriMismatch } from './app-registration.mjs';
import { DISCOVERY_CORS, answerPreflight, applyCors } from './cors.mjs';
import { handleAuthorize } from './entra-authorize.mjs';
import { openIdConfiguration } from './entra-metadata.mjs';
import { handleToken } from './entra-token.mjs';
import { redirect, sendHtml, sendJson } from './http-utils.mjs';
import { endSession } from './sessions.mjs';
import { messagePage } from './sign-in-page.mjs';

/** `organizations`, `common`, `consumers`, a tenant GUID or a domain name. */
const TENANT_SEGMENT = '([A-Za-z0-9][A-Za-z0-9.-]*)';
const ROUTES = /** @type {const} */ ([
  ['metadata', new RegExp(`^/${TENANT_SEGMENT}/v2\\.0/\\.well-known/openid-configuration$`)],
  ['authorize', new RegExp(`^/${TENANT_SEGMENT}/oauth2/v2\\.0/authorize$`)],
  ['token', new RegExp(`^/${TENANT_SEGMENT}/oauth2/v2\\.0/token$`)],
  ['keys', new RegExp(`^/${TENANT_SEGMENT}/discovery/v2\\.0/keys$`)],
  ['logout', new RegExp(`^/${TENANT_SEGMENT}/oauth2/v2\\.0/logout$`)],
]);

/**
 * @typedef {object} EntraContext
 * @property {import('./state.mjs').EmulatorState} state
 * @property {import('./tokens.mjs').JwtSigner} signer
 * @property {Set<() => void>} pendingWaits
 * @property {string} baseUrl
 */

/**
 * Answers the request if it is for the authority; returns false when the path is not one of its.
 * @param {EntraContext} context
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 * @returns {Promise<boolean>}
 */
export async function handleEntra(context, req, res, url) {
  for (const [name, pattern] of ROUTES) {
    const match = pattern.exec(url.pathname);
    if (!match) continue;
    const tenant = /** @type {string} */ (match[1]);
    switch (name) {
      case 'metadata':
        answerDiscovery(req, res, () => openIdConfiguration(context.baseUrl, tenant));
        return true;
      case 'keys':
        answerDiscovery(req, res, () => context.signer.jwks());
        return true;
      case 'authorize':
        if (!['GET', 'POST'].includes(req.method ?? '')) return methodNotAllowed(res, 'GET, POST');
        await handleAuthorize(context, req, res, tenant, url);
        return true;
      case 'token':
        await handleToken(context, req, res, url);
        return true;
      case 'logout':
        answerLogout(context, req, res, url);
        return true;
    }
  }
  return false;
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {() => unknown} body
 */
function answerDiscovery(req, res, body) {
  if (req.method === 'OPTIONS') return answerPreflight(req, res, DISCOVERY_CORS);
  applyCors(req, res, DISCOVERY_CORS);
  if (req.method !== 'GET') return methodNotAllowed(res, 'GET');
  sendJson(res, 200, body());
}

/**
 * Ends the account's emulator session and goes back to the app, as Entra's end_session_endpoint does.
 * @param {EntraContext} context
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 */
function answerLogout({ state }, req, res, url) {
  // With MSAL's logout_hint (the id token's login_hint claim) only that account signs out, as with Entra.
  const cookie = endSession(state, req, url.searchParams.get('logout_hint') ?? undefined);
  /** @type {Record<string, string>} */
  const clearCookie = cookie ? { 'Set-Cookie': cookie } : {};
  const back = url.searchParams.get('post_logout_redirect_uri');
  if (back && !isRegisteredRedirectUri(back)) {
    // Signed out all the same, but an unregistered address is never followed.
    const message = redirectUriMismatch(back, url.searchParams.get('client_id') ?? undefined);
    return sendHtml(res, 400, messagePage('Sorry, but we’re having trouble signing you out.', message), clearCookie);
  }
  if (back) {
    const stateParam = url.searchParams.get('state');
    const location = stateParam ? `${back}${back.includes('?') ? '&' : '?'}${new URLSearchParams({ state: stateParam })}` : back;
    return redirect(res, location, clearCookie);
  }
  sendHtml(res, 200, messagePage('You signed out of your account', 'It’s a good idea to close all browser windows.'), clearCookie);
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {string} allow
 */
function methodNotAllowed(res, allow) {
  sendJson(res, 405, { error: 'method_not_allowed', error_description: `Use ${allow}.` }, { Allow: allow });
  return true;
}
