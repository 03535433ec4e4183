/**
 * The emulator's own sign-in sessions: an `emu_session` cookie that lets `prompt=none` succeed. Like Entra's,
 * one browser session may hold several accounts; signing out with a `logout_hint` ends that account's only.
 */
import { randomBytes } from 'node:crypto';
import { readCookies, newId } from './http-utils.mjs';
import { findAccount, findAccountByLoginHintClaim } from './accounts.mjs';

export const SESSION_COOKIE = 'emu_session';

/** @typedef {{ accounts: Map<string, string> }} BrowserSession oid → session_state, newest sign-in last */

/**
 * Adds an account to the request's session (a new one when it has none) and returns the Set-Cookie value.
 * @param {import('./state.mjs').EmulatorState} state
 * @param {import('node:http').IncomingMessage} req
 * @param {string} oid
 * @returns {{ setCookie: string, sessionState: string }}
 */
export function startSession(state, req, oid) {
  const known = readCookies(req)[SESSION_COOKIE];
  const id = known && state.sessions.has(known) ? known : randomBytes(24).toString('base64url');
  const session = state.sessions.get(id) ?? { accounts: new Map() };
  const sessionState = newId();
  session.accounts.delete(oid);
  session.accounts.set(oid, sessionState);
  state.sessions.set(id, session);
  // Lax: the app's silent iframe is same-site (another localhost port), so the cookie still goes along.
  // A day long, like Entra ID's "Stay signed in?" cookie, so it outlives a browser restart.
  return { setCookie: `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=86400`, sessionState };
}

/**
 * A signed-in account of the request's session: the one asked for (by oid) when it is signed in, else the
 * latest to sign in.
 * @param {import('./state.mjs').EmulatorState} state
 * @param {import('node:http').IncomingMessage} req
 * @param {string} [preferredOid]
 */
export function sessionAccount(state, req, preferredOid) {
  const id = readCookies(req)[SESSION_COOKIE];
  const session = id ? state.sessions.get(id) : undefined;
  if (!session || session.accounts.size === 0) return undefined;
  const oid = preferredOid && session.accounts.has(preferredOid) ? preferredOid : [...session.accounts.keys()].at(-1);
  const account = oid ? findAccount(oid) : undefined;
  const sessionState = oid ? session.accounts.get(oid) : undefined;
  return account && sessionState ? { account, sessionState } : undefined;
}

/**
 * Signs out: the account the `logout_hint` names, or every account of the session without one. Returns the
 * Set-Cookie value: the cookie is cleared once no account is left in it.
 * @param {import('./state.mjs').EmulatorState} state
 * @param {import('node:http').IncomingMessage} req
 * @param {string | undefined} logoutHint
 * @returns {string | undefined}
 */
export function endSession(state, req, logoutHint) {
  const id = readCookies(req)[SESSION_COOKIE];
  const session = id ? state.sessions.get(id) : undefined;
  const hinted = logoutHint ? findAccountByLoginHintClaim(logoutHint) : undefined;
  if (id && session && hinted) session.accounts.delete(hinted.oid);
  else if (session) session.accounts.clear();
  if (id && session && session.accounts.size > 0) return undefined;
  if (id) state.sessions.delete(id);
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}

/**
 * Who is signed in, per browser session, for tests: the user names only, never the cookie.
 * @param {import('./state.mjs').EmulatorState} state
 */
export function describeSessions(state) {
  return [...state.sessions.values()]
    .filter((session) => session.accounts.size > 0)
    .map((session) => ({ usernames: [...session.accounts.keys()].map((oid) => findAccount(oid)?.username ?? oid) }));
}
