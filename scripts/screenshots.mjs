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

/** @param {{ name: string, colorScheme: 'light' | 'dark', width: number, height: number, fullPage?: boolean }} shot */
async function shoot({ name, colorScheme, width, height, fullPage = false }) {
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
  await page.waitForTimeout(600);
  await page.screenshot({ path: `${outDir}/${name}.png`, fullPage });
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
  const tx = db.transaction(['runs', 'notes'], 'readwrite');
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
  await new Promise((resolve) => (tx.oncomplete = resolve));
  db.close();
}

try {
  await shoot({ name: 'dashboard', colorScheme: 'light', width: 1280, height: 860 });
  await shoot({ name: 'dashboard-dark-phone', colorScheme: 'dark', width: 390, height: 844 });
  console.log(`Screenshots written to ${outDir}/`);
} finally {
  await browser.close();
  await Promise.all([site.close(), emulator.close()]);
}
