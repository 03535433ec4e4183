/**
 * The relay, as one function from a request to an answer: no server, no platform. The standalone server
 * (server.mjs) and the Azure Static Web Apps function (swa-function.mjs) are thin wrappers around it.
 *
 * It forwards only GETs of the endpoints in endpoints.mjs, only to the Defender host of the configured
 * cloud and the region the app names, with the caller's token as `Authorization`. The token is never
 * logged, stored or sent back; status, error body and Retry-After come back as Defender sent them.
 */
import { endpointFor, RELAY_ENDPOINTS } from './endpoints.mjs';
import { defenderOriginFor, isRelayRegion } from './defender-hosts.mjs';

/** The app's own header for the token: Azure Static Web Apps replaces `Authorization` before a function sees it. */
export const TOKEN_HEADER = 'X-Scoreline-Authorization';
/** The region the app has chosen, one of RELAY_REGIONS; "global" when absent. */
export const REGION_HEADER = 'X-Scoreline-Region';

export const DEFAULT_TIMEOUT_MS = 15_000;
/** The score answers are under 200 bytes; 10,000 recommendations at about 1 KB each are the largest answer. */
export const DEFAULT_MAX_RESPONSE_BYTES = 16_000_000;

const PREFLIGHT_MAX_AGE_SECONDS = '600';
// RFC 6750's b64token: nothing that could end a header or smuggle another one.
const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/;

/**
 * A request as the relay sees it, whatever server or platform received it.
 * @typedef {object} RelayRequest
 * @property {string} method
 * @property {string} path the path below the relay's own address, e.g. `/api/configurationScore`
 * @property {URLSearchParams} query
 * @property {(name: string) => string | undefined} header case-insensitive
 */

/**
 * @typedef {object} RelayAnswer
 * @property {number} status
 * @property {Record<string, string>} headers
 * @property {Uint8Array} body
 */

/**
 * @typedef {object} RelaySettings
 * @property {import('./defender-hosts.mjs').RelayCloud} cloud
 * @property {readonly string[]} allowedOrigins pages that may call the relay across origins; a same-origin page needs none
 * @property {string | undefined} defenderOrigin replaces the cloud's hosts (a local emulator); set by the deployer, never by a request
 * @property {boolean} acceptAuthorizationHeader take the token from `Authorization` too (not behind Static Web Apps)
 * @property {number} timeoutMs
 * @property {number} maxResponseBytes
 */

/** What one request did, for the operator's log: never a header, a query or a body. */
/** @typedef {{ method: string, endpoint: string | undefined, status: number, outcome: string, ms: number }} RelayLogEntry */

/**
 * @typedef {object} RelayDependencies
 * @property {typeof fetch} [fetchImpl]
 * @property {(entry: RelayLogEntry) => void} [log]
 * @property {() => number} [now]
 * @property {readonly import('./endpoints.mjs').RelayEndpoint[]} [endpoints]
 */

/**
 * @param {RelaySettings} settings
 * @param {RelayDependencies} [dependencies]
 * @returns {(request: RelayRequest) => Promise<RelayAnswer>}
 */
export function createRelayHandler(settings, { fetchImpl = fetch, log = () => {}, now = Date.now, endpoints = RELAY_ENDPOINTS } = {}) {
  const allowedOrigins = new Set(settings.allowedOrigins);
  const allowedRequestHeaders = [TOKEN_HEADER, REGION_HEADER, 'Accept', ...(settings.acceptAuthorizationHeader ? ['Authorization'] : [])];

  return async function relay(request) {
    const startedAt = now();
    const method = request.method.toUpperCase();
    /** @type {string | undefined} */
    let endpointPath;
    /** @param {RelayAnswer} answer @param {string} outcome */
    const done = (answer, outcome) => {
      log({ method, endpoint: endpointPath, status: answer.status, outcome, ms: now() - startedAt });
      return answer;
    };

    const origin = request.header('Origin');
    if (origin !== undefined && !allowedOrigins.has(origin)) {
      return done(refusal(403, 'Forbidden', 'This relay does not answer pages from this origin. Add it to the relay\'s allowed origins.'), 'origin not allowed');
    }
    const cors = origin === undefined ? {} : corsHeaders(origin);

    if (method === 'OPTIONS') return done(preflight(request, cors, allowedRequestHeaders), 'preflight');
    if (method !== 'GET') {
      return done(refusal(405, 'MethodNotAllowed', 'This relay forwards only GET.', { ...cors, Allow: 'GET, OPTIONS' }), 'method refused');
    }

    const endpoint = endpointFor(request.path, endpoints);
    if (!endpoint) {
      const known = endpoints.map((e) => `GET ${e.path}`).join(', ');
      return done(refusal(404, 'NotFound', `This relay forwards only ${known}.`, cors), 'path refused');
    }
    endpointPath = endpoint.path;

    const unknownParameter = [...request.query.keys()].find((name) => !endpoint.query.includes(name));
    if (unknownParameter !== undefined) {
      return done(refusal(400, 'BadRequest', `The query parameter "${unknownParameter.slice(0, 40)}" is not forwarded for ${endpoint.path}.`, cors), 'query refused');
    }

    const region = request.header(REGION_HEADER) ?? 'global';
    if (!isRelayRegion(region)) return done(refusal(400, 'BadRequest', `${REGION_HEADER} is not a known region.`, cors), 'region refused');

    const token = bearerToken(request, settings.acceptAuthorizationHeader);
    if (token === undefined) {
      return done(refusal(401, 'Unauthorized', `No token: send it as "${TOKEN_HEADER}: Bearer <token>".`, cors), 'no token');
    }

    const target = new URL(endpoint.path, settings.defenderOrigin ?? defenderOriginFor(settings.cloud, region));
    for (const [name, value] of request.query) target.searchParams.append(name, value);
    const forwarded = await forward(target, token, settings, fetchImpl);
    return done({ ...forwarded.answer, headers: { ...forwarded.answer.headers, ...cors } }, forwarded.outcome);
  };
}

