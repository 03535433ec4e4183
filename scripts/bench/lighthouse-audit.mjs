// Figure 4: Lighthouse (v12, programmatic) on the signed-out first page, with the default mobile preset
// and simulated throttling, in its own Chromium started by chrome-launcher.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS } from '../find-chromium.mjs';
import { chromiumPath } from './chromium.mjs';

export const LIGHTHOUSE_PRESET = 'mobile (default config), simulated throttling';
export const LIGHTHOUSE_CATEGORIES = /** @type {const} */ (['performance', 'accessibility', 'best-practices']);

/** Starts Chromium for Lighthouse; the caller closes it with `kill()` (it is also in the cleanup stack). */
export function launchChromeForLighthouse() {
  return chromeLauncher.launch({
    chromePath: chromiumPath(),
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
    logLevel: 'silent',
    // Our own handler closes everything on Ctrl+C; chrome-launcher's would exit the process first.
    handleSIGINT: false,
  });
}

/** @typedef {import('lighthouse').Result['audits'][string]} LighthouseAudit */
/** @typedef {import('lighthouse').Result['categories'][string]} LighthouseCategory */
/** @typedef {{ id: string, title: string, displayValue?: string, score: number, examples: string[] }} Shortfall an audit short of full marks */
/** @typedef {(typeof LIGHTHOUSE_CATEGORIES)[number]} CategoryId */
/** @typedef {{ scores: Record<CategoryId, number>, shortfalls: Record<CategoryId, Shortfall[]>, lighthouseVersion: string }} LighthouseRun */

/**
 * One Lighthouse run: the three category scores (0–100) and, per category, the audits that cost it points.
 * @param {import('chrome-launcher').LaunchedChrome} chrome
 * @param {string} url
 * @returns {Promise<LighthouseRun>}
 */
export async function runLighthouse(chrome, url) {
  const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...LIGHTHOUSE_CATEGORIES] });
  if (!result) throw new Error('Lighthouse returned no result');
  const { categories, audits, lighthouseVersion, runtimeError } = result.lhr;
  if (runtimeError) throw new Error(`Lighthouse: ${runtimeError.code} ${runtimeError.message}`);
  /** @param {CategoryId} id */
  const judge = (id) => {
    const category = categories[id];
    if (!category) throw new Error(`Lighthouse gave no "${id}" category`);
    return { score: Math.round((category.score ?? 0) * 100), shortfalls: auditsBelowFull(category, audits, id === 'performance' ? 0.9 : 1) };
  };
  const performance = judge('performance');
  const accessibility = judge('accessibility');
  const bestPractices = judge('best-practices');
  return {
    scores: { performance: performance.score, accessibility: accessibility.score, 'best-practices': bestPractices.score },
    shortfalls: { performance: performance.shortfalls, accessibility: accessibility.shortfalls, 'best-practices': bestPractices.shortfalls },
    lighthouseVersion,
  };
}

/**
 * Audits of a category scoring under `passMark`: the weighted ones (they move the score) and, for
 * Performance, also the diagnostics and insights that explain the metrics.
 * @param {LighthouseCategory} category
 * @param {Record<string, LighthouseAudit>} audits
 * @param {number} passMark
 * @returns {Shortfall[]}
 */
function auditsBelowFull(category, audits, passMark) {
  /** @type {Shortfall[]} */
  const shortfalls = [];
  for (const ref of category.auditRefs) {
    if (ref.weight === 0 && category.id !== 'performance') continue;
    const audit = audits[ref.id];
    if (!audit || audit.score === null || audit.score >= passMark || audit.scoreDisplayMode === 'informative' || audit.scoreDisplayMode === 'notApplicable') continue;
    shortfalls.push({ id: audit.id, title: audit.title, displayValue: audit.displayValue, score: audit.score, examples: examplesOf(audit) });
  }
  return shortfalls;
}

/**
 * Up to three of an audit's items in a few words (a reason, a URL, a selector, a label), to say what to fix.
 * @param {LighthouseAudit} audit
 */
function examplesOf(audit) {
  const details = /** @type {{ items?: unknown }} */ (audit.details ?? {});
  const items = Array.isArray(details.items) ? details.items : [];
  return items
    .slice(0, 3)
    .map(exampleText)
    .filter((text) => text !== undefined);
}

/** @param {unknown} item a row of an audit's details: a table row, an opportunity, a list entry */
function exampleText(item) {
  if (!item || typeof item !== 'object') return undefined;
  const { reason, url, node, source, label } = /** @type {{ reason?: unknown, url?: unknown, node?: { selector?: unknown }, source?: { url?: unknown }, label?: unknown }} */ (item);
  const text = [reason, url, node?.selector, source?.url, label].find((value) => value !== undefined && value !== null);
  return typeof text === 'string' && text !== '' ? text : undefined;
}
