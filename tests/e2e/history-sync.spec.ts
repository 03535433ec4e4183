import type { Browser, Page } from '@playwright/test';
import { currentScore, emulator, expect, historyRows, openSignedIn, test, revealWholeDashboard } from './fixtures';

/** A second browser profile: its own storage, its own sign-in, the same account and so the same OneDrive. */
async function openProfile(browser: Browser, score: number): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await openSignedIn(page, score);
  return page;
}

function syncSection(page: Page) {
  return page.getByRole('region', { name: 'Keep my history in OneDrive' });
}

async function turnOn(page: Page): Promise<void> {
  await revealWholeDashboard(page, syncSection(page));
  await syncSection(page).getByRole('button', { name: 'Turn on OneDrive sync' }).click();
  await expectSynced(page);
}

async function syncNow(page: Page): Promise<void> {
  await syncSection(page).getByRole('button', { name: 'Sync now' }).click();
}

async function expectSynced(page: Page): Promise<void> {
  await expect(syncSection(page).getByRole('status')).toHaveText('On');
  await expect(syncSection(page).getByText('Changes waiting to sync')).toBeVisible();
  await expect(syncSection(page).locator('dd').filter({ hasText: /^None: OneDrive has everything kept here$/ })).toBeVisible();
}

function scoresInTable(page: Page) {
  return historyRows(page).filter({ hasText: /\d/ });
}

