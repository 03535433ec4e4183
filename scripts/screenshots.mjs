// `npm run screenshots`: pictures of the app for the README, on the emulator with a seeded history.
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { startEmulator } from '../emulator/server.mjs';
import { emulatorControl } from '../emulator/control-client.mjs';
import { APP_PORT, AVERY_ADMIN, CONTOSO_TENANT_ID, EMULATOR_PORT } from '../emulator/demo.mjs';
import { DEMO_DIST, buildForEmulator, serveForEmulator } from './demo-build.mjs';
import { CHROMIUM_ARGS, chromiumOrExit } from './find-chromium.mjs';

const outDir = process.argv[2] ?? 'public/screenshots';
const executablePath = chromiumOrExit();

await buildForEmulator();
const emulator = await startEmulator({ port: EMULATOR_PORT });
const control = emulatorControl(emulator.url);
const site = await serveForEmulator({ root: resolve(DEMO_DIST), port: APP_PORT, emulatorOrigin: emulator.url });
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });

/**
 * A signed-in page with 90 days of history. With `story`, recommendations are shown and two of them were
 * remediated before the last refresh, so "Why did it move" has a change to explain.
 * @param {{ colorScheme: 'light' | 'dark', width: number, height: number, story?: boolean }} options
 */
async function openSeeded({ colorScheme, width, height, story = false }) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme });
  const page = await context.newPage();
  await control.reset();
  await control.setScore(441);
  await page.goto(site.url);
  await page.getByRole('button', { name: 'Sign in', exact: true }).first().click();
  await page.getByRole('button', { name: AVERY_ADMIN.name }).click();
  await page.getByTestId('current-score').waitFor();
  await page.evaluate(seedHistory, CONTOSO_TENANT_ID);
  await page.reload();
  await page.getByTestId('current-score').waitFor();
  await revealWholeDashboard(page);
  if (story) {
    await page.getByRole('button', { name: 'Show recommendations' }).click();
    await page.getByRole('heading', { name: 'Points to gain' }).waitFor();
    await page.getByRole('button', { name: 'Refresh' }).waitFor();
    await page.waitForTimeout(800);
    await control.remediate({ id: 'sca-_-scid-2060', devices: 70 });
    await control.remediate({ id: 'sca-_-scid-91', devices: 20 });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.waitForTimeout(1500);
  }
  await page.waitForTimeout(600);
  return { context, page };
}

/**
 * Scrolls each part that loads near the screen into view, as a reader does, until all are there; then back to the top.
 * @param {import('@playwright/test').Page} page
 */
async function revealWholeDashboard(page) {
  const pending = page.getByRole('status').filter({ hasText: /^Loading .*…$/ });
  await page.getByRole('heading', { name: 'Trend', exact: true }).waitFor();
  for (let tries = 0; tries < 30; tries += 1) {
    for (const placeholder of await pending.all()) await placeholder.scrollIntoViewIfNeeded({ timeout: 1_000 }).catch(() => undefined);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(300);
    if ((await pending.count()) === 0 && (await page.getByRole('heading', { name: 'Watch', exact: true }).count()) > 0) break;
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** @param {{ name: string, colorScheme: 'light' | 'dark', width: number, height: number, fullPage?: boolean }} shot */
async function shoot({ name, colorScheme, width, height, fullPage = false }) {
  const { context, page } = await openSeeded({ colorScheme, width, height });
  await page.screenshot({ path: `${outDir}/${name}.png`, fullPage });
  await context.close();
}

/**
 * The views behind the number: exposure and device groups, points to gain, why it moved — each section apart.
 * @param {{ name: string, colorScheme: 'light' | 'dark', width: number, height: number }} shot
 */
async function shootStory({ name, colorScheme, width, height }) {
  const { context, page } = await openSeeded({ colorScheme, width, height, story: true });
  for (const [part, heading] of [['exposure', 'Exposure score'], ['groups', 'Device groups'], ['why', 'Why did it move'], ['points', 'Points to gain']]) {
    const section = page.getByRole('region', { name: heading });
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: `${outDir}/${name}-${part}.png` });
  }
  await context.close();
}

/**
 * Microsoft Secure Score's card, once turned on: 90 days read from the emulator's Graph at once.
 * @param {{ name: string, colorScheme: 'light' | 'dark', width: number, height: number }} shot
 */
