/**
 * Microsoft Graph's drive, as far as the app folder goes: `/v1.0/me/drive/special/approot` and the files in it.
 * - `GET …/approot` the folder; `GET …/approot/children` its files (eTag, size, download link), paged by `$top`;
 * - `GET …/approot:/{name}` one file; `GET …/approot:/{name}:/content` a 302 to its download link;
 * - `PUT …/approot:/{name}:/content` writes it, honouring `If-Match` (412 on a stale eTag) and
 *   `If-None-Match: *` (412 when it exists); 507 when the drive's quota is used up;
 * - download links are on a second origin (127.0.0.1 where Graph is localhost), like SharePoint's, and refuse a
 *   request carrying an Authorization header, as a pre-authenticated URL followed with one fails CORS.
 * Faults: `driveList`, `driveItem`, `driveContent` (the download host too), `driveUpload`, or `graph` for all.
 */
import { applyCors } from './cors.mjs';
import { contentOriginOf } from './drive-origin.mjs';
import { downloadOf, eTagOf, folderOf, itemJson, writeFile } from './drive-store.mjs';
import { playFault } from './fault-answer.mjs';
import { takeFault } from './fault-queue.mjs';
import { checkGraphToken } from './graph-auth.mjs';
import { GRAPH_MALFORMED_BODY, graphError, graphErrorForStatus, graphErrorHeaders } from './graph-bodies.mjs';
import { answerGraphPreflight, applyGraphCors } from './graph-cors.mjs';
import { BodyTooLargeError, readBody, redirect, sendJson, sendText } from './http-utils.mjs';
import { appendLog } from './state.mjs';

/** The permission the app folder needs; `Files.ReadWrite` and `Files.ReadWrite.All` reach it too. */
export const APP_FOLDER_PERMISSION = 'Files.ReadWrite.AppFolder';
const DRIVE_PERMISSIONS = [APP_FOLDER_PERMISSION, 'Files.ReadWrite', 'Files.ReadWrite.All'];