/**
 * @param {RelayRequest} request
 * @param {boolean} acceptAuthorizationHeader
 * @returns {string | undefined} the whole `Bearer …` value
 */
function bearerToken(request, acceptAuthorizationHeader) {
  const value = request.header(TOKEN_HEADER) ?? (acceptAuthorizationHeader ? request.header('Authorization') : undefined);
  return value !== undefined && BEARER.test(value) ? value : undefined;
}

/**
 * Calls Defender, bounded in time and size; the answer keeps Defender's status, body and Retry-After.
 * @param {URL} target
 * @param {string} authorization
 * @param {RelaySettings} settings
 * @param {typeof fetch} fetchImpl
 * @returns {Promise<{ answer: RelayAnswer, outcome: string }>}
 */
async function forward(target, authorization, settings, fetchImpl) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), settings.timeoutMs);
  const timedOut = () => ({
    answer: refusal(504, 'GatewayTimeout', `The Defender API did not answer within ${Math.round(settings.timeoutMs / 1000)} seconds.`),
    outcome: 'timeout',
  });
  try {
    /** @type {Response} */
    let response;
    try {
      // A redirect is not followed: the token goes to the pinned host and nowhere else.
      response = await fetchImpl(target, { headers: { Authorization: authorization, Accept: 'application/json' }, redirect: 'manual', signal: controller.signal });
    } catch {
      if (controller.signal.aborted) return timedOut();
      return { answer: refusal(502, 'BadGateway', 'The relay could not reach the Defender API.'), outcome: 'unreachable' };
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => {});
      return { answer: refusal(502, 'BadGateway', 'The Defender API answered with a redirect, which the relay does not follow.'), outcome: 'redirect refused' };
    }
    const body = await readCapped(response, settings.maxResponseBytes);
    if (body === 'too large') {
      return { answer: refusal(502, 'BadGateway', `The Defender API's answer was larger than ${settings.maxResponseBytes} bytes.`), outcome: 'too large' };
    }
    if (body === 'failed') return controller.signal.aborted ? timedOut() : { answer: refusal(502, 'BadGateway', 'The Defender API\'s answer broke off.'), outcome: 'broken answer' };

    /** @type {Record<string, string>} */
    const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    const contentType = response.headers.get('Content-Type');
    if (contentType !== null) headers['Content-Type'] = contentType;
    const retryAfter = response.headers.get('Retry-After');
    if (retryAfter !== null) headers['Retry-After'] = retryAfter;
    return { answer: { status: response.status, headers, body }, outcome: 'forwarded' };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The body, stopping as soon as it passes the cap so a huge answer never sits in memory.
 * @param {Response} response
 * @param {number} maxBytes
 * @returns {Promise<Uint8Array | 'too large' | 'failed'>}
 */
async function readCapped(response, maxBytes) {
  const declared = Number(response.headers.get('Content-Length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    return 'too large';
  }
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  /** @type {Uint8Array[]} */
  const chunks = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        return 'too large';
      }
      chunks.push(value);
    }
  } catch {
    return 'failed';
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * @param {RelayRequest} request
 * @param {Record<string, string>} cors
 * @param {readonly string[]} allowedRequestHeaders
 * @returns {RelayAnswer}
 */
function preflight(request, cors, allowedRequestHeaders) {
  const wantedMethod = request.header('Access-Control-Request-Method');
  const wantedHeaders = (request.header('Access-Control-Request-Headers') ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  const allowed = new Set(allowedRequestHeaders.map((name) => name.toLowerCase()));
  if (!('Access-Control-Allow-Origin' in cors) || wantedMethod !== 'GET' || !wantedHeaders.every((name) => allowed.has(name))) {
    return refusal(403, 'Forbidden', 'This relay allows only GET with its own headers.');
  }
  return {
    status: 204,
    headers: {
      ...cors,
      'Access-Control-Allow-Methods': 'GET',
      'Access-Control-Allow-Headers': allowedRequestHeaders.join(', '),
      'Access-Control-Max-Age': PREFLIGHT_MAX_AGE_SECONDS,
    },
    body: new Uint8Array(),
  };
}

/** @param {string} origin @returns {Record<string, string>} */
function corsHeaders(origin) {
  return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': 'Retry-After', Vary: 'Origin' };
}

/**
 * An answer of the relay's own, in Defender's error shape so the app reads it like any API error.
 * @param {number} status
 * @param {string} code
 * @param {string} message
 * @param {Record<string, string>} [headers]
 * @returns {RelayAnswer}
 */
function refusal(status, code, message, headers = {}) {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers },
    body: new TextEncoder().encode(JSON.stringify({ error: { code, message, target: 'scoreline-relay' } })),
  };
}
