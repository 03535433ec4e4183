// What a year of recommendation reads keeps: one tenant whose 1,000 recommendations are read 4 times a
// day for 365 days, 2% of them changing each day (20 changes, spread over the day's reads), each read given
// to the app's IndexedDB store (history-modules.mjs) with addRecommendationRead, as a refresh keeps it.
// Then the records kept and their size, and how long the explanation between two readings takes to read
// what it needs (the changes between two reads and the touched recommendations' own changes), against
// reading the tenant's whole log. In a fresh context, so the storage estimate's growth is this figure's alone.
import { CONTOSO_TENANT_ID } from '../../emulator/demo.mjs';
import { historyModuleUrl } from './history-modules.mjs';
import { openModulePage } from './import-export.mjs';

export const LOG_DAYS = 365;
export const READS_PER_DAY = 4;
export const RECOMMENDATIONS = 1000;
export const CHANGING_PER_DAY = 20;
const LOG_DATABASE = 'scoreline-bench-recommendations';

/**
 * One run's figures.
 * @typedef {object} RecommendationLog
 * @property {number} reads reads given to addRecommendationRead
 * @property {number} changes change records kept
 * @property {number} jsonBytes the kept changes and reads as JSON (UTF-8, one JSON text per record)
 * @property {number | undefined} usageBytes the storage estimate's growth (undefined without an estimate)
 * @property {number} addReadMedianMs one read of 1,000 recommendations kept, median
 * @property {number} explainMedianMs what an explanation between two readings a day apart reads from the store and works out, median
 * @property {number} explainRecordsRead records that explanation read, median
 * @property {number} wholeLogMs reading the tenant's whole change log once
 */

/**
 * @param {import('@playwright/test').Browser} browser
 * @param {{ site: import('./bench-site.mjs').BenchSite }} world
 * @returns {Promise<RecommendationLog>}
 */
export async function measureRecommendationLog(browser, { site }) {
  const { context, page } = await openModulePage(browser, { site });
  try {
    return await page.evaluate(feedAYearOfReads, {
      storeUrl: historyModuleUrl(site.appUrl, 'indexeddb-store'),
      explainUrl: historyModuleUrl(site.appUrl, 'explain-between'),
      tenantId: CONTOSO_TENANT_ID,
      days: LOG_DAYS,
      readsPerDay: READS_PER_DAY,
      recommendations: RECOMMENDATIONS,
      changingPerDay: CHANGING_PER_DAY,
      database: LOG_DATABASE,
    });
  } finally {
    await context.close();
  }
}

/**
 * Runs in the page.
 * @param {{ storeUrl: string, explainUrl: string, tenantId: string, days: number, readsPerDay: number, recommendations: number, changingPerDay: number, database: string }} options
 * @returns {Promise<RecommendationLog>}
 */
