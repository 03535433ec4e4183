/** The Defender for Endpoint endpoints under `/api/`: the scores and the recommendations they are made of. */
import { API_CORS, answerPreflight, applyCors } from './cors.mjs';
import { RECOMMENDATIONS_PERMISSION, SCORE_PERMISSION, checkAccessToken } from './defender-auth.mjs';
import {
  MALFORMED_BODY,
  configurationScoreBody,
  defaultErrorHeaders,
  defenderError,
  defenderErrorForStatus,
  exposureByMachineGroupsBody,
  exposureScoreBody,
  recommendationsBody,
} from './defender-bodies.mjs';
import { playFault } from './fault-answer.mjs';
import { takeFault } from './fault-queue.mjs';
import { sendJson } from './http-utils.mjs';
import { appendLog } from './state.mjs';

/** @typedef {import('./state.mjs').ApiEndpoint} ApiEndpoint */
/** @typedef {import('./state.mjs').EmulatorState} EmulatorState */

/** The most `$top` may ask for, as documented for the recommendations list. */
export const MAX_TOP = 10_000;

/**
 * @typedef {object} ApiRoute
 * @property {ApiEndpoint} endpoint
 * @property {string} permission the delegated permission the token's `scp` must carry
 * @property {(query: URLSearchParams) => string | undefined} [refuseQuery] why the API would refuse these query options
 * @property {(state: EmulatorState, tenantId: string, query: URLSearchParams) => unknown} body undefined when the tenant has no data (not provisioned)
 */

/** @type {Record<string, ApiRoute>} */
const ROUTES = {
  '/api/configurationscore': {
    endpoint: 'configurationScore',
    permission: SCORE_PERMISSION,
    body: (state, tenantId) => {
      const score = state.configurationScores.get(tenantId);
      return score === undefined ? undefined : configurationScoreBody(score);
    },
  },
  '/api/exposurescore': {
    endpoint: 'exposureScore',
    permission: SCORE_PERMISSION,
    body: (state, tenantId) => {
      const exposure = state.exposure.get(tenantId);
      return exposure && exposureScoreBody(exposure.score);
    },
  },
  '/api/exposurescore/bymachinegroups': {
    endpoint: 'exposureScoreByMachineGroups',
    permission: SCORE_PERMISSION,
    body: (state, tenantId) => {
      const exposure = state.exposure.get(tenantId);
      return exposure && exposureByMachineGroupsBody(exposure.machineGroups, exposure.withGroupIds);
    },
  },
  '/api/recommendations': {
    endpoint: 'recommendations',
    permission: RECOMMENDATIONS_PERMISSION,
    refuseQuery: (query) => pagingError(query),
    body: (state, tenantId, query) => {
      const recommendations = state.recommendations.get(tenantId);
      if (!recommendations) return undefined;
      const listed = recommendations.filter((r) => r.exposedMachinesCount > 0);
      const skip = Number(query.get('$skip') ?? 0);
      const top = Number(query.get('$top') ?? MAX_TOP);
      return recommendationsBody(listed.slice(skip, skip + top));
    },
  },
};

/**
 * `$top` (0 to 10,000) and `$skip` (0 or more) must be whole numbers; the API answers 400 otherwise.
 * @param {URLSearchParams} query
 */
function pagingError(query) {
  const top = query.get('$top');
  if (top !== null && !(/^\d+$/.test(top) && Number(top) <= MAX_TOP)) return `Invalid value '${top}' for $top: it must be a whole number from 0 to ${MAX_TOP}.`;
  const skip = query.get('$skip');
  if (skip !== null && !/^\d+$/.test(skip)) return `Invalid value '${skip}' for $skip: it must be a whole number from 0.`;
  return undefined;
}

/**
 * How a fault answers on a route: the documented error shape, naming the route's permission in a 403.
 * @param {ApiRoute} route
 * @returns {import('./fault-answer.mjs').FaultAnswer}
 */
function faultAnswerFor(route) {
  return {
    defaultBody: (fault, status) => defenderErrorForStatus(status, fault, route.permission),
    defaultHeaders: defaultErrorHeaders,
    malformedBody: MALFORMED_BODY,
  };
}

/**
 * @param {{ state: EmulatorState, signer: import('./tokens.mjs').JwtSigner, pendingWaits: Set<() => void> }} context
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 */
export async function handleDefenderApi({ state, signer, pendingWaits }, req, res, url) {
  const path = url.pathname;
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

  const check = checkAccessToken(req.headers.authorization, signer, route.permission);
  /** @param {number} status */
  const log = (status) => appendLog(state.log.api, { endpoint: route.endpoint, tenantId: check.tenantId, status, at: new Date().toISOString() });

  // Faults come before the token check: throttling and outages happen whoever is asking.
  const fault = takeFault(state, route.endpoint, check.tenantId);
  if (fault) {
    const played = await playFault(req, res, fault, faultAnswerFor(route), pendingWaits);
    if (played.answered) return log(played.status);
  }

  if (!check.ok) {
    /** @type {Record<string, string>} */
    const headers = check.status === 401 ? { 'WWW-Authenticate': 'Bearer error="invalid_token"' } : {};
    sendJson(res, check.status, defenderError(check.code, check.message), headers);
    return log(check.status);
  }
  const refused = route.refuseQuery?.(url.searchParams);
  if (refused) {
    sendJson(res, 400, defenderError('BadRequest', refused));
    return log(400);
  }
  const body = route.body(state, check.tenantId, url.searchParams);
  if (body === undefined) {
    sendJson(res, 401, defenderError('Unauthorized', 'Unauthorized request - reason of failure: Account is not provisioned'));
    return log(401);
  }
  sendJson(res, 200, body);
  log(200);
}
