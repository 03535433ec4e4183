import type { Run } from '../../src/lib/history/run';
import { currentScore, emulator, expect, historyRows, openSignedIn, storedRows, test } from './fixtures';

test.describe('storage failures lose nothing, and tabs stay in step', () => {
  test('no IndexedDB (private mode, disabled storage): works for the session and says readings are not kept', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
    });
    await openSignedIn(page);
    await expect(page.getByRole('status').filter({ hasText: 'Readings will not be kept' })).toBeVisible();
    await emulator.setScore(420);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(currentScore(page)).toHaveText('420');
    await expect(page.getByTestId('score-change')).toContainText('+8');
  });

  test('storage full: says so, and the stored history stays intact', async ({ page }) => {
    await openSignedIn(page);
    await page.addInitScript(() => {
      const quotaExceeded = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      IDBObjectStore.prototype.add = quotaExceeded;
      IDBObjectStore.prototype.put = quotaExceeded;
    });
    await emulator.setScore(425);
    await page.reload();
    await expect(page.getByRole('alert')).toContainText('Storage is full');
    await expect(currentScore(page)).toHaveText('425');

    // Without the fault, the first reading is still there and was never changed.
    const stored = (await storedRows<Run>(page, 'runs')).map((row) => row.value.score);
    expect(stored).toEqual([412]);
  });

  test('a newer version opened in another tab: this tab lets go and asks to be reloaded', async ({ page, context }) => {
    await openSignedIn(page);
    const other = await context.newPage();
    await other.goto('./config.json');
    const opened = await other.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const request = indexedDB.open('scoreline', 50);
          request.onsuccess = () => {
            request.result.close();
            resolve('opened');
          };
          request.onblocked = () => resolve('blocked');
        }),
    );
    expect(opened).toBe('opened');
    const notice = page.getByRole('status').filter({ hasText: 'Scoreline was updated in another tab' });
    await expect(notice).toBeVisible();
    await expect(notice.getByRole('button', { name: 'Reload' })).toBeVisible();
    await expect(historyRows(page)).toHaveCount(2);
  });

  test('a reading taken in one tab appears in the other within moments, stored once', async ({ page, context }) => {
    await openSignedIn(page);
    const second = await context.newPage();
    await second.goto('./');
    await expect(currentScore(second)).toHaveText('412');
    // The second tab takes its own reading on load; wait for it so the next one is clearly the first tab's.
    await expect.poll(() => emulator.apiCalls()).toBe(2);
    await expect(historyRows(page)).toHaveCount(3);

    await emulator.setScore(431);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(currentScore(page)).toHaveText('431');
    await expect(currentScore(second)).toHaveText('431', { timeout: 2_000 });
    await expect(historyRows(second)).toHaveCount(4);

    // 412 read by each tab (one run, confirmed by the second), then 431: two runs, each stored once.
    const stored = (await storedRows<Run>(second, 'runs')).map((row) => row.value.score);
    expect(stored.sort()).toEqual([412, 431]);
  });
});

test('two tabs refreshing at the same moment make one call between them', async ({ page, context }) => {
  await openSignedIn(page);
  const second = await context.newPage();
  await second.goto('./');
  await expect.poll(() => emulator.apiCalls()).toBe(2);
  await expect(currentScore(second)).toBeVisible();

  await emulator.fault({ endpoint: 'configurationScore', delayMs: 1_000 });
  await emulator.setScore(444);
  await Promise.all([page.getByRole('button', { name: 'Refresh' }).click(), second.getByRole('button', { name: 'Refresh' }).click()]);
  await expect(currentScore(page)).toHaveText('444');
  await expect(currentScore(second)).toHaveText('444');
  expect(await emulator.apiCalls()).toBe(3);
});
