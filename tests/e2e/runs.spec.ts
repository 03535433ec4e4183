import type { Page } from '@playwright/test';
import { CONTOSO_TENANT_ID } from '../../emulator/demo.mjs';
import type { Run } from '../../src/lib/history/run';
import type { Note } from '../../src/lib/history/note';
import { currentScore, emulator, expect, historyRows, openSignedIn, storedRows, test } from './fixtures';

const HOUR = 3_600_000;

async function refresh(page: Page, score: number): Promise<void> {
  const calls = await emulator.apiCalls();
  await emulator.setScore(score);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect.poll(() => emulator.apiCalls()).toBe(calls + 1);
  await expect(currentScore(page)).toHaveText(String(score));
  await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled();
}

async function storedRuns(page: Page): Promise<Run[]> {
  return (await storedRows<Run>(page, 'runs')).map((row) => row.value);
}

test('readings at the same score confirm one run; a new score starts a new row', async ({ page }) => {
  await openSignedIn(page, 412);
  await expect.poll(() => storedRuns(page)).toHaveLength(1);
  const [first] = await storedRuns(page);

  for (let check = 0; check < 3; check += 1) await refresh(page, 412);
  // One row, its last confirmation moved to the latest reading's time.
  await expect(historyRows(page)).toHaveCount(2);
  await expect.poll(async () => (await storedRuns(page))[0]!.lastSeen).toBeGreaterThan(first!.lastSeen);
  const [confirmed] = await storedRuns(page);
  expect(await storedRuns(page)).toEqual([{ ...first, lastSeen: confirmed!.lastSeen }]);
  const row = historyRows(page).nth(1);
  await expect(row.locator(`time[datetime="${new Date(confirmed!.lastSeen).toISOString()}"]`)).toBeVisible();
  await expect(row.locator(`time[datetime="${new Date(first!.firstSeen).toISOString()}"]`)).toBeVisible();
  await expect(page.getByTestId('score-change')).toContainText('First reading');

  await refresh(page, 420);
  await expect(historyRows(page)).toHaveCount(3);
  await expect(historyRows(page).nth(1)).toContainText('420');
  await expect(page.getByTestId('score-change')).toContainText('+8');
  expect((await storedRuns(page)).map((run) => run.score)).toEqual([412, 420]);
});

test('a history kept by the version before runs opens folded, every note on its run', async ({ page }) => {
  const start = Date.now() - 3 * 24 * HOUR;
  await page.goto('./config.json');
  // The database as version 1 made it: a row per reading, notes on the rows.
  await page.evaluate(
    async ({ tenantId, start, HOUR }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('scoreline', 1);
        request.onupgradeneeded = () => {
          request.result.createObjectStore('readings', { keyPath: ['tenantId', 'time'] });
          request.result.createObjectStore('tenants', { keyPath: 'tenantId' });
          request.result.createObjectStore('prefs');
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = db.transaction(['readings', 'tenants', 'prefs'], 'readwrite');
      const readings = tx.objectStore('readings');
      readings.add({ tenantId, time: start, score: 300 });
      readings.add({ tenantId, time: start + HOUR, score: 300, note: 'checked after the patch window' });
      readings.add({ tenantId, time: start + 2 * HOUR, score: 300 });
      readings.add({ tenantId, time: start + 24 * HOUR, score: 310.5, note: 'onboarded 200 servers' });
      readings.add({ tenantId, time: start + 25 * HOUR, score: 310.5 });
      tx.objectStore('tenants').add({ tenantId, label: 'contoso.example', lastUsed: start });
      tx.objectStore('prefs').put(tenantId, 'lastTenantId');
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    },
    { tenantId: CONTOSO_TENANT_ID, start, HOUR },
  );

  await page.goto('./');
  await expect(currentScore(page)).toHaveText('310.5');
  await expect(historyRows(page)).toHaveCount(3);
  await expect(historyRows(page).nth(1)).toContainText('onboarded 200 servers');
  await expect(historyRows(page).nth(2)).toContainText('checked after the patch window');
  expect(await storedRuns(page)).toEqual([
    { tenantId: CONTOSO_TENANT_ID, firstSeen: start, lastSeen: start + 2 * HOUR, score: 300 },
    { tenantId: CONTOSO_TENANT_ID, firstSeen: start + 24 * HOUR, lastSeen: start + 25 * HOUR, score: 310.5 },
  ]);
  expect((await storedRows<Note>(page, 'notes')).map((row) => row.value.text)).toEqual(['checked after the patch window', 'onboarded 200 servers']);
  const stores = await page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const request = indexedDB.open('scoreline');
        request.onsuccess = () => {
          resolve([...request.result.objectStoreNames]);
          request.result.close();
        };
      }),
  );
  expect(stores).not.toContain('readings');
});
