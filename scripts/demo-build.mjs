// The app for the local emulator: built like a production build plus the emulator's origin (a sign-in
// authority and the API at once) in the Content-Security-Policy, and served with its config.json pointed
// at that emulator.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'vite';
import { EMULATOR_ORIGIN, RELAY_ORIGIN, configForEmulator } from '../emulator/demo.mjs';
import { startStaticServer } from './static-server.mjs';

/** @param {{ outDir?: string, quiet?: boolean, emulatorOrigin?: string }} [options] */
export async function buildForEmulator({ outDir = 'dist', quiet = true, emulatorOrigin = EMULATOR_ORIGIN } = {}) {
  process.env.SCORELINE_EXTRA_IDENTITY_ORIGINS = emulatorOrigin;
  // The tests also read the score through the local relay (tests/e2e/relay.spec.ts).
  process.env.SCORELINE_RELAY_URL = RELAY_ORIGIN;
  await build({ logLevel: quiet ? 'warn' : 'info', build: { outDir, emptyOutDir: true } });
}

/**
 * Serves a build with the demo's config.json naming the emulator at `emulatorOrigin`.
 * @param {{ root: string, port: number, basePath?: string, emulatorOrigin?: string, overrides?: Record<string, () => string | Buffer> }} options
 */
export async function serveForEmulator({ root, port, basePath = '/', emulatorOrigin = EMULATOR_ORIGIN, overrides = {} }) {
  const config = configForEmulator(await readFile(join(root, 'config.json'), 'utf8'), emulatorOrigin);
  return startStaticServer({ root, port, basePath, overrides: { 'config.json': () => config, ...overrides } });
}
