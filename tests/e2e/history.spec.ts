import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Page } from '@playwright/test';
import { AVERY_ADMIN, CONTOSO, CONTOSO_TENANT_ID, FABIAN_OPS, FABRIKAM, FABRIKAM_TENANT_ID } from '../../emulator/demo.mjs';
import { currentScore, emulator, expect, historyRows, openSignedIn, historyTable, test, revealWholeDashboard } from './fixtures';

const DAY = 86_400_000;

async function takeReading(page: Page, score: number): Promise<void> {
  await emulator.setScore(score);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(currentScore(page)).toHaveText(String(score));
}

async function download(page: Page, buttonName: string): Promise<{ name: string; text: string }> {
  const button = page.getByRole('button', { name: buttonName });
  await revealWholeDashboard(page, button);
  const downloaded = page.waitForEvent('download');
  await button.click();
  const file = await downloaded;
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

function tableText(page: Page): Promise<string[]> {
  return historyRows(page).allInnerTexts();
}

async function importFile(page: Page, name: string, content: string): Promise<void> {
  const path = join(mkdtempSync(join(tmpdir(), 'scoreline-import-')), name);
  writeFileSync(path, content);
  await revealWholeDashboard(page, page.getByRole('button', { name: 'Import…' }));
  await page.locator('input[type=file]').setInputFiles(path);
}

test('export, delete, import: the same history comes back, notes included', async ({ page }) => {
  await openSignedIn(page, 400);
  await takeReading(page, 415);
  await takeReading(page, 409);
  await historyRows(page).nth(2).getByRole('button', { name: /Add note/ }).click();
  await page.getByLabel(/^Note/).fill('enabled ASR rules, "block" mode');
  await page.getByRole('button', { name: 'Save note' }).click();
  await expect(historyRows(page).nth(2)).toContainText('enabled ASR rules, "block" mode');
  // The note is on the chart too (a marked point, described for screen readers).
  await expect(page.getByRole('img', { name: /Notes: .*enabled ASR rules, "block" mode/ })).toBeVisible();
  const before = await tableText(page);

  const downloadedPng = page.waitForEvent('download');
  await revealWholeDashboard(page, page.getByRole('button', { name: 'Save chart as PNG' }));
  await page.getByRole('button', { name: 'Save chart as PNG' }).click();
  const png = await downloadedPng;
  expect(png.suggestedFilename()).toMatch(/^scoreline-contoso\.example-\d{4}-\d{2}-\d{2}\.png$/);
  expect(readFileSync(await png.path()).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

  const json = await download(page, 'Export JSON');
  expect(json.name).toMatch(/^scoreline-contoso\.example-\d{4}-\d{2}-\d{2}\.json$/);
  const document = JSON.parse(json.text);
  expect(document).toMatchObject({ app: 'Scoreline', version: 4 });
  // Every refresh kept the exposure score and the device groups too: they travel with the history.
  expect(document.series.length).toBeGreaterThan(0);
  expect(document.runs.map((run: { score: number }) => run.score)).toEqual([400, 415, 409]);
  expect(document.notes).toMatchObject([{ text: 'enabled ASR rules, "block" mode' }]);

  const csv = await download(page, 'Export CSV');
  expect(csv.name).toMatch(/\.csv$/);
  expect(csv.text.split(/\r\n/)[0]).toBe('first_seen,last_seen,score,tenant,series,group_name,note,tenant_label');

  await revealWholeDashboard(page, page.getByRole('button', { name: 'Delete this tenant’s local history' }));
  await page.getByRole('button', { name: 'Delete this tenant’s local history' }).click();
  const confirm = page.getByRole('dialog', { name: /Delete contoso\.example’s local history/ });
  await confirm.getByRole('button', { name: 'Delete 3 changes' }).click();
  await expect(page.getByText('Each change of the score appears here')).toBeVisible();

  await importFile(page, json.name, json.text);
  const summary = page.getByRole('dialog', { name: /Import/ });
  await expect(summary).toContainText('The file holds 3 score changes from 1 tenant; all are new.');
  await expect(summary).toContainText('It also holds 1 note; it is new.');
  await summary.getByRole('button', { name: /^Add 3 changes, 1 note and \d+ other records$/ }).click();
  await expect(page.getByText(/^Imported 3 score changes, 1 note and \d+ exposure records? from/)).toBeVisible();
  await expect(historyRows(page)).toHaveCount(before.length);
  expect(await tableText(page)).toEqual(before);

  // Importing the CSV of the same history adds nothing and changes nothing.
  await importFile(page, csv.name, csv.text);
  await expect(summary).toContainText('The file holds 3 score changes from 1 tenant; all are already in your history.');
  await expect(summary).toContainText('It also holds 1 note; it is already in your history.');
  await expect(summary.getByRole('button', { name: 'Nothing to add' })).toBeDisabled();
  await summary.getByRole('button', { name: 'Cancel' }).click();
  await expect(summary).toHaveCount(0);
  expect(await tableText(page)).toEqual(before);
});

test('a broken or hostile file is refused or skipped with reasons, and stores nothing invalid', async ({ page }) => {
  await openSignedIn(page, 400);
  await importFile(page, 'notes.txt', 'hello');
  await expect(page.getByRole('alert')).toContainText('was not imported');

  await importFile(page, 'history.json', '{"app":"Scoreline","format":"scoreline.history","version":1,"readings":[{"tenantId"');
  await expect(page.getByRole('alert')).toContainText('was not imported');

  const now = Date.now();
  const csv = [
    'time,score,tenant,note',
    `${new Date(now - 3 * DAY).toISOString()},398,${CONTOSO_TENANT_ID},<img src=x onerror="window.__injected=1">`,
    `${new Date(now - 2 * DAY).toISOString()},1e400,${CONTOSO_TENANT_ID},`,
    `${new Date(now + 30 * DAY).toISOString()},401,${CONTOSO_TENANT_ID},from the future`,
    `${new Date(now - 1 * DAY).toISOString()},402,${CONTOSO_TENANT_ID},"=HYPERLINK(""http://evil.example"")"`,
  ].join('\n');
  await importFile(page, 'history.csv', csv);
  const summary = page.getByRole('dialog', { name: /Import/ });
  await expect(summary).toContainText('The file holds 1 reading from 1 tenant (1 score change once folded); it is new.');
  await expect(summary).toContainText('3 invalid, skipped');
  await expect(summary).toContainText(/Line 2: .*markup/);
  await expect(summary).toContainText(/Line 3: .*1e400/);
  await expect(summary).toContainText(/Line 4: .*future/);
  await summary.getByRole('button', { name: 'Add 1 change' }).click();
  await expect(historyRows(page)).toHaveCount(3);
  // A formula is kept as plain text (and neutralised again on export); markup never got in.
  await expect(historyTable(page)).toContainText('=HYPERLINK("http://evil.example")');
  await expect(historyTable(page)).not.toContainText('<img');
  expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
});

test('ranges filter the chart, the table and the statistics together', async ({ page }) => {
  await openSignedIn(page, 420);
  const now = Date.now();
  const rows = [400, 380, 390, 410].map((score, i) => `${new Date(now - [200, 60, 20, 3][i]! * DAY).toISOString()},${score},${CONTOSO_TENANT_ID},`);
  await importFile(page, 'old.csv', ['time,score,tenant,note', ...rows].join('\n'));
  await page.getByRole('dialog', { name: /Import/ }).getByRole('button', { name: 'Add 4 changes' }).click();

  await page.getByText('All', { exact: true }).click();
  await expect(historyRows(page)).toHaveCount(6);
  const stats = page.getByRole('region', { name: /Over all time/ });
  await expect(stats).toContainText('Lowest380');
  await expect(stats).toContainText('Highest420');
  await expect(stats).toContainText('+20');

  await page.getByText('7 days', { exact: true }).click();
  await expect(historyRows(page)).toHaveCount(3);
  const week = page.getByRole('region', { name: /Over the last 7 days/ });
  await expect(week).toContainText('Lowest410');
  // Single readings days apart: no time to weigh, so the average is a plain one, and says so.
  await expect(week).toContainText(/Average\s*415\s*of the readings/);
  // Checks days apart leave gaps: the statistics say how long, and the chart breaks its line there.
  await expect(week).toContainText(/Not checked for \d+ days of this range/);
  await expect(page.getByRole('img', { name: /1 change from .* The line breaks once/ })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('region', { name: /Over the last 7 days/ })).toBeVisible();
});

test('two tenants are kept apart, and switching shows each one’s history', async ({ page }) => {
  await emulator.setScore(287, FABRIKAM_TENANT_ID);
  await openSignedIn(page, 412);
  await page.getByRole('button', { name: 'Add a tenant' }).click();
  await page.getByRole('button', { name: 'Sign in with another account' }).click();
  await page.waitForURL(/\/authorize/);
  await page.getByRole('button', { name: FABIAN_OPS.name }).click();
  await expect(currentScore(page)).toHaveText('287');
  await expect(page.getByRole('banner')).toContainText(FABRIKAM.domain);
  await expect(historyRows(page)).toHaveCount(2);

  const tenant = page.getByLabel('Tenant', { exact: true });
  await tenant.selectOption({ label: CONTOSO.domain });
  await expect(currentScore(page)).toHaveText('412');
  await expect(page.getByRole('banner')).toContainText(AVERY_ADMIN.name);
  // Switching back read 412 again: it confirms Contoso's run instead of adding a row.
  await expect(page.getByTestId('score-confirmed')).toContainText('Last confirmed');
  await expect(historyRows(page)).toHaveCount(2);
  await expect(historyTable(page)).not.toContainText('287');

  await tenant.selectOption({ label: FABRIKAM.domain });
  await expect(currentScore(page)).toHaveText('287');
  await expect(historyTable(page)).not.toContainText('412');

  // Deleting Fabrikam's history leaves Contoso's alone.
  await revealWholeDashboard(page, page.getByRole('button', { name: 'Delete this tenant’s local history' }));
  await page.getByRole('button', { name: 'Delete this tenant’s local history' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /^Delete \d+ change/ }).click();
  await tenant.selectOption({ label: CONTOSO.domain });
  // Contoso's run at 412, which the reading that switching to its signed-in account takes confirms again.
  await expect(historyRows(page)).toHaveCount(2);
  await expect(historyTable(page)).not.toContainText('287');
});

test('a reading at the same score confirms the run on screen instead of adding a row', async ({ page }) => {
  await openSignedIn(page, 400);
  await takeReading(page, 415);
  await expect(historyRows(page)).toHaveCount(3);
  await emulator.setScore(415);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByTestId('score-held')).toContainText('Held since');
  await expect(page.getByTestId('score-confirmed')).toContainText('Last confirmed');
  await expect(historyRows(page)).toHaveCount(3);
  await expect(page.getByRole('heading', { name: 'History', exact: true }).locator('..')).toContainText('1 change');
  await expect(historyRows(page).nth(1)).toContainText('+15');
});

test('100,000 stored runs: the table pages, the chart draws, and "All" reads the older runs', async ({ page }) => {
  // Writing 100,000 runs and reading them back is heavy work on a small machine: room enough, never a timing.
  test.setTimeout(120_000);
  await openSignedIn(page, 500);
  await page.evaluate(async (tenantId) => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const open = indexedDB.open('scoreline');
      open.onsuccess = () => resolve(open.result);
    });
    const tx = db.transaction('runs', 'readwrite');
    const store = tx.objectStore('runs');
    const start = Date.now() - 100_000 * 600_000;
    for (let i = 0; i < 100_000; i += 1) {
      const firstSeen = start + i * 600_000;
      store.put({ tenantId, firstSeen, lastSeen: firstSeen + 300_000, score: 300 + Math.round(50 * Math.sin(i / 5000)) + (i % 2) * 10 });
    }
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  }, CONTOSO_TENANT_ID);
  await page.reload();
  await page.getByText('All', { exact: true }).click();
  // The stored runs and the run at 500 that signing in and reloading read: 100,001 runs, 100,000 changes.
  await expect(page.getByText(/100,?000 changes/).first()).toBeVisible({ timeout: 30_000 });
  await expect(historyRows(page)).toHaveCount(21);
  expect(await page.locator('tr').count()).toBeLessThan(30);
  await expect(page.getByRole('button', { name: 'Older' })).toBeEnabled();
  await page.getByText('30 days', { exact: true }).click();
  await expect(page.getByRole('region', { name: /Over the last 30 days/ })).toContainText('Changes');
});
