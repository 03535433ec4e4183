/** The emulator's own sign-in session: an `emu_session` cookie that lets `prompt=none` succeed. */
import { randomBytes } from 'node:crypto';
import { readCookies, newId } from './http-utils.mjs';
import { findAccount } from './accounts.mjs';

export const SESSION_COOKIE = 'emu_session';

/**
 * Starts a session for an account and returns the Set-Cookie value.
 * @param {import('./state.mjs').EmulatorState} state
 * @param {string} oid
 * @returns {{ setCookie: string, sessionState: string }}
 */
export function startSession(state, oid) {
  const id = randomBytes(24).toString('base64url');
  const sessionState = newId();
  state.sessions.set(id, { oid, sessionState });
  // Lax: the app's silent iframe is same-site (another localhost port), so the cookie still goes along.
  // A day long, like Entra ID's "Stay signed in?" cookie, so it outlives a browser restart.
  return { setCookie: `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=86400`, sessionState };
}

/**
 * The signed-in account behind the request's cookie, if the session is still known.
 * @param {import('./state.mjs').EmulatorState} state
 * @param {import('node:http').IncomingMessage} req
 */
export function sessionAccount(state, req) {
  const id = readCookies(req)[SESSION_COOKIE];
  const session = id ? state.sessions.get(id) : undefined;
  const account = session ? findAccount(session.oid) : undefined;
  return session && account ? { account, sessionState: session.sessionState } : undefined;
}

/**
 * Forgets the request's session and returns the Set-Cookie value that clears it.
 * @param {import('./state.mjs').EmulatorState} state
 * @param {import('node:http').IncomingMessage} req
 */
export function endSession(state, req) {
  const id = readCookies(req)[SESSION_COOKIE];
  if (id) state.sessions.delete(id);
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}
