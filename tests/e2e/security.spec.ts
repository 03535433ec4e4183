import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { currentScore, emulator, expect, openSignedIn, readIndexedDb, signIn, storedRows, test, revealWholeDashboard } from './fixtures';
import { findTokens } from './token-search';

/**
 * Everything the page can read, as text per place: web storage, cookies, Cache Storage (every cached
 * request and body) and IndexedDB.
 */
async function dumpPageStorage(page: Page) {
  const inPage = await page.evaluate(async () => {
    const cached: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        cached.push(`${name} ${request.url}\n${response ? await response.text() : ''}`);
      }
    }
    return {
      localStorage: JSON.stringify({ ...localStorage }),
      sessionStorage: JSON.stringify({ ...sessionStorage }),
      documentCookie: document.cookie,
      cacheStorage: cached.join('\n'),
    };
  });
  return { ...inPage, cookies: JSON.stringify(await page.context().cookies()), indexedDB: JSON.stringify(await readIndexedDb(page)) };
}

async function downloadText(page: Page, buttonName: string): Promise<string> {
  const button = page.getByRole('button', { name: buttonName });
  await revealWholeDashboard(page, button);
  const downloaded = page.waitForEvent('download');
  await button.click();
  return readFileSync(await (await downloaded).path(), 'utf8');
}

test('no issued access or refresh token in plain text in any storage the page can read, an export, the console or the URL', async ({ page }) => {
  const consoleText: string[] = [];
  page.on('console', (message) => consoleText.push(message.text()));
  await openSignedIn(page);
  await emulator.setScore(415);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(currentScore(page)).toHaveText('415');

  const { access, refresh } = await emulator.issuedTokens();
  expect(access.length, 'access tokens issued').toBeGreaterThan(0);
  expect(refresh.length, 'refresh tokens issued').toBeGreaterThan(0);
  const dumps = {
    ...(await dumpPageStorage(page)),
    exportJson: await downloadText(page, 'Export JSON'),
    exportCsv: await downloadText(page, 'Export CSV'),
    console: consoleText.join('\n'),
    pageText: await page.locator('body').innerText(),
    url: page.url(),
  };
  // The dumps are real: the history is in IndexedDB and the export, MSAL's (encrypted) cache in localStorage.
  expect(dumps.indexedDB).toContain('415');
  expect(dumps.exportJson).toContain('415');
  expect(dumps.localStorage).toMatch(/msal/);
  expect(findTokens(dumps, { access, refresh })).toEqual([]);
});

test('every page carries a strict Content-Security-Policy', async ({ page }) => {
  for (const path of ['./', './redirect.html']) {
    await page.goto(path);
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'self'");
    expect(policy).toMatch(/connect-src 'self' https:\/\/login\.microsoftonline\.com .*https:\/\/api\.security\.microsoft\.com/);
  }
});

test('a config.json with a bad field shows a setup screen that names it, as text', async ({ page }) => {
  await page.route('**/config.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify({ clientId: '<b>not-a-guid</b>', cloud: 'mars' }) }),
  );
  await page.goto('./');
  const setup = page.getByRole('region', { name: 'Scoreline needs setting up' });
  await expect(setup).toBeVisible();
  await expect(setup).toContainText('clientId is not a GUID');
  await expect(setup).toContainText('cloud is not a known cloud');
  await expect(setup.locator('b')).toHaveCount(0);
});

test('a config.json that points sign-in at a look-alike host shows a setup screen that names the field, and never goes there', async ({ page }) => {
  const lookAlike: string[] = [];
  page.on('request', (request) => request.url().includes('evil.example') && lookAlike.push(request.url()));
  await page.route('**/config.json', async (route) => {
    const config = await (await route.fetch()).json();
    config.authority = 'https://login.microsoftonline.com@evil.example/organizations';
    config.apiBaseUrl = 'https://api.security.microsoft.com.evil.example';
    await route.fulfill({ contentType: 'application/json', body: JSON.stringify(config) });
  });
  await page.goto('./');
  const setup = page.getByRole('region', { name: 'Scoreline needs setting up' });
  await expect(setup).toContainText('authority has a user name in it, which hides where it really points: evil.example');
  await expect(setup).toContainText('apiBaseUrl points to https://api.security.microsoft.com.evil.example, which is not a Defender API host or relay this build allows');
  expect(lookAlike).toEqual([]);
});

test('a missing config.json shows a setup screen, not a blank page', async ({ page }) => {
  await page.route('**/config.json', (route) => route.fulfill({ status: 404, body: 'Not found' }));
  await page.goto('./');
  await expect(page.getByRole('region', { name: 'Scoreline needs setting up' })).toContainText('config.json could not be fetched (HTTP 404)');
});

test('the API region is chosen in the app, kept across reloads, and used for the call', async ({ page }) => {
  await page.route('**/config.json', async (route) => {
    const config = await (await route.fetch()).json();
    delete config.apiBaseUrl;
    await route.fulfill({ contentType: 'application/json', body: JSON.stringify(config) });
  });
  await page.goto('./');
  await page.getByLabel('API region').selectOption({ label: 'Europe' });
  const storedRegion = async () => (await storedRows(page, 'prefs')).find((row) => row.key === 'region')?.value;
  await expect.poll(storedRegion).toBe('eu');
  await page.reload();
  await expect(page.getByLabel('API region')).toHaveValue('eu');
  await signIn(page);
  // There is no internet here: the call to Microsoft's EU host cannot get through, and says so by name.
  await expect(page.getByRole('alert')).toContainText('Could not reach eu.api.security.microsoft.com');
});
