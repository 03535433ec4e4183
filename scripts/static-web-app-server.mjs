// Serves a build the way Azure Static Web Apps would: with the headers, routes and navigation fallback
// of the build's own staticwebapp.config.json (see static-web-app-rules.mjs). The end-to-end tests run
// the app through it, so what the README promises for that host is what they test.
import { createServer } from 'node:http';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { answerFor, readStaticWebAppConfig } from './static-web-app-rules.mjs';
import { contentTypeFor } from './static-server.mjs';

/**
 * @param {{ root: string, port: number, host?: string, overrides?: Record<string, () => string | Buffer> }} options
 *   port 0 picks a free port; `overrides` serves other content at root-relative paths (e.g. the demo's config.json)
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startStaticWebAppServer({ root, port, host = '127.0.0.1', overrides = {} }) {
  const config = readStaticWebAppConfig(JSON.parse(await readFile(join(root, 'staticwebapp.config.json'), 'utf8')));
  const files = await listFiles(root);
  for (const path of Object.keys(overrides)) files.add(path);

  const server = createServer(async (request, response) => {
    const path = safeDecode(new URL(request.url ?? '/', 'http://localhost').pathname);
    const answer = path === undefined ? undefined : answerFor(config, path, (file) => files.has(file));
    if (!answer || answer.file === undefined) {
      response.writeHead(404, { ...answer?.headers, 'Content-Type': 'text/plain; charset=utf-8' });
      return response.end('Not found');
    }
    const override = overrides[answer.file];
    const body = override ? override() : await readFile(join(root, answer.file));
    response.writeHead(200, { ...answer.headers, 'Content-Type': answer.contentType ?? contentTypeFor(answer.file) });
    response.end(body);
  });
  await new Promise((resolve) => server.listen(port, host, () => resolve(undefined)));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return { url: `http://localhost:${actualPort}/`, close: () => new Promise((resolve) => server.close(() => resolve(undefined))) };
}

/**
 * Every file under the root, as root-relative paths with forward slashes: only these are ever served.
 * @param {string} root
 */
async function listFiles(root) {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return new Set(entries.filter((entry) => entry.isFile()).map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/')));
}

/** @param {string} path */
function safeDecode(path) {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}
