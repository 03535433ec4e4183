/**
 * Changes to a tenant's recommendations that keep the scores consistent with them, as Defender's would
 * be: the configuration score plus the impact of every active recommendation stays the same (the
 * points the tenant can reach), and the exposure score moves with the exposure impacts.
 */
import { perDevice, recommendation } from './recommendation-catalog.mjs';
import { recommendationsBody } from './defender-bodies.mjs';

/** @typedef {import('./state.mjs').EmulatorState} EmulatorState */
/** @typedef {import('./state.mjs').RecommendationState} RecommendationState */

/**
 * What a change did, for the control surface: how far each score moved and where it stands now, and the
 * recommendation as the API shows it (`listed: false` once no device is exposed and it has left the list).
 * @typedef {object} RecommendationMove
 * @property {string} tenantId
 * @property {number} scoreChange points the configuration score moved (up is better)
 * @property {number} exposureChange how far the exposure score moved (down is better)
 * @property {number | null} configurationScore null when the tenant has no score (not provisioned)
 * @property {number | null} exposureScore
 * @property {Record<string, unknown> & { listed: boolean }} recommendation
 */

/** @typedef {{ ok: true, move: RecommendationMove } | { ok: false, status: 400 | 404 | 409, message: string }} MoveOutcome */

/**
 * The fields of a recommendation added by hand; the rest take the values of a security configuration.
 * @typedef {object} NewRecommendation
 * @property {string} [id] `sca-_-scid-N` with the next free N when absent
 * @property {string} name
 * @property {string} category
 * @property {string} [subCategory]
 * @property {string} [remediationType]
 * @property {number} impact configScoreImpact
 * @property {number} [exposureImpact]
 * @property {number} exposed
 * @property {number} total
 */

/**
 * Fixes it on `devices` of its exposed devices: the score gains impact × devices / exposed (the whole
 * impact when none is left exposed), the exposure score falls by the same share of its exposure impact.
 * @param {EmulatorState} state
 * @param {string} tenantId
 * @param {string} id
 * @param {number} devices a positive whole number
 * @returns {MoveOutcome}
 */
export function remediate(state, tenantId, id, devices) {
  const found = findActive(state, tenantId, id);
  if (!found.ok) return found;
  const { item } = found;
  const exposed = item.exposedMachinesCount;
  if (devices > exposed) return fail(400, `${id} is exposed on ${exposed} device(s); devices must be from 1 to ${exposed}.`);
  const all = devices === exposed;
  const points = all ? item.configScoreImpact : (item.configScoreImpact * devices) / exposed;
  const exposure = all ? item.exposureImpact : (item.exposureImpact * devices) / exposed;
  item.configScoreImpact = all ? 0 : item.configScoreImpact - points;
  item.exposureImpact = all ? 0 : item.exposureImpact - exposure;
  item.exposedMachinesCount -= devices;
  return moved(state, tenantId, item, points, -exposure);
}

/**
 * The reverse: `devices` more devices drift out of compliance, and bring the recommendation back if it had left the list.
 * @param {EmulatorState} state
 * @param {string} tenantId
 * @param {string} id
 * @param {number} devices a positive whole number
 * @returns {MoveOutcome}
 */
export function regress(state, tenantId, id, devices) {
  const found = findActive(state, tenantId, id, { resolvedToo: true });
  if (!found.ok) return found;
  const { item } = found;
  const compliant = item.totalMachineCount - item.exposedMachinesCount;
  if (devices > compliant) return fail(400, `${id} is already fixed on only ${compliant} of its ${item.totalMachineCount} device(s); devices must be from 1 to ${compliant}.`);
  const exposed = item.exposedMachinesCount;
  const points = exposed > 0 ? (item.configScoreImpact * devices) / exposed : item.perDevice.configScoreImpact * devices;
  const exposure = exposed > 0 ? (item.exposureImpact * devices) / exposed : item.perDevice.exposureImpact * devices;
  item.configScoreImpact += points;
  item.exposureImpact += exposure;
  item.exposedMachinesCount += devices;
  return moved(state, tenantId, item, -points, exposure);
}

/**
 * A recommendation Defender starts assessing: its impact comes off the score, its exposure impact onto the exposure score.
 * @param {EmulatorState} state
 * @param {string} tenantId
 * @param {NewRecommendation} fields
 * @returns {MoveOutcome}
 */
export function addRecommendation(state, tenantId, fields) {
  const list = state.recommendations.get(tenantId) ?? [];
  const id = fields.id ?? nextConfigurationId(list);
  if (list.some((item) => item.id.toLowerCase() === id.toLowerCase())) return fail(409, `There is already a recommendation ${id}; choose another id or leave it out.`);
  const item = recommendation({
    id,
    recommendationName: fields.name,
    productName: null,
    vendor: null,
    recommendationCategory: fields.category,
    subCategory: fields.subCategory ?? '',
    remediationType: fields.remediationType ?? 'ConfigurationChange',
    status: 'Active',
    configScoreImpact: fields.impact,
    exposureImpact: fields.exposureImpact ?? 0,
    totalMachineCount: fields.total,
    exposedMachinesCount: fields.exposed,
    weaknesses: 0,
    publicExploit: false,
    relatedComponent: fields.subCategory || fields.category,
  });
  list.push(item);
  state.recommendations.set(tenantId, list);
  return moved(state, tenantId, item, -item.configScoreImpact, item.exposureImpact);
}

