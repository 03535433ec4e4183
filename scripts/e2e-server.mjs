// The world the end-to-end tests run in: a fresh build for the emulator, the emulator, the build served
// at the root of one origin and under /scoreline/ on another (as on GitHub Pages).
import { resolve } from 'node:path';
import { startEmulator } from '../emulator/server.mjs';
import { APP_URL, EMULATOR_PORT, SUB_PATH_URL } from '../emulator/demo.mjs';
import { DEMO_DIST, buildForEmulator, serveForEmulator } from './demo-build.mjs';

await buildForEmulator();
await startEmulator({ port: EMULATOR_PORT });
for (const url of [new URL(APP_URL), new URL(SUB_PATH_URL)]) {
  await serveForEmulator({ root: resolve(DEMO_DIST), port: Number(url.port), basePath: url.pathname });
}
console.log(`e2e: app ${APP_URL} · sub-path ${SUB_PATH_URL}`);
