/**
 * `/_control/recommendations/…`: remediate, regress, add, except and re-weight a tenant's recommendations;
 * the scores move with them (recommendations.mjs). Each answers a RecommendationMove.
 */
import { badRequest, isFiniteNumber, isNonEmptyString, isObject, isPositiveInteger, ok, tenantIdFrom } from './control-answers.mjs';
import { RECOMMENDATION_CATEGORIES } from './recommendation-catalog.mjs';
import { addRecommendation, markException, regress, remediate, reweight } from './recommendations.mjs';

/** @typedef {import('./control-answers.mjs').ControlAction} ControlAction */
/** @typedef {import('./control-answers.mjs').ControlAnswer} ControlAnswer */

/** @type {Record<string, Partial<Record<string, ControlAction>>>} path → method → action */
export const RECOMMENDATION_ACTIONS = {
  '/_control/recommendations': { POST: add },
  '/_control/recommendations/remediate': { POST: (state, body) => withDevices(body, 'remediate', (tenantId, id, devices) => remediate(state, tenantId, id, devices)) },
  '/_control/recommendations/regress': { POST: (state, body) => withDevices(body, 'regress', (tenantId, id, devices) => regress(state, tenantId, id, devices)) },
  '/_control/recommendations/exception': { POST: except },
  '/_control/recommendations/reweight': { POST: reweightOne },
};

/**
 * `{ tenantId?, id, devices }`.
 * @param {unknown} body
 * @param {string} verb
 * @param {(tenantId: string, id: string, devices: number) => import('./recommendations.mjs').MoveOutcome} act
 * @returns {ControlAnswer}
 */
function withDevices(body, verb, act) {
  const usage = `Send { "tenantId"?: string, "id": "sca-_-scid-…", "devices": number } to ${verb} a recommendation on that many devices.`;
  if (!isObject(body)) return badRequest(usage);
  const tenantId = tenantIdFrom(body);
  if (!tenantId) return badRequest('tenantId must be a non-empty string.');
  if (!isNonEmptyString(body.id)) return badRequest(`id must be a recommendation id. ${usage}`);
  if (!isPositiveInteger(body.devices)) return badRequest(`devices must be a whole number of devices, 1 or more. ${usage}`);
  return answer(act(tenantId, body.id.trim(), body.devices));
}

/**
 * `{ tenantId?, id?, name, category, subCategory?, remediationType?, impact, exposureImpact?, exposed, total }`.
 * @type {ControlAction}
 */
function add(state, body) {
  const usage = 'Send { "tenantId"?, "id"?, "name", "category", "subCategory"?, "remediationType"?, "impact", "exposureImpact"?, "exposed", "total" }.';
  if (!isObject(body)) return badRequest(usage);
  const tenantId = tenantIdFrom(body);
  if (!tenantId) return badRequest('tenantId must be a non-empty string.');
  if (body.id !== undefined && !isNonEmptyString(body.id)) return badRequest('id must be a non-empty string, or left out for the next free sca-_-scid-N.');
  if (!isNonEmptyString(body.name)) return badRequest(`name must be a non-empty string. ${usage}`);
  if (typeof body.category !== 'string' || !RECOMMENDATION_CATEGORIES.includes(body.category)) {
    return badRequest(`category must be one of ${RECOMMENDATION_CATEGORIES.join(', ')}.`);
  }
  for (const field of /** @type {const} */ (['subCategory', 'remediationType'])) {
    if (body[field] !== undefined && typeof body[field] !== 'string') return badRequest(`${field} must be a string.`);
  }
  if (!isFiniteNumber(body.impact) || body.impact < 0) return badRequest('impact (its configScoreImpact, in points) must be a number, 0 or more.');
  if (body.exposureImpact !== undefined && !(isFiniteNumber(body.exposureImpact) && body.exposureImpact >= 0)) {
    return badRequest('exposureImpact must be a number, 0 or more.');
  }
  if (!isPositiveInteger(body.total)) return badRequest('total (its totalMachineCount) must be a whole number, 1 or more.');
  if (!isPositiveInteger(body.exposed) || body.exposed > body.total) return badRequest(`exposed (its exposedMachinesCount) must be a whole number from 1 to total (${body.total}).`);
  return answer(
    addRecommendation(state, tenantId, {
      ...(body.id !== undefined ? { id: /** @type {string} */ (body.id).trim() } : {}),
      name: body.name,
      category: body.category,
      ...(body.subCategory !== undefined ? { subCategory: /** @type {string} */ (body.subCategory) } : {}),
      ...(body.remediationType !== undefined ? { remediationType: /** @type {string} */ (body.remediationType) } : {}),
      impact: body.impact,
      ...(body.exposureImpact !== undefined ? { exposureImpact: /** @type {number} */ (body.exposureImpact) } : {}),
      exposed: body.exposed,
      total: body.total,
    }),
  );
}

/**
 * `{ tenantId?, id }`.
 * @type {ControlAction}
 */
function except(state, body) {
  if (!isObject(body) || !isNonEmptyString(body.id)) return badRequest('Send { "tenantId"?: string, "id": "sca-_-scid-…" } to make it an exception.');
  const tenantId = tenantIdFrom(body);
  if (!tenantId) return badRequest('tenantId must be a non-empty string.');
  return answer(markException(state, tenantId, body.id.trim()));
}

/**
 * `{ tenantId?, id, impact }`.
 * @type {ControlAction}
 */
function reweightOne(state, body) {
  const usage = 'Send { "tenantId"?: string, "id": "sca-_-scid-…", "impact": number } to give it a new configScoreImpact.';
  if (!isObject(body) || !isNonEmptyString(body.id)) return badRequest(usage);
  const tenantId = tenantIdFrom(body);
  if (!tenantId) return badRequest('tenantId must be a non-empty string.');
  if (!isFiniteNumber(body.impact) || body.impact < 0) return badRequest(`impact must be a number, 0 or more. ${usage}`);
  return answer(reweight(state, tenantId, body.id.trim(), body.impact));
}

/** @param {import('./recommendations.mjs').MoveOutcome} outcome @returns {ControlAnswer} */
function answer(outcome) {
  return outcome.ok ? ok(outcome.move) : { status: outcome.status, body: { error: outcome.message } };
}
