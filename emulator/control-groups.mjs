/**
 * `/_control/groups/…`: rename, remove and add a tenant's device groups, and answer ByMachineGroups with
 * or without `rbacGroupId`. A group is named by its id here, whichever way the API answers.
 */
import { badRequest, conflict, isFiniteNumber, isNonEmptyString, isObject, notFound, ok, tenantIdFrom } from './control-answers.mjs';

/** @typedef {import('./control-answers.mjs').ControlAction} ControlAction */
/** @typedef {import('./state.mjs').EmulatorState} EmulatorState */
/** @typedef {import('./state.mjs').ExposureState} ExposureState */

/** @type {Record<string, Partial<Record<string, ControlAction>>>} path → method → action */
export const GROUP_ACTIONS = {
  '/_control/groups': { POST: addGroup },
  '/_control/groups/rename': { POST: renameGroup },
  '/_control/groups/remove': { POST: removeGroup },
  '/_control/groups/ids': { PUT: setGroupIds },
};

/**
 * `{ tenantId?, rbacGroupId, name }`: the group keeps its id and score.
 * @type {ControlAction}
 */
function renameGroup(state, body) {
  if (!isObject(body) || !Number.isInteger(body.rbacGroupId) || !isNonEmptyString(body.name)) {
    return badRequest('Send { "tenantId"?: string, "rbacGroupId": number, "name": string }.');
  }
  return withGroup(state, body, /** @type {number} */ (body.rbacGroupId), (exposure, index) => {
    const group = /** @type {import('./state.mjs').MachineGroupScore} */ (exposure.machineGroups[index]);
    group.rbacGroupName = /** @type {string} */ (body.name);
  });
}

/**
 * `{ tenantId?, rbacGroupId }`.
 * @type {ControlAction}
 */
function removeGroup(state, body) {
  if (!isObject(body) || !Number.isInteger(body.rbacGroupId)) return badRequest('Send { "tenantId"?: string, "rbacGroupId": number }.');
  return withGroup(state, body, /** @type {number} */ (body.rbacGroupId), (exposure, index) => {
    exposure.machineGroups.splice(index, 1);
  });
}

/**
 * `{ tenantId?, name, rbacGroupId?, score }`: a new group, with the next free id unless one is given.
 * @type {ControlAction}
 */
function addGroup(state, body) {
  const usage = 'Send { "tenantId"?: string, "name": string, "rbacGroupId"?: number, "score": number }.';
  if (!isObject(body) || !isNonEmptyString(body.name) || !isFiniteNumber(body.score)) return badRequest(usage);
  if (body.rbacGroupId !== undefined && !Number.isInteger(body.rbacGroupId)) return badRequest(`rbacGroupId must be a whole number. ${usage}`);
  const tenantId = tenantIdFrom(body);
  if (!tenantId) return badRequest('tenantId must be a non-empty string.');
  const exposure = state.exposure.get(tenantId) ?? { score: 0, machineGroups: [], withGroupIds: true };
  const taken = exposure.machineGroups.map((group) => group.rbacGroupId);
  const rbacGroupId = /** @type {number | undefined} */ (body.rbacGroupId) ?? Math.max(0, ...taken) + 1;
  if (taken.includes(rbacGroupId)) return conflict(`There is already a group ${rbacGroupId}; choose another rbacGroupId or leave it out.`);
  exposure.machineGroups.push({ rbacGroupName: body.name, rbacGroupId, score: body.score });
  state.exposure.set(tenantId, exposure);
  return ok({ tenantId, ...exposure });
}

/**
 * `{ tenantId?, included }`: false answers ByMachineGroups with `rbacGroupName` only, like Microsoft's own example.
 * @type {ControlAction}
 */
function setGroupIds(state, body) {
  if (!isObject(body) || typeof body.included !== 'boolean') return badRequest('Send { "tenantId"?: string, "included": true | false }.');
  const tenantId = tenantIdFrom(body);
  if (!tenantId) return badRequest('tenantId must be a non-empty string.');
  const exposure = state.exposure.get(tenantId);
  if (!exposure) return notFound(`Tenant ${tenantId} has no exposure data.`);
  exposure.withGroupIds = body.included;
  return ok({ tenantId, ...exposure });
}

/**
 * Finds the tenant's group by id and changes it.
 * @param {EmulatorState} state
 * @param {Record<string, unknown>} body
 * @param {number} rbacGroupId
 * @param {(exposure: ExposureState, index: number) => void} change
 */
function withGroup(state, body, rbacGroupId, change) {
  const tenantId = tenantIdFrom(body);
  if (!tenantId) return badRequest('tenantId must be a non-empty string.');
  const exposure = state.exposure.get(tenantId);
  const index = exposure?.machineGroups.findIndex((group) => group.rbacGroupId === rbacGroupId) ?? -1;
  if (!exposure || index < 0) return notFound(`No device group ${rbacGroupId} in tenant ${tenantId}. GET /_control/state lists them.`);
  change(exposure, index);
  return ok({ tenantId, ...exposure });
}
