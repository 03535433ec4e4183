/**
 * `/_control/…`: JSON over HTTP for tests and the demo to steer the emulator. No auth, but only for
 * callers on this machine: a request from a page of any other origin is refused.
 */
import { ACCOUNTS, DELEGATED_ACCESS, DEFAULT_TENANT_ID, TENANTS } from './accounts.mjs';
import { badRequest, isFiniteNumber, isObject, ok, tenantIdFrom } from './control-answers.mjs';
import { DRIVE_ACTIONS } from './control-drive.mjs';
import { GROUP_ACTIONS } from './control-groups.mjs';
import { RECOMMENDATION_ACTIONS } from './control-recommendations.mjs';
import { SECURE_SCORE_ACTIONS } from './control-secure-score.mjs';
import { CONTROL_CORS, answerPreflight, applyCors } from './cors.mjs';
import { describeFaults, parseFault, queueFault } from './fault-queue.mjs';
import { parseJsonSafely, readBody, sendJson } from './http-utils.mjs';
import { describeSessions } from './sessions.mjs';
import { clearFaults, clearLog, expireAllRefreshTokens, resetState } from './state.mjs';

/** @typedef {import('./state.mjs').EmulatorState} EmulatorState */
/** @typedef {import('./control-answers.mjs').ControlAction} ControlAction */

/** @type {Record<string, Partial<Record<string, ControlAction>>>} path → method → action */
const ACTIONS = {
  '/_control/reset': { POST: (state) => (resetState(state), ok({ reset: true })) },
  '/_control/state': { GET: (state) => ok(describeState(state)) },
  '/_control/accounts': { GET: () => ok({ tenants: TENANTS, accounts: ACCOUNTS, delegatedAccess: DELEGATED_ACCESS, defaultTenantId: DEFAULT_TENANT_ID }) },
  '/_control/sessions': { GET: (state) => ok({ sessions: describeSessions(state) }) },
  '/_control/score': { PUT: setConfigurationScore },
  '/_control/exposure': { PUT: setExposure },
  ...GROUP_ACTIONS,
  ...RECOMMENDATION_ACTIONS,
  ...SECURE_SCORE_ACTIONS,
  ...DRIVE_ACTIONS,
  '/_control/consent': { GET: (state) => ok(Object.fromEntries(state.consent)), PUT: setConsent },
  '/_control/graph-consent': { GET: (state) => ok(Object.fromEntries(state.graphConsent)), PUT: setGraphConsent },
  '/_control/faults': {
    GET: (state) => ok({ faults: describeFaults(state) }),
    POST: addFault,
    DELETE: (state) => (clearFaults(state), ok({ faults: describeFaults(state) })),
  },
  '/_control/tokens': { GET: (state) => ok(state.tokenSettings), PUT: setTokenSettings },
  '/_control/issued-tokens': { GET: (state) => ok(state.issuedTokens) },
  '/_control/cors': { GET: (state) => ok(state.cors), PUT: setCors },
  '/_control/log': {
    GET: (state) => ok(describeLog(state)),
    DELETE: (state) => (clearLog(state), ok(describeLog(state))),
  },
};

/**
 * @param {EmulatorState} state
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} path
 */
export async function handleControl(state, req, res, path) {
  if (!fromThisMachine(req.headers.origin)) return sendJson(res, 403, { error: 'The control surface answers only pages served from localhost.' });
  if (req.method === 'OPTIONS') return answerPreflight(req, res, CONTROL_CORS);
  applyCors(req, res, CONTROL_CORS);

  const methods = ACTIONS[path.replace(/\/+$/, '')];
  if (!methods) return sendJson(res, 404, { error: `No control at ${path}. Try GET /_control/state.` });
  const action = methods[req.method ?? ''];
  if (!action) return sendJson(res, 405, { error: `Use ${Object.keys(methods).join(' or ')}.` }, { Allow: Object.keys(methods).join(', ') });

  const parsed = parseJsonSafely(await readBody(req));
  if (!parsed.ok) return sendJson(res, 400, { error: 'The body is not valid JSON.' });
  const answer = action(state, parsed.value);
  sendJson(res, answer.status, answer.body);
}

/** No Origin (a script or test runner) or a page on localhost. @param {string | undefined} origin */
function fromThisMachine(origin) {
  if (origin === undefined) return true;
  try {
    return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(origin).hostname);
  } catch {
    return false;
  }
}

