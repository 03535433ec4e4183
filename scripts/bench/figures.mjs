// The table's rows: each figure's samples (one per run), unit and budget, in the order they are printed.
import { RUN_COUNT } from './many-readings.mjs';
import { FEW_RUNS, MANY_RUNS } from './first-paint.mjs';
import { IMPORT_COUNT } from './import-export.mjs';
import { OVERVIEW_DAYS, OVERVIEW_TENANTS } from './overview.mjs';
import { REFRESH_ALL_TENANTS } from './refresh-all.mjs';

export const KB = 1024;

/**
 * @typedef {'KB' | 'ms' | 'ratio' | 'count' | 'score'} Unit
 * @typedef {{ group: string, label: string, unit: Unit, samples: number[], budget?: import('./budgets.mjs').Budget }} Figure
 */

/** @typedef {Awaited<ReturnType<typeof import('./first-visit.mjs').measureFirstVisit>>} FirstVisit */
/** @typedef {Awaited<ReturnType<typeof import('./return-visit.mjs').measureReturnVisit>>} ReturnVisit */
/** @typedef {Awaited<ReturnType<typeof import('./return-visit.mjs').checkBrowserRestart>>} BrowserRestart */
/** @typedef {Awaited<ReturnType<typeof import('./many-readings.mjs').measureManyReadings>>} ManyReadings */
/** @typedef {Awaited<ReturnType<typeof import('./first-paint.mjs').measureFirstPaint>>} FirstPaint */
/** @typedef {Awaited<ReturnType<typeof import('./import-export.mjs').measureImportAndExport>>} ImportExport */
/** @typedef {import('./year-of-checks.mjs').YearOfChecks} YearOfChecks */
/** @typedef {import('./recommendation-log.mjs').RecommendationLog} RecommendationLog */
/** @typedef {import('./history-sync.mjs').HistorySyncFigures} HistorySync */
/** @typedef {import('./refresh-all.mjs').RefreshAllFigures} RefreshAllRun */
/** @typedef {import('./lighthouse-audit.mjs').LighthouseRun} LighthouseRun */
/** @typedef {Awaited<ReturnType<typeof import('./secure-score-backfill.mjs').measureSecureScoreBackfill>>} SecureScoreBackfill */
/** @typedef {Awaited<ReturnType<typeof import('./overview.mjs').measureOverview>>} OverviewRun */

/**
 * Everything one benchmark run collected: one entry per run of each figure.
 * @typedef {object} Collected
 * @property {FirstVisit[]} firstVisits
 * @property {ReturnVisit[]} returnVisits
 * @property {BrowserRestart} [browserRestart]
 * @property {ManyReadings[]} manyReadings
 * @property {FirstPaint[]} firstPaints
 * @property {OverviewRun[]} [overview]
 * @property {ImportExport[]} importExport
 * @property {YearOfChecks[]} yearOfChecks
 * @property {RecommendationLog[]} recommendationLog
 * @property {HistorySync[]} [historySync]
 * @property {SecureScoreBackfill[]} [secureScore]
 * @property {RefreshAllRun[]} [refreshAll]
 * @property {LighthouseRun[]} lighthouse
 * @property {LighthouseRun[]} lighthouseUncompressed
 */

/**
 * @param {Collected} collected
 * @returns {Figure[]}
 */
