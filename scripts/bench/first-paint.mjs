// The first paint against the size of the history: from navigation start to the latest stored score's
// text entering the DOM, with 100 and with 100,000 hourly runs of one tenant (the score changing every
// hour: a run per check, the most rows a history of hourly checks can hold), and the floor page
// (floor-page.mjs) with the same 100,000. Runs in the signed-in context of many-readings.mjs (service
// worker blocked); the range is the default one.
import { CONTOSO_TENANT_ID } from '../../emulator/demo.mjs';
import { floorPageUrl } from './floor-page.mjs';
import { firstTimeShown, readPageMarks, waitForMark } from './page-marks.mjs';

export const FEW_RUNS = 100;
export const MANY_RUNS = 100_000;
/** The newest stored run's score: not the emulator's, so the stored history is told from a fresh reading. */
const LATEST_STORED_SCORE = 377;
const TIMEOUT_MS = 120_000;

/** @typedef {import('@playwright/test').Page} Page */
/** @typedef {import('./bench-site.mjs').BenchSite} BenchSite */

/**
 * One run: the app with few runs, then the floor page and the app with many.
 * @param {Page} page
 * @param {{ site: BenchSite }} world
 * @returns {Promise<{ fewMs: number, manyMs: number, floorMs: number, manyToFewRatio: number, manyToFloorRatio: number }>}
 */
export async function measureFirstPaint(page, { site }) {
  await storeHourlyRuns(page, { site, count: FEW_RUNS });
  const fewMs = await latestScoreShownMs(page, site.appUrl);
  await storeHourlyRuns(page, { site, count: MANY_RUNS });
  // The floor first: the app stores a fresh reading once signed in, which would then be the latest. Its
  // first load after writing 100,000 runs is left out: the database is still settling from the write.
  const floorUrl = floorPageUrl(site.appUrl, CONTOSO_TENANT_ID);
  await latestScoreShownMs(page, floorUrl);
  const floorMs = await latestScoreShownMs(page, floorUrl);
  const manyMs = await latestScoreShownMs(page, site.appUrl);
  return { fewMs, manyMs, floorMs, manyToFewRatio: manyMs / fewMs, manyToFloorRatio: manyMs / floorMs };
}

/**
 * Opens `url` and gives when the latest stored score's text entered the DOM, in ms since navigation start.
 * @param {Page} page
 * @param {string} url
 * @returns {Promise<number>}
 */
async function latestScoreShownMs(page, url) {
  await page.goto(url);
  const text = String(LATEST_STORED_SCORE);
  await page.waitForFunction(
    (shown) => /** @type {import('./page-marks.mjs').BenchMarks} */ (Reflect.get(window, '__benchMarks')).scoreTexts.some((score) => score.text === shown),
    text,
    { timeout: TIMEOUT_MS, polling: 50 },
  );
  const shownMs = firstTimeShown((await readPageMarks(page)).scoreTexts, text);
  if (shownMs === undefined) throw new Error(`${url} never showed the latest stored score`);
  return shownMs;
}

/**
 * On a blank page of the app's origin: the tenant's runs and notes replaced by `count` hourly runs, the range preference cleared.
 * @param {Page} page
 * @param {{ site: BenchSite, count: number }} options
 */
async function storeHourlyRuns(page, { site, count }) {
  await page.goto(site.blankUrl);
  await waitForMark(page, 'blank');
  await page.evaluate(replaceRuns, { tenantId: CONTOSO_TENANT_ID, count, latestScore: LATEST_STORED_SCORE });
}

/**
 * Runs in the page, on the database as the app made it (store `runs`, key [tenantId, firstSeen, score]).
 * @param {{ tenantId: string, count: number, latestScore: number }} options
 */
async function replaceRuns({ tenantId, count, latestScore }) {
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
  const hour = 3_600_000;
  const db = await settle(indexedDB.open('scoreline'));
  try {
    const tx = db.transaction(['runs', 'notes', 'prefs'], 'readwrite');
    const runs = tx.objectStore('runs');
    runs.delete(IDBKeyRange.bound([tenantId, -Infinity, -Infinity], [tenantId, Infinity, Infinity]));
    tx.objectStore('notes').delete(IDBKeyRange.bound([tenantId, -Infinity], [tenantId, Infinity]));
    tx.objectStore('prefs').delete('range');
    // A run an hour, each confirmed half an hour on, each at another score than the one before.
    const newest = Math.floor(Date.now() / hour) * hour - hour;
    /** @param {number} firstSeen @param {number} score */
    const put = (firstSeen, score) => runs.put({ tenantId, firstSeen, lastSeen: firstSeen + hour / 2, score });
    for (let i = count - 1; i >= 1; i -= 1) put(newest - i * hour, 300 + (i % 50));
    put(newest, latestScore);
    await commit(tx);
  } finally {
    db.close();
  }
}