test.describe('keep my history in OneDrive', () => {
  // Two profiles, each signing in and syncing several times.
  test.describe.configure({ timeout: 120_000 });

  test('is off until turned on; readings taken in each profile appear in the other after a sync', async ({ page, browser }) => {
    await openSignedIn(page, 400);
    await revealWholeDashboard(page, syncSection(page));
    await expect(syncSection(page).getByRole('status')).toHaveText('Off: this history is kept in this browser only.');
    await turnOn(page);
    const files = syncSection(page).getByRole('table', { name: /^Files in the app folder/ });
    await expect(files).toContainText('tenants.json');
    // Each file named in words: what it holds, of which tenant, of which month.
    await expect(files.getByRole('row').filter({ hasText: /history-/ }).getByRole('cell').first()).toHaveText(/^Readings of .+, \w+ \d{4}\s*history-[0-9a-f-]+-\d{4}-\d{2}\.json$/);

    const other = await openProfile(browser, 420);
    await turnOn(other);
    // The first profile's reading came down to the second: both scores are in its table.
    await expect(scoresInTable(other).filter({ hasText: '400' })).not.toHaveCount(0);
    await expect(scoresInTable(other).filter({ hasText: '420' })).not.toHaveCount(0);

    await syncNow(page);
    await expect(scoresInTable(page).filter({ hasText: '420' })).not.toHaveCount(0);
    await expectSynced(page);
    await other.context().close();
  });

  test('a note edited in both profiles ends as the later edit in both', async ({ page, browser }) => {
    await openSignedIn(page, 400);
    await turnOn(page);
    const other = await openProfile(browser, 400);
    await turnOn(other);

    await writeNote(page, 'patched on Tuesday');
    await writeNote(other, 'rolled back on Wednesday');
    await syncNow(page);
    await expectSynced(page);
    await syncNow(other);
    await expectSynced(other);
    await syncNow(page);
    await expectSynced(page);
    for (const profile of [page, other]) {
      await expect(historyRows(profile).filter({ hasText: 'rolled back on Wednesday' })).toHaveCount(1);
      await expect(historyRows(profile).filter({ hasText: 'patched on Tuesday' })).toHaveCount(0);
    }
    await other.context().close();
  });

  test('a note deleted in one profile stays deleted in both after they sync', async ({ page, browser }) => {
    await openSignedIn(page, 400);
    await turnOn(page);
    await writeNote(page, 'patched on Tuesday');
    await syncNow(page);
    await expectSynced(page);
    const other = await openProfile(browser, 400);
    await turnOn(other);
    await expect(historyRows(other).filter({ hasText: 'patched on Tuesday' })).toHaveCount(1);

    await writeNote(other, '');
    await expect(historyRows(other).filter({ hasText: 'patched on Tuesday' })).toHaveCount(0);
    await syncNow(other);
    await expectSynced(other);
    await syncNow(page);
    await expectSynced(page);
    // Synced both ways again: the first profile's older copy does not bring it back.
    await syncNow(other);
    await expectSynced(other);
    for (const profile of [page, other]) await expect(historyRows(profile).filter({ hasText: 'patched on Tuesday' })).toHaveCount(0);
    await other.context().close();
  });

  test('a sync that meets 412, 429 or 500 names it, loses nothing and completes on a later try', async ({ page, browser }) => {
    await openSignedIn(page, 400);
    await turnOn(page);
    const other = await openProfile(browser, 420);
    await turnOn(other);

    // Another device's write in between: the write is refused (412), re-read, merged and written again.
    await emulator.setScore(430);
    await emulator.clearLog();
    await emulator.fault({ endpoint: 'driveUpload', status: 412, times: 2 });
    await page.getByRole('button', { name: 'Refresh' }).click();
    // The reading is kept before the sync starts, so the sync has it to write.
    await expect(currentScore(page)).toHaveText('430');
    await syncNow(page);
    // Until this sync has ended, the section still shows the last one's "None" waiting: wait for its writes first.
    await expect.poll(async () => refusedThenWritten(await uploadStatuses())).toEqual({ refused: 2, writtenAfter: true });
    await expectSynced(page);

    // Every listing is throttled until the faults are cleared: the first profile's own sync (2 s after its
    // Refresh) may list in between, and must not use up the one answer meant for this Sync now.
    await emulator.fault({ endpoint: 'driveList', status: 429, headers: { 'Retry-After': '120' }, times: 'always' });
    await syncNow(other);
    await expect(syncSection(other).getByRole('alert')).toContainText('OneDrive asked Scoreline to wait');
    await expect(syncSection(other).getByRole('alert')).toContainText('Your history in this browser is unchanged.');
    expect((await emulator.log()).api.filter((entry) => entry.endpoint === 'driveList' && entry.status === 429)).not.toHaveLength(0);
    await emulator.clearFaults();

    await emulator.fault({ endpoint: 'driveUpload', status: 500, times: 'always' });
    await emulator.setScore(440);
    await other.getByRole('button', { name: 'Refresh' }).click();
    await expect(currentScore(other)).toHaveText('440');
    await syncNow(other);
    await expect(syncSection(other).getByRole('alert')).toContainText('OneDrive had a problem (HTTP 500)');
    await expect(syncSection(other).locator('dd').filter({ hasText: /^\d+ files? to write with changes made here$/ })).toBeVisible();

    await emulator.clearFaults();
    await syncNow(other);
    await expectSynced(other);
    await syncNow(page);
    await expectSynced(page);
    for (const profile of [page, other]) {
      for (const score of ['400', '420', '430', '440']) await expect(scoresInTable(profile).filter({ hasText: score })).not.toHaveCount(0);
    }
    await other.context().close();
  });
});

/** The statuses of OneDrive's answers to every write so far, in order. */
async function uploadStatuses(): Promise<number[]> {
  return (await emulator.log()).api.filter((entry) => entry.endpoint === 'driveUpload').map((entry) => entry.status);
}

/** How many writes were refused with 412, and whether one was written after the last refusal. */
function refusedThenWritten(statuses: number[]): { refused: number; writtenAfter: boolean } {
  const lastRefused = statuses.lastIndexOf(412);
  return { refused: statuses.filter((status) => status === 412).length, writtenAfter: statuses.slice(lastRefused + 1).some((status) => status < 300) };
}

async function writeNote(page: Page, text: string): Promise<void> {
  await historyRows(page).nth(1).getByRole('button', { name: /(Add|Edit) note/ }).click();
  await page.getByLabel(/^Note/).fill(text);
  await page.getByRole('button', { name: 'Save note' }).click();
  // An empty text removes the note.
  if (text) await expect(historyRows(page).filter({ hasText: text })).toHaveCount(1);
}
