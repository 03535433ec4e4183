// The world the end-to-end tests run in: a fresh build for the emulator, the emulator, the build served
// at the root of one origin and under /scoreline/ on another (as on GitHub Pages).
import { resolve } from 'node:path';
import { startEmulator } from '../emulator/server.mjs';
import { startStaticServer } from './static-server.mjs';
import { APP_PORT, EMULATOR_PORT, buildForEmulator } from './demo-build.mjs';

export const SUB_PATH_PORT = APP_PORT + 1;

await buildForEmulator();
await startEmulator({ port: EMULATOR_PORT });
const root = await startStaticServer({ root: resolve('dist'), port: APP_PORT });
const subPath = await startStaticServer({ root: resolve('dist'), port: SUB_PATH_PORT, basePath: '/scoreline/' });
console.log(`e2e: app ${root.url} · sub-path ${subPath.url}`);
