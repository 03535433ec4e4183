// Marks set inside the page, in performance.now() milliseconds since navigation start: when the stored
// history (the score card) and the blank page's marker enter the DOM, every text the score card shows,
// and the first animation frame after the chart has drawn its line.

export const HISTORY_SELECTOR = '[data-testid=current-score]';

/** @typedef {{ store: string, index: string | undefined, startedAt: number, endedAt: number, count: number }} StoreRead a getAll the page made, of a store or of one of its indexes */
/** @typedef {{ text: string, at: number }} ScoreText */
/** @typedef {'history' | 'blank'} WatchedMark */

/**
 * What the page collects, on `window.__benchMarks`.
 * @typedef {object} BenchMarks
 * @property {Partial<Record<WatchedMark, number>>} firstSeen when each watched element first entered the DOM
 * @property {ScoreText[]} scoreTexts
 * @property {StoreRead[]} reads
 * @property {number | undefined} chartStroked
 * @property {number | undefined} chartDrawn
 */

/**
 * Runs in the page before any of its scripts (context.addInitScript).
 * @param {{ watched: Record<WatchedMark, string> }} options
 */
function installPageMarks({ watched }) {
  /** @type {BenchMarks} */
  const marks = { firstSeen: {}, scoreTexts: [], reads: [], chartStroked: undefined, chartDrawn: undefined };
  Object.defineProperty(window, '__benchMarks', { value: marks });

  const look = () => {
    const now = performance.now();
    for (const name of /** @type {WatchedMark[]} */ (Object.keys(watched))) {
      if (marks.firstSeen[name] === undefined && document.querySelector(watched[name])) marks.firstSeen[name] = now;
    }
    const score = document.querySelector(watched.history)?.textContent?.trim();
    if (score && score !== marks.scoreTexts.at(-1)?.text) marks.scoreTexts.push({ text: score, at: now });
  };
  new MutationObserver(look).observe(document, { childList: true, subtree: true, characterData: true });

  // Every getAll the page makes, of a store or an index, with when it completed and how many records it returned.
  /**
   * @param {IDBRequest<unknown[]>} request
   * @param {string} store
   * @param {string | undefined} index
   */
  const record = (request, store, index) => {
    const startedAt = performance.now();
    request.addEventListener('success', () => marks.reads.push({ store, index, startedAt, endedAt: performance.now(), count: request.result.length }));
    return request;
  };
  const storeGetAll = IDBObjectStore.prototype.getAll;
  /**
   * @param {IDBValidKey | IDBKeyRange | null} [query]
   * @param {number} [count]
   */
  IDBObjectStore.prototype.getAll = function (query, count) {
    return record(storeGetAll.call(this, query, count), this.name, undefined);
  };
  const indexGetAll = IDBIndex.prototype.getAll;
  /**
   * @param {IDBValidKey | IDBKeyRange | null} [query]
   * @param {number} [count]
   */
  IDBIndex.prototype.getAll = function (query, count) {
    return record(indexGetAll.call(this, query, count), this.objectStore.name, this.name);
  };

  // The chart has drawn its data when a canvas strokes a path of two or more segments (a line through
  // three or more points; grid lines and point marks are single segments or arcs). Chart.js strokes its
  // line as a Path2D, so both kinds of path are counted. The mark is the animation frame after that stroke.
  /** @type {WeakMap<object, number>} */
  const segments = new WeakMap();
  /**
   * @template {unknown[]} Args
   * @param {(...args: Args) => void} original
   * @returns {(this: object, ...args: Args) => void}
   */
  const counting = (original) =>
    function (...args) {
      segments.set(this, (segments.get(this) ?? 0) + 1);
      original.apply(this, args);
    };
  for (const prototype of [CanvasRenderingContext2D.prototype, Path2D.prototype]) {
    prototype.lineTo = counting(prototype.lineTo);
    prototype.bezierCurveTo = counting(prototype.bezierCurveTo);
    prototype.quadraticCurveTo = counting(prototype.quadraticCurveTo);
  }
  const { beginPath, stroke } = CanvasRenderingContext2D.prototype;
  CanvasRenderingContext2D.prototype.beginPath = function () {
    segments.set(this, 0);
    beginPath.call(this);
  };
  /** @param {Path2D} [path] */
  CanvasRenderingContext2D.prototype.stroke = function (path) {
    if (marks.chartStroked === undefined && (segments.get(path ?? this) ?? 0) >= 2) {
      marks.chartStroked = performance.now();
      requestAnimationFrame(() => (marks.chartDrawn = performance.now()));
    }
    Reflect.apply(stroke, this, path ? [path] : []);
  };
}

/**
 * Installs the marks in every page the context opens from now on.
 * @param {import('@playwright/test').BrowserContext} context
 * @param {{ blankMarker: string }} options
 */
export function addPageMarks(context, { blankMarker }) {
  return context.addInitScript(installPageMarks, { watched: { history: HISTORY_SELECTOR, blank: blankMarker } });
}

/**
 * The marks, the page's getAll reads and its resource timings (URL and responseEnd), read after the visit.
 * @param {import('@playwright/test').Page} page
 * @returns {Promise<{ historyVisibleMs?: number, blankVisibleMs?: number, chartStrokedMs?: number, chartDrawnMs?: number,
 *   reads: StoreRead[], scoreTexts: ScoreText[], resources: { url: string, responseEnd: number }[] }>}
 */
export function readPageMarks(page) {
  return page.evaluate(() => {
    const marks = /** @type {BenchMarks} */ (Reflect.get(window, '__benchMarks'));
    return {
      historyVisibleMs: marks.firstSeen.history,
      blankVisibleMs: marks.firstSeen.blank,
      chartStrokedMs: marks.chartStroked,
      chartDrawnMs: marks.chartDrawn,
      reads: marks.reads,
      scoreTexts: marks.scoreTexts,
      resources: /** @type {PerformanceResourceTiming[]} */ (performance.getEntriesByType('resource')).map((entry) => ({ url: entry.name, responseEnd: entry.responseEnd })),
    };
  });
}

/**
 * A mark the visit waited for: a number, or an error that names the moment the page never reached.
 * @param {number | undefined} value
 * @param {string} moment
 */
export function reached(value, moment) {
  if (value === undefined) throw new Error(`the page never reached "${moment}"`);
  return value;
}

/**
 * When the score card first showed `text`, in ms since navigation start.
 * @param {ScoreText[]} scoreTexts
 * @param {string} text
 */
export function firstTimeShown(scoreTexts, text) {
  return scoreTexts.find((shown) => shown.text === text)?.at;
}

/**
 * Waits until a mark has been set (the page keeps running; this only polls).
 * @param {import('@playwright/test').Page} page
 * @param {WatchedMark | 'chartDrawn'} mark
 */
export async function waitForMark(page, mark, { timeoutMs = 30_000 } = {}) {
  await page.waitForFunction(
    (name) => {
      const marks = /** @type {BenchMarks} */ (Reflect.get(window, '__benchMarks'));
      return (name === 'chartDrawn' ? marks.chartDrawn : marks.firstSeen[name]) !== undefined;
    },
    mark,
    { timeout: timeoutMs, polling: 50 },
  );
}