async function feedAYearOfReads({ storeUrl, explainUrl, tenantId, days, readsPerDay, recommendations, changingPerDay, database }) {
  /**
   * What the page uses of the app's modules, as src/lib declares them (see import-export.mjs for why not imported).
   * @typedef {{ id: string, name: string, category: string, subCategory: string, remediationType: string, status: string,
   *   configScoreImpact: number, exposureImpact: number, exposedMachines: number, totalMachines: number }} Recommendation
   * @typedef {{ tenantId: string, time: number, count: number }} RecommendationRead
   * @typedef {{ id: string, time: number }} RecommendationChange only what this figure reads of one
   * @typedef {object} LogStore history-store.ts, only what this figure uses
   * @property {(tenantId: string, time: number, recommendations: Recommendation[]) => Promise<number>} addRecommendationRead
   * @property {(tenantId: string, since?: number) => Promise<RecommendationRead[]>} recommendationReads
   * @property {(tenantId: string, range?: { after?: number, until?: number }) => Promise<RecommendationChange[]>} recommendationChanges
   * @property {(tenantId: string, ids: readonly string[]) => Promise<RecommendationChange[]>} recommendationChangesOf
   * @typedef {{ firstSeen: number, lastSeen: number, heldUntil: number, score: number }} RunSpan score-runs.ts, what an explanation reads of a run
   * @typedef {(store: LogStore, between: { tenantId: string, reads: RecommendationRead[], from: RunSpan, to: RunSpan }) => Promise<unknown>} ExplainBetween
   */
  const { openIndexedDbStore } = /** @type {{ openIndexedDbStore(options: { name: string }): Promise<LogStore> }} */ (await import(storeUrl));
  const { explainBetween } = /** @type {{ explainBetween: ExplainBetween }} */ (await import(explainUrl));
  const encoder = new TextEncoder();
  /** @param {readonly object[]} rows */
  const jsonBytes = (rows) => rows.reduce((sum, row) => sum + encoder.encode(JSON.stringify(row)).length, 0);
  const usage = async () => (navigator.storage?.estimate ? (await navigator.storage.estimate()).usage : undefined);
  /** @param {number[]} values */
  const middle = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  const categories = ['Accounts', 'Application', 'Network', 'OS', 'SecurityControls'];

  /** @type {Recommendation[]} */
  const list = Array.from({ length: recommendations }, (_, i) => ({
    id: `sca-_-scid-${10_000 + i}`,
    name: `Set security option number ${i} to its recommended value`,
    category: /** @type {string} */ (categories[i % categories.length]),
    subCategory: `Policy ${i % 17}`,
    remediationType: 'ConfigurationChange',
    status: 'Active',
    configScoreImpact: 1 + (i % 40) / 4,
    exposureImpact: (i % 10) / 10,
    exposedMachines: 50 + (i % 150),
    totalMachines: 240,
  }));
  const day = 86_400_000;
  const first = Math.floor(Date.now() / day) * day - days * day;
  const usageBefore = await usage();
  const store = await openIndexedDbStore({ name: database });
  /** @type {number[]} */
  const addTimes = [];
  /** @type {number[]} */
  const readTimes = [];
  let next = 0;
  for (let d = 0; d < days; d += 1) {
    for (let r = 0; r < readsPerDay; r += 1) {
      // The day's changes, spread over its reads: one device fixed on each changing recommendation.
      for (let c = 0; c < changingPerDay / readsPerDay; c += 1) {
        const changed = /** @type {Recommendation} */ (list[next++ % list.length]);
        if (changed.exposedMachines > 1) {
          changed.configScoreImpact -= changed.configScoreImpact / changed.exposedMachines;
          changed.exposedMachines -= 1;
        } else changed.exposedMachines = 50;
      }
      const time = first + d * day + r * (day / readsPerDay);
      readTimes.push(time);
      const start = performance.now();
      await store.addRecommendationRead(tenantId, time, list.map((recommendation) => ({ ...recommendation })));
      addTimes.push(performance.now() - start);
    }
  }
  const usageAfter = await usage();
  const wholeStart = performance.now();
  const [changes, reads] = await Promise.all([store.recommendationChanges(tenantId), store.recommendationReads(tenantId)]);
  const wholeLogMs = performance.now() - wholeStart;

  /** @type {number[]} */
  const explainTimes = [];
  /** @type {number[]} */
  const recordsRead = [];
  // The store as the explanation sees it, counting the records it hands over.
  let handedOver = 0;
  /** @type {LogStore} */
  const counting = {
    ...store,
    recommendationReads: (id, since) => store.recommendationReads(id, since),
    addRecommendationRead: (id, time, list) => store.addRecommendationRead(id, time, list),
    recommendationChanges: async (id, range) => {
      const changes = await store.recommendationChanges(id, range);
      handedOver += changes.length;
      return changes;
    },
    recommendationChangesOf: async (id, ids) => {
      const changes = await store.recommendationChangesOf(id, ids);
      handedOver += changes.length;
      return changes;
    },
  };
  const at = (/** @type {number} */ d, /** @type {number} */ r) => /** @type {number} */ (readTimes[d * readsPerDay + r]);
  for (const d of [30, 120, 200, 300, 364]) {
    // The score held one value on day d − 1 and another from the first read of day d.
    const from = { firstSeen: at(d - 1, 0), lastSeen: at(d - 1, readsPerDay - 1), heldUntil: at(d, 0), score: 300 };
    const to = { firstSeen: at(d, 0), lastSeen: at(d, readsPerDay - 1), heldUntil: at(d, readsPerDay - 1), score: 305 };
    handedOver = 0;
    const start = performance.now();
    await explainBetween(counting, { tenantId, reads, from, to });
    explainTimes.push(performance.now() - start);
    recordsRead.push(handedOver);
  }
  return {
    reads: reads.length,
    changes: changes.length,
    jsonBytes: jsonBytes([...changes, ...reads]),
    usageBytes: usageBefore === undefined || usageAfter === undefined ? undefined : usageAfter - usageBefore,
    addReadMedianMs: middle(addTimes),
    explainMedianMs: middle(explainTimes),
    explainRecordsRead: middle(recordsRead),
    wholeLogMs,
  };
}
