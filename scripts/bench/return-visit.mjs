// Figure 2: the return visit. A persistent context (a profile on disk) signs in once; each run closes the
// app's tab and opens it again in that browser, with a new score waiting in the emulator so the fresh
// reading is recognisable. The browser stays open between runs because MSAL keeps the key to its
// localStorage token cache in a session cookie: a browser restart signs the user out (see browserRestart).
import { callCounts } from '../../emulator/control-client.mjs';
import { BLANK_MARKER } from './bench-site.mjs';
import { HISTORY_SELECTOR, addPageMarks, firstTimeShown, reached, readPageMarks, waitForMark } from './page-marks.mjs';
import { signInAsAveryAdmin, waitForServiceWorkerControl } from './sign-in.mjs';
import { gzipBytesOf, recordResponses, waitForNetworkQuiet } from './transferred-bytes.mjs';

const SIGN_IN_SCORE = 412;
const FIRST_FRESH_SCORE = 430;

/** @typedef {import('./many-readings.mjs').BenchWorld} BenchWorld */
/** @typedef {import('./transferred-bytes.mjs').TransferredResponse} TransferredResponse */

/**
 * Opens the profile, signs in once and waits until the service worker controls the app.
 * @param {import('./chromium.mjs').Profile} profile
 * @param {BenchWorld} world
 */
export async function openSignedInProfile(profile, { site, emulator }) {
  await emulator.reset();
  await emulator.setScore(SIGN_IN_SCORE);
  const context = await profile.open();
  try {
    await addPageMarks(context, { blankMarker: BLANK_MARKER });
    const page = context.pages()[0] ?? (await context.newPage());
    await signInAsAveryAdmin(page, { appUrl: site.appUrl, expectedScore: SIGN_IN_SCORE });
    await waitForServiceWorkerControl(page);
    await page.getByRole('img', { name: /^Trend of the Secure Score for Devices/ }).locator('canvas').waitFor();
    // This tab stays open: closing a browser's last tab ends its session, and with it MSAL's key cookie.
    await page.goto('about:blank');
    return context;
  } catch (error) {
    await context.close();
    throw error;
  }
}

/**
 * Run `runIndex` of the return visit in the signed-in context: the blank page, then the app in a new tab.
 * @param {import('@playwright/test').BrowserContext} context
 * @param {BenchWorld & { distDir: string, runIndex: number }} run
 */
export async function measureReturnVisit(context, { site, emulator, distDir, runIndex }) {
  const freshScore = String(FIRST_FRESH_SCORE + runIndex);
  await emulator.setScore(Number(freshScore));
  const blankVisibleMs = await loadBlankPage(context, site.blankUrlOutsideServiceWorker);

  await emulator.clearLog();
  const recorder = recordResponses(context, { distDir, appUrl: site.appUrl });
  const page = await context.newPage();
  try {
    await page.goto(site.appUrl);
    await waitForMark(page, 'history');
    await page.locator(HISTORY_SELECTOR).filter({ hasText: freshScore }).waitFor();
    await page.getByRole('img', { name: /^Trend of the Secure Score for Devices/ }).locator('canvas').waitFor();
    await waitForNetworkQuiet(recorder);
    const marks = await readPageMarks(page);
    const responses = (await recorder.settled()).filter((response) => response.fetchedBy === 'page');
    const calls = callCounts(await emulator.log());
    const historyVisibleMs = reached(marks.historyVisibleMs, 'history');
    const beforeHistory = scriptsFinishedBefore(marks.resources, historyVisibleMs, responses);
    const freshScoreVisibleMs = reached(firstTimeShown(marks.scoreTexts, freshScore), `score ${freshScore} shown`);
    /** @param {string} url */
    const path = (url) => url.replace(site.appUrl, '');
    return {
      blankVisibleMs,
      historyVisibleMs,
      freshScoreVisibleMs,
      historyToBlankRatio: historyVisibleMs / blankVisibleMs,
      freshScoreToBlankRatio: freshScoreVisibleMs / blankVisibleMs,
      scriptGzipBytesBeforeHistory: beforeHistory.reduce((sum, script) => sum + script.gzipBytes, 0),
      scriptGzipBytes: gzipBytesOf(responses, 'script'),
      scriptsBeforeHistory: beforeHistory.map((script) => ({ path: path(script.url), gzipBytes: script.gzipBytes })),
      scriptsAfterHistory: responses
        .filter((response) => response.kind === 'script' && !beforeHistory.includes(response))
        .map((script) => ({ path: path(script.url), gzipBytes: script.gzipBytes })),
      requests: responses.length,
      answeredByServiceWorker: responses.filter((response) => response.answeredByServiceWorker).map((response) => path(response.url)),
      answeredByNetwork: responses.filter((response) => !response.answeredByServiceWorker).map((response) => path(response.url)),
      configurationScoreCalls: calls.apiByEndpoint.configurationScore ?? 0,
      apiByEndpoint: calls.apiByEndpoint,
      tokenCalls: calls.tokenCalls,
      tokenByGrant: calls.tokenByGrant,
      authorizeVisits: calls.authorizeVisits,
    };
  } finally {
    await page.close();
  }
}

/**
 * Once, after the runs: closes the browser, opens the same profile again and says whether the app still
 * got a fresh score without anyone signing in, and which calls it made.
 * @param {import('./chromium.mjs').Profile} profile
 * @param {BenchWorld} world
 */
export async function checkBrowserRestart(profile, { site, emulator }) {
  const freshScore = 499;
  await emulator.setScore(freshScore);
  await emulator.clearLog();
  const context = await profile.open();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(site.appUrl);
    const outcome = await Promise.race([
      page.locator(HISTORY_SELECTOR).filter({ hasText: String(freshScore) }).waitFor().then(() => 'fresh score'),
      page.getByRole('button', { name: 'Sign in', exact: true }).first().waitFor().then(() => 'signed out'),
    ]);
    await page.waitForTimeout(500);
    return { outcome, calls: callCounts(await emulator.log()) };
  } finally {
    await context.close();
  }
}

/**
 * A tiny page from the same server, on an origin the service worker does not control: the yardstick.
 * @param {import('@playwright/test').BrowserContext} context
 * @param {string} blankUrl
 */
async function loadBlankPage(context, blankUrl) {
  const page = await context.newPage();
  try {
    await page.goto(blankUrl);
    await page.goto(blankUrl); // the second load is measured: connection and renderer are warm, as for the app
    await waitForMark(page, 'blank');
    return reached((await readPageMarks(page)).blankVisibleMs, 'blank');
  } finally {
    await page.close();
  }
}

/**
 * The page's scripts whose response had ended when the stored history entered the DOM.
 * @param {{ url: string, responseEnd: number }[]} resourceTimings
 * @param {number} momentMs
 * @param {TransferredResponse[]} responses
 */
function scriptsFinishedBefore(resourceTimings, momentMs, responses) {
  const finished = new Set(resourceTimings.filter((timing) => timing.responseEnd <= momentMs).map((timing) => timing.url));
  return responses.filter((response) => response.kind === 'script' && finished.has(response.url));
}
