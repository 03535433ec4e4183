/** `/_control/secure-score/…`: move a tenant's Microsoft Secure Score on by a day, as Graph's nightly record does. */
import { dayNumber, dayOf } from './secure-score-history.mjs';
import { newestSecureScoreDay } from './graph-secure-scores.mjs';
import { badRequest, isObject, ok, tenantIdFrom } from './control-answers.mjs';

/** @typedef {import('./control-answers.mjs').ControlAction} ControlAction */

/** @type {Record<string, Partial<Record<string, ControlAction>>>} path → method → action */
export const SECURE_SCORE_ACTIONS = {
  '/_control/secure-score/next-day': { POST: nextDay },
};

/**
 * `{ tenantId?, days? }`: Graph gains `days` (1 by default) newer daily records and forgets as many old ones.
 * @type {ControlAction}
 */
function nextDay(state, body) {
  if (!isObject(body)) return badRequest('Send { "tenantId"?: string, "days"?: number }.');
  const tenantId = tenantIdFrom(body);
  if (!tenantId) return badRequest('tenantId must be a non-empty string.');
  const days = body.days ?? 1;
  if (!Number.isInteger(days) || /** @type {number} */ (days) < 1 || /** @type {number} */ (days) > 400) return badRequest('days must be a whole number from 1 to 400.');
  const newestDay = dayOf(dayNumber(newestSecureScoreDay(state, tenantId)) + /** @type {number} */ (days));
  state.secureScoreNewestDay.set(tenantId, newestDay);
  return ok({ tenantId, newestDay });
}
