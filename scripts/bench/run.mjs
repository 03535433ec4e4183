// `npm run bench`: builds Scoreline for the emulator on the benchmark's own ports (apart from those of
// `npm start` and the end-to-end tests), serves .bench/dist beside the emulator, drives Chromium and prints
// each figure's median with its budget. Not a test: it fails only when something crashes (or, with
// --strict, when over budget).
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emulatorControl } from '../../emulator/control-client.mjs';
import { localOrigin } from '../../emulator/demo.mjs';
import { buildForEmulator } from '../demo-build.mjs';
import { USAGE, parseBenchOptions } from './bench-options.mjs';
import { startBenchSite } from './bench-site.mjs';
import { isOutOfBudget } from './budgets.mjs';
import { chromiumPath, createProfile, launchBrowser, majorVersion } from './chromium.mjs';
import { closeWhenInterrupted, createCleanupStack } from './cleanup-stack.mjs';
import { figuresFrom } from './figures.mjs';
import { measureFirstVisit } from './first-visit.mjs';
import { startGzipProxy } from './gzip-proxy.mjs';
import { LIGHTHOUSE_PRESET, launchChromeForLighthouse, runLighthouse } from './lighthouse-audit.mjs';
import { measureManyReadings, openSignedInContext } from './many-readings.mjs';
import { measureFirstPaint } from './first-paint.mjs';
import { writeFloorPage } from './floor-page.mjs';
import { buildHistoryModules } from './history-modules.mjs';
import { measureImportAndExport, openModulePage } from './import-export.mjs';
import { formatNotes } from './report-notes.mjs';
import { formatTable, summarise } from './report-table.mjs';
import { checkBrowserRestart, measureReturnVisit, openSignedInProfile } from './return-visit.mjs';
import { measureYearOfChecks } from './year-of-checks.mjs';
import { measureHistorySync } from './history-sync.mjs';
import { measureRecommendationLog } from './recommendation-log.mjs';
import { measureOverview } from './overview.mjs';
import { measureSecureScoreBackfill } from './secure-score-backfill.mjs';
import { measureRefreshAll } from './refresh-all.mjs';

// Apart from those of `npm start` and the end-to-end tests; SCORELINE_APP_PORT and SCORELINE_EMULATOR_PORT move them.
const BENCH_EMULATOR_PORT = Number(process.env.SCORELINE_EMULATOR_PORT ?? 4310);
const BENCH_APP_PORT = Number(process.env.SCORELINE_APP_PORT ?? 4373);
const GZIP_PROXY_PORT = BENCH_APP_PORT + 1;

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const benchDir = join(repoRoot, '.bench');
const distDir = join(benchDir, 'dist');
const resultsFile = join(benchDir, 'results.json');

/** @type {import('./bench-options.mjs').BenchOptions} */
let options;
try {
  options = parseBenchOptions(process.argv.slice(2));
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : error}\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
process.chdir(repoRoot);
// Before anything is built or started: without a browser, say so at once.
chromiumPath();

const cleanup = createCleanupStack();
const interruption = closeWhenInterrupted(cleanup);
const startedAt = Date.now();

try {
  const { collected, chromiumVersion } = await runBenchmark(options.runs);
  const summaries = summarise(figuresFrom(collected));
  const cores = availableParallelism();
  const title = `Scoreline benchmark — ${options.runs} run${options.runs === 1 ? '' : 's'}, medians (Chromium ${majorVersion(chromiumVersion)}, ${cores} cores)`;
  console.log(`\n${formatTable(summaries, { title })}`);
  console.log(formatNotes(collected));
  await writeResults({ summaries, collected, chromiumVersion, cores });
  const outOfBudget = summaries.filter((summary) => isOutOfBudget(summary.mark));
  console.log(`\n${outOfBudget.length} of ${summaries.filter((s) => s.budget).length} budgets missed · ${Math.round((Date.now() - startedAt) / 1000)} s · results in ${resultsFile}`);
  if (options.strict && outOfBudget.length > 0) process.exitCode = 1;
} catch (error) {
  if (!interruption.interrupted) console.error(`\nbench: crashed: ${error instanceof Error ? error.stack : error}`);
  process.exitCode = 1;
} finally {
  await cleanup.closeAll();
}

/**
 * @param {number} runs
 * @returns {Promise<{ collected: import('./figures.mjs').Collected, chromiumVersion: string }>}
 */
