// Figure 3: IndexedDB with 100,000 readings, and the chart drawn from them. A context with the service
// worker blocked, so the blank page on the app's origin is itself and not the app shell.
import { BLANK_MARKER } from './bench-site.mjs';
import { CONTOSO_TENANT_ID } from '../../emulator/demo.mjs';
import { addPageMarks, reached, readPageMarks, waitForMark } from './page-marks.mjs';
import { signInAsAveryAdmin } from './sign-in.mjs';

export const READING_COUNT = 100_000;
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
 * One run: on a blank page of the app's origin, replaces Contoso's readings with 100,000 written in one
 * transaction and reads them back with getAll (both timed), sets the range to "All", then opens the app
 * and times from the stored history entering the DOM to the frame after the chart drew its line; also from
 * the app's own getAll completing to that frame (today the chart is drawn in the same task as the history,
 * before the score card is in the DOM, so the first interval is about one frame).
 * @param {import('@playwright/test').Page} page
 * @param {{ site: import('./bench-site.mjs').BenchSite }} world
 */
export async function measureManyReadings(page, { site }) {
  await page.goto(site.blankUrl);
  await waitForMark(page, 'blank');
  const storage = await page.evaluate(writeAndReadReadings, { tenantId: CONTOSO_TENANT_ID, count: READING_COUNT });
  await page.goto(site.appUrl);
  await waitForMark(page, 'history', { timeoutMs: 60_000 });
  await waitForMark(page, 'chartDrawn', { timeoutMs: 60_000 });
  const marks = await readPageMarks(page);
  const historyVisibleMs = reached(marks.historyVisibleMs, 'history');
  const chartDrawnMs = reached(marks.chartDrawnMs, 'chartDrawn');
  const chartAfterHistoryMs = chartDrawnMs - historyVisibleMs;
  const appRead = largestReadingsRead(marks.reads);
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
 * The app's own getAll of the tenant's readings: the largest read of the `readings` store.
 * @param {import('./page-marks.mjs').StoreRead[]} reads
 */
function largestReadingsRead(reads) {
  const [first, ...others] = reads.filter((read) => read.store === 'readings');
  if (first === undefined) throw new Error('the app read no readings from IndexedDB');
  return others.reduce((largest, read) => (read.count > largest.count ? read : largest), first);
}

/**
 * Runs in the page. Uses the app's database as the app made it: store `readings`, key [tenantId, time].
 * @param {{ tenantId: string, count: number }} options
 */
async function writeAndReadReadings({ tenantId, count }) {
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
  const tenantRange = IDBKeyRange.bound([tenantId, -Infinity], [tenantId, Infinity]);
  const db = await settle(indexedDB.open('scoreline'));
  try {
    const clearing = db.transaction('readings', 'readwrite');
    clearing.objectStore('readings').delete(tenantRange);
    await commit(clearing);

    const tenMinutes = 600_000;
    const firstTime = Date.now() - count * tenMinutes;
    const writeStart = performance.now();
    const writing = db.transaction('readings', 'readwrite');
    const readings = writing.objectStore('readings');
    for (let i = 0; i < count; i += 1) readings.put({ tenantId, time: firstTime + i * tenMinutes, score: 300 + Math.round(100 * Math.sin(i / 5000)) });
    await commit(writing);
    const writeMs = performance.now() - writeStart;

    const readStart = performance.now();
    const read = await settle(db.transaction('readings', 'readonly').objectStore('readings').getAll(tenantRange));
    const readMs = performance.now() - readStart;

    const prefs = db.transaction('prefs', 'readwrite');
    prefs.objectStore('prefs').put('all', 'range');
    await commit(prefs);
    return { writeMs, readMs, readCount: read.length };
  } finally {
    db.close();
  }
}
