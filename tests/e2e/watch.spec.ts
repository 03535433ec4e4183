import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from '@playwright/test';
import { addTenant, currentScore, emulator, expect, historyRows, openSignedIn, revealWholeDashboard, storedRows, test } from './fixtures';
import { CONTOSO, NORTHWIND } from '../../emulator/demo.mjs';
import { WATCH_TEST_INTERVAL_KEY } from '../../src/lib/state/watch-test-interval';

/** The test build's short interval: checks every 3 seconds (plus up to 0.3 s of jitter). */
const INTERVAL_MS = 3_000;

/** Asks every page of the context, before it loads, to watch on the short test interval (honoured by test builds only). */
async function watchEveryFewSeconds(context: BrowserContext): Promise<void> {
  await context.addInitScript(([key, ms]) => localStorage.setItem(key, ms), [WATCH_TEST_INTERVAL_KEY, String(INTERVAL_MS)] as const);
}

function watchStatus(page: Page) {
  return page.getByTestId('watch-status');
}

async function addDropRule(page: Page, points: number): Promise<void> {
  await page.getByRole('combobox', { name: /Alert when/ }).selectOption('drop-points');
  await page.getByRole('textbox', { name: 'Points' }).fill(String(points));
  await page.getByRole('button', { name: 'Add rule' }).click();
  await expect(page.getByRole('button', { name: `Remove rule: A drop of at least ${points} points` })).toBeVisible();
}

/** Playwright's pages are always visible: make this one say it is hidden, as a background tab or a minimised window does. */
async function hide(page: Page): Promise<void> {
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

function shownNotifications(page: Page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications()).map(({ title, body, data }) => ({ title, body, data: data as { url: string; tenantId: string } }));
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.1 A/AA and best-practice violations in the page, as "rule: targets". */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Violation = { id: string; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: Violation[] }> } }).axe;
    const { violations } = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

