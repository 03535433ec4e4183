import { writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { CONTOSO_TENANT_ID } from '../../emulator/demo.mjs';
import { expect, openSignedIn, storedRows, test } from './fixtures';
import type { Reading } from '../../src/lib/history/reading';

const HOUR = 3_600_000;
const COUNT = 30_000;
// The browser's locale is en-US: counts are written with a thousands separator.
const COUNT_TEXT = COUNT.toLocaleString('en-US');

test('a file of 30,000 readings imports through the dialog, every reading stored', async ({ page }) => {
  test.setTimeout(90_000);
  await openSignedIn(page, 412);

  const newest = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
  const rows = Array.from({ length: COUNT }, (_, i) => `${new Date(newest - i * HOUR).toISOString()},${300 + (i % 50)},${CONTOSO_TENANT_ID},`);
  const path = join(mkdtempSync(join(tmpdir(), 'scoreline-import-')), 'large.csv');
  writeFileSync(path, ['time,score,tenant,note', ...rows].join('\n'));

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import…' }).click();
  await (await chooser).setFiles(path);
  const summary = page.getByRole('dialog', { name: /Import/ });
  await expect(summary).toContainText(`${COUNT_TEXT} new readings will be added`, { timeout: 20_000 });
  await summary.getByRole('button', { name: `Add ${COUNT_TEXT} readings` }).click();
  await expect(page.getByText(`Imported ${COUNT_TEXT} new readings`)).toBeVisible({ timeout: 30_000 });

  const stored = (await storedRows<Reading>(page, 'readings')).filter((row) => row.value.tenantId === CONTOSO_TENANT_ID);
  // The imported readings and the one taken at sign-in.
  expect(stored).toHaveLength(COUNT + 1);
});

test('an import being written can be cancelled, and leaves the history exactly as it was', async ({ page }) => {
  test.setTimeout(120_000);
  await openSignedIn(page, 412);
  const before = await storedRows<Reading>(page, 'readings');

  // Large enough that writing takes seconds: the cancel lands before the commit.
  const many = 100_000;
  const newest = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
  const rows = Array.from({ length: many }, (_, i) => `${new Date(newest - i * HOUR).toISOString()},${300 + (i % 50)},${CONTOSO_TENANT_ID},`);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import…' }).click();
  await (await chooser).setFiles({ name: 'years.csv', mimeType: 'text/csv', buffer: Buffer.from(['time,score,tenant,note', ...rows].join('\n')) });
  const dialog = page.getByRole('dialog', { name: /Import/ });
  await dialog.getByRole('button', { name: `Add ${many.toLocaleString('en-US')} readings` }).click({ timeout: 30_000 });
  await expect(dialog.getByRole('status')).toContainText(`of ${many.toLocaleString('en-US')} written`);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await expect(page.getByText('The import of “years.csv” was cancelled. Nothing from the file was added, and your history is unchanged.')).toBeVisible({
    timeout: 30_000,
  });
  expect(await storedRows<Reading>(page, 'readings')).toEqual(before);
});
