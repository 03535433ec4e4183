// `npm start`: builds the app, starts the local Entra ID + Defender API emulator and serves the build,
// so Scoreline runs with no tenant and no certificate.
import { resolve } from 'node:path';
import { startEmulator } from '../emulator/server.mjs';
import { APP_PORT, EMULATOR_PORT } from '../emulator/demo.mjs';
import { DEMO_DIST, buildForEmulator, serveForEmulator } from './demo-build.mjs';

await buildForEmulator();
const emulator = await startEmulator({ port: EMULATOR_PORT });
const site = await serveForEmulator({ root: resolve(DEMO_DIST), port: APP_PORT, emulatorOrigin: emulator.url });

console.log(`\n  Scoreline is running at ${site.url}`);
console.log(`  (local emulator of Entra ID and the Defender API at ${emulator.url}; sign in as a demo user)\n`);
console.log('  Press Ctrl+C to stop.');

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await Promise.all([site.close(), emulator.close()]);
    process.exit(0);
  });
}
