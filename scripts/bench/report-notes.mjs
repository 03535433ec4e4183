// The lines under the table: how figures were taken, and the details that say what to fix.
import { formatValue } from './report-table.mjs';
import { LIGHTHOUSE_CATEGORIES, LIGHTHOUSE_PRESET } from './lighthouse-audit.mjs';
import { medianRun } from './medians.mjs';

/** @typedef {import('./figures.mjs').Collected} Collected */
/** @typedef {{ gzipBytes: number } & ({ path: string } | { url: string })} ScriptSize a script by its path in the build or its URL */

/** @type {Record<import('./lighthouse-audit.mjs').CategoryId, number>} */
const LIGHTHOUSE_BUDGETS = { performance: 95, accessibility: 100, 'best-practices': 100 };

/** @param {Collected} collected */
export function formatNotes({ firstVisits, returnVisits, manyReadings, firstPaints, importExport, yearOfChecks, lighthouse, lighthouseUncompressed, browserRestart }) {
  const lines = ['', 'Notes (OVER/UNDER = outside budget; 1 KB = 1024 bytes of gzip, node:zlib level 6, of the bodies Playwright saw)'];
  if (firstVisits.length > 0) lines.push(...firstVisitNotes(firstVisits));
  if (returnVisits.length > 0) lines.push(...returnVisitNotes(returnVisits, browserRestart));
  if (manyReadings.length > 0) lines.push(...manyReadingNotes());
  if (firstPaints.length > 0) lines.push(...firstPaintNotes());
  if (importExport.length > 0) lines.push(...importExportNotes(importExport));
  if (yearOfChecks.length > 0) lines.push(...yearOfChecksNotes(yearOfChecks));
  if (lighthouse.length > 0) lines.push(...lighthouseNotes(lighthouse, lighthouseUncompressed));
  return lines.join('\n');
}

/** @param {import('./figures.mjs').FirstVisit[]} runs at least one */
function firstVisitNotes(runs) {
  const [run] = runs;
  if (!run) return [];
  const pageScripts = run.responses.filter((r) => r.fetchedBy === 'page' && r.kind === 'script');
  return [
    '- First visit: signed out, empty profile, the page\'s requests until the network was idle 500 ms. Scripts:',
    `    ${scriptList(pageScripts)}`,
    `  Then the service worker fetches ${run.serviceWorkerRequests} files for its precache; the page's scripts come again from the HTTP cache (immutable),`,
    `  new JS: ${scriptList(run.serviceWorkerNewScripts)}.`,
  ];
}

/**
 * @param {import('./figures.mjs').ReturnVisit[]} runs at least one
 * @param {import('./figures.mjs').BrowserRestart | undefined} browserRestart
 */
function returnVisitNotes(runs, browserRestart) {
  const run = medianRun(runs, (r) => r.historyVisibleMs);
  const lines = [
    '- Return visit: signed in once in a persistent context; each run opens the app in a new tab of that browser',
    `  (cached token, stored history). ${run.answeredByServiceWorker.length} of ${run.requests} page requests were answered by the service worker; from the network: ${run.answeredByNetwork.join(', ')}.`,
    `  JS finished before the stored history entered the DOM: ${scriptList(run.scriptsBeforeHistory)}`,
    `  JS after: ${scriptList(run.scriptsAfterHistory) || 'none'}`,
    `  Calls per endpoint: ${JSON.stringify(run.apiByEndpoint)}; token calls ${JSON.stringify(run.tokenByGrant)}; authorize ${run.authorizeVisits}.`,
    '  Times are from navigation start to the element entering the DOM (MutationObserver); the blank page is the',
    '  same server on 127.0.0.1 (outside the service worker), loaded twice in the same browser, the second measured.',
  ];
  if (browserRestart) {
    lines.push(
      `  After a browser restart on the same profile: ${browserRestart.outcome === 'signed out' ? 'SIGNED OUT — the stored history shows, but no fresh score without signing in again' : 'fresh score without signing in'}`,
      `  (MSAL keeps the key of its encrypted localStorage cache in a session cookie); calls ${JSON.stringify(browserRestart.calls.apiByEndpoint)}, tokens ${browserRestart.calls.tokenCalls}.`,
    );
  }
  return lines;
}

function manyReadingNotes() {
  return [
    '- 100,000 runs (a run every ten minutes, each at another score than the one before): write = put() ×100,000 in',
    '  one readwrite transaction until complete; getAll = the tenant\'s range on the byLastSeen index (as the app',
    '  reads a range), read back on a blank page of the app origin. Chart ratio = (first animation frame after the',
    '  chart strokes its line − stored history entering the DOM) ÷ that getAll, range "All", service worker blocked.',
    '  "app\'s getAll done → chart" starts instead when the app\'s own getAll of the runs completes.',
  ];
}

function firstPaintNotes() {
  return [
    '- First paint: navigation start → the latest stored score\'s text entering the DOM (MutationObserver), signed in,',
    '  service worker blocked, default range; the tenant\'s runs replaced by 100 or 100,000 hourly ones (a change of',
    '  score every hour) on a blank page first. The floor page (bench/floor.html, same server) opens the app\'s',
    '  database without upgrading it, reads as the app does, by the byLastSeen index, the runs of the latest 90 days',
    '  (one getAll) and the latest 3 runs (a cursor back from the newest), then writes the latest score; it runs',
    '  before the app, which stores a fresh reading once signed in, and is loaded once unmeasured after the write.',
  ];
}

