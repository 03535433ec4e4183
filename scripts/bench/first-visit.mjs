// Figure 1: a first visit, signed out, with an empty profile — what it transfers until the network is idle.
import { gzipBytesOf, recordResponses, totalsByKind, waitForNetworkQuiet } from './transferred-bytes.mjs';

/** One first visit in a fresh context of `browser`. */
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
    return {
      scriptGzipBytes: gzipBytesOf(byPage, 'script'),
      stylesheetGzipBytes: gzipBytesOf(byPage, 'stylesheet'),
      startUpRequests: byPage.length,
      serviceWorkerRequests: byServiceWorker.length,
      serviceWorkerScriptGzipBytes: gzipBytesOf(byServiceWorker, 'script'),
      totalsByKind: totalsByKind(byPage),
      responses,
    };
  } finally {
    await context.close();
  }
}
