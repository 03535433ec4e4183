// The Chromium that the end-to-end tests, the benchmark and the screenshots drive, found the way a
// contributor expects: CHROMIUM_PATH if set, else Debian's chromium, else the one `npx playwright install
// chromium` downloads. Also the flags every launch uses.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Quiet and comparable runs: no sandbox (containers), no GPU, no background traffic, no QUIC. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const NO_CHROMIUM =
  'No Chromium found: install Debian\'s (apt-get install chromium) or set CHROMIUM_PATH to a Chromium, or run "npx playwright install chromium".';

/**
 * @typedef {{ path: string, source: 'CHROMIUM_PATH' | 'Debian' | 'Playwright' }} FoundChromium
 * @typedef {{ path: undefined, problem: string }} MissingChromium
 */

/**
 * @param {object} [options] what to look at; the real environment and file system unless a test says otherwise
 * @param {Record<string, string | undefined>} [options.env]
 * @param {(path: string) => boolean} [options.exists]
 * @param {() => string} [options.playwrightChromium] where Playwright keeps its own Chromium (installed or not)
 * @returns {FoundChromium | MissingChromium}
 */
export function findChromium({ env = process.env, exists = existsSync, playwrightChromium = () => chromium.executablePath() } = {}) {
  // A path the contributor chose is used or reported, never silently replaced by another browser.
  if (env.CHROMIUM_PATH) {
    return exists(env.CHROMIUM_PATH)
      ? { path: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' }
      : { path: undefined, problem: `CHROMIUM_PATH is set to ${env.CHROMIUM_PATH}, which does not exist.` };
  }
  if (exists(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM, source: 'Debian' };
  const bundled = bundledPath(playwrightChromium);
  if (bundled && exists(bundled)) return { path: bundled, source: 'Playwright' };
  return { path: undefined, problem: NO_CHROMIUM };
}

/**
 * The Chromium to launch, or an exit with one line saying how to get one (for scripts that need a browser).
 * @returns {string}
 */
export function chromiumOrExit() {
  const found = findChromium();
  if (found.path !== undefined) return found.path;
  console.error(found.problem);
  process.exit(1);
}

/**
 * Playwright knows no build for some platforms: then there is no bundled Chromium to find.
 * @param {() => string} playwrightChromium
 */
function bundledPath(playwrightChromium) {
  try {
    return playwrightChromium();
  } catch {
    return undefined;
  }
}
