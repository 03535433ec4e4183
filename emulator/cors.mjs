/**
 * Cross-origin rules. The app runs on another localhost port, so every browser-facing answer needs
 * CORS headers — errors included, or the browser hides the status from the app.
 */

/**
 * Headers MSAL.js v5 may put on its POST to /token. Checked in msal-common 16.x `createTokenRequestHeaders`:
 * only Content-Type, X-AnchorMailbox (which makes the request non-simple) and DPoP are real headers;
 * client-request-id, x-client-SKU and the telemetry values travel in the query string or form body.
 * Those are allowed too in case a future version moves them into headers.
 */
export const TOKEN_ALLOWED_HEADERS = [
  'Content-Type',
  'X-AnchorMailbox',
  'DPoP',
  'client-request-id',
  'return-client-request-id',
  'x-client-SKU',
  'x-client-VER',
  'x-client-OS',
  'x-client-CPU',
  'x-ms-lib-capability',
  'x-client-current-telemetry',
  'x-client-last-telemetry',
  'x-app-name',
  'x-app-ver',
];

/** @typedef {{ methods: string[], allowHeaders: string[], exposeHeaders: string[] }} CorsPolicy */

/** @type {CorsPolicy} */
export const API_CORS = {
  methods: ['GET', 'OPTIONS'],
  allowHeaders: ['Authorization', 'Content-Type', 'Accept'],
  exposeHeaders: ['Retry-After'],
};

/** @type {CorsPolicy} */
export const TOKEN_CORS = {
  methods: ['POST', 'OPTIONS'],
  allowHeaders: TOKEN_ALLOWED_HEADERS,
  exposeHeaders: ['Retry-After', 'x-ms-request-id', 'client-request-id'],
};

/** Discovery documents and keys: plain GETs. */
/** @type {CorsPolicy} */
export const DISCOVERY_CORS = {
  methods: ['GET', 'OPTIONS'],
  allowHeaders: ['Content-Type'],
  exposeHeaders: [],
};

/** @type {CorsPolicy} */
export const CONTROL_CORS = {
  methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
  allowHeaders: ['Content-Type'],
  exposeHeaders: [],
};

const PREFLIGHT_MAX_AGE_SECONDS = '600';

/**
 * Sets the headers every answer under this policy carries.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {CorsPolicy} policy
 */
export function applyCors(req, res, policy) {
  const origin = req.headers.origin;
  res.setHeader('Access-Control-Allow-Origin', origin ?? '*');
  res.setHeader('Vary', 'Origin');
  if (policy.exposeHeaders.length > 0) res.setHeader('Access-Control-Expose-Headers', policy.exposeHeaders.join(', '));
}

/**
 * Answers an OPTIONS preflight.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {CorsPolicy} policy
 */
export function answerPreflight(req, res, policy) {
  applyCors(req, res, policy);
  res.writeHead(204, {
    'Access-Control-Allow-Methods': policy.methods.join(', '),
    'Access-Control-Allow-Headers': policy.allowHeaders.join(', '),
    'Access-Control-Max-Age': PREFLIGHT_MAX_AGE_SECONDS,
    'Content-Length': 0,
  });
  res.end();
}
