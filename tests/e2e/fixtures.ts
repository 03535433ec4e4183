import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { emulatorControl } from '../../emulator/control-client.mjs';
import { AVERY_ADMIN, type Account } from '../../emulator/demo.mjs';

/** The emulator's control surface: set scores, queue faults, read what was called. */
export const emulator = emulatorControl();

/** Signs in through the real MSAL redirect flow and the emulator's account picker. */
export async function signIn(page: Page, account: Account = AVERY_ADMIN): Promise<void> {
  await page.getByRole('button', { name: 'Sign in', exact: true }).first().click();
  await page.waitForURL(/\/authorize/);
  await page.getByRole('button', { name: account.name }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** Signs out of every account signed in to this browser, through the Sign out menu (one trip to Entra per account). */
export async function signOutEverywhere(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out…' }).click();
  await page.getByRole('button', { name: 'Sign out of every account' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Signed out of every account' })).toBeVisible();
}

export function currentScore(page: Page) {
  return page.getByTestId('current-score');
}

/**
 * Every test gets a clean emulator, and fails if the page breaks the Content-Security-Policy or
 * prints an error to the console.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ page }, use) => {
      await emulator.reset();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
      });
      await use(violations);
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Opens the app and signs in; resolves once the first reading is on screen. */
export async function openSignedIn(page: Page, score = 412): Promise<void> {
  await emulator.setScore(score);
  await page.goto('./');
  await signIn(page);
  await expect(currentScore(page)).toHaveText(String(score));
}

/**
 * Scrolls each part that loads when it comes near the screen (exposure score, recommendation panels, watch
 * settings) into view, as a reader scrolling down does, until none is waiting and `shown` (the watch settings'
 * heading unless named) is there; then back to the top.
 */
/** Adds a tenant by its id or verified domain in the open "Add a tenant" panel. */
export async function addTenant(page: Page, tenant: string): Promise<void> {
  await page.getByLabel('Tenant ID or verified domain').fill(tenant);
  await page.getByRole('button', { name: 'Add tenant', exact: true }).click();
}

/** Resolves once the app's service worker controls the page: every part of the app then loads from its cache. */
export async function serviceWorkerControls(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return navigator.serviceWorker.controller !== null;
  });
}

export async function revealWholeDashboard(
  page: Page,
  shown: Locator = page.getByRole('heading', { name: 'Watch', exact: true }),
  { timeout }: { timeout?: number } = {},
): Promise<void> {
  const pending = page.getByRole('status').filter({ hasText: /^Loading .*…$/ });
  await expect(async () => {
    for (const placeholder of await pending.all()) await placeholder.scrollIntoViewIfNeeded({ timeout: 1_000 }).catch(() => undefined);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect(shown).toBeAttached({ timeout: 1_000 });
    await expect(pending).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout });
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** The device score's history table (the page has other tables: exposure, device groups, recommendations). */
export function historyTable(page: Page) {
  return page.getByRole('table', { name: /^Each change of the score/ });
}

/** The device score's chart (the exposure score and device groups have charts of their own). */
export function scoreChartCanvas(page: Page) {
  return page.getByRole('img', { name: /^Trend of the Secure Score for Devices/ }).locator('canvas');
}

export function historyRows(page: Page) {
  return historyTable(page).getByRole('row');
}

/** A row of an object store, with its key (prefs have keys apart from their values). */
export interface StoredRow<T = unknown> {
  key: IDBValidKey;
  value: T;
}

/**
 * Everything IndexedDB holds for the page's origin, read raw in the page: database → store → rows.
 * For what the app must (or must never) have stored, apart from what it shows.
 */
export function readIndexedDb(page: Page): Promise<Record<string, Record<string, StoredRow[]>>> {
  return page.evaluate(async () => {
    const settled = <T>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const contents: Record<string, Record<string, StoredRow[]>> = {};
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await settled(indexedDB.open(name));
      const stores: Record<string, StoredRow[]> = {};
      for (const store of db.objectStoreNames) {
        const objectStore = db.transaction(store).objectStore(store);
        const [keys, values] = await Promise.all([settled(objectStore.getAllKeys()), settled(objectStore.getAll())]);
        stores[store] = keys.map((key, index) => ({ key, value: values[index] }));
      }
      db.close();
      contents[name] = stores;
    }
    return contents;
  });
}

/** The rows of one store of the app's database; none while the database or the store does not exist. */
export async function storedRows<T>(page: Page, store: 'runs' | 'notes' | 'tenants' | 'prefs'): Promise<StoredRow<T>[]> {
  return ((await readIndexedDb(page)).scoreline?.[store] ?? []) as StoredRow<T>[];
}
