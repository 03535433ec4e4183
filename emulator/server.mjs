/**
 * A local Microsoft Entra ID authority and Defender for Endpoint API for the demo and the tests.
 * Run `node emulator/server.mjs [--port N] [--verbose]`, or import `startEmulator`.
 */
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { handleControl } from './control.mjs';
import { handleDefenderApi } from './defender-api.mjs';
import { handleEntra } from './entra.mjs';
import { handleGraphDrive } from './graph-drive.mjs';
import { handleGraph, isGraphPath } from './graph-api.mjs';
import { exposureWarning, isAddressedToThisMachine } from './host-check.mjs';
import { BodyTooLargeError, sendJson } from './http-utils.mjs';
import { EMULATOR_PORT } from './demo.mjs';
import { createState } from './state.mjs';
import { createJwtSigner } from './tokens.mjs';

export { authorityMetadataFor } from './entra-metadata.mjs';

/**
 * @typedef {object} RunningEmulator
 * @property {string} url e.g. `http://localhost:4010`: the base every emulator URL is built on
 * @property {number} port
 * @property {import('./state.mjs').EmulatorState} state live state, for tests that want to look inside
 * @property {(claims: Record<string, unknown>) => Promise<string>} sign a JWT signed with the emulator's own key, for a
 *   bench in the same process that needs tokens of tenants the demo directory does not have
 * @property {() => Promise<void>} close
 */

/**
 * @param {{ port?: number, host?: string, verbose?: boolean }} [options] port 0 picks a free port
 * @returns {Promise<RunningEmulator>}
 */
export async function startEmulator({ port = EMULATOR_PORT, host = '127.0.0.1', verbose = false } = {}) {
  const state = createState();
  /** @type {Set<() => void>} delayed fault answers still waiting */
  const pendingWaits = new Set();
  const context = { state, signer: /** @type {import('./tokens.mjs').JwtSigner} */ (/** @type {unknown} */ (undefined)), pendingWaits, baseUrl: '' };
  // The key is made while the server starts listening; requests wait for it (see route), so start-up stays quick.
  const signerReady = createJwtSigner().then((signer) => {
    context.signer = signer;
  });

  const server = createServer((req, res) => {
    const startedAt = Date.now();
    if (verbose) res.on('close', () => console.log(`${req.method} ${req.url} → ${res.headersSent ? res.statusCode : 'no answer'} (${Date.now() - startedAt} ms)`));
    signerReady.then(() => route(context, req, res)).catch((error) => answerUnexpected(res, error, verbose));
  });
  // A client that sends garbage must not take the emulator down.
  server.on('clientError', (_error, socket) => socket.destroy());

  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve(undefined));
    });
  } catch (error) {
    await signerReady.catch(() => {});
    throw error;
  }
  const warning = exposureWarning(host);
  if (warning) console.warn(warning);
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  // The app treats localhost as its own origin's host, so URLs say localhost even though we bind to 127.0.0.1.
  context.baseUrl = `http://localhost:${actualPort}`;

  return {
    url: context.baseUrl,
    port: actualPort,
    state,
    sign: async (claims) => {
      await signerReady;
      return context.signer.sign(claims);
    },
    close: () =>
      new Promise((resolve) => {
        for (const release of [...pendingWaits]) release();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * @param {{ state: import('./state.mjs').EmulatorState, signer: import('./tokens.mjs').JwtSigner, pendingWaits: Set<() => void>, baseUrl: string }} context
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
async function route(context, req, res) {
  // Nothing the emulator says may be cached: every test and demo step must see the current state.
  res.setHeader('Cache-Control', 'no-store');
  if (!isAddressedToThisMachine(req.headers.host, { port: req.socket.localPort ?? 0, localAddress: req.socket.localAddress })) {
    return sendJson(res, 421, { error: 'misdirected_request', message: 'The emulator answers only requests addressed to localhost, 127.0.0.1 or [::1] on its own port.' });
  }
  const url = new URL(req.url ?? '/', context.baseUrl);
  const path = url.pathname;

  if (path === '/_control' || path.startsWith('/_control/')) return handleControl(context.state, req, res, path);
  if (path === '/api' || path.startsWith('/api/')) return handleDefenderApi(context, req, res, url);
  if (await handleGraphDrive(context, req, res, url)) return;
  if (isGraphPath(path)) return handleGraph(context, req, res, url);
  if (await handleEntra(context, req, res, url)) return;
  if (path === '/' && req.method === 'GET') return sendJson(res, 200, describeEndpoints(context.baseUrl));
  sendJson(res, 404, { error: 'not_found', message: `Nothing at ${req.method} ${path}.` });
}

/** @param {string} baseUrl */
function describeEndpoints(baseUrl) {
  return {
    name: 'Scoreline emulator (Entra ID + Defender API + Microsoft Graph)',
    openidConfiguration: `${baseUrl}/organizations/v2.0/.well-known/openid-configuration`,
    configurationScore: `${baseUrl}/api/configurationScore`,
    recommendations: `${baseUrl}/api/recommendations`,
    graph: `${baseUrl}/v1.0/me`,
    control: `${baseUrl}/_control/state`,
  };
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {unknown} error
 * @param {boolean} verbose
 */
function answerUnexpected(res, error, verbose) {
  if (error instanceof BodyTooLargeError) return sendJson(res, 413, { error: 'request_too_large' }, { Connection: 'close' });
  if (verbose) console.error(error);
  if (res.headersSent) return res.destroy();
  sendJson(res, 500, { error: 'emulator_error', message: error instanceof Error ? error.message : String(error) });
}

/** @param {string[]} args */
function parseArgs(args) {
  const options = { port: EMULATOR_PORT, host: '127.0.0.1', verbose: false };
  for (let i = 0; i < args.length; i += 1) {
    const [flag, inline] = /** @type {[string, string | undefined]} */ (args[i]?.split('=', 2) ?? ['']);
    const value = () => inline ?? args[++i] ?? '';
    if (flag === '--port') options.port = Number(value());
    else if (flag === '--host') options.host = value();
    else if (flag === '--verbose') options.verbose = true;
    else throw new Error(`Unknown option ${flag}. Use --port N, --host H, --verbose.`);
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new Error('--port needs a number from 0 to 65535.');
  return options;
}

async function main() {
  let emulator;
  try {
    emulator = await startEmulator(parseArgs(process.argv.slice(2)));
  } catch (error) {
    const code = /** @type {{ code?: string }} */ (error).code;
    console.error(code === 'EADDRINUSE' ? 'Emulator: that port is already in use (try --port N).' : `Emulator: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
  console.log(`Emulator (Entra ID + Defender API) on ${emulator.url}`);
  const stop = () => emulator.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
