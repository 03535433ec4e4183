/**
 * Microsoft Graph's drive, as far as the app folder goes: `/v1.0/me/drive/special/approot` and the files in it.
 * - `GET …/approot` the folder; `GET …/approot/children` its files (eTag, size, download link), paged by `$top`;
 * - `GET …/approot:/{name}` one file; `GET …/approot:/{name}:/content` a 302 to its download link;
 * - `PUT …/approot:/{name}:/content` writes it, honouring `If-Match` (412 on a stale eTag) and
 *   `If-None-Match: *` (412 when it exists);
 * - download links are on a second origin (127.0.0.1 where Graph is localhost), like SharePoint's, and refuse a
 *   request carrying an Authorization header, as a pre-authenticated URL followed with one fails CORS.
 * Faults: `driveList`, `driveItem`, `driveUpload`, `driveContent` (429 answers carry Retry-After).
 */
import { answerPreflight, applyCors } from './cors.mjs';
import { checkGraphToken } from './graph-token-check.mjs';
import { downloadOf, eTagOf, folderOf, itemJson, writeFile } from './drive-store.mjs';
import { playFault } from './fault-answer.mjs';
import { takeFault } from './fault-queue.mjs';
import { BodyTooLargeError, readBody, sendJson, sendText, redirect } from './http-utils.mjs';

/** The permission the app folder needs; `Files.ReadWrite` and `Files.ReadWrite.All` reach it too. */
export const APP_FOLDER_PERMISSION = 'Files.ReadWrite.AppFolder';
const DRIVE_PERMISSIONS = [APP_FOLDER_PERMISSION, 'Files.ReadWrite', 'Files.ReadWrite.All'];

