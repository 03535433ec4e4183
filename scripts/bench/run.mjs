// `npm run bench`: builds Scoreline for the emulator on the benchmark's own ports (the end-to-end tests keep
// 4010/4173; SCORELINE_APP_PORT and SCORELINE_EMULATOR_PORT choose others, the gzip front takes the app's + 1), serves .bench/dist beside the emulator, drives Chromium and prints each figure's median with
// its budget. Not a test: it fails only when something crashes (or, with --strict, when over budget).
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { USAGE, parseBenchOptions } from './bench-options.mjs';
import { closeWhenInterrupted, createCleanupStack } from './cleanup-stack.mjs';

const BENCH_EMULATOR_PORT = Number(process.env.SCORELINE_EMULATOR_PORT ?? 4310);
const BENCH_APP_PORT = Number(process.env.SCORELINE_APP_PORT ?? 4373);
const GZIP_PROXY_PORT = BENCH_APP_PORT + 1;

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const benchDir = join(repoRoot, '.bench');
const distDir = join(benchDir, 'dist');
const resultsFile = join(benchDir, 'results.json');

let options;
try {
  options = parseBenchOptions(process.argv.slice(2));
} catch (error) {
  console.error(`bench: ${error.message}\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}

// demo-build.mjs reads the ports when it is imported: set them first.
process.chdir(repoRoot);
process.env.SCORELINE_EMULATOR_PORT = String(BENCH_EMULATOR_PORT);
process.env.SCORELINE_APP_PORT = String(BENCH_APP_PORT);
const { APP_PORT, EMULATOR_PORT, buildForEmulator } = await import('../demo-build.mjs');
const { launchBrowser, createProfile, majorVersion } = await import('./chromium.mjs');
const { startBenchSite } = await import('./bench-site.mjs');
const { emulatorControl } = await import('./emulator-control.mjs');
const { measureFirstVisit } = await import('./first-visit.mjs');
const { openSignedInProfile, measureReturnVisit, checkBrowserRestart } = await import('./return-visit.mjs');
const { openSignedInContext, measureManyReadings } = await import('./many-readings.mjs');
const { measureFirstPaint } = await import('./first-paint.mjs');
const { writeFloorPage } = await import('./floor-page.mjs');
const { buildHistoryModules } = await import('./history-modules.mjs');
const { openModulePage, measureImportAndExport } = await import('./import-export.mjs');
const { startGzipProxy } = await import('./gzip-proxy.mjs');
const { LIGHTHOUSE_PRESET, launchChromeForLighthouse, runLighthouse } = await import('./lighthouse-audit.mjs');
const { figuresFrom } = await import('./figures.mjs');
const { formatTable, summarise } = await import('./report-table.mjs');
const { formatNotes } = await import('./report-notes.mjs');
const { isOutOfBudget } = await import('./budgets.mjs');

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

async function runBenchmark(runs) {
  await step('building the app into .bench/dist', () => buildForEmulator({ outDir: distDir }));
  await step('adding the history modules and the floor page', async () => {
    await buildHistoryModules({ distDir });
    await writeFloorPage({ distDir });
  });
  const site = await startBenchSite({ distDir, appPort: APP_PORT, emulatorPort: EMULATOR_PORT, defer: cleanup.defer });
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

  const manyReadingsContext = await step('signing in for 100,000 readings', () => openSignedInContext(browser, { site, emulator }));
  const manyReadings = await repeat(runs, '100,000 readings', () => measureManyReadings(manyReadingsContext.page, { site }));
  const firstPaints = await repeat(runs, 'first paint with 100 and 100,000 readings, floor page', () => measureFirstPaint(manyReadingsContext.page, { site }));
  await manyReadingsContext.context.close();

  const modulePage = await step('opening a page for the history modules', () => openModulePage(browser, { site }));
  const importExport = await repeat(runs, 'import, export, parse 100,000 readings', (runIndex) => measureImportAndExport(modulePage.page, { site, runIndex }));
  await modulePage.context.close();
  await browser.close();

  const proxy = await startGzipProxy({ targetUrl: site.appUrl, port: GZIP_PROXY_PORT });
  cleanup.defer('the gzip front', () => proxy.close());
  const chrome = await launchChromeForLighthouse();
  cleanup.defer('Lighthouse\'s Chromium', () => chrome.kill());
  const lighthouse = [];
  const lighthouseUncompressed = [];
  await repeat(runs, 'Lighthouse', async () => {
    lighthouse.push(await runLighthouse(chrome, proxy.url));
    lighthouseUncompressed.push(await runLighthouse(chrome, site.appUrl));
  });
  chrome.kill();

  return { collected: { firstVisits, returnVisits, browserRestart, manyReadings, firstPaints, importExport, lighthouse, lighthouseUncompressed }, chromiumVersion };
}

async function step(label, work) {
  const began = Date.now();
  process.stderr.write(`bench: ${label}…`);
  const result = await work();
  process.stderr.write(` ${((Date.now() - began) / 1000).toFixed(1)} s\n`);
  return result;
}

async function repeat(runs, label, measure) {
  const results = [];
  for (let runIndex = 0; runIndex < runs; runIndex += 1) results.push(await step(`${label} ${runIndex + 1}/${runs}`, () => measure(runIndex)));
  return results;
}

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
