// `npm run dev`: Vite with hot reload, for the local emulator (`npm run emulator` beside it). It opts in to
// the emulator's origins on this machine and serves the demo's config.json, as the demo build does; a
// production build allows neither.
import { readFile } from 'node:fs/promises';
import { createServer } from 'vite';
import { DEMO_CONFIG_FILE, EMULATOR_ORIGIN, configForEmulator, localOriginsForDemo } from '../emulator/demo.mjs';

process.env.SCORELINE_LOCAL_ORIGINS ??= localOriginsForDemo(EMULATOR_ORIGIN);

/** @type {import('vite').Plugin} */
const demoConfig = {
  name: 'scoreline-demo-config',
  configureServer(server) {
    server.middlewares.use('/config.json', (_request, response) => {
      readFile(DEMO_CONFIG_FILE, 'utf8').then((text) => {
        response.setHeader('Content-Type', 'application/json');
        response.end(configForEmulator(text, EMULATOR_ORIGIN));
      });
    });
  },
};

const server = await createServer({ plugins: [demoConfig] });
await server.listen();
server.printUrls();
server.bindCLIShortcuts({ print: true });
