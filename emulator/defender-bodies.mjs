/** Response bodies in the Defender for Endpoint API's documented shapes. */
import { STATUS_CODES } from 'node:http';
import { newId } from './http-utils.mjs';

const CONFIGURATION_SCORE_CONTEXT = 'https://api.securitycenter.microsoft.com/api/$metadata#ConfigurationScore/$entity';
const EXPOSURE_SCORE_CONTEXT = 'https://api.security.microsoft.com/api/$metadata#ExposureScore/$entity';
const EXPOSURE_BY_GROUPS_CONTEXT = 'https://api.security.microsoft.com/api/$metadata#ExposureScore';
const RECOMMENDATIONS_CONTEXT = 'https://api.securitycenter.microsoft.com/api/$metadata#Recommendations';

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

/**
 * @param {import('./state.mjs').MachineGroupScore[]} groups
 * @param {boolean} [withGroupIds] false leaves `rbacGroupId` out, as Microsoft's own example does
 */
export function exposureByMachineGroupsBody(groups, withGroupIds = true) {
  const time = odataTime();
  return {
    '@odata.context': EXPOSURE_BY_GROUPS_CONTEXT,
    value: groups.map((group) => ({
      time,
      score: group.score,
      rbacGroupName: group.rbacGroupName,
      ...(withGroupIds ? { rbacGroupId: group.rbacGroupId } : {}),
    })),
  };
}

/**
 * `GET /api/recommendations`: every field the API documents, in its order (fixtures/recommendations.200.json).
 * @param {import('./state.mjs').RecommendationState[]} recommendations
 */
export function recommendationsBody(recommendations) {
  return {
    '@odata.context': RECOMMENDATIONS_CONTEXT,
    value: recommendations.map((r) => ({
      id: r.id,
      productName: r.productName,
      recommendationName: r.recommendationName,
      weaknesses: r.weaknesses,
      vendor: r.vendor,
      recommendedVersion: '',
      recommendedProgram: null,
      recommendedVendor: null,
      recommendationCategory: r.recommendationCategory,
      subCategory: r.subCategory,
      severityScore: 0,
      publicExploit: r.publicExploit,
      activeAlert: false,
      associatedThreats: [],
      remediationType: r.remediationType,
      status: r.status,
      configScoreImpact: r.configScoreImpact,
      exposureImpact: r.exposureImpact,
      totalMachineCount: r.totalMachineCount,
      exposedMachinesCount: r.exposedMachinesCount,
      nonProductivityImpactedAssets: 0,
      relatedComponent: r.relatedComponent,
    })),
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
  403: ['Forbidden', 'Missing application roles. API required roles: {role}'],
  404: ['ResourceNotFound', 'Resource not found.'],
  429: ['TooManyRequests', 'Rate limit is exceeded. Try again in 40 seconds.'],
  500: ['InternalServerError', 'An error has occurred.'],
  503: ['ServiceUnavailable', 'The service is temporarily unavailable. Try again later.'],
};

/**
 * The body for an error status, with an optional code/message from a fault.
 * @param {number} status
 * @param {{ error?: string, errorDescription?: string }} [overrides]
 * @param {string} [permission] the endpoint's delegated permission, named (as its application role) in a 403
 */
export function defenderErrorForStatus(status, overrides = {}, permission = 'Score.Read') {
  const [code, message] = ERRORS_BY_STATUS[status] ?? [(STATUS_CODES[status] ?? 'Error').replace(/[^A-Za-z]/g, ''), STATUS_CODES[status] ?? 'Error'];
  return defenderError(overrides.error ?? code, overrides.errorDescription ?? message.replace('{role}', `${permission}.All`));
}

/**
 * Throttled answers carry Retry-After in seconds, like the real API.
 * @param {number} status
 * @returns {Record<string, string>}
 */
export function defaultErrorHeaders(status) {
  return status === 429 ? { 'Retry-After': '40' } : {};
}