test.describe('watch it for me', () => {
  test.describe.configure({ timeout: 60_000 });

  test('the score drops and the alert appears without a click: a banner, a marked row and an entry in the log, once', async ({ page, context }) => {
    await watchEveryFewSeconds(context);
    await openSignedIn(page, 412);
    await revealWholeDashboard(page);
    await expect(watchStatus(page)).toContainText('Next check');
    await expect(watchStatus(page)).toContainText('test interval: every 3 s');
    await addDropRule(page, 10);

    await emulator.setScore(398);
    const banner = page.getByRole('alert').filter({ hasText: 'Alert: A drop of at least 10 points' });
    await expect(banner).toBeVisible({ timeout: 4 * INTERVAL_MS });
    await expect(banner).toContainText('The score went from 412 to 398');
    await expect(currentScore(page)).toHaveText('398');
    await expect(historyRows(page).filter({ hasText: 'Alert: A drop of at least 10 points' })).toHaveCount(1);
    await expect(page.getByRole('img', { name: /One reading that fired an alert is marked/ })).toBeVisible();

    // Later checks confirm the same score: the alert is not fired again, before or after a reload.
    const callsSoFar = await emulator.apiCalls();
    await expect.poll(() => emulator.apiCalls(), { timeout: 3 * INTERVAL_MS }).toBeGreaterThan(callsSoFar);
    await expect(banner).toHaveCount(1);
    await page.reload();
    await expect(banner).toHaveCount(1);
    await banner.getByRole('button', { name: /^Dismiss alert/ }).click();
    await expect(banner).toHaveCount(0);
    await page.reload();
    await revealWholeDashboard(page);
    await expect(page.getByRole('heading', { name: 'Alert log' })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: 'A drop of at least 10 points' }).filter({ hasText: 'Dismissed' })).toHaveCount(1);
    await expect(banner).toHaveCount(0);
  });

  test('an alert from an automatic check while the page is hidden raises a notification that opens that reading', async ({ page, context }) => {
    await context.grantPermissions(['notifications']);
    await watchEveryFewSeconds(context);
    await openSignedIn(page, 412);
    await revealWholeDashboard(page);
    await page.waitForFunction(async () => (await navigator.serviceWorker.ready).active !== null);
    const toggle = page.getByRole('switch', { name: 'System notifications for alerts' });
    await toggle.check();
    await expect(toggle).toBeChecked();
    await page.getByRole('combobox', { name: /Alert when/ }).selectOption('below-threshold');
    await page.getByRole('textbox', { name: 'Threshold score' }).fill('400');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await expect(page.getByRole('button', { name: 'Remove rule: The score falling below 400' })).toBeVisible();

    await hide(page);
    await emulator.setScore(390);
    await expect.poll(() => shownNotifications(page), { timeout: 4 * INTERVAL_MS }).toHaveLength(1);
    const [notification] = await shownNotifications(page);
    expect(notification!.title).toBe('Scoreline: The score falling below 400');
    expect(notification!.body).toContain('The score went from 412 to 390');

    // What a click opens when no window of Scoreline is open: the app on that tenant, with the alert in view.
    const opened = await context.newPage();
    await opened.goto(notification!.data.url);
    const banner = opened.getByRole('alert').filter({ hasText: 'Alert: The score falling below 400' });
    await expect(banner).toBeFocused();
    await expect(opened).not.toHaveURL(/alert=/);
    expect(await (await page.request.get('./sw.js')).text()).toContain('notification-click.js');
  });

  test('two open tabs: exactly one check per interval between them, one call per endpoint, and both show its reading', async ({ page, context }) => {
    await watchEveryFewSeconds(context);
    await openSignedIn(page, 412);
    await revealWholeDashboard(page);
    const second = await context.newPage();
    await second.goto('./');
    await expect(currentScore(second)).toHaveText('412');
    await expect(watchStatus(page)).toContainText('Next check');
    await expect(watchStatus(second)).toContainText('Next check');

    await emulator.clearLog();
    await expect.poll(() => emulator.apiCalls('configurationScore'), { timeout: 6 * INTERVAL_MS }).toBeGreaterThanOrEqual(4);
    const { api } = await emulator.log();
    const scoreCalls = api.filter((entry) => entry.endpoint === 'configurationScore').map((entry) => Date.parse(entry.at));
    const checks = scoreCalls.slice(0, 4);
    // Two tabs checking together would call within milliseconds of each other; one check per interval is seconds apart.
    for (let i = 1; i < checks.length; i += 1) expect(checks[i]! - checks[i - 1]!).toBeGreaterThanOrEqual(INTERVAL_MS * 0.8);
    for (let i = 0; i + 1 < checks.length; i += 1) {
      const inCheck = api.filter((entry) => Date.parse(entry.at) >= checks[i]! && Date.parse(entry.at) < checks[i + 1]!);
      const perEndpoint = Object.fromEntries(['configurationScore', 'exposureScore', 'exposureScoreByMachineGroups'].map((endpoint) => [endpoint, inCheck.filter((e) => e.endpoint === endpoint).length]));
      expect(perEndpoint).toEqual({ configurationScore: 1, exposureScore: 1, exposureScoreByMachineGroups: 1 });
    }

    await emulator.setScore(431);
    await expect(currentScore(page)).toHaveText('431', { timeout: 3 * INTERVAL_MS });
    await expect(currentScore(second)).toHaveText('431', { timeout: 3 * INTERVAL_MS });
  });

  test('every tenant signed in is watched: a customer tenant not on screen is read without a click', async ({ page, context }) => {
    await watchEveryFewSeconds(context);
    await emulator.setScore(356, NORTHWIND.id);
    await openSignedIn(page, 412);
    await page.getByRole('button', { name: 'Add a tenant' }).click();
    await addTenant(page, NORTHWIND.domain);
    await expect(currentScore(page)).toHaveText('356');
    await page.getByLabel('Tenant', { exact: true }).selectOption({ label: CONTOSO.domain });
    await expect(currentScore(page)).toHaveText('412');
    await revealWholeDashboard(page);
    await expect(watchStatus(page)).toContainText('Watching 2 tenants');

    // Northwind is not on screen and nothing is clicked: its change still comes in, read with its own token.
    await emulator.setScore(349, NORTHWIND.id);
    const northwindScores = async () => (await storedRows<{ tenantId: string; score: number }>(page, 'runs')).filter((row) => row.value.tenantId === NORTHWIND.id).map((row) => row.value.score);
    await expect.poll(northwindScores, { timeout: 5 * INTERVAL_MS }).toContain(349);
    await expect(currentScore(page)).toHaveText('412');
    expect((await emulator.log()).counts.api.configurationScore?.byTenant[NORTHWIND.id]).toBeGreaterThanOrEqual(2);
  });
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`watching, accessibly (${colorScheme})`, () => {
    test.use({ colorScheme });
    test.describe.configure({ timeout: 60_000 });

    test(`a goal shows on the chart and under the score; the Watch section and an alert pass an accessibility check (${colorScheme})`, async ({ page, context }) => {
      await watchEveryFewSeconds(context);
      await openSignedIn(page, 412);
      await revealWholeDashboard(page);
      await page.getByRole('textbox', { name: 'Target score' }).fill('450');
      await page.getByRole('button', { name: 'Save goal' }).click();
      await expect(page.getByTestId('goal-progress')).toHaveText(/^Goal: 450 points\. 38 points to go; too little history yet for a pace \(a least-squares fit over the last 30 days/);
      await expect(page.getByRole('img', { name: /The goal, 450 points, is a dashed line/ })).toBeVisible();
      await addDropRule(page, 5);
      await emulator.setScore(400);
      await expect(page.getByRole('alert').filter({ hasText: 'Alert: A drop of at least 5 points' })).toBeVisible({ timeout: 4 * INTERVAL_MS });
      await expect(page.getByTestId('goal-progress')).toContainText('50 points to go');
      expect(await axeViolations(page)).toEqual([]);
    });
  });
}
