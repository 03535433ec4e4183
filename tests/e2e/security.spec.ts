import { emulator, expect, openSignedIn, readIndexedDb, signIn, storedRows, test } from './fixtures';

const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./;

test('no token or authorization header in IndexedDB, web storage or the console after a full sign-in', async ({ page }) => {
  const consoleText: string[] = [];
  page.on('console', (message) => consoleText.push(message.text()));
  await openSignedIn(page);
  await emulator.setScore(415);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByTestId('current-score')).toHaveText('415');

  const stored = await readIndexedDb(page);
  const dump = {
    indexedDB: JSON.stringify(stored),
    ...(await page.evaluate(() => ({ localStorage: JSON.stringify({ ...localStorage }), sessionStorage: JSON.stringify({ ...sessionStorage }) }))),
  };
  expect(Object.keys(stored)).toContain('scoreline');
  expect(dump.indexedDB).toContain('415');
  for (const place of ['indexedDB', 'localStorage', 'sessionStorage'] as const) {
    expect(dump[place], place).not.toMatch(JWT);
    expect(dump[place], place).not.toMatch(/Bearer /i);
  }
  expect(consoleText.join('\n')).not.toMatch(JWT);
  expect(await page.locator('body').innerText()).not.toMatch(JWT);
  expect(page.url()).not.toMatch(JWT);
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
