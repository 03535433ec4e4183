// The world the end-to-end tests run in: a fresh demo build for the emulator, the emulator, the build served
// at the root of one origin the way Azure Static Web Apps serves it (with the build's own
// staticwebapp.config.json), and under /scoreline/ on another as a plain static host (as on GitHub Pages).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { startEmulator } from '../emulator/server.mjs';
import { APP_URL, DEMO_CONFIG_FILE, EMULATOR_ORIGIN, EMULATOR_PORT, SUB_PATH_URL, configForEmulator } from '../emulator/demo.mjs';
import { DEMO_DIST, buildForEmulator, serveForEmulator } from './demo-build.mjs';
import { startStaticWebAppServer } from './static-web-app-server.mjs';

await buildForEmulator();
await startEmulator({ port: EMULATOR_PORT });
const root = resolve(DEMO_DIST);
const config = configForEmulator(await readFile(DEMO_CONFIG_FILE, 'utf8'), EMULATOR_ORIGIN);
await startStaticWebAppServer({ root, port: Number(new URL(APP_URL).port), overrides: { 'config.json': () => config } });
const subPath = new URL(SUB_PATH_URL);
await serveForEmulator({ root, port: Number(subPath.port), basePath: subPath.pathname });
console.log(`e2e: app ${APP_URL} (as on Azure Static Web Apps) · sub-path ${SUB_PATH_URL} (as on a plain static host)`);
