import { writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { expect, openSignedIn, test } from './fixtures';

const CONTOSO = '3d0c6b6e-7a1f-4c3e-9d2a-5f1b8c4e0a11';
const HOUR = 3_600_000;
const COUNT = 30_000;

test('a file of 30,000 readings imports through the dialog, every reading stored', async ({ page }) => {
  test.setTimeout(90_000);
  await openSignedIn(page, 412);

  const newest = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
  const rows = Array.from({ length: COUNT }, (_, i) => `${new Date(newest - i * HOUR).toISOString()},${300 + (i % 50)},${CONTOSO},`);
  const path = join(mkdtempSync(join(tmpdir(), 'scoreline-import-')), 'large.csv');
  writeFileSync(path, ['time,score,tenant,note', ...rows].join('\n'));

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import…' }).click();
  await (await chooser).setFiles(path);
  const summary = page.getByRole('dialog', { name: /Import/ });
  await expect(summary).toContainText(`${COUNT} new readings will be added`, { timeout: 20_000 });
  await summary.getByRole('button', { name: `Add ${COUNT} readings` }).click();
  await expect(page.getByText(`Imported ${COUNT} new readings`)).toBeVisible({ timeout: 30_000 });

  const stored = await page.evaluate(async (tenantId) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('scoreline');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      return await new Promise<number>((resolve, reject) => {
        const count = db.transaction('readings').objectStore('readings').count(IDBKeyRange.bound([tenantId, -Infinity], [tenantId, Infinity]));
        count.onsuccess = () => resolve(count.result);
        count.onerror = () => reject(count.error);
      });
    } finally {
      db.close();
    }
  }, CONTOSO);
  // The imported readings and the one taken at sign-in.
  expect(stored).toBe(COUNT + 1);
});
