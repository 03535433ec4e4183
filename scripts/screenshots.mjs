// `npm run screenshots`: pictures of the app for the README, on the emulator with a seeded history.
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { startEmulator } from '../emulator/server.mjs';
import { startStaticServer } from './static-server.mjs';
import { APP_PORT, EMULATOR_PORT, buildForEmulator } from './demo-build.mjs';

const CONTOSO = '3d0c6b6e-7a1f-4c3e-9d2a-5f1b8c4e0a11';
const outDir = process.argv[2] ?? 'public/screenshots';

await buildForEmulator();
const emulator = await startEmulator({ port: EMULATOR_PORT });
const site = await startStaticServer({ root: resolve('dist'), port: APP_PORT });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

async function shoot({ name, colorScheme, width, height, fullPage = false }) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme });
  const page = await context.newPage();
  await fetch(`${emulator.url}/_control/reset`, { method: 'POST' });
  await fetch(`${emulator.url}/_control/score`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{"score":441}' });
  await page.goto(site.url);
  await page.getByRole('button', { name: 'Sign in', exact: true }).first().click();
  await page.getByRole('button', { name: /Avery Admin/ }).click();
  await page.getByTestId('current-score').waitFor();
  await page.evaluate(seedHistory, CONTOSO);
  await page.reload();
  await page.getByTestId('current-score').waitFor();
  await page.waitForTimeout(600);
  await page.screenshot({ path: `${outDir}/${name}.png`, fullPage });
  await context.close();
}

/** Runs in the page: 90 days of plausible readings with two notes. */
async function seedHistory(tenantId) {
  const db = await new Promise((resolve) => {
    const open = indexedDB.open('scoreline');
    open.onsuccess = () => resolve(open.result);
  });
  const tx = db.transaction('readings', 'readwrite');
  const day = 86_400_000;
  const now = Date.now();
  let score = 352;
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let d = 90; d >= 1; d -= 1) {
    score += Math.round((random() - 0.4) * 5);
    const reading = { tenantId, time: now - d * day + Math.round(random() * 3_600_000), score };
    if (d === 41) reading.note = 'Enabled ASR rules in block mode';
    if (d === 40) reading.score = score += 19;
    if (d === 12) reading.note = 'Onboarded 200 servers';
    tx.objectStore('readings').put(reading);
  }
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