/** @param {import('./figures.mjs').ImportExport[]} runs at least one */
function importExportNotes(runs) {
  const run = medianRun(runs, (r) => r.importMs);
  return [
    '- Import and export: the app\'s history modules, built on their own (bench/modules), on a blank page of the app\'s',
    '  origin with an empty database. addHistory = the IndexedDB store\'s, 100,000 new runs (a run every ten minutes,',
    '  each at another score than the one before), until it resolves; raw write = add() ×100,000 in one readwrite',
    `  transaction until complete (its loop holds the main thread: longest task ${formatValue(run.rawWriteLongestTaskMs, 'ms')}); they take turns going`,
    `  first. addHistory called onProgress ${run.importProgressCalls} times. Export of the same runs (format version 2) =`,
    `  toCsv (with the tenant label column, ${(run.csv.characters / 1e6).toFixed(1)} M characters) and toJson (${(run.json.characters / 1e6).toFixed(1)} M characters) in one task, and the`,
    '  …InChunks variants the export buttons use (the same text, checked); parse = parseImportFile on that CSV',
    `  (longest task ${formatValue(run.parse.longestTaskMs, 'ms')}); scoreRuns = the runs as shown from the 100,000 stored; rangeStatistics of those.`,
    '  Longest task = the longest PerformanceObserver \'longtask\' entry overlapping the work (only tasks of 50 ms or',
    '  more are reported: 0 = none).',
  ];
}

/** @param {import('./figures.mjs').YearOfChecks[]} runs at least one */
function yearOfChecksNotes(runs) {
  const run = medianRun(runs, (r) => r.addReadingMedianMs);
  const { added, confirmed, present } = run.outcomes;
  return [
    `- A year of checks: ${run.readings.toLocaleString('en')} hourly readings of one tenant, the score another each day, given one at a time to the`,
    '  IndexedDB store\'s addReading (as the app stores each check) in a database of the bench\'s own, fresh context.',
    `  addReading answered added ${added}, confirmed ${confirmed}, present ${present}; the ${run.stored.runs} runs and ${run.stored.notes} notes kept.`,
    '  Version 1 = the same readings put one per transaction into a version-1-shaped store (`readings`, key',
    '  [tenantId, time]). As JSON = the UTF-8 bytes (not gzip) of each row\'s JSON.stringify. Storage estimate = the',
    '  growth of navigator.storage.estimate().usage while each was written: the database\'s files, write log included.',
    `  addReading: median call ${formatValue(run.addReadingMedianMs, 'ms')}, longest ${formatValue(run.addReadingMaxMs, 'ms')}, all ${formatValue(run.feedMs, 'ms')}.`,
  ];
}

/**
 * @param {import('./lighthouse-audit.mjs').LighthouseRun[]} runs at least one
 * @param {import('./lighthouse-audit.mjs').LighthouseRun[]} uncompressedRuns
 */
function lighthouseNotes(runs, uncompressedRuns) {
  const run = medianRun(runs, (r) => r.scores.performance);
  const lines = [
    `- Lighthouse ${run.lighthouseVersion}: ${LIGHTHOUSE_PRESET}, signed-out first page, through a gzip front (as GitHub Pages or`,
    '  Azure Static Web Apps serve it); "no compression" is the bench server as it is.',
  ];
  for (const category of LIGHTHOUSE_CATEGORIES) {
    const budget = LIGHTHOUSE_BUDGETS[category];
    if (run.scores[category] >= budget) continue;
    lines.push(`  ${category} ${run.scores[category]} < ${budget}, audits short of full marks (median run):`, ...auditLines(run.shortfalls[category]));
  }
  if (uncompressedRuns.length > 0) {
    const plain = medianRun(uncompressedRuns, (r) => r.scores.performance);
    if (plain.scores.performance < LIGHTHOUSE_BUDGETS.performance) {
      lines.push(`  performance without compression ${plain.scores.performance}:`, ...auditLines(plain.shortfalls.performance));
    }
  }
  return lines;
}

/** @param {import('./lighthouse-audit.mjs').Shortfall[]} audits */
function auditLines(audits) {
  if (audits.length === 0) return ['    (none below the pass mark: the score is spread over many audits)'];
  return audits.map((audit) => {
    const examples = audit.examples.length > 0 ? ` — ${audit.examples.map((e) => shorten(e)).join('; ')}` : '';
    return `    ${audit.id}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''}${examples}`;
  });
}

/** @param {ScriptSize[]} scripts */
function scriptList(scripts) {
  return scripts.map((script) => `${fileName('path' in script ? script.path : script.url)} ${formatValue(script.gzipBytes, 'KB')}`).join(', ');
}

/** @param {string} url */
function fileName(url) {
  return url.split('/').pop() || url;
}

/** @param {string} text */
function shorten(text) {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 90 ? `${oneLine.slice(0, 89)}…` : oneLine;
}
