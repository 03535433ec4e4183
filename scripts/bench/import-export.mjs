// Importing, exporting, parsing and summarising 100,000 runs with the app's own modules
// (history-modules.mjs) on a blank page of the app's origin: the store's addHistory against one raw
// transaction writing the same runs, toCsv and toJson, parseImportFile on the exported CSV, scoreRuns and
// rangeStatistics. The exports also in their chunked variants, which give the page a turn between chunks.
// Each with the longest main-thread task while it ran (PerformanceObserver 'longtask', which sees only
// tasks of 50 ms or more: 0 means none).
import { CONTOSO_TENANT_ID } from '../../emulator/demo.mjs';
import { BLANK_MARKER } from './bench-site.mjs';
import { historyModuleUrl } from './history-modules.mjs';
import { addPageMarks, waitForMark } from './page-marks.mjs';

export const IMPORT_COUNT = 100_000;

/** @typedef {import('./bench-site.mjs').BenchSite} BenchSite */

/**
 * What the page uses of the history modules, as src/lib/history declares it. The app's TypeScript cannot be
 * imported here: this program resolves imports by Node's rules, and the app's own imports have no extension.
 * @typedef {{ tenantId: string, firstSeen: number, lastSeen: number, score: number }} Run run.ts
 * @typedef {{ tenantId: string, time: number, text: string, edited: number }} Note note.ts
 * @typedef {Run & { change: number | undefined, afterGap: boolean, heldUntil: number, notes: Note[] }} ScoreRun score-runs.ts
 * @typedef {{ tenantId: string, label: string }} TenantLabel export-formats.ts
 * @typedef {{ runs: readonly Run[], notes: readonly Note[] }} HistoryRecords history-store.ts
 * @typedef {HistoryRecords & { tenants: readonly TenantLabel[] }} HistoryExport export-formats.ts
 * @typedef {{ ok: true, value: { runs: unknown[] } } | { ok: false, error: string }} ParsedImportResult
 *   import-parser.ts: Result<ParsedImport, string> (util/result.ts), of ParsedImport only its runs
 * @typedef {{ onProgress?: (written: number, total: number) => void, signal?: AbortSignal }} AddHistoryOptions history-store.ts
 * @typedef {{ addHistory(history: HistoryRecords, options?: AddHistoryOptions): Promise<{ added: number, present: number, notesAdded: number }> }} HistoryStore
 *   history-store.ts, only addHistory
 * @typedef {{ openIndexedDbStore(): Promise<HistoryStore> }} IndexedDbStoreModule
 * @typedef {object} ExportFormatsModule
 * @property {(records: HistoryRecords, tenantLabelById?: ReadonlyMap<string, string>) => string} toCsv
 * @property {(records: HistoryRecords, tenantLabelById?: ReadonlyMap<string, string>) => Promise<string>} toCsvInChunks
 * @property {(history: HistoryExport, exportedAt: number) => string} toJson
 * @property {(history: HistoryExport, exportedAt: number) => Promise<string>} toJsonInChunks
 * @typedef {{ parseImportFile(name: string, text: string, options: { now: number }): ParsedImportResult }} ImportParserModule
 * @typedef {{ scoreRuns(runs: readonly Run[], notes?: readonly Note[]): ScoreRun[] }} ScoreRunsModule
 * @typedef {{ rangeStatistics(runsOldestFirst: readonly ScoreRun[], rangeStart?: number): unknown }} RangesModule
 */

/**
 * A piece of work's time and the longest main-thread task that overlapped it (0: none of 50 ms or more).
 * @typedef {{ ms: number, longestTaskMs: number }} TimedFigure
 */

/**
 * One run's figures.
 * @typedef {object} ImportExportRun
 * @property {boolean} rawFirst whether the raw write went first
 * @property {number} importMs the store's addHistory
 * @property {number} importLongestTaskMs
 * @property {number} importProgressCalls how often addHistory called onProgress
 * @property {number} rawWriteMs add() of every run in one transaction
 * @property {number} rawWriteLongestTaskMs
 * @property {number} importToRawRatio
 * @property {TimedFigure & { characters: number }} csv toCsv
 * @property {TimedFigure} csvInChunks toCsvInChunks
 * @property {TimedFigure & { characters: number }} json toJson
 * @property {TimedFigure} jsonInChunks toJsonInChunks
 * @property {TimedFigure} parse parseImportFile on the CSV
 * @property {TimedFigure} scoreRuns the runs as shown, from the stored ones
 * @property {TimedFigure} rangeStatistics of the runs as shown
 */

/**
 * A fresh context (its own empty database, no service worker) on the blank page of the app's origin.
 * @param {import('@playwright/test').Browser} browser
 * @param {{ site: BenchSite }} world
 */
export async function openModulePage(browser, { site }) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    await addPageMarks(context, { blankMarker: BLANK_MARKER });
    const page = await context.newPage();
    await page.goto(site.blankUrl);
    await waitForMark(page, 'blank');
    return { context, page };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/**
 * One run. The raw write and the store's add take turns going first, so neither always meets a warmer disk.
 * @param {import('@playwright/test').Page} page
 * @param {{ site: BenchSite, runIndex: number }} run
 * @returns {Promise<ImportExportRun>}
 */
export async function measureImportAndExport(page, { site, runIndex }) {
  const moduleUrls = /** @type {const} */ (['indexeddb-store', 'export-formats', 'import-parser', 'score-runs', 'ranges']).map((name) => historyModuleUrl(site.appUrl, name));
  return page.evaluate(importAndExport, { moduleUrls, tenantId: CONTOSO_TENANT_ID, count: IMPORT_COUNT, rawFirst: runIndex % 2 === 0 });
}

