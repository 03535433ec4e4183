/**
 * `/{tenant}/oauth2/v2.0/authorize`: checks the request like Entra does for a SPA (PKCE S256 required),
 * shows the account picker, and sends the browser back with a code or an OAuth error.
 */
import { randomBytes } from 'node:crypto';
import { isRegisteredRedirectUri, redirectUriMismatch } from './app-registration.mjs';
import { accountsForAuthority, findAccount, findAccountByLoginHintClaim, findAccountByUsername, hasAccess, resolveTenant, tokenTenantId } from './accounts.mjs';
import { consentRequiredDescription, describeError, noAccessDescription, tenantNotFoundDescription } from './entra-errors.mjs';
import { playFault } from './fault-answer.mjs';
import { takeFault } from './fault-queue.mjs';
import { parseForm, readBody, redirect, sendHtml } from './http-utils.mjs';
import { messagePage, signInPage } from './sign-in-page.mjs';
import { sessionAccount, startSession } from './sessions.mjs';
import { unconsentedPermissions } from './scopes.mjs';
import { AUTH_CODE_LIFETIME_MS, appendLog, consentedPermissions, graphConsentedPermissions } from './state.mjs';
import { base64urlJson } from './tokens.mjs';

/** @typedef {import('./state.mjs').EmulatorState} EmulatorState */
/** @typedef {{ state: EmulatorState, pendingWaits: Set<() => void> }} AuthorizeContext */
/** @typedef {(outcome: string, extra?: Partial<import('./state.mjs').AuthorizeLogEntry>) => void} AuthorizeLog */

/**
 * @typedef {object} AuthorizeRequest
 * @property {string} tenant the authority's tenant segment
 * @property {string} clientId
 * @property {string} redirectUri
 * @property {'fragment' | 'query'} responseMode
 * @property {string | undefined} state
 * @property {string | undefined} nonce
 * @property {string} scope
 * @property {string} codeChallenge
 * @property {string | undefined} prompt
 * @property {string | undefined} loginHint
 */

/**
 * @typedef {{ ok: true, request: AuthorizeRequest }
 *   | { ok: false, redirectable: false, message: string }
 *   | { ok: false, redirectable: true, back: Pick<AuthorizeRequest, 'redirectUri' | 'responseMode' | 'state'>, error: string, description: string }} ReadAuthorize
 */

/**
 * @param {string} tenant
 * @param {Record<string, string>} params
 * @returns {ReadAuthorize}
 */
export function readAuthorizeRequest(tenant, params) {
  const redirectUri = params.redirect_uri;
  if (!redirectUri) return { ok: false, redirectable: false, message: "AADSTS900144: The request body must contain the following parameter: 'redirect_uri'." };
  if (!isAbsoluteHttpUrl(redirectUri)) return { ok: false, redirectable: false, message: "AADSTS90102: 'redirect_uri' value must be a valid absolute URI." };
  // Never send anything to an address the app did not register: that would make the authority an open redirect.
  if (!isRegisteredRedirectUri(redirectUri)) return { ok: false, redirectable: false, message: redirectUriMismatch(redirectUri, params.client_id) };

  /** @type {'fragment' | 'query'} */
  const responseMode = params.response_mode === 'query' ? 'query' : 'fragment';
  const back = { redirectUri, responseMode, state: params.state };
  /** @param {string} description */
  const invalid = (description) => /** @type {const} */ ({ ok: false, redirectable: true, back, error: 'invalid_request', description });

  if (params.response_mode && !['fragment', 'query'].includes(params.response_mode)) {
    return invalid(`AADSTS900144: The emulator answers response_mode 'fragment' or 'query', not '${params.response_mode}'.`);
  }
  if (!params.client_id) return invalid("AADSTS900144: The request body must contain the following parameter: 'client_id'.");
  if (!params.response_type) return invalid("AADSTS900144: The request body must contain the following parameter: 'response_type'.");
  if (params.response_type !== 'code') return invalid(`AADSTS700054: response_type '${params.response_type}' is not enabled for the application.`);
  if (!params.code_challenge) return invalid('AADSTS9002325: Proof Key for Code Exchange is required for cross-origin authorization code redemption.');
  if (params.code_challenge_method !== 'S256') {
    return invalid(`AADSTS501491: Invalid code_challenge_method '${params.code_challenge_method ?? 'plain'}'. Single-page apps must use S256.`);
  }
  return {
    ok: true,
    request: {
      tenant,
      clientId: params.client_id,
      redirectUri,
      responseMode,
      state: params.state,
      nonce: params.nonce,
      scope: params.scope ?? 'openid profile',
      codeChallenge: params.code_challenge,
      prompt: params.prompt,
      loginHint: params.login_hint,
    },
  };
}

