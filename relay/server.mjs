/**
 * The relay as a standalone Node server with no dependencies, for any host or a container:
 * `npm run relay`, or `node relay/server.mjs`. Settings come from the environment (see settings.mjs and the
 * README's "Relay" section); the token may arrive as X-Scoreline-Authorization or Authorization.
 */
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { createRelayHandler } from './handler.mjs';
import { readRelaySettings } from './settings.mjs';

export const DEFAULT_RELAY_PORT = 4011;

/**
 * @typedef {object} RunningRelay
 * @property {string} url e.g. `http://localhost:4011`
 * @property {number} port
 * @property {() => Promise<void>} close
 */

/**
 * @param {{ settings: import('./handler.mjs').RelaySettings, port?: number, host?: string, basePath?: string, log?: (entry: import('./handler.mjs').RelayLogEntry) => void, fetchImpl?: typeof fetch }} options
 * @returns {Promise<RunningRelay>}
 */
export async function startRelayServer({ settings, port = DEFAULT_RELAY_PORT, host = '127.0.0.1', basePath = '', log, fetchImpl }) {
  const relay = createRelayHandler(settings, { ...(log ? { log } : {}), ...(fetchImpl ? { fetchImpl } : {}) });
  const prefix = basePath.replace(/\/+$/, '');

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://relay.invalid');
    const path = prefix && url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : prefix ? '/' : url.pathname;
    relay({
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      header: (name) => {
        const value = req.headers[name.toLowerCase()];
        return Array.isArray(value) ? value.join(', ') : value;
      },
    })
      .then((answer) => {
        res.writeHead(answer.status, { ...answer.headers, 'Content-Length': String(answer.body.byteLength) });
        res.end(answer.body);
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('The relay failed.');
      });
  });
  // A client that sends garbage must not take the relay down.
  server.on('clientError', (_error, socket) => socket.destroy());
  // Slow clients must not hold connections open for ever.
  server.requestTimeout = settings.timeoutMs + 5_000;

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://localhost:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** One line per request: method, endpoint, status, outcome and time. Never a header, so never a token. */
/** @param {import('./handler.mjs').RelayLogEntry} entry */
function logLine(entry) {
  console.log(`${entry.method} ${entry.endpoint ?? '(refused)'} → ${entry.status} ${entry.outcome} (${entry.ms} ms)`);
}

async function main() {
  const read = readRelaySettings(process.env, { acceptAuthorizationHeader: true });
  if (!read.ok) {
    console.error(`Relay: cannot start.\n- ${read.problems.join('\n- ')}`);
    process.exit(1);
  }
  const port = Number(process.env.SCORELINE_RELAY_PORT || process.env.PORT || DEFAULT_RELAY_PORT);
  const host = process.env.SCORELINE_RELAY_BIND || '127.0.0.1';
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('Relay: SCORELINE_RELAY_PORT must be a port number from 0 to 65535.');
    process.exit(1);
  }
  let relay;
  try {
    relay = await startRelayServer({ settings: read.settings, port, host, basePath: process.env.SCORELINE_RELAY_BASE_PATH ?? '', log: logLine });
  } catch (error) {
    const code = /** @type {{ code?: string }} */ (error).code;
    console.error(code === 'EADDRINUSE' ? `Relay: port ${port} is already in use (set SCORELINE_RELAY_PORT).` : `Relay: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
  const origins = read.settings.allowedOrigins.length > 0 ? read.settings.allowedOrigins.join(' ') : 'none (same-origin and non-browser callers only)';
  console.log(`Scoreline relay on ${host}:${relay.port}, cloud ${read.settings.cloud}, allowed origins: ${origins}`);
  const stop = () => relay.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
