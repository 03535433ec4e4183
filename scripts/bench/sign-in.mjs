// Signing in the way a person does (as tests/e2e/fixtures.ts does): "Sign in", then Avery Admin in the
// emulator's account picker.
import { AVERY_ADMIN } from '../../emulator/demo.mjs';
import { HISTORY_SELECTOR } from './page-marks.mjs';

/**
 * @param {import('@playwright/test').Page} page
 * @param {{ appUrl: string, expectedScore: number }} options
 */
export async function signInAsAveryAdmin(page, { appUrl, expectedScore }) {
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Sign in', exact: true }).first().click();
  await page.waitForURL(/\/authorize/);
  await page.getByRole('button', { name: AVERY_ADMIN.name }).click();
  await page.locator(HISTORY_SELECTOR).filter({ hasText: String(expectedScore) }).waitFor();
}

/**
 * Resolves once the app's service worker controls the page (the shell is then precached).
 * @param {import('@playwright/test').Page} page
 */
export async function waitForServiceWorkerControl(page) {
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return navigator.serviceWorker.controller !== null;
  });
}
