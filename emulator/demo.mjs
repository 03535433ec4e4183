/**
 * The demo world that `npm start`, the tests, the benchmark and the screenshots share: where the emulator
 * and the app listen, and who is in the emulator's directory. Ports come from SCORELINE_EMULATOR_PORT and
 * SCORELINE_APP_PORT, so several copies can run side by side.
 */
import { DEFAULT_RELAY_PORT } from '../relay/server.mjs';
import { contentOriginOf } from './drive-origin.mjs';
import { fileURLToPath } from 'node:url';

export { AVERY_ADMIN, CONTOSO, CONTOSO_TENANT_ID, FABIAN_OPS, FABRIKAM, FABRIKAM_TENANT_ID, NORTHWIND, NORTHWIND_TENANT_ID } from './accounts.mjs';

/** @typedef {import('./accounts.mjs').Account} Account */
/** @typedef {import('./accounts.mjs').Tenant} Tenant */

/** The emulator's port when none is configured: the one the demo's config.json names. */
export const DEFAULT_EMULATOR_PORT = 4010;
export const DEFAULT_APP_PORT = 4173;

export const EMULATOR_PORT = portFrom('SCORELINE_EMULATOR_PORT', DEFAULT_EMULATOR_PORT);
export const APP_PORT = portFrom('SCORELINE_APP_PORT', DEFAULT_APP_PORT);
/** Where the tests start the standalone relay (relay/server.mjs) in front of the emulator. */
export const RELAY_PORT = portFrom('SCORELINE_RELAY_PORT', DEFAULT_RELAY_PORT);

/** @param {number} port */
export function localOrigin(port) {
  return `http://localhost:${port}`;
}

export const EMULATOR_ORIGIN = localOrigin(EMULATOR_PORT);
export const APP_ORIGIN = localOrigin(APP_PORT);
export const RELAY_ORIGIN = localOrigin(RELAY_PORT);
export const APP_URL = `${APP_ORIGIN}/`;
/** The same build under a sub-path on the next port, as GitHub Pages serves a project site. */
export const SUB_PATH_URL = `${localOrigin(APP_PORT + 1)}/scoreline/`;

/** The demo's config.json: served by `npm start`, `npm run dev` and the tests, never part of a production build. */
export const DEMO_CONFIG_FILE = fileURLToPath(new URL('demo-config.json', import.meta.url));

/** The name the demo's config.json gives its authority (with authorityMetadata, MSAL never calls it). */
export const DEMO_AUTHORITY_ORIGIN = 'https://login.scoreline.localhost';

/**
 * What a demo or test build passes in SCORELINE_LOCAL_ORIGINS: the emulator (sign-in and API at once), the
 * authority's name and the emulator's OneDrive download host, so the build's CSP and its check of config.json allow them.
 * @param {string} emulatorOrigin
 */
export function localOriginsForDemo(emulatorOrigin) {
  return `${emulatorOrigin} ${DEMO_AUTHORITY_ORIGIN} ${contentOriginOf(emulatorOrigin)}`;
}

/** The emulator origin written in the demo's config.json, replaced when the emulator runs elsewhere. */
export const DEMO_CONFIG_EMULATOR_ORIGIN = localOrigin(DEFAULT_EMULATOR_PORT);

/**
 * The demo's config.json (as text) pointed at an emulator on another origin.
 * @param {string} demoConfig
 * @param {string} emulatorOrigin
 */
export function configForEmulator(demoConfig, emulatorOrigin) {
  return demoConfig.replaceAll(DEMO_CONFIG_EMULATOR_ORIGIN, emulatorOrigin);
}

/**
 * @param {string} variable
 * @param {number} fallback
 */
function portFrom(variable, fallback) {
  const text = process.env[variable];
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${variable} must be a port number from 1 to 65535, not "${text}".`);
  return port;
}
