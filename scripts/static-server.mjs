// A static file server that behaves like a plain static host (used by `npm start`, the end-to-end
// tests and the benchmark). It can mount the build under a sub-path such as /scoreline/.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

/** @type {Record<string, string>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** @param {string} fileName */
export function contentTypeFor(fileName) {
  return TYPES[extname(fileName)] ?? 'application/octet-stream';
}

/** Files that must never come from a cache: the service worker and the sign-in redirect bridge. */
const NO_STORE = new Set(['sw.js', 'redirect.html']);

/**
 * @typedef {object} StaticServer
 * @property {string} url where the base path is served, e.g. `http://localhost:4173/`
 * @property {() => Promise<void>} close
 * @property {(path: string, body: (() => string | Buffer) | undefined) => void} setOverride serves `body` at `path` (under the base) instead of the file, or the file again
 */

/**
 * @param {{ root: string, port: number, host?: string, basePath?: string, overrides?: Record<string, () => string | Buffer> }} options port 0 picks a free port
 * @returns {Promise<StaticServer>}
 */
export async function startStaticServer({ root, port, host = '127.0.0.1', basePath = '/', overrides = {} }) {
  const base = basePath.endsWith('/') ? basePath : `${basePath}/`;
  const live = new Map(Object.entries(overrides));
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(base)) {
      if (url.pathname === base.slice(0, -1)) return redirect(response, base);
      return notFound(response);
    }
    let relative = decodeURIComponent(url.pathname.slice(base.length));
    if (relative === '' || relative.endsWith('/')) relative += 'index.html';
    const override = live.get(relative);
    if (override) return send(response, relative, override());
    const file = normalize(join(root, relative));
    if (!file.startsWith(normalize(root) + sep)) return notFound(response);
    try {
      if (!(await stat(file)).isFile()) return notFound(response);
      send(response, relative, await readFile(file));
    } catch {
      notFound(response);
    }
  });
  await new Promise((resolve) => server.listen(port, host, () => resolve(undefined)));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://localhost:${actualPort}${base}`,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
    setOverride: (path, body) => {
      if (body) live.set(path, body);
      else live.delete(path);
    },
  };
}

/** @typedef {import('node:http').ServerResponse} ServerResponse */

/**
 * @param {ServerResponse} response
 * @param {string} relative the path under the base, e.g. `assets/index-abc.js`
 * @param {string | Buffer} body
 */
function send(response, relative, body) {
  const name = relative.split('/').pop() ?? '';
  const headers = {
    'Content-Type': contentTypeFor(name),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': NO_STORE.has(name) ? 'no-store' : relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  response.writeHead(200, headers);
  response.end(body);
}

/**
 * @param {ServerResponse} response
 * @param {string} location
 */
function redirect(response, location) {
  response.writeHead(301, { Location: location });
  response.end();
}

/** @param {ServerResponse} response */
function notFound(response) {
  response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end('Not found');
}