/**
 * Runs in the page.
 * @param {{ moduleUrls: string[], tenantId: string, count: number, rawFirst: boolean }} options
 * @returns {Promise<ImportExportRun>}
 */
async function importAndExport({ moduleUrls, tenantId, count, rawFirst }) {
  const [{ openIndexedDbStore }, { toCsv, toJson, toCsvInChunks, toJsonInChunks }, { parseImportFile }, { scoreRuns }, { rangeStatistics }] =
    /** @type {[IndexedDbStoreModule, ExportFormatsModule, ImportParserModule, ScoreRunsModule, RangesModule]} */ (await Promise.all(moduleUrls.map((url) => import(url))));

  /** @type {PerformanceEntry[]} */
  const longTasks = [];
  new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({ type: 'longtask' });
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
  /**
   * Times `work` from a task of its own, then the longest task that overlapped it.
   * @template T
   * @param {() => T | Promise<T>} work
   * @returns {Promise<TimedFigure & { value: T }>}
   */
  async function timed(work) {
    await nextTask();
    const startedAt = performance.now();
    const value = await work();
    const endedAt = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 100)); // the observer reports a little later
    const overlapping = longTasks.filter((task) => task.startTime < endedAt && task.startTime + task.duration > startedAt);
    return { ms: endedAt - startedAt, longestTaskMs: Math.max(0, ...overlapping.map((task) => task.duration)), value };
  }

  const store = await openIndexedDbStore();
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
  const db = await settle(indexedDB.open('scoreline'));
  const runKeys = IDBKeyRange.bound([tenantId, -Infinity, -Infinity], [tenantId, Infinity, Infinity]);
  const clear = async () => {
    const tx = db.transaction(['runs', 'notes'], 'readwrite');
    tx.objectStore('runs').delete(runKeys);
    tx.objectStore('notes').delete(IDBKeyRange.bound([tenantId, -Infinity], [tenantId, Infinity]));
    await commit(tx);
  };
  const storedCount = () => settle(db.transaction('runs').objectStore('runs').count(runKeys));

  // A run every ten minutes up to now, confirmed five minutes on, each at another score than the one
  // before (so none folds into another): every row of the exported file is one the importer accepts.
  const step = 600_000;
  const newest = Math.floor(Date.now() / step) * step - step;
  /** @type {Run[]} */
  const runs = Array.from({ length: count }, (_, i) => {
    const firstSeen = newest - (count - 1 - i) * step;
    return { tenantId, firstSeen, lastSeen: firstSeen + step / 2, score: 300 + Math.round(100 * Math.sin(i / 5000)) + 3 * (i % 2) };
  });

  const rawWrite = async () => {
    await clear();
    const result = await timed(() => {
      const tx = db.transaction('runs', 'readwrite');
      const target = tx.objectStore('runs');
      for (const run of runs) target.add(run);
      return commit(tx);
    });
    return { ...result, stored: await storedCount() };
  };
  const storeAdd = async () => {
    await clear();
    let progressCalls = 0;
    const result = await timed(() => store.addHistory({ runs, notes: [] }, { onProgress: () => (progressCalls += 1) }));
    return { ms: result.ms, longestTaskMs: result.longestTaskMs, counts: result.value, progressCalls, stored: await storedCount() };
  };
  let raw;
  let imported;
  if (rawFirst) {
    raw = await rawWrite();
    imported = await storeAdd();
  } else {
    imported = await storeAdd();
    raw = await rawWrite();
  }
  if (raw.stored !== count || imported.stored !== count || imported.counts.added !== count) throw new Error(`the import wrote ${imported.stored} and the raw write ${raw.stored} of ${count} runs`);
  await clear();
  db.close();

  const records = { runs, notes: [] };
  const labels = new Map([[tenantId, 'contoso.example']]);
  const history = { ...records, tenants: [{ tenantId, label: 'contoso.example' }] };
  const exportedAt = Date.now();
  const csv = await timed(() => toCsv(records, labels));
  const csvInChunks = await timed(() => toCsvInChunks(records, labels));
  const json = await timed(() => toJson(history, exportedAt));
  const jsonInChunks = await timed(() => toJsonInChunks(history, exportedAt));
  if (csvInChunks.value !== csv.value || jsonInChunks.value !== json.value) throw new Error('an export in chunks differs from the one in one go');
  const parse = await timed(() => parseImportFile('history.csv', csv.value, { now: Date.now() }));
  const parsedRows = parse.value.ok ? parse.value.value.runs.length : parse.value.error;
  if (parsedRows !== count) throw new Error(`parseImportFile took ${parsedRows} of ${count} rows`);
  const shown = await timed(() => scoreRuns(runs));
  if (shown.value.length !== count) throw new Error(`scoreRuns showed ${shown.value.length} of ${count} runs`);
  const statistics = await timed(() => rangeStatistics(shown.value));

  /**
   * @param {TimedFigure} timing
   * @returns {TimedFigure}
   */
  const figure = ({ ms, longestTaskMs }) => ({ ms, longestTaskMs });
  return {
    rawFirst,
    importMs: imported.ms,
    importLongestTaskMs: imported.longestTaskMs,
    importProgressCalls: imported.progressCalls,
    rawWriteMs: raw.ms,
    rawWriteLongestTaskMs: raw.longestTaskMs,
    importToRawRatio: imported.ms / raw.ms,
    csv: { ...figure(csv), characters: csv.value.length },
    csvInChunks: figure(csvInChunks),
    json: { ...figure(json), characters: json.value.length },
    jsonInChunks: figure(jsonInChunks),
    parse: figure(parse),
    scoreRuns: figure(shown),
    rangeStatistics: figure(statistics),
  };
}
