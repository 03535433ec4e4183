/**
 * Microsoft Graph under `/v1.0/` and `/beta/`, on the emulator's own origin (the demo's config.json names it as
 * `graphBaseUrl`). The token is checked as Graph checks it, answers carry Graph's CORS and error shapes, and each
 * endpoint takes faults on demand. A feature adds its endpoints to GRAPH_ROUTES and their names to graph-endpoints.mjs.
 */
import { playFault } from './fault-answer.mjs';
import { takeFault } from './fault-queue.mjs';
import { checkGraphToken } from './graph-auth.mjs';
import { GRAPH_MALFORMED_BODY, graphError, graphErrorForStatus, graphErrorHeaders } from './graph-bodies.mjs';
import { answerGraphPreflight, applyGraphCors } from './graph-cors.mjs';
import { newId, sendJson } from './http-utils.mjs';
import { appendLog } from './state.mjs';

/** @typedef {import('./state.mjs').EmulatorState} EmulatorState */

/**
 * What a route's answer gets: the caller's tenant, and the request as Graph received it.
 * @typedef {object} GraphCall
 * @property {EmulatorState} state
 * @property {string} tenantId the token's tenant
 * @property {Record<string, unknown>} claims the verified token's claims
 * @property {import('node:http').IncomingMessage} req
 * @property {import('node:http').ServerResponse} res
 * @property {URL} url
 * @property {RegExpExecArray} match the route's path pattern applied to the path below the version
 * @property {string} baseUrl e.g. `http://localhost:4010/v1.0`: where next links point
 * @property {Record<string, string>} headers Graph's own answer headers (request-id), to send with the answer
 */

/**
 * @typedef {object} GraphRoute
 * @property {import('./graph-endpoints.mjs').GraphEndpoint} endpoint its name in the log and the fault queues
 * @property {RegExp} path matched, case-insensitively, against the path below `/v1.0` or `/beta`, e.g. `/me`
 * @property {string[]} methods
 * @property {string[]} permissions the delegated permissions of which the token must carry one
 * @property {(call: GraphCall) => Promise<number> | number} answer sends the answer; returns its status for the log
 */

/** @type {GraphRoute[]} */
export const GRAPH_ROUTES = [
  {
    endpoint: 'graphMe',
    path: /^\/me\/?$/i,
    methods: ['GET'],
    permissions: ['User.Read'],
    answer: ({ res, claims, headers }) => {
      sendJson(res, 200, { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/$entity', id: claims.oid, userPrincipalName: claims.upn, displayName: claims.name }, headers);
      return 200;
    },
  },
];

const VERSION = /^\/(v1\.0|beta)(\/.*)?$/i;

/** @param {string} path */
export function isGraphPath(path) {
  return VERSION.test(path);
}

/**
 * @param {{ state: EmulatorState, signer: import('./tokens.mjs').JwtSigner, pendingWaits: Set<() => void>, baseUrl: string }} context
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 */
export async function handleGraph({ state, signer, pendingWaits, baseUrl }, req, res, url) {
  if (req.method === 'OPTIONS') return answerGraphPreflight(req, res);
  applyGraphCors(res);
  const requestId = newId();
  const headers = { 'request-id': requestId, 'client-request-id': String(req.headers['client-request-id'] ?? requestId) };
  const [, version, rest = '/'] = /** @type {RegExpExecArray} */ (VERSION.exec(url.pathname));
  const found = GRAPH_ROUTES.map((route) => ({ route, match: route.path.exec(rest) })).find(({ match }) => match !== null);
  if (!found?.match) return sendJson(res, 400, graphError('BadRequest', `Resource not found for the segment '${rest.split('/')[1] ?? ''}'.`, requestId), headers);
  const { route, match } = found;
  if (!route.methods.includes(req.method ?? '')) {
    return sendJson(res, 405, graphError('Request_BadRequest', `The ${req.method} method is not supported here.`, requestId), { ...headers, Allow: route.methods.join(', ') });
  }

  const check = checkGraphToken(req.headers.authorization, signer, route.permissions);
  /** @param {number} status */
  const log = (status) => appendLog(state.log.api, { endpoint: route.endpoint, tenantId: check.tenantId, status, at: new Date().toISOString() });

  // Faults come before the token check, as for the Defender API: throttling and outages happen whoever asks.
  const fault = takeFault(state, route.endpoint);
  if (fault) {
    const answer = {
      defaultBody: (/** @type {import('./state.mjs').Fault} */ _fault, /** @type {number} */ status) => graphErrorForStatus(status, route.permissions[0] ?? ''),
      defaultHeaders: (/** @type {number} */ status) => ({ ...headers, ...graphErrorHeaders(status) }),
      malformedBody: GRAPH_MALFORMED_BODY,
    };
    const played = await playFault(req, res, fault, answer, pendingWaits);
    if (played.answered) return log(played.status);
  }
  if (!check.ok) {
    sendJson(res, check.status, check.body, check.status === 401 ? { ...headers, 'WWW-Authenticate': 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"' } : headers);
    return log(check.status);
  }
  const status = await route.answer({ state, tenantId: check.tenantId, claims: check.claims, req, res, url, match, baseUrl: `${baseUrl}/${version}`, headers });
  log(status);
}
