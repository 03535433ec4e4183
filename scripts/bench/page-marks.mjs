// Marks set inside the page, in performance.now() milliseconds since navigation start: when the stored
// history (the score card) and the blank page's marker enter the DOM, every text the score card shows,
// and the first animation frame after the chart has drawn its line.

export const HISTORY_SELECTOR = '[data-testid=current-score]';

/** Runs in the page before any of its scripts (context.addInitScript). */
function installPageMarks({ watched }) {
  const marks = { firstSeen: {}, scoreTexts: [], reads: [], chartStroked: undefined, chartDrawn: undefined };
  Object.defineProperty(window, '__benchMarks', { value: marks });

  const look = () => {
    const now = performance.now();
    for (const [name, selector] of Object.entries(watched)) {
      if (marks.firstSeen[name] === undefined && document.querySelector(selector)) marks.firstSeen[name] = now;
    }
    const score = document.querySelector(watched.history)?.textContent?.trim();
    if (score && score !== marks.scoreTexts.at(-1)?.text) marks.scoreTexts.push({ text: score, at: now });
  };
  new MutationObserver(look).observe(document, { childList: true, subtree: true, characterData: true });

  // Every getAll the page makes, with when it completed and how many records it returned.
  const { getAll } = IDBObjectStore.prototype;
  IDBObjectStore.prototype.getAll = function (...args) {
    const request = getAll.apply(this, args);
    const startedAt = performance.now();
    request.addEventListener('success', () => marks.reads.push({ store: this.name, startedAt, endedAt: performance.now(), count: request.result.length }));
    return request;
  };

  // The chart has drawn its data when a canvas strokes a path of two or more segments (a line through
  // three or more points; grid lines and point marks are single segments or arcs). Chart.js strokes its
  // line as a Path2D, so both kinds of path are counted. The mark is the animation frame after that stroke.
  const segments = new WeakMap();
  const counting = (original) =>
    function (...args) {
      segments.set(this, (segments.get(this) ?? 0) + 1);
      return original.apply(this, args);
    };
  for (const prototype of [CanvasRenderingContext2D.prototype, Path2D.prototype]) {
    for (const method of ['lineTo', 'bezierCurveTo', 'quadraticCurveTo']) prototype[method] = counting(prototype[method]);
  }
  const { beginPath, stroke } = CanvasRenderingContext2D.prototype;
  CanvasRenderingContext2D.prototype.beginPath = function () {
    segments.set(this, 0);
    return beginPath.call(this);
  };
  CanvasRenderingContext2D.prototype.stroke = function (...args) {
    if (marks.chartStroked === undefined && (segments.get(args[0] ?? this) ?? 0) >= 2) {
      marks.chartStroked = performance.now();
      requestAnimationFrame(() => (marks.chartDrawn = performance.now()));
    }
    return stroke.apply(this, args);
  };
}

/** Installs the marks in every page the context opens from now on. */
export function addPageMarks(context, { blankMarker }) {
  return context.addInitScript(installPageMarks, { watched: { history: HISTORY_SELECTOR, blank: blankMarker } });
}

/**
 * The marks, the page's getAll reads and its resource timings (URL and responseEnd), read after the visit.
 * @returns {Promise<{ historyVisibleMs?: number, blankVisibleMs?: number, chartStrokedMs?: number, chartDrawnMs?: number,
 *   reads: { store: string, startedAt: number, endedAt: number, count: number }[], scoreTexts: { text: string, at: number }[],
 *   resources: { url: string, responseEnd: number }[] }>}
 */
export function readPageMarks(page) {
  return page.evaluate(() => {
    const marks = window.__benchMarks;
    return {
      historyVisibleMs: marks.firstSeen.history,
      blankVisibleMs: marks.firstSeen.blank,
      chartStrokedMs: marks.chartStroked,
      chartDrawnMs: marks.chartDrawn,
      reads: marks.reads,
      scoreTexts: marks.scoreTexts,
      resources: performance.getEntriesByType('resource').map((entry) => ({ url: entry.name, responseEnd: entry.responseEnd })),
    };
  });
}

/** When the score card first showed `text`, in ms since navigation start. */
export function firstTimeShown(scoreTexts, text) {
  return scoreTexts.find((shown) => shown.text === text)?.at;
}

/** Waits until a mark has been set (the page keeps running; this only polls). */
export function waitForMark(page, mark, { timeoutMs = 30_000 } = {}) {
  return page.waitForFunction(
    (name) => (name === 'chartDrawn' ? window.__benchMarks.chartDrawn : window.__benchMarks.firstSeen[name]) !== undefined,
    mark,
    { timeout: timeoutMs, polling: 50 },
  );
}
