// Marks set inside the page, in performance.now() milliseconds since navigation start: when the stored
// history (the score card) and the blank page's marker enter the DOM, every text the score card shows,
// and the first animation frame in which the chart canvas holds painted pixels.

export const HISTORY_SELECTOR = '[data-testid=current-score]';

/** Runs in the page before any of its scripts (context.addInitScript). */
function installPageMarks({ watched }) {
  const marks = { firstSeen: {}, scoreTexts: [], chartDrawn: undefined };
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

  // Probe the canvas only once the page itself has taken its 2D context, so we never choose its options.
  const contexts = new WeakSet();
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (...args) {
    const context = getContext.apply(this, args);
    if (args[0] === '2d' && context) contexts.add(this);
    return context;
  };
  const painted = (canvas) => {
    if (!contexts.has(canvas) || canvas.width === 0 || canvas.height === 0) return false;
    const context = getContext.call(canvas, '2d');
    for (const fx of [0.25, 0.5, 0.75]) {
      for (const fy of [0.25, 0.5, 0.75]) {
        if (context.getImageData(Math.floor(canvas.width * fx), Math.floor(canvas.height * fy), 1, 1).data[3] > 0) return true;
      }
    }
    return false;
  };
  const watchChart = () => {
    const canvas = document.querySelector('canvas');
    if (canvas && painted(canvas)) marks.chartDrawn = performance.now();
    else requestAnimationFrame(watchChart);
  };
  requestAnimationFrame(watchChart);
}

/** Installs the marks in every page the context opens from now on. */
export function addPageMarks(context, { blankMarker }) {
  return context.addInitScript(installPageMarks, { watched: { history: HISTORY_SELECTOR, blank: blankMarker } });
}

/**
 * The marks, and the page's resource timings (URL and responseEnd), read after the visit.
 * @returns {Promise<{ historyVisibleMs?: number, blankVisibleMs?: number, chartDrawnMs?: number, scoreTexts: { text: string, at: number }[], resources: { url: string, responseEnd: number }[] }>}
 */
export function readPageMarks(page) {
  return page.evaluate(() => {
    const marks = window.__benchMarks;
    return {
      historyVisibleMs: marks.firstSeen.history,
      blankVisibleMs: marks.firstSeen.blank,
      chartDrawnMs: marks.chartDrawn,
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
