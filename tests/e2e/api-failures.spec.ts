import { EMULATOR_ORIGIN } from '../../emulator/demo.mjs';
import { currentScore, emulator, expect, historyRows, openSignedIn, test, serviceWorkerControls } from './fixtures';

test.describe('Defender API failures are named, and nothing stored is lost', () => {
  test('403: explains the missing permission, quotes code and correlation id, keeps markup inert', async ({ page }) => {
    await openSignedIn(page);
    await emulator.fault({
      endpoint: 'configurationScore',
      status: 403,
      body: { error: { code: 'Forbidden', message: '<img src=x onerror="window.__injected=1">Missing application roles', target: 'corr-403-abc' } },
    });
    await page.getByRole('button', { name: 'Refresh' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Access to the score is not allowed');
    await expect(alert).toContainText('Score.Read');
    await expect(alert).toContainText('corr-403-abc');
    await expect(alert).toContainText('<img src=x onerror="window.__injected=1">Missing application roles');
    expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
    await expect(alert.locator('img')).toHaveCount(0);
    await expect(historyRows(page)).toHaveCount(2);
    await expect(currentScore(page)).toHaveText('412');
  });

  test('429: counts down to Retry-After and makes no call before then, even after a reload', async ({ page }) => {
    await openSignedIn(page);
    await emulator.fault({ endpoint: 'configurationScore', status: 429, headers: { 'Retry-After': '120' } });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Too many requests' })).toBeVisible();
    await expect(page.getByText(/Next try allowed in [12] min/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Refresh' })).toBeDisabled();
    const callsWhileThrottled = await emulator.apiCalls();

    await page.reload();
    await expect(currentScore(page)).toHaveText('412');
    // The reload's own automatic refresh read the stored deadline (the countdown shows) and has finished
    // (the button no longer says "Refreshing…"): it was held back, and no call reached the API.
    await expect(page.getByText(/Next try allowed in/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Refresh', exact: true })).toBeDisabled();
    expect(await emulator.apiCalls()).toBe(callsWhileThrottled);
  });

  test('5xx: retries at most three times with backoff, then says so and stores nothing', async ({ page }) => {
    test.setTimeout(45_000);
    await openSignedIn(page);
    const before = await emulator.apiCalls();
    await emulator.fault({ endpoint: 'configurationScore', status: 503, times: 'always' });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByRole('alert')).toContainText('The Defender API had a problem', { timeout: 15_000 });
    expect(await emulator.apiCalls()).toBe(before + 4);
    await expect(historyRows(page)).toHaveCount(2);
  });

  test('5xx once: the retry succeeds and the reading is kept', async ({ page }) => {
    await openSignedIn(page);
    await emulator.fault({ endpoint: 'configurationScore', status: 500 });
    await emulator.setScore(420);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(currentScore(page)).toHaveText('420');
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('401 once: gets a fresh token silently and retries', async ({ page }) => {
    await openSignedIn(page);
    const tokenCalls = (await emulator.log()).token.length;
    await emulator.fault({ endpoint: 'configurationScore', status: 401 });
    await emulator.setScore(433);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(currentScore(page)).toHaveText('433');
    expect((await emulator.log()).token.length).toBe(tokenCalls + 1);
  });

  test('401 twice: asks to sign in again and keeps the history on screen', async ({ page }) => {
    await openSignedIn(page);
    await emulator.fault({ endpoint: 'configurationScore', status: 401, times: 2 });
    await page.getByRole('button', { name: 'Refresh' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Your sign-in was not accepted');
    await expect(alert.getByRole('button', { name: 'Sign in again' })).toBeVisible();
    await expect(historyRows(page)).toHaveCount(2);
  });

  test('malformed JSON: says the answer could not be read, stores nothing', async ({ page }) => {
    await openSignedIn(page);
    await emulator.fault({ endpoint: 'configurationScore', malformed: true });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByRole('alert')).toContainText('The answer could not be read');
    await expect(historyRows(page)).toHaveCount(2);
  });

  test('a score that is not a number: refused, nothing stored', async ({ page }) => {
    await openSignedIn(page);
    await emulator.fault({ endpoint: 'configurationScore', status: 200, body: { time: '2026-11-28T10:00:00.1234567Z', score: 'high' } });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByRole('alert')).toContainText('numeric "score"');
    await expect(historyRows(page)).toHaveCount(2);
  });

  test('a dropped connection while online: names the host and points to CORS and a relay', async ({ page }) => {
    await openSignedIn(page);
    await emulator.fault({ endpoint: 'configurationScore', drop: true });
    await page.getByRole('button', { name: 'Refresh' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(`Could not reach ${new URL(EMULATOR_ORIGIN).host}`);
    await expect(alert).toContainText('CORS');
    await expect(alert).toContainText('relayUrl');
  });

  test('a slow answer: gives up after the time limit and says so', async ({ page }) => {
    await page.clock.install();
    await openSignedIn(page);
    await emulator.fault({ endpoint: 'configurationScore', delayMs: 60_000 });
    const callStarted = page.waitForRequest(/\/api\/configurationScore/);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByRole('button', { name: 'Refreshing…' })).toBeVisible();
    // Jump the page's clock only once the call (and its time limit) has started.
    await callStarted;
    await page.clock.fastForward(21_000);
    await expect(page.getByRole('alert')).toContainText('did not answer in time');
    await expect(historyRows(page)).toHaveCount(2);
  });

  test('offline: says so, keeps the history, and refreshes again once back online', async ({ page, context }) => {
    await openSignedIn(page);
    // As on any visit after the first: the app's parts come from the service worker's cache.
    await serviceWorkerControls(page);
    await context.setOffline(true);
    await expect(page.getByText('Offline', { exact: true })).toBeVisible();
    const before = await emulator.apiCalls();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByRole('status', { name: 'You are offline' })).toBeVisible();
    expect(await emulator.apiCalls()).toBe(before);
    await expect(historyRows(page)).toHaveCount(2);

    await context.setOffline(false);
    await expect(page.getByText('You are offline')).toHaveCount(0);
    await emulator.setScore(440);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(currentScore(page)).toHaveText('440');
  });

  test('double clicks and repeated refreshes make one call at a time', async ({ page }) => {
    await openSignedIn(page);
    const before = await emulator.apiCalls();
    await emulator.fault({ endpoint: 'configurationScore', delayMs: 800 });
    await emulator.setScore(450);
    const refresh = page.getByRole('button', { name: 'Refresh' });
    await refresh.dblclick();
    await page.evaluate(() => {
      const button = [...document.querySelectorAll('button')].find((b) => /Refresh/.test(b.textContent ?? ''));
      button?.click();
      button?.click();
    });
    await expect(currentScore(page)).toHaveText('450');
    expect(await emulator.apiCalls()).toBe(before + 1);
  });
});
