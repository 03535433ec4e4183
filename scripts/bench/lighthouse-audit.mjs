// Figure 4: Lighthouse (v12, programmatic) on the signed-out first page, with the default mobile preset
// and simulated throttling, in its own Chromium started by chrome-launcher.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_PATH, QUIET_CHROMIUM_FLAGS } from './chromium.mjs';

export const LIGHTHOUSE_PRESET = 'mobile (default config), simulated throttling';
export const LIGHTHOUSE_CATEGORIES = ['performance', 'accessibility', 'best-practices'];

/** Starts Chromium for Lighthouse; the caller closes it with `kill()` (it is also in the cleanup stack). */
export function launchChromeForLighthouse() {
  return chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: ['--headless=new', ...QUIET_CHROMIUM_FLAGS],
    logLevel: 'silent',
    // Our own handler closes everything on Ctrl+C; chrome-launcher's would exit the process first.
    handleSIGINT: false,
  });
}

/**
 * One Lighthouse run: the three category scores (0–100) and, per category, the audits that cost it points.
 * @returns {Promise<{ scores: Record<string, number>, shortfalls: Record<string, { id: string, title: string, displayValue?: string, score: number }[]>, lighthouseVersion: string }>}
 */
export async function runLighthouse(chrome, url) {
  const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: LIGHTHOUSE_CATEGORIES });
  if (!result) throw new Error('Lighthouse returned no result');
  const { categories, audits, lighthouseVersion, runtimeError } = result.lhr;
  if (runtimeError) throw new Error(`Lighthouse: ${runtimeError.code} ${runtimeError.message}`);
  const scores = {};
  const shortfalls = {};
  for (const id of LIGHTHOUSE_CATEGORIES) {
    const category = categories[id];
    scores[id] = Math.round((category.score ?? 0) * 100);
    shortfalls[id] = auditsBelowFull(category, audits, id === 'performance' ? 0.9 : 1);
  }
  return { scores, shortfalls, lighthouseVersion };
}

/**
 * Audits of a category scoring under `passMark`: the weighted ones (they move the score) and, for
 * Performance, also the diagnostics and insights that explain the metrics.
 */
function auditsBelowFull(category, audits, passMark) {
  return category.auditRefs
    .filter((ref) => ref.weight > 0 || category.id === 'performance')
    .map((ref) => audits[ref.id])
    .filter((audit) => audit && audit.score !== null && audit.score < passMark && audit.scoreDisplayMode !== 'informative' && audit.scoreDisplayMode !== 'notApplicable')
    .map((audit) => ({ id: audit.id, title: audit.title, displayValue: audit.displayValue, score: audit.score, examples: examplesOf(audit) }));
}

/** Up to three of an audit's items in a few words (a URL, a reason, a selector), to say what to fix. */
function examplesOf(audit) {
  const items = Array.isArray(audit.details?.items) ? audit.details.items : [];
  return items
    .slice(0, 3)
    .map((item) => item.reason ?? item.url ?? item.node?.selector ?? item.source?.url ?? item.label)
    .filter((text) => typeof text === 'string' && text !== '');
}
