import { AVERY_ADMIN, CONTOSO, FABIAN_OPS, FABRIKAM, NORTHWIND } from '../../emulator/demo.mjs';
import { addTenant, currentScore, emulator, expect, historyTable, openSignedIn, signOutEverywhere, test, revealWholeDashboard } from './fixtures';
import type { Page } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What MSAL keeps in this browser: the keys of web storage that name an account or a token. */
async function msalAccountsAndTokens(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const keys = [...Object.keys(localStorage), ...Object.keys(sessionStorage)];
    const lists = ['msal.account.keys', ...keys.filter((key) => key.startsWith('msal.token.keys'))].map((key) => localStorage.getItem(key) ?? sessionStorage.getItem(key) ?? '');
    const listed = lists.flatMap((text) => {
      const value: unknown = text ? JSON.parse(text) : [];
      return Array.isArray(value) ? value : Object.values(value as Record<string, string[]>).flat();
    });
    const entries = keys.filter((key) => /accesstoken|refreshtoken|idtoken|\|account\||active-account/i.test(key));
    return [...listed.map(String), ...entries];
  });
}

test('one sign-in reads a customer tenant added by domain, apart from the home tenant; a tenant without access is told why; signing out of everything leaves no account or token and keeps every history', async ({ page, context }) => {
  // A whole story: sign-in, two added tenants, a refusal, and a sign-out redirect per account.
  test.setTimeout(90_000);
  await emulator.setScore(356, NORTHWIND.id);
  await openSignedIn(page, 412);
  await page.getByRole('button', { name: 'Add a tenant' }).click();

  // What is not a tenant is refused before anything is asked of Entra.
  await addTenant(page, AVERY_ADMIN.username);
  await expect(page.getByRole('alert')).toContainText('That is an email address');

  const signInPages = async () => (await emulator.log()).authorize.filter((visit) => visit.prompt !== 'none').length;
  const authorizeBefore = await signInPages();
  await addTenant(page, NORTHWIND.domain);
  await expect(page.getByRole('status').filter({ hasText: `Added ${NORTHWIND.domain}` })).toBeVisible();
  await expect(currentScore(page)).toHaveText('356');
  await expect(page.getByRole('banner')).toContainText(NORTHWIND.domain);
  await expect(page.getByRole('banner')).toContainText(AVERY_ADMIN.name);
  // Silent: the account's refresh token through Northwind's authority, no trip to the sign-in page.
  expect((await emulator.log()).authorize.length, 'no sign-in page').toBe(authorizeBefore);
  const byTenant = (await emulator.log()).counts.api.configurationScore?.byTenant ?? {};
  expect(byTenant[NORTHWIND.id]).toBe(1);
  expect(byTenant[CONTOSO.id]).toBe(1);

  // Each tenant keeps its own history, and switching reads each with its own token.
  const tenant = page.getByLabel('Tenant', { exact: true });
  await tenant.selectOption({ label: CONTOSO.domain });
  await expect(currentScore(page)).toHaveText('412');
  await expect(historyTable(page)).not.toContainText('356');
  await tenant.selectOption({ label: NORTHWIND.domain });
  await expect(currentScore(page)).toHaveText('356');
  await expect(historyTable(page)).not.toContainText('412');
  await expect.poll(async () => (await emulator.log()).counts.api.configurationScore?.byTenant[NORTHWIND.id]).toBe(2);

  // A tenant the account has no access to: Entra's code and what an admin must set up, nothing added.
  await addTenant(page, FABRIKAM.domain);
  const refusal = page.getByRole('alert').filter({ hasText: `Your account has no access to ${FABRIKAM.domain}` });
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText('AADSTS50020');
  await expect(refusal).toContainText('GDAP relationship');
  await expect(refusal.getByRole('button', { name: 'Sign in to this tenant' })).toHaveCount(0);
  await expect(tenant.locator('option')).toHaveText([CONTOSO.domain, NORTHWIND.domain]);
  await expect(currentScore(page)).toHaveText('356');

  // A second person in the same browser, so signing out has two Microsoft sessions to end.
  await page.getByRole('button', { name: 'Sign in with another account' }).click();
  await page.waitForURL(/\/authorize/);
  await page.getByRole('button', { name: FABIAN_OPS.name }).click();
  await expect(currentScore(page)).toHaveText('287');
  expect((await emulator.sessions()).flatMap((s) => s.usernames).sort()).toEqual([AVERY_ADMIN.username, FABIAN_OPS.username].sort());
  expect(await msalAccountsAndTokens(page)).not.toEqual([]);

  await signOutEverywhere(page);
  expect(await msalAccountsAndTokens(page)).toEqual([]);
  expect(await emulator.sessions()).toEqual([]);
  expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain('emu_session');
  // Every tenant's history is still here.
  await expect(tenant.locator('option')).toHaveText([CONTOSO.domain, FABRIKAM.domain, NORTHWIND.domain]);
  await tenant.selectOption({ label: NORTHWIND.domain });
  await expect(currentScore(page)).toHaveText('356');
  await tenant.selectOption({ label: CONTOSO.domain });
  await expect(currentScore(page)).toHaveText('412');

  // Nothing signs anyone in again by itself.
  const visits = (await emulator.log()).authorize.length;
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign in', exact: true }).first()).toBeVisible();
  expect((await emulator.log()).authorize.length).toBe(visits);
});

