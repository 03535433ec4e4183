// `npm run dev`: Vite with hot reload, for the local emulator (`npm run emulator` beside it). It opts in to
// the emulator's origins on this machine, as the demo build does; a production build allows none.
import { createServer } from 'vite';
import { EMULATOR_ORIGIN, localOriginsForDemo } from '../emulator/demo.mjs';

process.env.SCORELINE_LOCAL_ORIGINS ??= localOriginsForDemo(EMULATOR_ORIGIN);
const server = await createServer();
await server.listen();
server.printUrls();
server.bindCLIShortcuts({ print: true });
