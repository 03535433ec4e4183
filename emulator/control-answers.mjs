/** What every control action shares: the answer shapes and the checks on a JSON body. */
import { DEFAULT_TENANT_ID } from './accounts.mjs';

/** @typedef {import('./state.mjs').EmulatorState} EmulatorState */
/** @typedef {{ status: number, body: unknown }} ControlAnswer */
/** @typedef {(state: EmulatorState, body: unknown) => ControlAnswer} ControlAction */

/** @param {unknown} body @returns {ControlAnswer} */
export function ok(body) {
  return { status: 200, body };
}

/** @param {string} message @returns {ControlAnswer} */
export function badRequest(message) {
  return { status: 400, body: { error: message } };
}

/** @param {string} message @returns {ControlAnswer} */
export function notFound(message) {
  return { status: 404, body: { error: message } };
}

/** The request is well formed but the emulator's state does not allow it. @param {string} message @returns {ControlAnswer} */
export function conflict(message) {
  return { status: 409, body: { error: message } };
}

/** @param {unknown} body @returns {body is Record<string, unknown>} */
export function isObject(body) {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

/** @param {unknown} value @returns {value is number} */
export function isFiniteNumber(value) {
  return typeof value === 'number' && Number.isFinite(value);
}

/** @param {unknown} value @returns {value is number} */
export function isPositiveInteger(value) {
  return Number.isInteger(value) && /** @type {number} */ (value) > 0;
}

/** @param {unknown} value @returns {value is string} */
export function isNonEmptyString(value) {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * @param {Record<string, unknown>} body
 * @returns {string | undefined} the tenant id (Contoso's when the body names none), or undefined when it is not a usable string
 */
export function tenantIdFrom(body) {
  if (body.tenantId === undefined) return DEFAULT_TENANT_ID;
  return isNonEmptyString(body.tenantId) ? body.tenantId.trim().toLowerCase() : undefined;
}
