// The overview of every tenant against the number of tenants: from navigation start to the overview's table
// showing every tenant's row, with one tenant and with 200, each holding 2 years of daily readings (the score
// changing every day). The overview reads one summary per tenant, never a history, so 200 tenants should cost
// little more than one. Runs in a fresh context (its own database, service worker blocked), signed out.
import { BLANK_MARKER } from './bench-site.mjs';
import { historyModuleUrl } from './history-modules.mjs';
import { addPageMarks, waitForMark } from './page-marks.mjs';

export const OVERVIEW_TENANTS = 200;
export const OVERVIEW_DAYS = 730;
/** The rows the overview's table shows before "Show more" (OverviewPage.svelte). */
const FIRST_PAGE_ROWS = 50;
const TIMEOUT_MS = 180_000;

/** @typedef {import('@playwright/test').Page} Page */
/** @typedef {import('./bench-site.mjs').BenchSite} BenchSite */

/**
 * One run: the overview holding one tenant, then holding 200.
 * @param {import('@playwright/test').Browser} browser
 * @param {{ site: BenchSite }} world
 * @returns {Promise<{ singleMs: number, manyMs: number, manyToSingleRatio: number }>}
 */
export async function measureOverview(browser, { site }) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    await addPageMarks(context, { blankMarker: BLANK_MARKER });
    const page = await context.newPage();
    await storeTenants(page, site, 1);
    // The first load after the write is left out: the database is still settling.
    await overviewShownMs(page, site.appUrl, 1);
    const singleMs = await overviewShownMs(page, site.appUrl, 1);
    await storeTenants(page, site, OVERVIEW_TENANTS);
    await overviewShownMs(page, site.appUrl, OVERVIEW_TENANTS);
    const manyMs = await overviewShownMs(page, site.appUrl, OVERVIEW_TENANTS);
    return { singleMs, manyMs, manyToSingleRatio: manyMs / singleMs };
  } finally {
    await context.close();
  }
}

/**
 * Opens the app and gives when the overview's table showed its first page of `tenants` tenants (with the
 * portfolio average of them all), in ms since navigation start.
 * @param {Page} page
 * @param {string} url
 * @param {number} tenants
 */
async function overviewShownMs(page, url, tenants) {
  await page.goto(url);
  const shown = await page.waitForFunction(
    ({ rows, count }) =>
      document.querySelectorAll('tbody th button[aria-label^="Open the dashboard of"]').length === rows &&
      document.querySelector('[data-testid=portfolio-average]')?.parentElement?.textContent?.includes(`${count} tenant`)
        ? performance.now()
        : false,
    { rows: Math.min(tenants, FIRST_PAGE_ROWS), count: tenants },
    { timeout: TIMEOUT_MS, polling: 'raf' },
  );
  return /** @type {number} */ (await shown.jsonValue());
}

/**
 * On a blank page of the app's origin: `count` tenants with 2 years of daily runs each, and their summaries
 * as the store's own write paths keep them (one tenant more is remembered without history, so the overview,
 * the start page from two tenants on, shows with one row).
 * @param {Page} page
 * @param {BenchSite} site
 * @param {number} count
 */
async function storeTenants(page, site, count) {
  await page.goto(site.blankUrl);
  await waitForMark(page, 'blank');
  await page.evaluate(writeTenants, { count, days: OVERVIEW_DAYS, storeUrl: historyModuleUrl(site.appUrl, 'indexeddb-store') });
}

/**
 * Runs in the page: the runs written raw in one transaction per tenant, then the summaries through the store.
 * @param {{ count: number, days: number, storeUrl: string }} options
 */
async function writeTenants({ count, days, storeUrl }) {
  /** @type {{ openIndexedDbStore: () => Promise<{ summarize(tenantIds: string[]): Promise<unknown> }> }} */
  const { openIndexedDbStore } = await import(storeUrl);
  const store = await openIndexedDbStore();
  /** @param {IDBTransaction} tx */
  const commit = (tx) => new Promise((resolve, reject) => ((tx.oncomplete = () => resolve(undefined)), (tx.onerror = tx.onabort = () => reject(tx.error))));
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open('scoreline');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const day = 86_400_000;
  const today = Math.floor(Date.now() / day) * day;
  const tenantId = (/** @type {number} */ index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
  try {
    const clear = /** @type {IDBDatabase} */ (db).transaction(['runs', 'summaries', 'tenants'], 'readwrite');
    for (const name of ['runs', 'summaries', 'tenants']) clear.objectStore(name).clear();
    await commit(clear);
    for (let t = 0; t < count; t += 1) {
      const tx = /** @type {IDBDatabase} */ (db).transaction(['runs', 'tenants'], 'readwrite');
      const runs = tx.objectStore('runs');
      for (let d = days; d >= 0; d -= 1) runs.put({ tenantId: tenantId(t), firstSeen: today - d * day + 3_600_000, lastSeen: today - d * day + 12 * 3_600_000, score: 300 + ((d * 7 + t) % 41) });
      tx.objectStore('tenants').put({ tenantId: tenantId(t), label: `tenant-${String(t).padStart(3, '0')}.example`, lastUsed: t });
      await commit(tx);
    }
    if (count === 1) {
      const tx = /** @type {IDBDatabase} */ (db).transaction('tenants', 'readwrite');
      tx.objectStore('tenants').put({ tenantId: tenantId(9999), label: 'no-history.example', lastUsed: 0 });
      await commit(tx);
    }
  } finally {
    /** @type {IDBDatabase} */ (db).close();
  }
  await store.summarize(Array.from({ length: count }, (_, t) => tenantId(t)));
}
