import type { Page } from '@playwright/test';
import { CONTOSO, NORTHWIND } from '../../emulator/demo.mjs';
import { addTenant, currentScore, emulator, expect, historyTable, openSignedIn, test } from './fixtures';

function overviewRow(page: Page, domain: string) {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: domain }) });
}

async function scoreCalls(tenantId: string): Promise<number> {
  return (await emulator.log()).counts.api.configurationScore?.byTenant[tenantId] ?? 0;
}

test('stopping signing in to a customer tenant keeps its history, and refreshing all tenants then asks nothing for it', async ({ page }) => {
  test.setTimeout(60_000);
  await emulator.setScore(356, NORTHWIND.id);
  await openSignedIn(page, 412);
  await page.getByRole('button', { name: 'Add a tenant' }).click();
  await addTenant(page, NORTHWIND.domain);
  await expect(currentScore(page)).toHaveText('356');

  await page.getByRole('button', { name: 'Sign out…' }).click();
  const menu = page.getByRole('group', { name: 'Sign out' });
  await expect(menu.getByRole('button', { name: `Stop signing in to ${CONTOSO.domain}` })).toHaveCount(0);
  await menu.getByRole('button', { name: `Stop signing in to ${NORTHWIND.domain}` }).click();
  await expect(menu.getByRole('status')).toHaveText(`This browser no longer signs in to ${NORTHWIND.domain}. Its history is still here.`);
  await expect(menu.getByRole('button', { name: `Stop signing in to ${NORTHWIND.domain}` })).toHaveCount(0);
  // Still signed in to the account's own tenant.
  await expect(page.getByRole('banner')).toContainText(CONTOSO.domain);

  // Any token asked for Northwind from here on would be answered with this, and logged.
  await emulator.fault({ endpoint: 'token', tenantId: NORTHWIND.id, status: 400, error: 'invalid_grant', errorDescription: 'AADSTS50076: a sign-in is needed.', times: 'always' });
  await emulator.setScore(420, CONTOSO.id);
  await emulator.setScore(360, NORTHWIND.id);
  await page.reload();
  // The account's own tenant is shown and read at start-up, as before.
  await expect(page.getByRole('banner')).toContainText(CONTOSO.domain);
  await expect(currentScore(page)).toHaveText('420');
  await page.getByRole('button', { name: '← All tenants' }).click();
  await expect(page.getByRole('heading', { name: 'All tenants' })).toBeVisible();
  await expect(overviewRow(page, NORTHWIND.domain)).toContainText('356');
  await expect(overviewRow(page, NORTHWIND.domain).getByRole('button', { name: `Sign in to ${NORTHWIND.domain}` })).toBeVisible();
  const northwindCalls = await scoreCalls(NORTHWIND.id);
  const contosoCalls = await scoreCalls(CONTOSO.id);

  await page.getByRole('button', { name: 'Refresh all tenants' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Refreshed 2 of 2: 1 updated, 1 not.' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Tenants not updated' })).toContainText(NORTHWIND.domain);
  await expect(overviewRow(page, CONTOSO.domain)).toContainText('420');
  expect(await scoreCalls(CONTOSO.id)).toBe(contosoCalls + 1);
  expect(await scoreCalls(NORTHWIND.id)).toBe(northwindCalls);
  expect((await emulator.log()).token.filter((entry) => entry.status === 400)).toEqual([]);

  // Its history is still here.
  await page.getByRole('button', { name: `Open the dashboard of ${NORTHWIND.domain}` }).click();
  await expect(currentScore(page)).toHaveText('356');
  await expect(historyTable(page)).toContainText('356');
});