/**
 * `{ tenantId?, score }`; `score: null` removes the tenant's data, so the API answers "not provisioned".
 * @type {ControlAction}
 */
function setConfigurationScore(state, body) {
  if (!isObject(body)) return badRequest('Send { "tenantId"?: string, "score": number }.');
  const tenantId = tenantIdFrom(body);
  if (!tenantId) return badRequest('tenantId must be a non-empty string.');
  if (body.score === null) state.configurationScores.delete(tenantId);
  else if (isFiniteNumber(body.score)) state.configurationScores.set(tenantId, /** @type {number} */ (body.score));
  else return badRequest('score must be a finite number (or null to remove the tenant).');
  return ok({ tenantId, score: state.configurationScores.get(tenantId) ?? null });
}

/**
 * `{ tenantId?, score?, machineGroups?: [{ rbacGroupName, rbacGroupId?, score }] }`.
 * @type {ControlAction}
 */
function setExposure(state, body) {
  if (!isObject(body)) return badRequest('Send { "tenantId"?: string, "score"?: number, "machineGroups"?: [...] }.');
  const tenantId = tenantIdFrom(body);
  if (!tenantId) return badRequest('tenantId must be a non-empty string.');
  const current = state.exposure.get(tenantId) ?? { score: 0, machineGroups: [], withGroupIds: true };
  const next = { ...current };
  if (body.score !== undefined) {
    if (!isFiniteNumber(body.score)) return badRequest('score must be a finite number.');
    next.score = /** @type {number} */ (body.score);
  }
  if (body.machineGroups !== undefined) {
    if (!Array.isArray(body.machineGroups)) return badRequest('machineGroups must be an array.');
    const groups = [];
    for (const [index, group] of body.machineGroups.entries()) {
      if (!isObject(group) || typeof group.rbacGroupName !== 'string' || !isFiniteNumber(group.score)) {
        return badRequest(`machineGroups[${index}] needs a string rbacGroupName and a numeric score.`);
      }
      const rbacGroupId = isFiniteNumber(group.rbacGroupId) ? /** @type {number} */ (group.rbacGroupId) : index + 1;
      groups.push({ rbacGroupName: group.rbacGroupName, rbacGroupId, score: /** @type {number} */ (group.score) });
    }
    next.machineGroups = groups;
  }
  state.exposure.set(tenantId, next);
  return ok({ tenantId, ...next });
}

/** Permission names look like `Score.Read`: no spaces, no resource in front. */
const PERMISSION_NAME = /^[A-Za-z][A-Za-z0-9._-]*$/;

/**
 * `{ tenantId?, permissions: ["Score.Read", …] }`: what the tenant's administrator has consented to, from now on.
 * @type {ControlAction}
 */
function setConsent(state, body) {
  const usage = 'Send { "tenantId"?: string, "permissions": ["Score.Read", "SecurityRecommendation.Read"] } (names, not scope URIs; [] for none).';
  if (!isObject(body) || !Array.isArray(body.permissions)) return badRequest(usage);
  const tenantId = tenantIdFrom(body);
  if (!tenantId) return badRequest('tenantId must be a non-empty string.');
  const wrong = body.permissions.find((name) => typeof name !== 'string' || !PERMISSION_NAME.test(name));
  if (wrong !== undefined) return badRequest(`${JSON.stringify(wrong)} is not a permission name. ${usage}`);
  state.consent.set(tenantId, [...new Set(/** @type {string[]} */ (body.permissions))]);
  return ok({ tenantId, permissions: state.consent.get(tenantId) });
}

/**
 * `{ tenantId?, permissions: ["SecurityEvents.Read.All", …] }`: the Microsoft Graph permissions the tenant's
 * administrator has consented to, from now on (User.Read needs none).
 * @type {ControlAction}
 */
function setGraphConsent(state, body) {
  const usage = 'Send { "tenantId"?: string, "permissions": ["SecurityEvents.Read.All"] } (Graph permission names, not scope URIs; [] for none).';
  if (!isObject(body) || !Array.isArray(body.permissions)) return badRequest(usage);
  const tenantId = tenantIdFrom(body);
  if (!tenantId) return badRequest('tenantId must be a non-empty string.');
  const wrong = body.permissions.find((name) => typeof name !== 'string' || !PERMISSION_NAME.test(name));
  if (wrong !== undefined) return badRequest(`${JSON.stringify(wrong)} is not a permission name. ${usage}`);
  state.graphConsent.set(tenantId, [...new Set(/** @type {string[]} */ (body.permissions))]);
  return ok({ tenantId, permissions: state.graphConsent.get(tenantId) });
}