const MFA_REQUIRED =
  'AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the resource.';

test('when Entra asks for a sign-in to the customer tenant, it happens only on a click, and the tenant comes back under the name it was added by', async ({ page }) => {
  await emulator.setScore(356, NORTHWIND.id);
  await openSignedIn(page, 412);
  await emulator.fault({
    endpoint: 'token',
    tenantId: NORTHWIND.id,
    status: 400,
    error: 'invalid_grant',
    errorDescription: MFA_REQUIRED,
  });
  // MSAL then tries the hidden frame, which Entra answers the same way.
  await emulator.fault({ endpoint: 'authorize', tenantId: NORTHWIND.id, error: 'interaction_required', errorDescription: MFA_REQUIRED });
  await page.getByRole('button', { name: 'Add a tenant' }).click();
  const signInPages = async () => (await emulator.log()).authorize.filter((visit) => visit.prompt !== 'none').length;
  const authorizeBefore = await signInPages();
  await addTenant(page, NORTHWIND.domain);
  const asked = page.getByRole('alert').filter({ hasText: `Microsoft asks you to sign in to ${NORTHWIND.domain}` });
  await expect(asked).toBeVisible();
  await expect(asked).toContainText('AADSTS50076');
  expect(await signInPages(), 'no sign-in page before the click').toBe(authorizeBefore);
  await expect(currentScore(page)).toHaveText('412');

  await asked.getByRole('button', { name: 'Sign in to this tenant' }).click();
  // The live Microsoft session and the account's name as the hint: no account picker, straight back.
  await expect(currentScore(page)).toHaveText('356');
  await expect(page.getByRole('banner')).toContainText(NORTHWIND.domain);
  await expect(page.getByLabel('Tenant', { exact: true }).locator('option')).toHaveText([CONTOSO.domain, NORTHWIND.domain]);
  expect((await emulator.log()).authorize.at(-1)).toMatchObject({ outcome: 'code', oid: AVERY_ADMIN.oid });
});

test('one file for every tenant, and its import says what each tenant brings before anything is written', async ({ page }) => {
  await emulator.setScore(356, NORTHWIND.id);
  await openSignedIn(page, 412);
  await page.getByRole('button', { name: 'Add a tenant' }).click();
  await addTenant(page, NORTHWIND.domain);
  await expect(currentScore(page)).toHaveText('356');

  await revealWholeDashboard(page, page.getByRole('radio', { name: /Every tenant \(2\), in one file/ }));
  await page.getByRole('radio', { name: /Every tenant \(2\), in one file/ }).check();
  const downloaded = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const file = await downloaded;
  expect(file.suggestedFilename()).toMatch(/^scoreline-2-tenants-.*\.json$/);
  const text = readFileSync(await file.path(), 'utf8');
  const exported = JSON.parse(text) as { runs: { tenantId: string; score: number }[] };
  expect(exported.runs.map((run) => [run.tenantId, run.score]).sort()).toEqual([[CONTOSO.id, 412], [NORTHWIND.id, 356]].sort());

  // Northwind's history goes; the file brings it back, and says so tenant by tenant first.
  await page.getByRole('button', { name: 'Delete this tenant’s local history' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /^Delete \d+ change/ }).click();
  const path = join(mkdtempSync(join(tmpdir(), 'scoreline-tenants-')), file.suggestedFilename());
  writeFileSync(path, text);
  await page.locator('input[type=file]').setInputFiles(path);
  const preview = page.getByRole('dialog', { name: /Import/ });
  await expect(preview.getByRole('heading', { name: 'By tenant' })).toBeVisible();
  // The exposure and device-group runs each refresh kept come along as "other records".
  await expect(preview).toContainText(/contoso\.example: 1 score change, all already in your history; \d+ other records, all already in your history\./);
  await expect(preview).toContainText(/northwind\.example: 1 score change, new; \d+ other records, all new\./);
  await preview.getByRole('button', { name: /^Add 1 change/ }).click();
  await expect(page.getByText(/^Imported 1 score change/)).toBeVisible();
  await expect(currentScore(page)).toHaveText('356');
});