/** @param {string} text */
function isAbsoluteHttpUrl(text) {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The redirect_uri with the answer appended, kept byte-for-byte as the app registered it.
 * @param {Pick<AuthorizeRequest, 'redirectUri' | 'responseMode'>} back
 * @param {Record<string, string | undefined>} answer
 */
export function answerUrl(back, answer) {
  /** @type {[string, string][]} */
  const present = [];
  for (const [name, value] of Object.entries(answer)) if (value !== undefined) present.push([name, value]);
  const params = new URLSearchParams(present).toString();
  const base = back.redirectUri.split('#')[0] ?? back.redirectUri;
  if (back.responseMode === 'query') return `${base}${base.includes('?') ? '&' : '?'}${params}`;
  return `${base}#${params}`;
}

/**
 * @param {Pick<AuthorizeRequest, 'redirectUri' | 'responseMode' | 'state'>} back
 * @param {string} error
 * @param {string} description
 */
function errorUrl(back, error, description) {
  return answerUrl(back, { error, error_description: description, state: back.state });
}

/**
 * @param {AuthorizeContext} context
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} tenant
 * @param {URL} url
 */
export async function handleAuthorize({ state, pendingWaits }, req, res, tenant, url) {
  /** @param {string} outcome @param {Partial<import('./state.mjs').AuthorizeLogEntry>} [extra] */
  const log = (outcome, extra = {}) => appendLog(state.log.authorize, { at: new Date().toISOString(), outcome, ...extra });

  const isChoice = req.method === 'POST';
  // The picker posts the original parameters back as form fields; the query string may carry them too.
  const params = { ...Object.fromEntries(url.searchParams), ...(isChoice ? parseForm(await readBody(req)) : {}) };
  const read = readAuthorizeRequest(tenant, params);
  if (!read.ok) {
    if (!read.redirectable) {
      log('bad_request');
      return sendHtml(res, 400, messagePage('Sorry, but we’re having trouble signing you in.', read.message));
    }
    log('invalid_request', { error: read.error });
    return redirect(res, errorUrl(read.back, read.error, read.description));
  }
  const { request } = read;

  if (isChoice) return answerChoice(state, req, res, request, params, log);

  const resolved = resolveTenant(tenant);
  const fault = takeFault(state, 'authorize', resolved.kind === 'tenant' ? resolved.tenant.id : null);
  if (fault) {
    const played = await playFault(req, res, fault, { defaultBody: () => undefined, custom: (f) => answerFault(res, request, f) }, pendingWaits);
    if (played.answered) return log('fault', { error: fault.error ?? `status ${played.status}`, ...(request.prompt ? { prompt: request.prompt } : {}) });
  }

  if (resolved.kind === 'unknown') {
    log('tenant_not_found', { error: 'invalid_request' });
    return redirect(res, errorUrl(request, 'invalid_request', tenantNotFoundDescription(resolved.segment)));
  }
  // MSAL sends the id token's login_hint claim when it has one, else the user name.
  const hinted = request.loginHint ? (findAccountByUsername(request.loginHint) ?? findAccountByLoginHintClaim(request.loginHint)) : undefined;
  const session = sessionAccount(state, req, hinted?.oid);
  const allowed = accountsForAuthority(tenant);
  const sessionAllowed = session && allowed.some((a) => a.oid === session.account.oid);
  // The user is known (signed in, or named by the hint) but has no way into this tenant: Entra's AADSTS50020.
  const known = hinted ?? session?.account;
  if (known && resolved.kind === 'tenant' && !hasAccess(known, resolved.tenant.id) && request.prompt !== 'select_account') {
    log('no_access', { oid: known.oid, error: 'invalid_request', ...(request.prompt ? { prompt: request.prompt } : {}) });
    return redirect(res, errorUrl(request, 'invalid_request', noAccessDescription(known, resolved.tenant, request.clientId)));
  }
  const hintMatchesSession = !request.loginHint || hinted?.oid === session?.account.oid;

  if (request.prompt === 'none') {
    if (!session || !sessionAllowed) {
      log('login_required', { prompt: 'none' });
      return redirect(res, errorUrl(request, 'login_required', describeError('login_required')));
    }
    if (!hintMatchesSession) {
      log('interaction_required', { prompt: 'none' });
      const description = 'AADSTS16000: The signed-in user does not match the login_hint. Interaction is required to pick an account.';
      return redirect(res, errorUrl(request, 'interaction_required', description));
    }
    return sendCode(state, res, request, session.account, session.sessionState, (outcome, extra) => log(outcome, { ...extra, prompt: 'none' }));
  }

  // Like Entra's single sign-on: a live session for the hinted user needs no picker.
  const wantsPicker = request.prompt === 'login' || request.prompt === 'select_account';
  if (!wantsPicker && session && sessionAllowed && request.loginHint && hintMatchesSession) {
    return sendCode(state, res, request, session.account, session.sessionState, log);
  }

  log('picker');
  sendHtml(res, 200, signInPage({ action: url.pathname, params, accounts: allowed, returnsTo: originOf(request.redirectUri) }));
}

/**
 * The picker's POST: an account was chosen, or Cancel.
 * @param {EmulatorState} state
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {AuthorizeRequest} request
 * @param {Record<string, string>} params
 * @param {AuthorizeLog} log
 */
function answerChoice(state, req, res, request, params, log) {
  if (params.cancel) {
    log('cancelled', { error: 'access_denied' });
    return redirect(res, errorUrl(request, 'access_denied', describeError('access_denied')));
  }
  const account = params.account ? findAccount(params.account) : undefined;
  const allowed = accountsForAuthority(request.tenant);
  if (!account || !allowed.some((a) => a.oid === account.oid)) {
    log('unknown_account');
    const page = signInPage({
      action: `/${encodeURIComponent(request.tenant)}/oauth2/v2.0/authorize`,
      params,
      accounts: allowed,
      returnsTo: originOf(request.redirectUri),
      error: 'That account is not available here. Pick one of these.',
    });
    return sendHtml(res, 400, page);
  }
  const session = startSession(state, req, account.oid);
  sendCode(state, res, request, account, session.sessionState, log, { 'Set-Cookie': session.setCookie });
}

/**
 * Sends a code back, unless the request asks for a Defender permission the account's tenant has not
 * consented to: then `consent_required` with AADSTS65001, as Entra answers when an administrator must grant it first.
 * @param {EmulatorState} state
 * @param {import('node:http').ServerResponse} res
 * @param {AuthorizeRequest} request
 * @param {import('./accounts.mjs').Account} account
 * @param {string} sessionState
 * @param {AuthorizeLog} log
 * @param {Record<string, string>} [headers] e.g. the new session's cookie: the user did sign in
 */
function sendCode(state, res, request, account, sessionState, log, headers = {}) {
  const consentTenant = tokenTenantId(request.tenant, account);
  if (unconsentedPermissions(request.scope, consentedPermissions(state, consentTenant), graphConsentedPermissions(state, consentTenant)).length > 0) {
    log('consent_required', { oid: account.oid, error: 'consent_required' });
    return redirect(res, errorUrl(request, 'consent_required', consentRequiredDescription(request.clientId)), headers);
  }
  log('code', { oid: account.oid });
  redirect(res, answerUrl(request, codeAnswer(state, request, account, sessionState)), headers);
}

/**
 * An authorize fault: an OAuth error sent back to the app, or a bare error page with the fault's status.
 * @param {import('node:http').ServerResponse} res
 * @param {AuthorizeRequest} request
 * @param {import('./state.mjs').Fault} fault
 */
function answerFault(res, request, fault) {
  if (fault.error !== undefined || fault.status === undefined) {
    const error = fault.error ?? 'server_error';
    redirect(res, errorUrl(request, error, fault.errorDescription ?? describeError(error)));
    return 302;
  }
  const message = typeof fault.body === 'string' ? fault.body : 'The emulator was told to fail this sign-in request.';
  sendHtml(res, fault.status, messagePage('Sorry, but we’re having trouble signing you in.', message));
  return fault.status;
}

/**
 * Issues a one-time code bound to the PKCE challenge, and returns the parameters that carry it back.
 * @param {EmulatorState} state
 * @param {AuthorizeRequest} request
 * @param {import('./accounts.mjs').Account} account
 * @param {string} sessionState
 */
function codeAnswer(state, request, account, sessionState) {
  const code = randomBytes(32).toString('base64url');
  state.authCodes.set(code, {
    clientId: request.clientId,
    redirectUri: request.redirectUri,
    codeChallenge: request.codeChallenge,
    nonce: request.nonce,
    scope: request.scope,
    oid: account.oid,
    tenantId: tokenTenantId(request.tenant, account),
    expiresAt: Date.now() + AUTH_CODE_LIFETIME_MS,
    used: false,
  });
  return {
    code,
    client_info: base64urlJson({ uid: account.oid, utid: account.tenantId }),
    state: request.state,
    session_state: sessionState,
  };
}

/** @param {string} url */
function originOf(url) {
  return new URL(url).origin;
}
