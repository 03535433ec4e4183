import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { AVERY_ADMIN } from '../../emulator/demo.mjs';
import { emulator, expect, openSignedIn, revealWholeDashboard, test, scoreChartCanvas } from './fixtures';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page (WCAG 2.1 A and AA, and best practices) and returns its violations. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations;
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`no accessibility violations (${colorScheme})`, () => {
    test.use({ colorScheme });

    test('signed out', async ({ page }) => {
      await page.goto('./');
      await expect(page.getByRole('button', { name: 'Sign in', exact: true }).first()).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
    });

    test('signed in, with history, chart and statistics', async ({ page }) => {
      await openSignedIn(page);
      await emulator.setScore(420);
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect(page.getByTestId('score-change')).toContainText('+8');
      await expect(scoreChartCanvas(page)).toBeVisible();
      // Every part, also those that load when they come near the screen.
      await revealWholeDashboard(page);
      await expect(page.getByRole('heading', { name: 'Exposure score' })).toBeAttached();
      expect(await axeViolations(page)).toEqual([]);
    });

    test('an error and a warning on screen', async ({ page, context }) => {
      await openSignedIn(page);
      await emulator.fault({ endpoint: 'configurationScore', status: 403 });
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect(page.getByRole('alert')).toBeVisible();
      await context.setOffline(true);
      await expect(page.getByText('Offline', { exact: true })).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
      await context.setOffline(false);
    });

    test('settings, the note dialog and the delete confirmation', async ({ page }) => {
      await openSignedIn(page);
      await expect(page.getByLabel('API region')).toBeVisible();
      await page.getByRole('button', { name: /Add note/ }).first().click();
      await expect(page.getByRole('dialog')).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Cancel' }).click();
      await revealWholeDashboard(page, page.getByRole('button', { name: 'Delete this tenant’s local history' }));
      await page.getByRole('button', { name: 'Delete this tenant’s local history' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
    });

    test('the setup screen', async ({ page }) => {
      await page.route('**/config.json', (route) => route.fulfill({ contentType: 'application/json', body: '{"cloud":"mars"}' }));
      await page.goto('./');
      await expect(page.getByRole('heading', { name: 'Scoreline needs setting up' })).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
    });
  });
}

test('the whole flow works from the keyboard', async ({ page }) => {
  await emulator.setScore(412);
  await page.goto('./');
  // The intro shows at once; its Sign in works once MSAL has started.
  await expect(page.getByRole('button', { name: 'Sign in', exact: true }).first()).toBeEnabled();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Sign in', exact: true }).first()).toBeFocused();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/authorize/);
  await page.getByRole('button', { name: AVERY_ADMIN.name }).click();
  const refresh = page.getByRole('button', { name: 'Refresh' });
  await expect(page.getByTestId('current-score')).toHaveText('412');
  // The refresh after signing in reads the exposure score and groups too: Refresh is offered again once it is done.
  await expect(refresh).toBeEnabled();
  await emulator.setScore(430);
  await refresh.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-score')).toHaveText('430');
  // Ranges are a radio group: arrow keys move between them.
  await page.getByRole('radio', { name: '90 days' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: '1 year' })).toBeChecked();
});

test.describe('on a phone-sized screen', () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

  test('nothing is wider than the screen, signed out or signed in with history', async ({ page }) => {
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.goto('./');
    await expect(page.getByRole('button', { name: 'Sign in', exact: true }).first()).toBeVisible();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await openSignedIn(page);
    await emulator.setScore(420);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByTestId('current-score')).toHaveText('420');
    await expect(scoreChartCanvas(page)).toBeVisible();
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
  });
});