async function shootSecureScore({ name, colorScheme, width, height }) {
  const { context, page } = await openSeeded({ colorScheme, width, height });
  await page.getByRole('button', { name: 'Also track Microsoft Secure Score' }).click();
  const card = page.getByRole('region', { name: 'Microsoft Secure Score (organisation-wide)' });
  await card.getByTestId('secure-score-days').filter({ hasText: '90 days kept' }).waitFor();
  await card.getByTestId('control-moves').waitFor();
  await card.scrollIntoViewIfNeeded();
  await page.waitForTimeout(1_000);
  await card.screenshot({ path: `${outDir}/${name}.png`, animations: 'disabled' });
  await context.close();
}

/**
 * Runs in the page: 90 days of plausible checks, twice a day, folded into runs as the app keeps them
 * (a check at the same score within 36 hours extends the run), with five unchecked days and two notes.
 * @param {string} tenantId
 */
async function seedHistory(tenantId) {
  /** @type {IDBDatabase} */
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open('scoreline');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const tx = db.transaction(['runs', 'notes', 'seriesRuns', 'seriesNames'], 'readwrite');
  const day = 86_400_000;
  const gapLimit = 36 * 3_600_000;
  const now = Date.now();
  let score = 352;
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  /** @type {{ tenantId: string, firstSeen: number, lastSeen: number, score: number }[]} */
  const runs = [];
  for (let d = 90; d >= 1; d -= 0.5) {
    if (d <= 25 && d > 20) continue;
    if (random() < 0.3) score += Math.round((random() - 0.35) * 6);
    if (d === 40) score += 19;
    const time = now - d * day + Math.round(random() * 3_600_000);
    const last = runs.at(-1);
    if (last && last.score === score && time - last.lastSeen <= gapLimit) last.lastSeen = time;
    else runs.push({ tenantId, firstSeen: time, lastSeen: time, score });
  }
  for (const run of runs) tx.objectStore('runs').put(run);
  const noteAt = (/** @type {number} */ d, /** @type {string} */ text) => {
    const run = runs.findLast((r) => r.firstSeen <= now - d * day) ?? runs[0];
    if (run) tx.objectStore('notes').put({ tenantId, time: run.firstSeen, text, edited: now });
  };
  noteAt(40, 'Enabled ASR rules in block mode');
  noteAt(12, 'Onboarded 200 servers');
  // The exposure score and two device groups over the same days, a value a day, as refreshes keep them.
  /** @type {[string, number, number][]} series, start value, drift per day */
  const series = [['exposure', 46, -0.14], ['group-id:101', 55, -0.16], ['group-id:102', 31, -0.05]];
  for (const [id, start, drift] of series) {
    for (let d = 90; d >= 1; d -= 1) {
      if (d <= 25 && d > 20) continue;
      const time = now - d * day;
      const value = Math.round((start + drift * (90 - d) + (random() - 0.5) * 2) * 100) / 100;
      tx.objectStore('seriesRuns').put({ tenantId, series: id, firstSeen: time, lastSeen: time + day / 2, score: value });
    }
  }
  tx.objectStore('seriesNames').put({ tenantId, series: 'group-id:101', time: now - 90 * day, name: 'Servers' });
  tx.objectStore('seriesNames').put({ tenantId, series: 'group-id:102', time: now - 90 * day, name: 'Workstations' });
  await new Promise((resolve) => (tx.oncomplete = resolve));
  db.close();
}

try {
  await shoot({ name: 'dashboard', colorScheme: 'light', width: 1280, height: 860 });
  await shoot({ name: 'dashboard-dark-phone', colorScheme: 'dark', width: 390, height: 844 });
  await shootStory({ name: 'story', colorScheme: 'light', width: 1280, height: 860 });
  await shootStory({ name: 'story-dark', colorScheme: 'dark', width: 1280, height: 860 });
  await shootStory({ name: 'story-phone', colorScheme: 'light', width: 390, height: 844 });
  await shootStory({ name: 'story-dark-phone', colorScheme: 'dark', width: 390, height: 844 });
  await shootSecureScore({ name: 'secure-score', colorScheme: 'light', width: 1280, height: 1300 });
  await shootSecureScore({ name: 'secure-score-dark', colorScheme: 'dark', width: 1280, height: 1300 });
  await shootSecureScore({ name: 'secure-score-phone', colorScheme: 'light', width: 390, height: 844 });
  console.log(`Screenshots written to ${outDir}/`);
} finally {
  await browser.close();
  await Promise.all([site.close(), emulator.close()]);
}
