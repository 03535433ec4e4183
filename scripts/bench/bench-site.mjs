// The built app and the emulator on the benchmark's own ports, with config.json pointing at that emulator
// and a blank page to compare load times with.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator } from '../../emulator/server.mjs';
import { startStaticServer } from '../static-server.mjs';

export const BLANK_PAGE = 'blank.html';
export const BLANK_MARKER = '[data-bench=blank]';
const BLANK_HTML = '<!doctype html><html lang="en"><meta charset="utf-8"><title>blank</title><p data-bench="blank">blank</p></html>';

/** The demo's config.json, with the emulator's default origin replaced by the benchmark's. */
export async function configForEmulator(distDir, emulatorOrigin) {
  const demo = await readFile(join(distDir, 'config.json'), 'utf8');
  return demo.replaceAll('http://localhost:4010', emulatorOrigin);
}

/**
 * @param {{ distDir: string, appPort: number, emulatorPort: number, defer: (label: string, close: () => unknown) => void }} options
 */
export async function startBenchSite({ distDir, appPort, emulatorPort, defer }) {
  const emulator = await startEmulator({ port: emulatorPort });
  defer('the emulator', () => emulator.close());
  const config = await configForEmulator(distDir, emulator.url);
  const site = await startStaticServer({
    root: distDir,
    port: appPort,
    overrides: { 'config.json': () => config, [BLANK_PAGE]: () => BLANK_HTML },
  });
  defer('the static server', () => site.close());
  return {
    appUrl: site.url,
    /** Same server, same page, on the app origin: no service worker is registered for this file in a blocked context. */
    blankUrl: new URL(BLANK_PAGE, site.url).href,
    /** Same server under another origin (127.0.0.1), which the app's service worker does not control. */
    blankUrlOutsideServiceWorker: new URL(BLANK_PAGE, site.url.replace('//localhost:', '//127.0.0.1:')).href,
    emulatorUrl: emulator.url,
  };
}
