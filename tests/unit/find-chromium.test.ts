import { describe, expect, it } from 'vitest';
import { DEBIAN_CHROMIUM, NO_CHROMIUM, findChromium } from '../../scripts/find-chromium.mjs';

const PLAYWRIGHT_CHROMIUM = '/home/dev/.cache/ms-playwright/chromium-1/chrome-linux64/chrome';

/** A file system holding exactly these files. */
const holding =
  (...files: string[]) =>
  (path: string) =>
    files.includes(path);

const playwrightChromium = () => PLAYWRIGHT_CHROMIUM;

describe('findChromium', () => {
  it('takes CHROMIUM_PATH first, even when Debian’s and Playwright’s are there too', () => {
    const exists = holding('/opt/chromium/chrome', DEBIAN_CHROMIUM, PLAYWRIGHT_CHROMIUM);
    expect(findChromium({ env: { CHROMIUM_PATH: '/opt/chromium/chrome' }, exists, playwrightChromium })).toEqual({
      path: '/opt/chromium/chrome',
      source: 'CHROMIUM_PATH',
    });
  });

  it('names a CHROMIUM_PATH that does not exist rather than quietly taking another browser', () => {
    const found = findChromium({ env: { CHROMIUM_PATH: '/opt/typo/chrome' }, exists: holding(DEBIAN_CHROMIUM), playwrightChromium });
    expect(found.path).toBeUndefined();
    expect(found).toMatchObject({ problem: 'CHROMIUM_PATH is set to /opt/typo/chrome, which does not exist.' });
  });

  it('takes Debian’s chromium next, before Playwright’s', () => {
    expect(findChromium({ env: {}, exists: holding(DEBIAN_CHROMIUM, PLAYWRIGHT_CHROMIUM), playwrightChromium })).toEqual({
      path: DEBIAN_CHROMIUM,
      source: 'Debian',
    });
  });

  it('takes Playwright’s own Chromium when it has been installed', () => {
    expect(findChromium({ env: { CHROMIUM_PATH: '' }, exists: holding(PLAYWRIGHT_CHROMIUM), playwrightChromium })).toEqual({
      path: PLAYWRIGHT_CHROMIUM,
      source: 'Playwright',
    });
  });

  it('with none, says both ways to get one', () => {
    const found = findChromium({ env: {}, exists: holding(), playwrightChromium });
    expect(found).toEqual({ path: undefined, problem: NO_CHROMIUM });
    expect(NO_CHROMIUM).toContain('apt-get install chromium');
    expect(NO_CHROMIUM).toContain('CHROMIUM_PATH');
    expect(NO_CHROMIUM).toContain('npx playwright install chromium');
  });

  it('with none, also when Playwright knows no build for this platform', () => {
    const noBuild = () => {
      throw new Error('unsupported platform');
    };
    expect(findChromium({ env: {}, exists: holding(), playwrightChromium: noBuild })).toEqual({ path: undefined, problem: NO_CHROMIUM });
  });
});
