import { writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { CONTOSO_TENANT_ID } from '../../emulator/demo.mjs';
import { expect, openSignedIn, storedRows, test, revealWholeDashboard } from './fixtures';
import type { Run } from '../../src/lib/history/run';

const HOUR = 3_600_000;
const COUNT = 30_000;
// The browser's locale is en-US: counts are written with a thousands separator.
const en = (count: number) => count.toLocaleString('en-US');

test('a version 1 file of 30,000 readings imports through the dialog, folded into runs', async ({ page }) => {
  test.setTimeout(90_000);
  await openSignedIn(page, 412);

  // The score changes every ten readings: 3,000 runs of ten hourly readings each.
  const newest = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
  const rows = Array.from({ length: COUNT }, (_, i) => `${new Date(newest - i * HOUR).toISOString()},${300 + (Math.floor(i / 10) % 50)},${CONTOSO_TENANT_ID},`);
  const path = join(mkdtempSync(join(tmpdir(), 'scoreline-import-')), 'large.csv');
  writeFileSync(path, ['time,score,tenant,note', ...rows].join('\n'));
  const runs = COUNT / 10;

  await revealWholeDashboard(page, page.getByRole('button', { name: 'Import…' }));
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import…' }).click();
  await (await chooser).setFiles(path);
  const summary = page.getByRole('dialog', { name: /Import/ });
  await expect(summary).toContainText(`The file holds ${en(COUNT)} readings from 1 tenant (${en(runs)} score changes once folded); all are new.`, {
    timeout: 20_000,
  });
  await summary.getByRole('button', { name: `Add ${en(runs)} changes` }).click();
  await expect(page.getByText(`Imported ${en(runs)} score changes`)).toBeVisible({ timeout: 30_000 });

  const stored = (await storedRows<Run>(page, 'runs')).filter((row) => row.value.tenantId === CONTOSO_TENANT_ID);
  // The imported runs and the one of the reading taken at sign-in.
  expect(stored).toHaveLength(runs + 1);
  const oldest = stored.map((row) => row.value).sort((a, b) => a.firstSeen - b.firstSeen)[0];
  expect(oldest).toEqual({ tenantId: CONTOSO_TENANT_ID, firstSeen: newest - (COUNT - 1) * HOUR, lastSeen: newest - (COUNT - 10) * HOUR, score: 300 + ((runs - 1) % 50) });
});

test('an import being written can be cancelled, and leaves the history exactly as it was', async ({ page }) => {
  test.setTimeout(120_000);
  await openSignedIn(page, 412);
  const before = [await storedRows<Run>(page, 'runs'), await storedRows(page, 'notes')];

  // Large enough that writing takes seconds: the cancel lands before the commit. No two readings in a row share a score.
  const many = 100_000;
  const newest = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
  const rows = Array.from({ length: many }, (_, i) => `${new Date(newest - i * HOUR).toISOString()},${300 + (i % 50)},${CONTOSO_TENANT_ID},`);
  await revealWholeDashboard(page, page.getByRole('button', { name: 'Import…' }));
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import…' }).click();
  await (await chooser).setFiles({ name: 'years.csv', mimeType: 'text/csv', buffer: Buffer.from(['time,score,tenant,note', ...rows].join('\n')) });
  const dialog = page.getByRole('dialog', { name: /Import/ });
  await dialog.getByRole('button', { name: `Add ${en(many)} changes` }).click({ timeout: 30_000 });
  await expect(dialog.getByRole('status')).toContainText(`of ${en(many)} written`);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await expect(page.getByText('The import of “years.csv” was cancelled. Nothing from the file was added, and your history is unchanged.')).toBeVisible({
    timeout: 30_000,
  });
  expect([await storedRows<Run>(page, 'runs'), await storedRows(page, 'notes')]).toEqual(before);
});