const APPROOT = '/v1.0/me/drive/special/approot';
const CONTENT_PREFIX = '/_drive-content/';
/** Graph's default page of children is 200. */
const DEFAULT_TOP = 200;
/** OneDrive refuses these in names. */
const BAD_NAME = /["*:<>?/\\|]/;

/** @type {import('./cors.mjs').CorsPolicy} */
export const GRAPH_CORS = {
  methods: ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS'],
  allowHeaders: ['Authorization', 'Content-Type', 'Accept', 'If-Match', 'If-None-Match', 'Prefer', 'client-request-id', 'SdkVersion'],
  exposeHeaders: ['Retry-After', 'ETag', 'Location', 'request-id', 'client-request-id'],
};

/** The download host: no Authorization header allowed, as a pre-authenticated URL's host. */
/** @type {import('./cors.mjs').CorsPolicy} */
const CONTENT_CORS = { methods: ['GET', 'OPTIONS'], allowHeaders: [], exposeHeaders: ['Content-Length'] };

/**
 * @param {{ state: import('./state.mjs').EmulatorState, signer: import('./tokens.mjs').JwtSigner, pendingWaits: Set<() => void>, baseUrl: string }} context
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 * @returns {Promise<boolean>} whether the request was the drive's
 */
export async function handleGraphDrive(context, req, res, url) {
  const path = url.pathname;
  if (path.startsWith(CONTENT_PREFIX)) return (await answerContent(context, req, res, path.slice(CONTENT_PREFIX.length)), true);
  if (path !== APPROOT && !path.startsWith(`${APPROOT}/`) && !path.startsWith(`${APPROOT}:`)) return false;
  if (req.method === 'OPTIONS') return (answerPreflight(req, res, GRAPH_CORS), true);
  applyCors(req, res, GRAPH_CORS);

  const route = routeOf(req.method ?? 'GET', path);
  if (!route) return (graphError(res, 400, 'invalidRequest', `${req.method} ${path} is not something the app folder answers.`), true);
  const fault = takeFault(context.state, route.endpoint);
  if (fault) {
    const played = await playFault(req, res, fault, GRAPH_FAULT_ANSWER, context.pendingWaits);
    if (played.answered) return true;
  }
  const token = checkGraphToken(req.headers.authorization, context.signer, DRIVE_PERMISSIONS);
  if (!token.ok) return (graphError(res, token.status, token.code, token.message), true);
  const folder = folderOf(context.state.drive, token.oid);
  const contentOrigin = contentOriginOf(context.baseUrl);

  if (route.endpoint === 'driveList') {
    if (route.name === undefined && !path.endsWith('/children')) return (sendJson(res, 200, folderJson(folder.size)), true);
    const files = [...folder.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
    const top = Math.min(Math.max(Number(url.searchParams.get('$top') ?? DEFAULT_TOP) || DEFAULT_TOP, 1), 1000);
    const skip = Number(url.searchParams.get('$skiptoken') ?? 0) || 0;
    const page = files.slice(skip, skip + top).map((file) => itemJson(context.state.drive, token.oid, file, contentOrigin));
    const next = skip + top < files.length ? { '@odata.nextLink': `${context.baseUrl}${APPROOT}/children?$top=${top}&$skiptoken=${skip + top}` } : {};
    return (sendJson(res, 200, { value: page, ...next }), true);
  }
  const name = /** @type {string} */ (route.name);
  const file = folder.get(name.toLowerCase());
  if (route.endpoint === 'driveItem' || route.endpoint === 'driveContent') {
    if (!file) return (graphError(res, 404, 'itemNotFound', 'The resource could not be found.'), true);
    const item = itemJson(context.state.drive, token.oid, file, contentOrigin);
    if (route.endpoint === 'driveContent') return (redirect(res, item['@microsoft.graph.downloadUrl']), true);
    return (sendJson(res, 200, item), true);
  }
  return (await answerUpload(context, req, res, token.oid, name), true);
}

/**
 * @param {string} method
 * @param {string} path
 * @returns {{ endpoint: 'driveList' | 'driveItem' | 'driveContent' | 'driveUpload', name?: string } | undefined}
 */
function routeOf(method, path) {
  if (path === APPROOT || path === `${APPROOT}/children`) return method === 'GET' ? { endpoint: 'driveList' } : undefined;
  const match = /^:\/([^/]+?)(:\/content|:)?$/.exec(path.slice(APPROOT.length));
  if (!match) return undefined;
  let name;
  try {
    name = decodeURIComponent(/** @type {string} */ (match[1]));
  } catch {
    return undefined;
  }
  if (name === '' || BAD_NAME.test(name)) return undefined;
  if (match[2] === ':/content') return method === 'PUT' ? { endpoint: 'driveUpload', name } : method === 'GET' ? { endpoint: 'driveContent', name } : undefined;
  return method === 'GET' ? { endpoint: 'driveItem', name } : undefined;
}

/**
 * @param {{ state: import('./state.mjs').EmulatorState, baseUrl: string }} context
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} oid
 * @param {string} name
 */
async function answerUpload(context, req, res, oid, name) {
  let body;
  try {
    body = Buffer.from(await readBody(req), 'utf8');
  } catch (error) {
    if (error instanceof BodyTooLargeError) return graphError(res, 413, 'requestTooLarge', 'The emulator takes files up to 1 MB.');
    throw error;
  }
  const existing = folderOf(context.state.drive, oid).get(name.toLowerCase());
  const ifMatch = req.headers['if-match'];
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifMatch !== undefined && ifMatch !== '*' && (!existing || eTagOf(existing) !== ifMatch)) {
    return graphError(res, 412, 'preconditionFailed', 'The resource has changed since the caller last read it; usually an eTag mismatch');
  }
  if (ifMatch === '*' && !existing) return graphError(res, 412, 'preconditionFailed', 'The resource does not exist.');
  if (ifNoneMatch === '*' && existing) return graphError(res, 412, 'preconditionFailed', 'The resource already exists.');
  const quota = context.state.drive.quota;
  const grows = body.length - (existing?.content.length ?? 0);
  if (quota.remainingBytes !== null && grows > quota.remainingBytes) return graphError(res, 507, 'quotaLimitReached', 'Insufficient Space Available');
  if (quota.remainingBytes !== null) quota.remainingBytes -= Math.max(grows, 0);
  const file = writeFile(context.state.drive, oid, name, body);
  sendJson(res, existing ? 200 : 201, itemJson(context.state.drive, oid, file, contentOriginOf(context.baseUrl)), { ETag: eTagOf(file) });
}

/**
 * The download host: plain GETs only; a preflight for an Authorization header is refused like a real one.
 * @param {{ state: import('./state.mjs').EmulatorState, pendingWaits: Set<() => void> }} context
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} token
 */
async function answerContent(context, req, res, token) {
  if (req.method === 'OPTIONS') {
    // No Access-Control-Allow-Headers: a request with Authorization fails its preflight, as on SharePoint.
    res.writeHead(403, { 'Content-Length': 0 });
    return res.end();
  }
  applyCors(req, res, CONTENT_CORS);
  if (req.method !== 'GET') return sendText(res, 405, 'Method not allowed', { Allow: 'GET' });
  if (req.headers.authorization !== undefined) return sendText(res, 401, 'A pre-authenticated download link takes no Authorization header.');
  const fault = takeFault(context.state, 'driveContent');
  if (fault) {
    const played = await playFault(req, res, fault, GRAPH_FAULT_ANSWER, context.pendingWaits);
    if (played.answered) return;
  }
  const content = downloadOf(context.state.drive, token);
  if (!content) return sendText(res, 404, 'This download link is unknown, has expired, or its file was written since.');
  res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': content.length });
  res.end(content);
}

/** Where download links point: the same server under another host name, so a browser treats it as another origin. */
export function contentOriginOf(/** @type {string} */ baseUrl) {
  const url = new URL(baseUrl);
  url.hostname = url.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  return url.origin;
}

/** @param {number} childCount */
function folderJson(childCount) {
  return { id: 'APPROOT', name: 'Scoreline', folder: { childCount }, specialFolder: { name: 'approot' }, parentReference: { driveType: 'personal' } };
}

const ERROR_CODES = /** @type {Record<number, string>} */ ({ 400: 'invalidRequest', 401: 'unauthenticated', 403: 'accessDenied', 404: 'itemNotFound', 409: 'nameAlreadyExists', 412: 'preconditionFailed', 429: 'activityLimitReached', 500: 'generalException', 503: 'serviceNotAvailable', 507: 'quotaLimitReached' });

/** Graph's error shape; a throttled or unavailable answer says when to come back, as Graph's do. */
/** @type {import('./fault-answer.mjs').FaultAnswer} */
const GRAPH_FAULT_ANSWER = {
  defaultBody: (_fault, status) => graphErrorBody(status),
  defaultHeaders: (status) => (status === 429 || status === 503 ? { 'Retry-After': '2' } : /** @type {Record<string, string>} */ ({})),
};

/** @param {number} status */
function graphErrorBody(status) {
  const code = ERROR_CODES[status] ?? 'generalException';
  return { error: { code, message: `The emulator answered ${status} (${code}) as asked.`, innerError: { date: new Date().toISOString() } } };
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} code
 * @param {string} message
 */
function graphError(res, status, code, message) {
  sendJson(res, status, { error: { code, message, innerError: { date: new Date().toISOString() } } });
}