/** @type {ControlAction} */
function addFault(state, body) {
  const parsed = parseFault(body);
  if (!parsed.ok) return badRequest(parsed.message);
  queueFault(state, parsed.fault);
  return ok({ faults: describeFaults(state) });
}

/**
 * `{ accessTokenLifetimeSeconds?, refreshTokenLifetimeSeconds?, refreshTokensExpired? }`.
 * Lifetimes apply to tokens issued from now on (0 or less issues already-expired access tokens);
 * `refreshTokensExpired: true` expires every refresh token issued so far.
 * @type {ControlAction}
 */
function setTokenSettings(state, body) {
  if (!isObject(body)) return badRequest('Send { "accessTokenLifetimeSeconds"?: number, "refreshTokenLifetimeSeconds"?: number, "refreshTokensExpired"?: boolean }.');
  const { accessTokenLifetimeSeconds, refreshTokenLifetimeSeconds, refreshTokensExpired } = body;
  if (accessTokenLifetimeSeconds !== undefined && !Number.isInteger(accessTokenLifetimeSeconds)) {
    return badRequest('accessTokenLifetimeSeconds must be a whole number of seconds.');
  }
  if (refreshTokenLifetimeSeconds !== undefined && !(Number.isInteger(refreshTokenLifetimeSeconds) && /** @type {number} */ (refreshTokenLifetimeSeconds) > 0)) {
    return badRequest('refreshTokenLifetimeSeconds must be a positive whole number of seconds.');
  }
  if (refreshTokensExpired !== undefined && typeof refreshTokensExpired !== 'boolean') return badRequest('refreshTokensExpired must be true or false.');

  if (accessTokenLifetimeSeconds !== undefined) state.tokenSettings.accessTokenLifetimeSeconds = /** @type {number} */ (accessTokenLifetimeSeconds);
  if (refreshTokenLifetimeSeconds !== undefined) state.tokenSettings.refreshTokenLifetimeSeconds = /** @type {number} */ (refreshTokenLifetimeSeconds);
  if (refreshTokensExpired) expireAllRefreshTokens(state);
  return ok({ ...state.tokenSettings, refreshTokensExpired: refreshTokensExpired === true });
}

/**
 * `{ defenderApi: boolean }`: false makes the Defender API refuse browsers (no CORS), as a real tenant's may.
 * @type {ControlAction}
 */
function setCors(state, body) {
  if (!isObject(body) || typeof body.defenderApi !== 'boolean') return badRequest('Send { "defenderApi": true | false }.');
  state.cors.defenderApi = body.defenderApi;
  return ok(state.cors);
}

/** @param {EmulatorState} state */
function describeLog(state) {
  /** @type {Record<string, { total: number, byTenant: Record<string, number> }>} */
  const api = {};
  for (const entry of state.log.api) {
    const counts = (api[entry.endpoint] ??= { total: 0, byTenant: {} });
    counts.total += 1;
    const tenant = entry.tenantId ?? 'unknown';
    counts.byTenant[tenant] = (counts.byTenant[tenant] ?? 0) + 1;
  }
  /** @type {Record<string, number>} */
  const token = {};
  for (const entry of state.log.token) token[entry.grantType || 'none'] = (token[entry.grantType || 'none'] ?? 0) + 1;
  return { ...state.log, counts: { api, token } };
}

/** @param {EmulatorState} state */
function describeState(state) {
  return {
    configurationScores: Object.fromEntries(state.configurationScores),
    exposure: Object.fromEntries(state.exposure),
    recommendations: Object.fromEntries(state.recommendations),
    consent: Object.fromEntries(state.consent),
    graphConsent: Object.fromEntries(state.graphConsent),
    tokenSettings: state.tokenSettings,
    cors: state.cors,
    faults: describeFaults(state),
    signedInSessions: describeSessions(state).length,
    refreshTokensIssued: state.refreshTokens.size,
  };
}