/**
 * An administrator excepts it: its status becomes Exception and its impact no longer counts against the score.
 * @param {EmulatorState} state
 * @param {string} tenantId
 * @param {string} id
 * @returns {MoveOutcome}
 */
export function markException(state, tenantId, id) {
  const found = findActive(state, tenantId, id);
  if (!found.ok) return found;
  found.item.status = 'Exception';
  return moved(state, tenantId, found.item, found.item.configScoreImpact, 0);
}

/**
 * Microsoft re-weights it: the device counts stay, the impact changes, and the score moves by old − new
 * (an exception's impact does not count, so re-weighting one moves nothing).
 * @param {EmulatorState} state
 * @param {string} tenantId
 * @param {string} id
 * @param {number} impact the new configScoreImpact, 0 or more
 * @returns {MoveOutcome}
 */
export function reweight(state, tenantId, id, impact) {
  const found = findListed(state, tenantId, id);
  if (!found.ok) return found;
  const { item } = found;
  const change = item.status === 'Active' ? item.configScoreImpact - impact : 0;
  item.configScoreImpact = impact;
  item.perDevice = perDevice(item);
  return moved(state, tenantId, item, change, 0);
}

/**
 * @param {EmulatorState} state
 * @param {string} tenantId
 * @param {string} id
 * @param {{ resolvedToo?: boolean }} [options] a regression may bring back one that has left the list
 * @returns {{ ok: true, item: RecommendationState } | { ok: false, status: 404 | 409, message: string }}
 */
function findActive(state, tenantId, id, { resolvedToo = false } = {}) {
  const found = resolvedToo ? find(state, tenantId, id) : findListed(state, tenantId, id);
  if (found.ok && found.item.status === 'Exception') {
    return fail(409, `${id} is an exception: it no longer counts against the score, so its devices cannot be fixed or regressed here.`);
  }
  return found;
}

/**
 * @param {EmulatorState} state
 * @param {string} tenantId
 * @param {string} id
 * @returns {{ ok: true, item: RecommendationState } | { ok: false, status: 404 | 409, message: string }}
 */
function findListed(state, tenantId, id) {
  const found = find(state, tenantId, id);
  if (found.ok && found.item.exposedMachinesCount === 0) return fail(409, `${id} is fixed on every device and has left the list; regress it first.`);
  return found;
}

/**
 * @param {EmulatorState} state
 * @param {string} tenantId
 * @param {string} id
 * @returns {{ ok: true, item: RecommendationState } | { ok: false, status: 404, message: string }}
 */
function find(state, tenantId, id) {
  const list = state.recommendations.get(tenantId);
  if (!list) return fail(404, `Tenant ${tenantId} has no recommendations.`);
  const item = list.find((candidate) => candidate.id.toLowerCase() === id.toLowerCase());
  return item ? { ok: true, item } : fail(404, `No recommendation ${id} in tenant ${tenantId}. GET /_control/state lists them.`);
}

/** @param {RecommendationState[]} list */
function nextConfigurationId(list) {
  const numbers = list.map((item) => /^sca-_-scid-(\d+)$/.exec(item.id)?.[1]).filter((n) => n !== undefined).map(Number);
  return `sca-_-scid-${Math.max(90_000, ...numbers) + 1}`;
}

/**
 * @template {400 | 404 | 409} S
 * @param {S} status
 * @param {string} message
 */
function fail(status, message) {
  return /** @type {const} */ ({ ok: false, status, message });
}

/**
 * Moves the tenant's scores and describes the outcome.
 * @param {EmulatorState} state
 * @param {string} tenantId
 * @param {RecommendationState} item
 * @param {number} scoreChange
 * @param {number} exposureChange
 * @returns {MoveOutcome}
 */
function moved(state, tenantId, item, scoreChange, exposureChange) {
  const score = state.configurationScores.get(tenantId);
  if (score !== undefined) state.configurationScores.set(tenantId, score + scoreChange);
  const exposure = state.exposure.get(tenantId);
  if (exposure) exposure.score += exposureChange;
  const shown = /** @type {Record<string, unknown>} */ (recommendationsBody([item]).value[0]);
  return {
    ok: true,
    move: {
      tenantId,
      scoreChange,
      exposureChange,
      configurationScore: state.configurationScores.get(tenantId) ?? null,
      exposureScore: exposure?.score ?? null,
      recommendation: { ...shown, listed: item.exposedMachinesCount > 0 },
    },
  };
}
