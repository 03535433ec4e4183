/** The Defender for Endpoint score endpoints under `/api/`. */
import { API_CORS, answerPreflight, applyCors } from './cors.mjs';
import { checkAccessToken } from './defender-auth.mjs';
import {
  MALFORMED_BODY,
  configurationScoreBody,
  defaultErrorHeaders,
  defenderError,
  defenderErrorForStatus,
  exposureByMachineGroupsBody,
  exposureScoreBody,
} from './defender-bodies.mjs';
import { playFault } from './fault-answer.mjs';
import { takeFault } from './fault-queue.mjs';
import { sendJson } from './http-utils.mjs';
import { appendLog } from './state.mjs';

/** @typedef {import('./state.mjs').ApiEndpoint} ApiEndpoint */
/** @typedef {import('./state.mjs').EmulatorState} EmulatorState */

/**
 * Each endpoint's body for a tenant, or undefined when the tenant has no data (not provisioned).
 * @type {Record<string, { endpoint: ApiEndpoint, body: (state: EmulatorState, tenantId: string) => unknown }>}
 */
const ROUTES = {
  '/api/configurationscore': {
    endpoint: 'configurationScore',
    body: (state, tenantId) => {
      const score = state.configurationScores.get(tenantId);
      return score === undefined ? undefined : configurationScoreBody(score);
    },
  },
  '/api/exposurescore': {
    endpoint: 'exposureScore',
    body: (state, tenantId) => {
      const exposure = state.exposure.get(tenantId);
      return exposure && exposureScoreBody(exposure.score);
    },
  },
  '/api/exposurescore/bymachinegroups': {
    endpoint: 'exposureScoreByMachineGroups',
    body: (state, tenantId) => {
      const exposure = state.exposure.get(tenantId);
      return exposure && exposureByMachineGroupsBody(exposure.machineGroups);
    },
  },
};

/** @type {import('./fault-answer.mjs').FaultAnswer} */
const API_FAULT_ANSWER = {
  defaultBody: (fault, status) => defenderErrorForStatus(status, fault),
  defaultHeaders: defaultErrorHeaders,
  malformedBody: MALFORMED_BODY,
};

/**
 * @param {{ state: EmulatorState, signer: import('./tokens.mjs').JwtSigner, pendingWaits: Set<() => void> }} context
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} path
 */
export async function handleDefenderApi({ state, signer, pendingWaits }, req, res, path) {
  if (!state.cors.defenderApi) {
    // Like a host that does not allow browsers: the preflight is refused and no answer carries CORS headers,
    // so a page's call is blocked while a server-side caller (a relay) is answered as usual.
    if (req.method === 'OPTIONS') return sendJson(res, 403, defenderError('Forbidden', 'CORS is not enabled for this API.'));
  } else {
    if (req.method === 'OPTIONS') return answerPreflight(req, res, API_CORS);
    applyCors(req, res, API_CORS);
  }

  const route = ROUTES[path.toLowerCase().replace(/\/+$/, '')];
  if (!route) return sendJson(res, 404, defenderError('ResourceNotFound', `No API at ${path}.`));
  if (req.method !== 'GET') {
    return sendJson(res, 405, defenderError('MethodNotAllowed', `${req.method} is not supported here; use GET.`), { Allow: 'GET, OPTIONS' });
  }

  const check = checkAccessToken(req.headers.authorization, signer);
  /** @param {number} status */
  const log = (status) => appendLog(state.log.api, { endpoint: route.endpoint, tenantId: check.tenantId, status, at: new Date().toISOString() });

  // Faults come before the token check: throttling and outages happen whoever is asking.
  const fault = takeFault(state, route.endpoint);
  if (fault) {
    const played = await playFault(req, res, fault, API_FAULT_ANSWER, pendingWaits);
    if (played.answered) return log(played.status);
  }

  if (!check.ok) {
    /** @type {Record<string, string>} */
    const headers = check.status === 401 ? { 'WWW-Authenticate': 'Bearer error="invalid_token"' } : {};
    sendJson(res, check.status, defenderError(check.code, check.message), headers);
    return log(check.status);
  }
  const body = route.body(state, check.tenantId);
  if (body === undefined) {
    sendJson(res, 401, defenderError('Unauthorized', 'Unauthorized request - reason of failure: Account is not provisioned'));
    return log(401);
  }
  sendJson(res, 200, body);
  log(200);
}