const APPROOT = '/v1.0/me/drive/special/approot';
const CONTENT_PREFIX = '/_drive-content/';
/** Graph's default page of children is 200. */
const DEFAULT_TOP = 200;
/** OneDrive refuses these in names. */
const BAD_NAME = /["*:<>?/\\|]/;

/** The download host: plain GETs, no Authorization header allowed, as a pre-authenticated URL's host. */
/** @type {import('./cors.mjs').CorsPolicy} */
const CONTENT_CORS = { methods: ['GET', 'OPTIONS'], allowHeaders: [], exposeHeaders: ['Content-Length'] };

/** Graph's error shapes; a throttled or unavailable answer says when to come back, as Graph's do. */
/** @type {import('./fault-answer.mjs').FaultAnswer} */
const DRIVE_FAULT_ANSWER = {
  defaultBody: (_fault, status) => (status === 412 ? graphError('preconditionFailed', STALE_ETAG) : status === 507 ? graphError('quotaLimitReached', 'Insufficient Space Available') : graphErrorForStatus(status, APP_FOLDER_PERMISSION)),
  defaultHeaders: graphErrorHeaders,
  malformedBody: GRAPH_MALFORMED_BODY,
};
const STALE_ETAG = 'The resource has changed since the caller last read it; usually an eTag mismatch';

/** @typedef {{ state: import('./state.mjs').EmulatorState, signer: import('./tokens.mjs').JwtSigner, pendingWaits: Set<() => void>, baseUrl: string }} DriveContext */

/**
 * @param {DriveContext} context
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 * @returns {Promise<boolean>} whether the request was the drive's
 */
export async function handleGraphDrive(context, req, res, url) {
  const path = url.pathname;
  if (path.startsWith(CONTENT_PREFIX)) return (await answerContent(context, req, res, path.slice(CONTENT_PREFIX.length)), true);
  if (path !== APPROOT && !path.startsWith(`${APPROOT}/`) && !path.startsWith(`${APPROOT}:`)) return false;
  if (req.method === 'OPTIONS') return (answerGraphPreflight(req, res), true);
  applyGraphCors(res);

  const route = routeOf(req.method ?? 'GET', path);
  if (!route) return (sendJson(res, 400, graphError('invalidRequest', `${req.method} ${path} is not something the app folder answers.`)), true);
  const check = checkGraphToken(req.headers.authorization, context.signer, DRIVE_PERMISSIONS);
  res.on('finish', () => appendLog(context.state.log.api, { endpoint: route.endpoint, tenantId: check.tenantId, status: res.statusCode, at: new Date().toISOString() }));
  // Faults come before the token check, as for the rest of Graph: throttling and outages happen whoever asks.
  const fault = takeFault(context.state, route.endpoint);
  if (fault && (await playFault(req, res, fault, DRIVE_FAULT_ANSWER, context.pendingWaits)).answered) return true;
  if (!check.ok) return (sendJson(res, check.status, check.body), true);
  const oid = typeof check.claims.oid === 'string' ? check.claims.oid : '';
  if (oid === '') return (sendJson(res, 401, graphError('InvalidAuthenticationToken', 'The token names no user.')), true);
  await answerDrive(context, req, res, url, route, oid);
  return true;
}

/**
 * @param {DriveContext} context
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 * @param {DriveRoute} route
 * @param {string} oid
 */
async function answerDrive(context, req, res, url, route, oid) {
  const { drive } = context.state;
  const folder = folderOf(drive, oid);
  const contentOrigin = contentOriginOf(context.baseUrl);
  if (route.endpoint === 'driveList') {
    if (!url.pathname.endsWith('/children')) return sendJson(res, 200, folderJson(folder.size));
    const files = [...folder.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
    const top = Math.min(Math.max(Number(url.searchParams.get('$top') ?? DEFAULT_TOP) || DEFAULT_TOP, 1), 1000);
    const skip = Number(url.searchParams.get('$skiptoken') ?? 0) || 0;
    const page = files.slice(skip, skip + top).map((file) => itemJson(drive, oid, file, contentOrigin));
    const next = skip + top < files.length ? { '@odata.nextLink': `${context.baseUrl}${APPROOT}/children?$top=${top}&$skiptoken=${skip + top}` } : {};
    return sendJson(res, 200, { value: page, ...next });
  }
  const name = /** @type {string} */ (route.name);
  if (route.endpoint === 'driveUpload') return answerUpload(context, req, res, oid, name);
  const file = folder.get(name.toLowerCase());
  if (!file) return sendJson(res, 404, graphError('itemNotFound', 'The resource could not be found.'));
  const item = itemJson(drive, oid, file, contentOrigin);
  if (route.endpoint === 'driveContent') return redirect(res, item['@microsoft.graph.downloadUrl']);
  sendJson(res, 200, item);
}

/** @typedef {{ endpoint: 'driveList' | 'driveItem' | 'driveContent' | 'driveUpload', name?: string }} DriveRoute */

/**
 * @param {string} method
 * @param {string} path
 * @returns {DriveRoute | undefined}
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
 * @param {DriveContext} context
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
    if (error instanceof BodyTooLargeError) return sendJson(res, 413, graphError('requestTooLarge', 'The emulator takes files up to 1 MB.'));
    throw error;
  }
  const { drive } = context.state;
  const existing = folderOf(drive, oid).get(name.toLowerCase());
  const ifMatch = req.headers['if-match'];
  const ifNoneMatch = req.headers['if-none-match'];
  const stale = ifMatch !== undefined && (ifMatch === '*' ? !existing : !existing || eTagOf(existing) !== ifMatch);
  if (stale || (ifNoneMatch === '*' && existing)) return sendJson(res, 412, graphError('preconditionFailed', STALE_ETAG));
  const grows = body.length - (existing?.content.length ?? 0);
  if (drive.quota.remainingBytes !== null) {
    if (grows > drive.quota.remainingBytes) return sendJson(res, 507, graphError('quotaLimitReached', 'Insufficient Space Available'));
    drive.quota.remainingBytes -= Math.max(grows, 0);
  }
  const file = writeFile(drive, oid, name, body);
  sendJson(res, existing ? 200 : 201, itemJson(drive, oid, file, contentOriginOf(context.baseUrl)), { ETag: eTagOf(file) });
}

/**
 * The download host: plain GETs only; a preflight for an Authorization header is refused like a real one.
 * @param {DriveContext} context
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
  if (fault && (await playFault(req, res, fault, DRIVE_FAULT_ANSWER, context.pendingWaits)).answered) return;
  const content = downloadOf(context.state.drive, token);
  if (!content) return sendText(res, 404, 'This download link is unknown, has expired, or its file was written since.');
  res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': content.length });
  res.end(content);
}

/** @param {number} childCount */
function folderJson(childCount) {
  return { id: 'APPROOT', name: 'Scoreline', folder: { childCount }, specialFolder: { name: 'approot' }, parentReference: { driveType: 'personal' } };
}
