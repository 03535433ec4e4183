// The built app and the emulator on the benchmark's own ports, with config.json pointing at that emulator
// and a blank page to compare load times with.
import { startEmulator } from '../../emulator/server.mjs';
import { serveForEmulator } from '../demo-build.mjs';

export const BLANK_PAGE = 'blank.html';
export const BLANK_MARKER = '[data-bench=blank]';
const BLANK_HTML = '<!doctype html><html lang="en"><meta charset="utf-8"><title>blank</title><p data-bench="blank">blank</p></html>';

/**
 * @typedef {object} BenchSite
 * @property {string} appUrl
 * @property {string} blankUrl same server, same page, on the app origin: no service worker is registered for this file in a blocked context
 * @property {string} blankUrlOutsideServiceWorker same server under another origin (127.0.0.1), which the app's service worker does not control
 * @property {string} emulatorUrl
 */

/**
 * @param {{ distDir: string, appPort: number, emulatorPort: number, defer: import('./cleanup-stack.mjs').Defer }} options
 * @returns {Promise<BenchSite>}
 */
export async function startBenchSite({ distDir, appPort, emulatorPort, defer }) {
  const emulator = await startEmulator({ port: emulatorPort });
  defer('the emulator', () => emulator.close());
  const site = await serveForEmulator({ root: distDir, port: appPort, emulatorOrigin: emulator.url, overrides: { [BLANK_PAGE]: () => BLANK_HTML } });
  defer('the static server', () => site.close());
  return {
    appUrl: site.url,
    blankUrl: new URL(BLANK_PAGE, site.url).href,
    blankUrlOutsideServiceWorker: new URL(BLANK_PAGE, site.url.replace('//localhost:', '//127.0.0.1:')).href,
    emulatorUrl: emulator.url,
  };
}
