// Figure 1: a first visit, signed out, with an empty profile — what it transfers until the network is idle,
// the page's own requests apart from the service worker's precache.
import { gzipBytesOf, recordResponses, totalsByKind, waitForNetworkQuiet } from './transferred-bytes.mjs';

/**
 * One first visit in a fresh context of `browser`.
 * @param {import('@playwright/test').Browser} browser
 * @param {{ appUrl: string, distDir: string }} site
 */
export async function measureFirstVisit(browser, { appUrl, distDir }) {
  const context = await browser.newContext();
  try {
    const recorder = recordResponses(context, { distDir, appUrl });
    const page = await context.newPage();
    await page.goto(appUrl);
    await page.getByRole('button', { name: 'Sign in', exact: true }).first().waitFor();
    await waitForNetworkQuiet(recorder);
    const responses = await recorder.settled();
    const byPage = responses.filter((response) => response.fetchedBy === 'page');
    const byServiceWorker = responses.filter((response) => response.fetchedBy === 'service-worker');
    // Immutable scripts the page already loaded come to the service worker from the HTTP cache, not the network.
    const loadedByPage = new Set(byPage.map((response) => response.url));
    const newToServiceWorker = byServiceWorker.filter((response) => !loadedByPage.has(response.url));
    const scriptGzipBytes = gzipBytesOf(byPage, 'script');
    return {
      scriptGzipBytes,
      stylesheetGzipBytes: gzipBytesOf(byPage, 'stylesheet'),
      startUpRequests: byPage.length,
      serviceWorkerRequests: byServiceWorker.length,
      serviceWorkerNewScripts: newToServiceWorker.filter((response) => response.kind === 'script').map((response) => ({ url: response.url, gzipBytes: response.gzipBytes })),
      scriptGzipBytesWithServiceWorker: scriptGzipBytes + gzipBytesOf(newToServiceWorker, 'script'),
      totalsByKind: totalsByKind(byPage),
      responses,
    };
  } finally {
    await context.close();
  }
}
