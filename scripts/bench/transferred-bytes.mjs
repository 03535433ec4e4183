// What a visit transferred, as Playwright saw it: every response, its kind, who fetched it (the page, or
// the service worker for itself), whether the service worker answered it, and its gzip size. The static
// server sends bodies uncompressed, so the sizes are gzip-compressed here (node:zlib, default level).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** @typedef {'script' | 'stylesheet' | 'document' | 'json' | 'image' | 'other'} ResponseKind */
/** @typedef {{ settled: () => Promise<TransferredResponse[]>, inFlight: () => number }} ResponseRecorder */
/** @typedef {{ distDir: string, appUrl: string }} BuildOnDisk */

/**
 * @typedef {object} TransferredResponse
 * @property {string} url
 * @property {ResponseKind} kind
 * @property {'page' | 'service-worker'} fetchedBy the page, or the service worker for itself (precache, update check)
 * @property {boolean} answeredByServiceWorker the page's request was answered by the service worker
 * @property {number} status
 * @property {number} bytes uncompressed body size
 * @property {number} gzipBytes
 */

/**
 * Starts recording a context's responses. `distDir` is where a body is read from when the browser no
 * longer has it (Playwright cannot always return bodies of service-worker answers).
 * @param {import('@playwright/test').BrowserContext} context
 * @param {BuildOnDisk} build
 * @returns {ResponseRecorder}
 */
export function recordResponses(context, { distDir, appUrl }) {
  /** @type {Promise<TransferredResponse | undefined>[]} */
  const recorded = [];
  let inFlight = 0;
  context.on('request', () => (inFlight += 1));
  context.on('requestfinished', () => (inFlight -= 1));
  context.on('requestfailed', () => (inFlight -= 1));
  context.on('response', (response) => recorded.push(describe(response, { distDir, appUrl }).catch(() => undefined)));
  return {
    settled: async () => (await Promise.all(recorded)).filter((entry) => entry !== undefined),
    inFlight: () => inFlight,
  };
}

/**
 * @param {import('@playwright/test').Response} response
 * @param {BuildOnDisk} build
 * @returns {Promise<TransferredResponse>}
 */
async function describe(response, { distDir, appUrl }) {
  const request = response.request();
  const url = response.url();
  const body = (await response.body().catch(() => undefined)) ?? (await bodyFromDist(url, { distDir, appUrl }));
  return {
    url,
    kind: kindOf(request.resourceType(), response.headers()['content-type'] ?? '', url),
    fetchedBy: request.serviceWorker() ? 'service-worker' : 'page',
    answeredByServiceWorker: response.fromServiceWorker(),
    status: response.status(),
    bytes: body?.length ?? 0,
    gzipBytes: body && body.length > 0 ? gzipSync(body).length : 0,
  };
}

/**
 * @param {string} url
 * @param {BuildOnDisk} build
 */
async function bodyFromDist(url, { distDir, appUrl }) {
  if (!url.startsWith(appUrl)) return undefined;
  const relative = decodeURIComponent(new URL(url).pathname.slice(new URL(appUrl).pathname.length)) || 'index.html';
  return readFile(join(distDir, relative)).catch(() => undefined);
}

/**
 * Kinds by content type first: a service worker's own fetches are all of resource type "fetch".
 * @param {string} resourceType
 * @param {string} contentType
 * @param {string} url
 * @returns {ResponseKind}
 */
export function kindOf(resourceType, contentType, url) {
  if (/javascript/.test(contentType) || /\.m?js(\?|$)/.test(url)) return 'script';
  if (/text\/css/.test(contentType)) return 'stylesheet';
  if (resourceType === 'document' || /text\/html/.test(contentType)) return 'document';
  if (/json/.test(contentType)) return 'json';
  if (/^image\//.test(contentType) || resourceType === 'image') return 'image';
  return 'other';
}

/**
 * Sum of gzip bytes and count of responses, per kind.
 * @param {TransferredResponse[]} responses
 */
export function totalsByKind(responses) {
  /** @type {Partial<Record<ResponseKind, { requests: number, gzipBytes: number, bytes: number }>>} */
  const totals = {};
  for (const { kind, gzipBytes, bytes } of responses) {
    const total = (totals[kind] ??= { requests: 0, gzipBytes: 0, bytes: 0 });
    total.requests += 1;
    total.gzipBytes += gzipBytes;
    total.bytes += bytes;
  }
  return totals;
}

/**
 * @param {TransferredResponse[]} responses
 * @param {ResponseKind} kind
 */
export function gzipBytesOf(responses, kind) {
  return responses.filter((response) => response.kind === kind).reduce((sum, response) => sum + response.gzipBytes, 0);
}

/**
 * Resolves once no request has been in flight for `quietMs` (Playwright's "network idle", for a whole context).
 * @param {ResponseRecorder} recorder
 */
export async function waitForNetworkQuiet(recorder, { quietMs = 500, timeoutMs = 20_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let quietSince = recorder.inFlight() === 0 ? Date.now() : undefined;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (recorder.inFlight() > 0) quietSince = undefined;
    else quietSince ??= Date.now();
    if (quietSince !== undefined && Date.now() - quietSince >= quietMs) return;
  }
  throw new Error(`the network did not go quiet within ${timeoutMs} ms (${recorder.inFlight()} requests in flight)`);
}
