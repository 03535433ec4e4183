import { resolve, join } from 'node:path';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { chromium } from '@playwright/test';
import { SUB_PATH_URL } from '../../emulator/demo.mjs';
import { DEMO_DIST, serveForEmulator } from '../../scripts/demo-build.mjs';
import { currentScore, emulator, expect, historyRows, openSignedIn, serviceWorkerControls, signIn, test, scoreChartCanvas } from './fixtures';

test.describe('installable and offline', () => {
  test('Chromium reports the app installable', async ({ baseURL, launchOptions }) => {
    // Chromium never offers to install from an incognito-like context: use a real profile.
    const profile = mkdtempSync(join(tmpdir(), 'scoreline-profile-'));
    const context = await chromium.launchPersistentContext(profile, { ...launchOptions, headless: true });
    try {
      const page = await context.newPage();
      await page.goto(baseURL!);
      await serviceWorkerControls(page);
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      expect(installabilityErrors).toEqual([]);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  test('the manifest names the app, its icons and colours, relative to where it is hosted', async ({ page }) => {
    const manifest = await (await page.request.get('./manifest.webmanifest')).json();
    expect(manifest).toMatchObject({ display: 'standalone', start_url: './', scope: './', short_name: 'Scoreline' });
    expect(manifest.icons.map((i: { sizes: string; purpose?: string }) => `${i.sizes}${i.purpose ? ` ${i.purpose}` : ''}`)).toEqual([
      '192x192',
      '512x512',
      '512x512 maskable',
    ]);
  });

  test('offline, the app starts with the stored history and chart, says it is offline, and refreshes once back online', async ({ page, context }) => {
    await openSignedIn(page);
    await serviceWorkerControls(page);
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByText('Offline', { exact: true })).toBeVisible();
    await expect(currentScore(page)).toHaveText('412');
    await expect(historyRows(page)).toHaveCount(2);
    await expect(page.getByRole('img', { name: /Trend of the Secure Score/ })).toBeVisible();
    await expect(scoreChartCanvas(page)).toBeVisible();
    await expect(page.getByText('You are offline')).toBeVisible();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByText('You are offline')).toBeVisible();

    await context.setOffline(false);
    await emulator.setScore(418);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(currentScore(page)).toHaveText('418');
  });

  test('the redirect bridge is never served from the shell or a cache', async ({ page }) => {
    await page.goto('./');
    await serviceWorkerControls(page);
    const response = await page.goto('./redirect.html');
    expect(response?.fromServiceWorker()).toBe(false);
    expect(response?.headers()['cache-control']).toBe('no-store');
  });
});

test.describe('a new version', () => {
  test('shows "A new version is available" with Reload, and reloads only when asked', async ({ page }) => {
    const dist = resolve(DEMO_DIST);
    const originalWorker = readFileSync(resolve(dist, 'sw.js'), 'utf8');
    // A server of its own (any free port), so its service worker can change without touching the others.
    const site = await serveForEmulator({ root: dist, port: 0 });
    try {
      await page.goto(site.url);
      await serviceWorkerControls(page);
      await signIn(page);
      await expect(currentScore(page)).toHaveText('412');
      const navigations: string[] = [];
      page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()));

      // Deploy a "new version": a different service worker script at the same address.
      site.setOverride('sw.js', () => `${originalWorker}\n// next release\n`);
      await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
      const prompt = page.getByRole('status').filter({ hasText: 'A new version is available' });
      await expect(prompt).toBeVisible();
      // Nothing reloads by itself: the new worker waits (installed, not activated) and the page stays.
      await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state)).toBe('installed');
      expect(navigations, 'no reload before the user asks').toEqual([]);
      await expect(prompt).toBeVisible();

      await prompt.getByRole('button', { name: 'Reload' }).click();
      await expect.poll(() => navigations.length, 'one reload, when asked').toBe(1);
      await expect(currentScore(page)).toBeVisible();
      await expect(page.getByText('A new version is available')).toHaveCount(0);
    } finally {
      await site.close();
    }
  });
});

test.describe('served under a sub-path', () => {
  test('signs in, reads, and starts offline from /scoreline/', async ({ page, context }) => {
    await emulator.setScore(405);
    await page.goto(SUB_PATH_URL);
    await signIn(page);
    await expect(currentScore(page)).toHaveText('405');
    expect(new URL(page.url()).pathname).toBe('/scoreline/');
    await serviceWorkerControls(page);

    await context.setOffline(true);
    await page.reload();
    await expect(currentScore(page)).toHaveText('405');
    await expect(page.getByText('Offline', { exact: true })).toBeVisible();
  });
});
