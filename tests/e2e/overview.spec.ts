import type { Page } from '@playwright/test';
import { CONTOSO, CONTOSO_TENANT_ID, FABIAN_OPS, FABRIKAM, FABRIKAM_TENANT_ID } from '../../emulator/demo.mjs';
import { currentScore, emulator, expect, openSignedIn, storedRows, test } from './fixtures';

/** Signs in to Contoso (412) and adds Fabrikam (287): two tenants, each with a reading. */
async function twoTenants(page: Page): Promise<void> {
  await emulator.setScore(287, FABRIKAM_TENANT_ID);
  await openSignedIn(page, 412);
  await page.getByRole('button', { name: 'Add a tenant' }).click();
  await page.getByRole('button', { name: 'Sign in with another account' }).click();
  await page.waitForURL(/\/authorize/);
  await page.getByRole('button', { name: FABIAN_OPS.name }).click();
  await expect(currentScore(page)).toHaveText('287');
}

function overviewRow(page: Page, domain: string) {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: domain }) });
}

/** Calls of the device score per tenant, as the emulator counted them. */
async function scoreCalls(tenantId: string): Promise<number> {
  return (await emulator.log()).counts.api.configurationScore?.byTenant[tenantId] ?? 0;
}

// Two sign-ins, then several refreshes: longer than most tests on a busy machine.
test.describe.configure({ timeout: 60_000 });

test('every tenant in the overview with its own score; refresh all updates the others while one is throttled', async ({ page }) => {
  await twoTenants(page);
  await page.getByRole('button', { name: '← All tenants' }).click();
  await expect(page.getByRole('heading', { name: 'All tenants' })).toBeVisible();
  await expect(overviewRow(page, CONTOSO.domain)).toContainText('412');
  await expect(overviewRow(page, FABRIKAM.domain)).toContainText('287');
  await expect(page.getByTestId('portfolio-average')).toHaveText('349.5');

  await emulator.setScore(420, CONTOSO_TENANT_ID);
  await emulator.setScore(300, FABRIKAM_TENANT_ID);
  await emulator.fault({ endpoint: 'configurationScore', status: 429, headers: { 'Retry-After': '600' }, tenantId: FABRIKAM_TENANT_ID });
  await emulator.clearLog();
  await page.getByRole('button', { name: 'Refresh all tenants' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Refreshed 2 of 2: 1 updated, 1 not.' })).toBeVisible();
  await expect(overviewRow(page, CONTOSO.domain)).toContainText('420');
  await expect(overviewRow(page, CONTOSO.domain)).toContainText('Up to date');
  await expect(overviewRow(page, FABRIKAM.domain)).toContainText('287');
  await expect(overviewRow(page, FABRIKAM.domain)).toContainText(/Throttled until .* \(\d+ min \d\d s\)/);
  await expect(page.getByRole('list', { name: 'Tenants not updated' })).toContainText(`${FABRIKAM.domain}: Throttled`);
  expect(await scoreCalls(FABRIKAM_TENANT_ID)).toBe(1);

  // Inside the Retry-After window, a second refresh of every tenant does not call the throttled one.
  await page.getByRole('button', { name: 'Refresh all tenants' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Refreshed 2 of 2' })).toBeVisible();
  expect(await scoreCalls(CONTOSO_TENANT_ID)).toBe(2);
  expect(await scoreCalls(FABRIKAM_TENANT_ID)).toBe(1);

  // Sorting by score puts the higher first; the filter narrows the table; a tenant's name opens its dashboard.
  await page.getByRole('button', { name: 'Device score', exact: true }).click();
  await expect(page.getByRole('rowheader').first()).toHaveText(CONTOSO.domain);
  await page.getByLabel('Show').selectOption({ label: 'Needing attention' });
  await expect(page.getByRole('rowheader')).toHaveText([FABRIKAM.domain]);
  await page.getByRole('button', { name: `Open the dashboard of ${FABRIKAM.domain}` }).click();
  await expect(currentScore(page)).toHaveText('287');
  await expect(page.getByRole('button', { name: '← All tenants' })).toBeVisible();

  // A new tab starts on the overview, now that there are two tenants.
  const second = await page.context().newPage();
  await second.goto('./');
  await expect(second.getByRole('heading', { name: 'All tenants' })).toBeVisible();
  await second.close();
});

test('cancelling refresh all, or closing the page mid-way, keeps every reading already taken', async ({ page }) => {
  await twoTenants(page);
  await page.getByRole('button', { name: '← All tenants' }).click();
  await emulator.setScore(430, CONTOSO_TENANT_ID);
  await emulator.setScore(310, FABRIKAM_TENANT_ID);
  await emulator.fault({ endpoint: 'configurationScore', delayMs: 4_000, tenantId: FABRIKAM_TENANT_ID });
  await page.getByRole('button', { name: 'Refresh all tenants' }).click();
  await expect(overviewRow(page, CONTOSO.domain)).toContainText('430');
  await expect(page.getByRole('status').filter({ hasText: 'Refreshing: 1 of 2' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel refresh' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Cancelled: 2 of 2 refreshed/ })).toBeVisible();
  await expect(overviewRow(page, FABRIKAM.domain)).toContainText('310');

  // Closing the page while a tenant's call is under way: the readings taken before it are kept.
  // (Fabrikam's score stays: the reload refreshes the tenant signed in last, whatever it reads.)
  await emulator.setScore(440, CONTOSO_TENANT_ID);
  await emulator.fault({ endpoint: 'configurationScore', delayMs: 10_000, tenantId: FABRIKAM_TENANT_ID });
  await page.getByRole('button', { name: 'Refresh all tenants' }).click();
  await expect(overviewRow(page, CONTOSO.domain)).toContainText('440');
  await page.reload();
  await expect(overviewRow(page, CONTOSO.domain)).toContainText('440');
  await expect(overviewRow(page, FABRIKAM.domain)).toContainText('310');
  const runs = await storedRows<{ tenantId: string; score: number }>(page, 'runs');
  expect(runs.filter((row) => row.value.tenantId === CONTOSO_TENANT_ID).map((row) => row.value.score)).toEqual(expect.arrayContaining([412, 430, 440]));
});

test('why a tenant failed stays in the overview after a reload, until its next reading', async ({ page }) => {
  await twoTenants(page);
  await page.getByRole('button', { name: '← All tenants' }).click();
  // Contoso fails: the reload refreshes only the tenant signed in last (Fabrikam), so Contoso's words come from storage.
  await emulator.fault({ endpoint: 'configurationScore', status: 403, tenantId: CONTOSO_TENANT_ID });
  await page.getByRole('button', { name: 'Refresh all tenants' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Refreshed 2 of 2: 1 updated, 1 not.' })).toBeVisible();
  await expect(overviewRow(page, CONTOSO.domain)).toContainText('Failed:');
  const why = await overviewRow(page, CONTOSO.domain).getByText(/^Failed:/).textContent();

  await emulator.clearLog();
  await page.reload();
  await expect(overviewRow(page, CONTOSO.domain)).toContainText(why!);
  await expect(overviewRow(page, FABRIKAM.domain)).toContainText('Up to date');
  expect(await scoreCalls(CONTOSO_TENANT_ID)).toBe(0);

  await emulator.clearFaults();
  await page.getByRole('button', { name: 'Refresh all tenants' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Refreshed 2 of 2: 2 updated' })).toBeVisible();
  await page.reload();
  await expect(overviewRow(page, CONTOSO.domain)).toContainText('Up to date');
});