export function figuresFrom({ firstVisits, returnVisits, manyReadings, firstPaints, overview = [], importExport, yearOfChecks, recommendationLog, historySync = [], secureScore = [], refreshAll = [], lighthouse, lighthouseUncompressed }) {
  /**
   * @template Run
   * @param {Run[]} runs
   * @param {(run: Run) => number} pick
   */
  const each = (runs, pick) => runs.map(pick);
  const count = RUN_COUNT.toLocaleString('en');
  const few = FEW_RUNS.toLocaleString('en');
  const many = MANY_RUNS.toLocaleString('en');
  const imported = IMPORT_COUNT.toLocaleString('en');
  const year = 'a year of hourly checks';
  const recs = '365 days × 4 reads × 1,000';
  const synced = '50 tenants × a year';
  /** @type {Figure[]} */
  const figures = [
    { group: 'first visit', label: 'first visit: JavaScript (gzip)', unit: 'KB', samples: each(firstVisits, (r) => r.scriptGzipBytes), budget: { max: 130 * KB } },
    { group: 'first visit', label: 'first visit: CSS (gzip)', unit: 'KB', samples: each(firstVisits, (r) => r.stylesheetGzipBytes) },
    { group: 'first visit', label: 'first visit: requests at start-up', unit: 'count', samples: each(firstVisits, (r) => r.startUpRequests) },
    { group: 'first visit', label: 'first visit: service-worker requests (precache)', unit: 'count', samples: each(firstVisits, (r) => r.serviceWorkerRequests) },
    { group: 'first visit', label: 'first visit: JS incl. service worker\'s own', unit: 'KB', samples: each(firstVisits, (r) => r.scriptGzipBytesWithServiceWorker) },

    { group: 'return visit', label: 'return: JS before stored history visible', unit: 'KB', samples: each(returnVisits, (r) => r.scriptGzipBytesBeforeHistory), budget: { max: 40 * KB } },
    { group: 'return visit', label: 'return: all JS on the visit (gzip)', unit: 'KB', samples: each(returnVisits, (r) => r.scriptGzipBytes), budget: { max: 200 * KB } },
    { group: 'return visit', label: 'return: stored history visible', unit: 'ms', samples: each(returnVisits, (r) => r.historyVisibleMs) },
    { group: 'return visit', label: 'return: fresh score visible', unit: 'ms', samples: each(returnVisits, (r) => r.freshScoreVisibleMs) },
    { group: 'return visit', label: 'blank page, same server', unit: 'ms', samples: each(returnVisits, (r) => r.blankVisibleMs) },
    { group: 'return visit', label: 'return: stored history ÷ blank page', unit: 'ratio', samples: each(returnVisits, (r) => r.historyToBlankRatio) },
    { group: 'return visit', label: 'return: fresh score ÷ blank page', unit: 'ratio', samples: each(returnVisits, (r) => r.freshScoreToBlankRatio) },
    { group: 'return visit', label: 'return: configurationScore calls', unit: 'count', samples: each(returnVisits, (r) => r.configurationScoreCalls), budget: { exactly: 1, everyRun: true } },
    { group: 'return visit', label: 'return: exposureScore calls', unit: 'count', samples: each(returnVisits, (r) => r.apiByEndpoint.exposureScore ?? 0), budget: { exactly: 1, everyRun: true } },
    { group: 'return visit', label: 'return: ByMachineGroups calls', unit: 'count', samples: each(returnVisits, (r) => r.apiByEndpoint.exposureScoreByMachineGroups ?? 0), budget: { exactly: 1, everyRun: true } },
    { group: 'return visit', label: 'return: recommendations calls (not chosen)', unit: 'count', samples: each(returnVisits, (r) => r.apiByEndpoint.recommendations ?? 0), budget: { exactly: 0, everyRun: true } },
    { group: 'return visit', label: 'return: other API calls', unit: 'count', samples: each(returnVisits, (r) => otherApiCalls(r.apiByEndpoint)), budget: { exactly: 0, everyRun: true } },
    { group: 'return visit', label: 'return: token calls (cached token valid)', unit: 'count', samples: each(returnVisits, (r) => r.tokenCalls), budget: { exactly: 0, everyRun: true } },
    { group: 'return visit', label: 'return: page requests', unit: 'count', samples: each(returnVisits, (r) => r.requests) },
    { group: 'return visit', label: 'return: … answered by the service worker', unit: 'count', samples: each(returnVisits, (r) => r.answeredByServiceWorker.length) },

    { group: 'runs', label: `IndexedDB: write ${count} runs (1 transaction)`, unit: 'ms', samples: each(manyReadings, (r) => r.writeMs) },
    { group: 'runs', label: `IndexedDB: getAll ${count} runs (byLastSeen)`, unit: 'ms', samples: each(manyReadings, (r) => r.readMs) },
    { group: 'runs', label: `${count} runs: stored history visible`, unit: 'ms', samples: each(manyReadings, (r) => r.historyVisibleMs) },
    { group: 'runs', label: `${count} runs: chart drawn after history`, unit: 'ms', samples: each(manyReadings, (r) => r.chartAfterHistoryMs) },
    { group: 'runs', label: `${count} runs: chart after history ÷ getAll`, unit: 'ratio', samples: each(manyReadings, (r) => r.chartToReadRatio), budget: { max: 2 } },
    { group: 'runs', label: `${count} runs: app's getAll done → chart`, unit: 'ms', samples: each(manyReadings, (r) => r.chartAfterAppReadMs) },
    { group: 'runs', label: `${count} runs: app's getAll → chart ÷ getAll`, unit: 'ratio', samples: each(manyReadings, (r) => r.chartAfterAppReadMs / r.readMs) },

    { group: 'first paint', label: `stored history visible, ${few} runs`, unit: 'ms', samples: each(firstPaints, (r) => r.fewMs) },
    { group: 'first paint', label: `stored history visible, ${many} runs`, unit: 'ms', samples: each(firstPaints, (r) => r.manyMs) },
    { group: 'first paint', label: `stored history: ${many} ÷ ${few} runs`, unit: 'ratio', samples: each(firstPaints, (r) => r.manyToFewRatio), budget: { max: 1.5 } },
    { group: 'first paint', label: `floor page: latest of 90 days, ${many} stored`, unit: 'ms', samples: each(firstPaints, (r) => r.floorMs) },
    { group: 'first paint', label: `stored history (${many}) ÷ floor page`, unit: 'ratio', samples: each(firstPaints, (r) => r.manyToFloorRatio), budget: { max: 1.5 } },
    { group: 'overview', label: `overview of every tenant visible, 1 tenant (${OVERVIEW_DAYS} days)`, unit: 'ms', samples: each(overview, (r) => r.singleMs) },
    { group: 'overview', label: `overview visible, ${OVERVIEW_TENANTS} tenants × ${OVERVIEW_DAYS} days`, unit: 'ms', samples: each(overview, (r) => r.manyMs) },
    { group: 'overview', label: `overview: ${OVERVIEW_TENANTS} tenants ÷ 1`, unit: 'ratio', samples: each(overview, (r) => r.manyToSingleRatio), budget: { max: 2 } },

    { group: 'import and export', label: `import ${imported} runs: the store's addHistory`, unit: 'ms', samples: each(importExport, (r) => r.importMs) },
    { group: 'import and export', label: `import ${imported} runs: raw write, 1 transaction`, unit: 'ms', samples: each(importExport, (r) => r.rawWriteMs) },
    { group: 'import and export', label: 'import: addHistory ÷ raw write', unit: 'ratio', samples: each(importExport, (r) => r.importToRawRatio), budget: { max: 2 } },
    { group: 'import and export', label: 'import: longest task during addHistory', unit: 'ms', samples: each(importExport, (r) => r.importLongestTaskMs), budget: { max: 200 } },
    { group: 'import and export', label: `export CSV, ${imported}: toCsv (one task)`, unit: 'ms', samples: each(importExport, (r) => r.csv.ms) },
    { group: 'import and export', label: `export CSV, ${imported}: toCsvInChunks`, unit: 'ms', samples: each(importExport, (r) => r.csvInChunks.ms) },
    { group: 'import and export', label: 'export CSV in chunks: longest task', unit: 'ms', samples: each(importExport, (r) => r.csvInChunks.longestTaskMs), budget: { max: 200 } },
    { group: 'import and export', label: `export JSON, ${imported}: toJson (one task)`, unit: 'ms', samples: each(importExport, (r) => r.json.ms) },
    { group: 'import and export', label: `export JSON, ${imported}: toJsonInChunks`, unit: 'ms', samples: each(importExport, (r) => r.jsonInChunks.ms) },
    { group: 'import and export', label: 'export JSON in chunks: longest task', unit: 'ms', samples: each(importExport, (r) => r.jsonInChunks.longestTaskMs), budget: { max: 200 } },
    { group: 'import and export', label: `parse a ${imported}-row CSV file`, unit: 'ms', samples: each(importExport, (r) => r.parse.ms) },
    { group: 'import and export', label: `scoreRuns of ${imported} stored runs`, unit: 'ms', samples: each(importExport, (r) => r.scoreRuns.ms) },
    { group: 'import and export', label: `rangeStatistics over ${imported} runs`, unit: 'ms', samples: each(importExport, (r) => r.rangeStatistics.ms) },

    { group: 'a year of checks', label: `${year}: rows kept`, unit: 'count', samples: each(yearOfChecks, (r) => r.stored.rows), budget: { max: 400 } },
    { group: 'a year of checks', label: `${year}: rows version 1 kept`, unit: 'count', samples: each(yearOfChecks, (r) => r.version1.rows) },
    { group: 'a year of checks', label: `${year}: rows kept, as JSON`, unit: 'KB', samples: each(yearOfChecks, (r) => r.stored.jsonBytes) },
    { group: 'a year of checks', label: `${year}: version 1's rows, JSON`, unit: 'KB', samples: each(yearOfChecks, (r) => r.version1.jsonBytes) },
    { group: 'a year of checks', label: `${year}: storage estimate grew`, unit: 'KB', samples: each(yearOfChecks, (r) => r.stored.usageBytes ?? NaN) },
    { group: 'a year of checks', label: `${year}: … version 1's rows`, unit: 'KB', samples: each(yearOfChecks, (r) => r.version1.usageBytes ?? NaN) },
    { group: 'a year of checks', label: `${year}: addReading, median`, unit: 'ms', samples: each(yearOfChecks, (r) => r.addReadingMedianMs) },

    { group: 'recommendations', label: `${recs}: changes kept`, unit: 'count', samples: each(recommendationLog, (r) => r.changes) },
    { group: 'recommendations', label: `${recs}: reads kept`, unit: 'count', samples: each(recommendationLog, (r) => r.reads) },
    { group: 'recommendations', label: `${recs}: kept, as JSON`, unit: 'KB', samples: each(recommendationLog, (r) => r.jsonBytes), budget: { max: 5000 * KB } },
    { group: 'recommendations', label: `${recs}: storage estimate grew`, unit: 'KB', samples: each(recommendationLog, (r) => r.usageBytes ?? NaN), budget: { max: 5000 * KB } },
    { group: 'recommendations', label: `${recs}: keep one read, median`, unit: 'ms', samples: each(recommendationLog, (r) => r.addReadMedianMs) },
    { group: 'recommendations', label: 'explain a day\'s move: records read', unit: 'count', samples: each(recommendationLog, (r) => r.explainRecordsRead) },
    { group: 'recommendations', label: 'explain a day\'s move: time', unit: 'ms', samples: each(recommendationLog, (r) => r.explainMedianMs) },
    { group: 'recommendations', label: 'read the whole log once (not done to explain)', unit: 'ms', samples: each(recommendationLog, (r) => r.wholeLogMs) },

    { group: 'history sync', label: `${synced}: files in the app folder`, unit: 'count', samples: each(historySync, (r) => r.files) },
    { group: 'history sync', label: `${synced}: first sync, written`, unit: 'KB', samples: each(historySync, (r) => r.first.bytesUp) },
    { group: 'history sync', label: `${synced}: first sync, calls`, unit: 'count', samples: each(historySync, (r) => r.first.calls) },
    { group: 'history sync', label: `${synced}: sync with nothing new, calls`, unit: 'count', samples: each(historySync, (r) => r.unchanged.calls), budget: { max: 1 } },
    { group: 'history sync', label: `${synced}: sync with nothing new, written`, unit: 'KB', samples: each(historySync, (r) => r.unchanged.bytesUp), budget: { max: 0 } },
    { group: 'history sync', label: `${synced}: next hourly check, written`, unit: 'KB', samples: each(historySync, (r) => r.incremental.bytesUp) },
    { group: 'history sync', label: `${synced}: next hourly check, calls`, unit: 'count', samples: each(historySync, (r) => r.incremental.calls), budget: { max: 51 } },
    { group: 'history sync', label: `${synced}: a second device's first sync, read`, unit: 'KB', samples: each(historySync, (r) => r.secondDevice.bytesDown) },
    { group: 'history sync', label: `${synced}: a second device's first sync, calls`, unit: 'count', samples: each(historySync, (r) => r.secondDevice.calls) },
    { group: 'history sync', label: `${synced}: first sync, time (Node)`, unit: 'ms', samples: each(historySync, (r) => r.first.ms) },

    // Microsoft Secure Score (Graph, emulator): a first enable reads every day Graph keeps, a page per call.
    { group: 'secure score', label: 'MS Secure Score 90-day backfill: calls (pages)', unit: 'count', samples: each(secureScore, (r) => r.backfill.calls) },
    { group: 'secure score', label: 'MS Secure Score 90-day backfill: days read', unit: 'count', samples: each(secureScore, (r) => r.backfill.records) },
    { group: 'secure score', label: 'MS Secure Score 90-day backfill: read', unit: 'KB', samples: each(secureScore, (r) => r.backfill.bytes) },
    { group: 'secure score', label: 'MS Secure Score 90-day backfill: time (Node)', unit: 'ms', samples: each(secureScore, (r) => r.backfill.medianMs) },
    { group: 'secure score', label: 'MS Secure Score next day\'s refresh: calls', unit: 'count', samples: each(secureScore, (r) => r.nextDay.calls), budget: { max: 1 } },
    { group: 'secure score', label: 'MS Secure Score next day\'s refresh: days read', unit: 'count', samples: each(secureScore, (r) => r.nextDay.records) },
    { group: 'refresh all', label: `refresh all of ${REFRESH_ALL_TENANTS}, twice: API calls`, unit: 'count', samples: each(refreshAll, (r) => r.calls) },
    { group: 'refresh all', label: `refresh all of ${REFRESH_ALL_TENANTS}: most calls at once`, unit: 'count', samples: each(refreshAll, (r) => r.peakInFlight), budget: { max: refreshAll[0]?.concurrency ?? 4 } },
    { group: 'refresh all', label: `refresh all of ${REFRESH_ALL_TENANTS}: time (20 ms a call)`, unit: 'ms', samples: each(refreshAll, (r) => r.firstMs) },
    { group: 'refresh all', label: `refresh all of ${REFRESH_ALL_TENANTS}: tenants throttled`, unit: 'count', samples: each(refreshAll, (r) => r.throttled) },
    { group: 'refresh all', label: 'refresh all: calls inside Retry-After', unit: 'count', samples: each(refreshAll, (r) => r.callsInsideWindow), budget: { exactly: 0, everyRun: true } },

    { group: 'lighthouse', label: 'Lighthouse Performance', unit: 'score', samples: each(lighthouse, (r) => r.scores.performance), budget: { min: 95 } },
    { group: 'lighthouse', label: 'Lighthouse Accessibility', unit: 'score', samples: each(lighthouse, (r) => r.scores.accessibility), budget: { min: 100 } },
    { group: 'lighthouse', label: 'Lighthouse Best Practices', unit: 'score', samples: each(lighthouse, (r) => r.scores['best-practices']), budget: { min: 100 } },
    { group: 'lighthouse', label: 'Lighthouse Performance, no compression', unit: 'score', samples: each(lighthouseUncompressed, (r) => r.scores.performance) },
  ];
  return figures.filter((figure) => figure.samples.length > 0);
}

/** What a refresh reads: each has a figure of its own. */
const REFRESH_ENDPOINTS = ['configurationScore', 'exposureScore', 'exposureScoreByMachineGroups', 'recommendations'];

/** @param {Record<string, number>} apiByEndpoint */
function otherApiCalls(apiByEndpoint) {
  return Object.entries(apiByEndpoint)
    .filter(([endpoint]) => !REFRESH_ENDPOINTS.includes(endpoint))
    .reduce((sum, [, calls]) => sum + calls, 0);
}
