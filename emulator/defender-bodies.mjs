/** Response bodies in the Defender for Endpoint API's documented shapes. */
import { STATUS_CODES } from 'node:http';
import { newId } from './http-utils.mjs';

const CONFIGURATION_SCORE_CONTEXT = 'https://api.securitycenter.microsoft.com/api/$metadata#ConfigurationScore/$entity';
const EXPOSURE_SCORE_CONTEXT = 'https://api.security.microsoft.com/api/$metadata#ExposureScore/$entity';
const EXPOSURE_BY_GROUPS_CONTEXT = 'https://api.security.microsoft.com/api/$metadata#ExposureScore';

/**
 * An instant the way the API writes it: ISO 8601 with a 7-digit fraction (`…58.1665846Z`),
 * which a strict millisecond parser rejects — the app has to cope.
 * @param {Date} [at]
 */
export function odataTime(at = new Date()) {
  const subMillisecond = String(Math.floor((performance.now() % 1) * 10_000)).padStart(4, '0');
  return at.toISOString().replace(/Z$/, `${subMillisecond}Z`);
}

/** @param {number} score */
export function configurationScoreBody(score) {
  return { '@odata.context': CONFIGURATION_SCORE_CONTEXT, time: odataTime(), score };
}

/** @param {number} score */
export function exposureScoreBody(score) {
  return { '@odata.context': EXPOSURE_SCORE_CONTEXT, time: odataTime(), score };
}

/** @param {import('./state.mjs').MachineGroupScore[]} groups */
export function exposureByMachineGroupsBody(groups) {
  const time = odataTime();
  return {
    '@odata.context': EXPOSURE_BY_GROUPS_CONTEXT,
    value: groups.map((group) => ({ time, score: group.score, rbacGroupName: group.rbacGroupName, rbacGroupId: group.rbacGroupId })),
  };
}

/** A truncated body for `malformed` faults: starts like the real thing, is not JSON. */
export const MALFORMED_BODY = `{"@odata.context":"${CONFIGURATION_SCORE_CONTEXT}","time": "2019-`;

/**
 * `{ error: { code, message, target } }`, the target being a fresh correlation id.
 * @param {string} code
 * @param {string} message
 */
export function defenderError(code, message) {
  return { error: { code, message, target: newId() } };
}

/** Messages seen on real tenants, used when a fault gives a status but no body. */
/** @type {Record<number, [code: string, message: string]>} */
const ERRORS_BY_STATUS = {
  400: ['BadRequest', 'Bad request.'],
  401: ['Unauthorized', 'Unauthorized request - reason of failure: No Tvm license'],
  403: ['Forbidden', 'Missing application roles. API required roles: Score.Read.All'],
  404: ['ResourceNotFound', 'Resource not found.'],
  429: ['TooManyRequests', 'Rate limit is exceeded. Try again in 40 seconds.'],
  500: ['InternalServerError', 'An error has occurred.'],
  503: ['ServiceUnavailable', 'The service is temporarily unavailable. Try again later.'],
};

/**
 * The body for an error status, with an optional code/message from a fault.
 * @param {number} status
 * @param {{ error?: string, errorDescription?: string }} [overrides]
 */
export function defenderErrorForStatus(status, overrides = {}) {
  const [code, message] = ERRORS_BY_STATUS[status] ?? [(STATUS_CODES[status] ?? 'Error').replace(/[^A-Za-z]/g, ''), STATUS_CODES[status] ?? 'Error'];
  return defenderError(overrides.error ?? code, overrides.errorDescription ?? message);
}

/**
 * Throttled answers carry Retry-After in seconds, like the real API.
 * @param {number} status
 * @returns {Record<string, string>}
 */
export function defaultErrorHeaders(status) {
  return status === 429 ? { 'Retry-After': '40' } : {};
}
