// The app for the local emulator: built like a production build plus the emulator's origins (a sign-in
// authority and the API at once) on the allow-list of its Content-Security-Policy and its check of
// config.json, and served with the demo's config.json pointed at that emulator. It never goes to dist/,
// the folder to deploy: a production build allows no origin on this machine and ships no config.json.
import { readFile } from 'node:fs/promises';
import { build } from 'vite';
import { DEMO_CONFIG_FILE, EMULATOR_ORIGIN, RELAY_ORIGIN, configForEmulator, localOriginsForDemo } from '../emulator/demo.mjs';
import { startStaticServer } from './static-server.mjs';

/** Where `npm start`, the end-to-end tests and the screenshots build the demo (git ignores it). */
export const DEMO_DIST = '.demo/dist';

/** @param {{ outDir?: string, quiet?: boolean, emulatorOrigin?: string }} [options] */
export async function buildForEmulator({ outDir = DEMO_DIST, quiet = true, emulatorOrigin = EMULATOR_ORIGIN } = {}) {
  process.env.SCORELINE_LOCAL_ORIGINS = localOriginsForDemo(emulatorOrigin);
  // The tests also read the score through the local relay (tests/e2e/relay.spec.ts).
  process.env.SCORELINE_LOCAL_ORIGINS += ` ${RELAY_ORIGIN}`;
  await build({ logLevel: quiet ? 'warn' : 'info', build: { outDir, emptyOutDir: true } });
}

/**
 * Serves a build with the demo's config.json naming the emulator at `emulatorOrigin`.
 * @param {{ root: string, port: number, basePath?: string, emulatorOrigin?: string, overrides?: Record<string, () => string | Buffer> }} options
 */
export async function serveForEmulator({ root, port, basePath = '/', emulatorOrigin = EMULATOR_ORIGIN, overrides = {} }) {
  const config = configForEmulator(await readFile(DEMO_CONFIG_FILE, 'utf8'), emulatorOrigin);
  return startStaticServer({ root, port, basePath, overrides: { 'config.json': () => config, ...overrides } });
}
