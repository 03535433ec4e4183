// Figure 3: IndexedDB with 100,000 runs (each at another score than the one before, so the history shows
// 100,000 steps), and the chart drawn from them. A context with the service worker blocked, so the blank
// page on the app's origin is itself and not the app shell.
import { BLANK_MARKER } from './bench-site.mjs';
import { CONTOSO_TENANT_ID } from '../../emulator/demo.mjs';
import { addPageMarks, reached, readPageMarks, waitForMark } from './page-marks.mjs';
import { signInAsAveryAdmin } from './sign-in.mjs';

export const RUN_COUNT = 100_000;
const SIGN_IN_SCORE = 412;

/** @typedef {{ site: import('./bench-site.mjs').BenchSite, emulator: import('../../emulator/control-client.mjs').EmulatorControl }} BenchWorld */

/**
 * A fresh context, signed in as Avery Admin (Contoso), on which every run of this figure works.
 * @param {import('@playwright/test').Browser} browser
 * @param {BenchWorld} world
 */
export async function openSignedInContext(browser, { site, emulator }) {
  await emulator.reset();
  await emulator.setScore(SIGN_IN_SCORE);
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    await addPageMarks(context, { blankMarker: BLANK_MARKER });
    const page = await context.newPage();
    await signInAsAveryAdmin(page, { appUrl: site.appUrl, expectedScore: SIGN_IN_SCORE });
    return { context, page };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/**
 * One run: on a blank page of the app's origin, replaces Contoso's runs with 100,000 written in one
 * transaction and reads them back with getAll on the byLastSeen index as the app reads a range (both
 * timed), sets the range to "All", then opens the app and times from the stored history entering the DOM
 * to the frame after the chart drew its line; also from the app's own getAll of the runs completing to
 * that frame.
 * @param {import('@playwright/test').Page} page
 * @param {{ site: import('./bench-site.mjs').BenchSite }} world
 */
export async function measureManyReadings(page, { site }) {
  await page.goto(site.blankUrl);
  await waitForMark(page, 'blank');
  const storage = await page.evaluate(writeAndReadRuns, { tenantId: CONTOSO_TENANT_ID, count: RUN_COUNT });
  await page.goto(site.appUrl);
  await waitForMark(page, 'history', { timeoutMs: 60_000 });
  await waitForMark(page, 'chartDrawn', { timeoutMs: 60_000 });
  const marks = await readPageMarks(page);
  const historyVisibleMs = reached(marks.historyVisibleMs, 'history');
  const chartDrawnMs = reached(marks.chartDrawnMs, 'chartDrawn');
  const chartAfterHistoryMs = chartDrawnMs - historyVisibleMs;
  const appRead = largestRunsRead(marks.reads);
  return {
    ...storage,
    historyVisibleMs,
    chartStrokedMs: marks.chartStrokedMs,
    chartDrawnMs,
    chartAfterHistoryMs,
    chartToReadRatio: chartAfterHistoryMs / storage.readMs,
    appRead,
    chartAfterAppReadMs: chartDrawnMs - appRead.endedAt,
  };
}

/**
 * The app's own getAll of the tenant's runs: the largest read of the `runs` store (by its byLastSeen index).
 * @param {import('./page-marks.mjs').StoreRead[]} reads
 */
function largestRunsRead(reads) {
  const [first, ...others] = reads.filter((read) => read.store === 'runs');
  if (first === undefined) throw new Error('the app read no runs from IndexedDB');
  return others.reduce((largest, read) => (read.count > largest.count ? read : largest), first);
}

/**
 * Runs in the page. Uses the app's database as the app made it: store `runs`, key [tenantId, firstSeen,
 * score], index byLastSeen on [tenantId, lastSeen].
 * @param {{ tenantId: string, count: number }} options
 */
async function writeAndReadRuns({ tenantId, count }) {
  /**
   * @template T
   * @param {IDBRequest<T>} request
   * @returns {Promise<T>}
   */
  const settle = (request) => new Promise((resolve, reject) => ((request.onsuccess = () => resolve(request.result)), (request.onerror = () => reject(request.error))));
  /**
   * @param {IDBTransaction} tx
   * @returns {Promise<void>}
   */
  const commit = (tx) => new Promise((resolve, reject) => ((tx.oncomplete = () => resolve()), (tx.onerror = tx.onabort = () => reject(tx.error))));
  const runKeys = IDBKeyRange.bound([tenantId, -Infinity, -Infinity], [tenantId, Infinity, Infinity]);
  // Keys [tenantId, time]: the tenant's notes, and its runs by the byLastSeen index.
  const tenantRange = IDBKeyRange.bound([tenantId, -Infinity], [tenantId, Infinity]);
  const db = await settle(indexedDB.open('scoreline'));
  try {
    const clearing = db.transaction(['runs', 'notes'], 'readwrite');
    clearing.objectStore('runs').delete(runKeys);
    clearing.objectStore('notes').delete(tenantRange);
    await commit(clearing);

    // A run every ten minutes, confirmed five minutes on; the score wanders, and never repeats the one before.
    const tenMinutes = 600_000;
    const firstTime = Date.now() - count * tenMinutes;
    const writeStart = performance.now();
    const writing = db.transaction('runs', 'readwrite');
    const runs = writing.objectStore('runs');
    for (let i = 0; i < count; i += 1) {
      const firstSeen = firstTime + i * tenMinutes;
      runs.put({ tenantId, firstSeen, lastSeen: firstSeen + tenMinutes / 2, score: 300 + Math.round(100 * Math.sin(i / 5000)) + 3 * (i % 2) });
    }
    await commit(writing);
    const writeMs = performance.now() - writeStart;

    const readStart = performance.now();
    const read = await settle(db.transaction('runs', 'readonly').objectStore('runs').index('byLastSeen').getAll(tenantRange));
    const readMs = performance.now() - readStart;

    const prefs = db.transaction('prefs', 'readwrite');
    prefs.objectStore('prefs').put('all', 'range');
    await commit(prefs);
    return { writeMs, readMs, readCount: read.length };
  } finally {
    db.close();
  }
}
