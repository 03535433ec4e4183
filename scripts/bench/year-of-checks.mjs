// What a year of checks keeps: one tenant checked every hour for a year (8,760 readings) whose score
// changes once a day, each reading given to the app's IndexedDB store (history-modules.mjs) with
// addReading, one at a time as the app stores each check, in a database of its own. Then the rows kept
// (runs and notes) and their size as JSON, against the one row per check that version 1 kept: the same
// readings written as version 1 wrote them (store `readings`, key [tenantId, time]) to a second database.
// In a fresh context, so the storage estimate's usage before and after is this figure's alone.
import { CONTOSO_TENANT_ID } from '../../emulator/demo.mjs';
import { historyModuleUrl } from './history-modules.mjs';
import { openModulePage } from './import-export.mjs';

export const YEAR_OF_HOURS = 365 * 24;
/** The bench's own databases, so nothing of the app's is touched. */
const RUNS_DATABASE = 'scoreline-bench-year';
const VERSION_1_DATABASE = 'scoreline-bench-year-v1';

/**
 * What the page uses of the store module, as src/lib/history declares it (see import-export.mjs for why not imported).
 * @typedef {{ tenantId: string, time: number, score: number }} Reading reading.ts
 * @typedef {{ tenantId: string, firstSeen: number, lastSeen: number, score: number }} Run run.ts
 * @typedef {{ tenantId: string, time: number, text: string, edited: number }} Note note.ts
 * @typedef {object} YearStore history-store.ts, only what this figure uses
 * @property {(reading: Reading) => Promise<'added' | 'confirmed' | 'present'>} addReading
 * @property {(tenantId: string) => Promise<Run[]>} runsFor
 * @property {(tenantId: string) => Promise<Note[]>} notesFor
 * @property {(tenantId: string) => Promise<number>} countRuns
 * @typedef {{ openIndexedDbStore(options: { name: string }): Promise<YearStore> }} StoreModule
 */

/**
 * One database's rows: how many, their size as JSON (UTF-8 bytes, one JSON text per row) and the storage
 * estimate's usage grown while they were written (undefined when the browser gives no estimate).
 * @typedef {{ rows: number, jsonBytes: number, usageBytes: number | undefined }} StoredRows
 */

/**
 * One run's figures.
 * @typedef {object} YearOfChecks
 * @property {number} readings readings given to addReading
 * @property {StoredRows & { runs: number, notes: number }} stored what the store kept: runs and notes
 * @property {StoredRows} version1 one row per reading, as version 1 kept them
 * @property {{ added: number, confirmed: number, present: number }} outcomes what addReading answered
 * @property {number} addReadingMedianMs
 * @property {number} addReadingMaxMs
 * @property {number} feedMs all 8,760 addReading calls, one after another
 */

/**
 * One run, in a fresh context (its own empty storage, no service worker) on the blank page of the app's origin.
 * @param {import('@playwright/test').Browser} browser
 * @param {{ site: import('./bench-site.mjs').BenchSite }} world
 * @returns {Promise<YearOfChecks>}
 */
export async function measureYearOfChecks(browser, { site }) {
  const { context, page } = await openModulePage(browser, { site });
  try {
    return await page.evaluate(feedAYear, {
      moduleUrl: historyModuleUrl(site.appUrl, 'indexeddb-store'),
      tenantId: CONTOSO_TENANT_ID,
      hours: YEAR_OF_HOURS,
      runsDatabase: RUNS_DATABASE,
      version1Database: VERSION_1_DATABASE,
    });
  } finally {
    await context.close();
  }
}

/**
 * Runs in the page.
 * @param {{ moduleUrl: string, tenantId: string, hours: number, runsDatabase: string, version1Database: string }} options
 * @returns {Promise<YearOfChecks>}
 */
async function feedAYear({ moduleUrl, tenantId, hours, runsDatabase, version1Database }) {
  const { openIndexedDbStore } = /** @type {StoreModule} */ (await import(moduleUrl));
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
  const encoder = new TextEncoder();
  /** @param {readonly object[]} rows */
  const jsonBytes = (rows) => rows.reduce((sum, row) => sum + encoder.encode(JSON.stringify(row)).length, 0);
  const usage = async () => (navigator.storage?.estimate ? (await navigator.storage.estimate()).usage : undefined);
  /**
   * @param {number | undefined} before
   * @param {number | undefined} after
   */
  const grown = (before, after) => (before === undefined || after === undefined ? undefined : after - before);
  /** @param {number[]} values */
  const middle = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const half = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? /** @type {number} */ (sorted[half]) : (/** @type {number} */ (sorted[half - 1]) + /** @type {number} */ (sorted[half])) / 2;
  };

  // Hourly up to the last full hour; the score is the same all day and another the next day.
  const hour = 3_600_000;
  const first = Math.floor(Date.now() / hour) * hour - hours * hour;
  /** @type {Reading[]} */
  const readings = Array.from({ length: hours }, (_, i) => ({ tenantId, time: first + i * hour, score: 300 + (Math.floor(i / 24) % 50) }));

  const usageBeforeRuns = await usage();
  const store = await openIndexedDbStore({ name: runsDatabase });
  const outcomes = { added: 0, confirmed: 0, present: 0 };
  /** @type {number[]} */
  const times = [];
  const feedStart = performance.now();
  for (const reading of readings) {
    const start = performance.now();
    outcomes[await store.addReading(reading)] += 1;
    times.push(performance.now() - start);
  }
  const feedMs = performance.now() - feedStart;
  const [runs, notes, runCount] = await Promise.all([store.runsFor(tenantId), store.notesFor(tenantId), store.countRuns(tenantId)]);
  if (runCount !== runs.length) throw new Error(`countRuns says ${runCount}, runsFor gave ${runs.length}`);
  const usageAfterRuns = await usage();

  // Version 1: a row per reading, each check in a transaction of its own.
  const opening = indexedDB.open(version1Database, 1);
  opening.onupgradeneeded = () => opening.result.createObjectStore('readings', { keyPath: ['tenantId', 'time'] });
  const version1 = await settle(opening);
  try {
    for (const reading of readings) {
      const tx = version1.transaction('readings', 'readwrite');
      tx.objectStore('readings').put(reading);
      await commit(tx);
    }
    const rows = await settle(version1.transaction('readings').objectStore('readings').getAll());
    const usageAfterVersion1 = await usage();
    return {
      readings: readings.length,
      stored: { runs: runs.length, notes: notes.length, rows: runs.length + notes.length, jsonBytes: jsonBytes([...runs, ...notes]), usageBytes: grown(usageBeforeRuns, usageAfterRuns) },
      version1: { rows: rows.length, jsonBytes: jsonBytes(rows), usageBytes: grown(usageAfterRuns, usageAfterVersion1) },
      outcomes,
      addReadingMedianMs: middle(times),
      addReadingMaxMs: Math.max(...times),
      feedMs,
    };
  } finally {
    version1.close();
  }
}