async function runBenchmark(runs) {
  await step('building the app into .bench/dist', () => buildForEmulator({ outDir: distDir, emulatorOrigin: localOrigin(BENCH_EMULATOR_PORT) }));
  await step('adding the history modules and the floor page', async () => {
    await buildHistoryModules({ distDir });
    await writeFloorPage({ distDir });
  });
  const site = await startBenchSite({ distDir, appPort: BENCH_APP_PORT, emulatorPort: BENCH_EMULATOR_PORT, defer: cleanup.defer });
  const emulator = emulatorControl(site.emulatorUrl);
  const browser = await launchBrowser();
  cleanup.defer('Chromium', () => browser.close());
  const chromiumVersion = browser.version();

  const firstVisits = await repeat(runs, 'first visit', () => measureFirstVisit(browser, { appUrl: site.appUrl, distDir }));

  const profile = await createProfile();
  cleanup.defer('the return-visit profile', () => profile.remove());
  const returningBrowser = await step('signing in for the return visit', () => openSignedInProfile(profile, { site, emulator }));
  cleanup.defer('the return-visit browser', () => returningBrowser.close());
  const returnVisits = await repeat(runs, 'return visit', (runIndex) => measureReturnVisit(returningBrowser, { site, emulator, distDir, runIndex }));
  await returningBrowser.close();
  const browserRestart = await step('reopening the return-visit profile after a restart', () => checkBrowserRestart(profile, { site, emulator }));

  const manyReadingsContext = await step('signing in for 100,000 runs', () => openSignedInContext(browser, { site, emulator }));
  const manyReadings = await repeat(runs, '100,000 runs', () => measureManyReadings(manyReadingsContext.page, { site }));
  const firstPaints = await repeat(runs, 'first paint with 100 and 100,000 runs, floor page', () => measureFirstPaint(manyReadingsContext.page, { site }));
  await manyReadingsContext.context.close();

  const overview = await repeat(runs, `overview of 1 and 200 tenants`, () => measureOverview(browser, { site }));

  const modulePage = await step('opening a page for the history modules', () => openModulePage(browser, { site }));
  const importExport = await repeat(runs, 'import, export, parse 100,000 runs', (runIndex) => measureImportAndExport(modulePage.page, { site, runIndex }));
  await modulePage.context.close();
  const yearOfChecks = await repeat(runs, 'a year of hourly checks through addReading', () => measureYearOfChecks(browser, { site }));
  const recommendationLog = await repeat(runs, 'a year of recommendation reads through addRecommendationRead', () => measureRecommendationLog(browser, { site }));
  const historySync = await repeat(runs, 'syncing 50 tenants × a year through the app folder (Node, emulator)', () => measureHistorySync());
  const secureScore = await repeat(runs, 'Microsoft Secure Score: 90-day backfill and the next day (Node, emulator)', () => measureSecureScoreBackfill(1));
  const refreshAll = await repeat(runs, 'refreshing all of 200 tenants, 20 throttled (Node, emulator)', () => measureRefreshAll());
  await browser.close();

  const proxy = await startGzipProxy({ targetUrl: site.appUrl, port: GZIP_PROXY_PORT });
  cleanup.defer('the gzip front', () => proxy.close());
  const chrome = await launchChromeForLighthouse();
  cleanup.defer('Lighthouse\'s Chromium', () => chrome.kill());
  const audits = await repeat(runs, 'Lighthouse', async () => ({
    compressed: await runLighthouse(chrome, proxy.url),
    uncompressed: await runLighthouse(chrome, site.appUrl),
  }));
  chrome.kill();
  const lighthouse = audits.map((audit) => audit.compressed);
  const lighthouseUncompressed = audits.map((audit) => audit.uncompressed);

  return { collected: { firstVisits, returnVisits, browserRestart, manyReadings, firstPaints, overview, importExport, yearOfChecks, recommendationLog, historySync, secureScore, refreshAll, lighthouse, lighthouseUncompressed }, chromiumVersion };
}

/**
 * @template T
 * @param {string} label
 * @param {() => Promise<T>} work
 * @returns {Promise<T>}
 */
async function step(label, work) {
  const began = Date.now();
  process.stderr.write(`bench: ${label}…`);
  const result = await work();
  process.stderr.write(` ${((Date.now() - began) / 1000).toFixed(1)} s\n`);
  return result;
}

/**
 * @template T
 * @param {number} runs
 * @param {string} label
 * @param {(runIndex: number) => Promise<T>} measure
 * @returns {Promise<T[]>}
 */
async function repeat(runs, label, measure) {
  /** @type {T[]} */
  const results = [];
  for (let runIndex = 0; runIndex < runs; runIndex += 1) results.push(await step(`${label} ${runIndex + 1}/${runs}`, () => measure(runIndex)));
  return results;
}

/**
 * @param {{ summaries: import('./report-table.mjs').Summary[], collected: import('./figures.mjs').Collected, chromiumVersion: string, cores: number }} results
 */
async function writeResults({ summaries, collected, chromiumVersion, cores }) {
  await mkdir(benchDir, { recursive: true });
  const results = {
    generatedAt: new Date().toISOString(),
    runs: options.runs,
    environment: { chromium: chromiumVersion, cores, node: process.version, lighthouse: LIGHTHOUSE_PRESET },
    figures: summaries.map(({ group, label, unit, median, range, budget, mark, samples }) => ({ group, label, unit, median, min: range?.min, max: range?.max, budget, mark, samples })),
    details: collected,
  };
  await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
}
