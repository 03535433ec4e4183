import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { openSecureScoreStore } from '../../src/lib/secure-score/indexeddb-secure-score';
import { openIndexedDbStore } from '../../src/lib/history/indexeddb-store';
import { MemorySecureScoreStore, type SecureScoreStore } from '../../src/lib/secure-score/secure-score-store';
import { controlsOn } from '../../src/lib/secure-score/control-log';
import { dayAfter, type FetchedDay } from '../../src/lib/secure-score/secure-score-day';

const TENANT = '3d0c6b6e-7a1f-4c3e-9d2a-5f1b8c4e0a11';
const OTHER = '8f2e9a47-1b6c-4d5e-a3f0-7c9d2e6b1f22';
let opened = 0;

function day(n: number, tenantId = TENANT, mfa = n >= 3 ? 10 : 0): FetchedDay {
  const date = dayAfter('2026-09-01', n);
  return {
    tenantId, day: date, time: Date.parse(`${date}T03:21:00Z`), currentScore: 400 + mfa, maxScore: 697, allTenantsAverage: 37, similarSizeAverage: null,
    categories: { Identity: mfa, Data: 20, Device: 0, Apps: 0, Infrastructure: 0 },
    controls: [{ name: 'AdminMFAV2', category: 'Identity', score: mfa, description: 'MFA for admins' }, { name: 'DLPEnabled', category: 'Data', score: 20, description: 'DLP' }],
  };
}

describe.each([
  ['in memory', async (): Promise<SecureScoreStore> => new MemorySecureScoreStore()],
  ['in IndexedDB', (): Promise<SecureScoreStore> => openSecureScoreStore(`secure-score-${(opened += 1)}`)],
])('the Microsoft Secure Score store %s', (_name, open) => {
  it('keeps each day once across overlapping reads, per tenant, and never changes a kept day', async () => {
    const store = await open();
    expect(await store.addDays(TENANT, [[day(5), day(4), day(3)], [day(3), day(2)]])).toBe(4);
    // A later read overlaps, and its record of a kept day differs: the kept one stays.
    expect(await store.addDays(TENANT, [[day(6), { ...day(5), currentScore: 1 }]])).toBe(1);
    expect(await store.addDays(OTHER, [[day(6, OTHER)]])).toBe(1);
    const days = await store.days(TENANT);
    expect(days.map((d) => d.day)).toEqual([2, 3, 4, 5, 6].map((n) => dayAfter('2026-09-01', n)));
    expect(days.find((d) => d.day === dayAfter('2026-09-01', 5))?.currentScore).toBe(410);
    expect(days[0]).not.toHaveProperty('controls');
  });

  it('keeps control points as changes only, and reads each day back', async () => {
    const store = await open();
    await store.addDays(TENANT, [[day(4), day(5)]]);
    await store.addDays(TENANT, [[day(1), day(2), day(3)]]);
    const log = await store.controlChanges(TENANT);
    expect(log.map((c) => [c.control, c.day, c.score]).sort()).toEqual([
      ['AdminMFAV2', dayAfter('2026-09-01', 1), 0],
      ['AdminMFAV2', dayAfter('2026-09-01', 3), 10],
      ['DLPEnabled', dayAfter('2026-09-01', 1), 20],
    ]);
    expect(controlsOn(log, dayAfter('2026-09-01', 2)).get('AdminMFAV2')?.score).toBe(0);
  });

  it('takes imported days it does not have, and leaves the ones it has', async () => {
    const store = await open();
    await store.addDays(TENANT, [[day(1)]]);
    const { controls: _c, ...imported } = { ...day(1), currentScore: 5 };
    const { controls: _d, ...another } = day(2);
    expect(await store.addRecords([imported, another], [])).toBe(1);
    expect((await store.days(TENANT)).map((d) => d.currentScore)).toEqual([400, 400]);
    expect((await store.everything()).days).toHaveLength(2);
  });
});

describe('deleting a tenant\'s local history', () => {
  it('deletes its Microsoft Secure Score days and control changes too, and no other tenant\'s', async () => {
    const name = `secure-score-delete-${(opened += 1)}`;
    const secureScore = await openSecureScoreStore(name);
    await secureScore.addDays(TENANT, [[day(1), day(2), day(3)]]);
    await secureScore.addDays(OTHER, [[day(1, OTHER)]]);
    const history = await openIndexedDbStore({ name });
    await history.deleteTenantHistory(TENANT);
    expect(await secureScore.days(TENANT)).toEqual([]);
    expect(await secureScore.controlChanges(TENANT)).toEqual([]);
    expect((await secureScore.days(OTHER)).map((d) => d.day)).toEqual([dayAfter('2026-09-01', 1)]);
  });
});

describe('the summary of each tenant, for the overview', () => {
  it('carries the latest kept day after a read, an import and an older day, and none where nothing is kept', async () => {
    const name = `secure-score-summary-${(opened += 1)}`;
    const history = await openIndexedDbStore({ name });
    await history.addReading({ tenantId: TENANT, time: Date.now() - 3_600_000, score: 300 });
    await history.addReading({ tenantId: OTHER, time: Date.now() - 3_600_000, score: 200 });
    const store = await openSecureScoreStore(name);
    await store.addDays(TENANT, [[day(5), day(4), day(3)]]);
    const latestOf = async (tenantId: string) => (await history.tenantSummaries()).find((s) => s.tenantId === tenantId)?.secureScore;
    expect(await latestOf(TENANT)).toEqual({ day: dayAfter('2026-09-01', 5), currentScore: 410, maxScore: 697 });
    // An older day (a file, or a read that overlaps) leaves the latest as it is; a newer one moves it on.
    await store.addRecords([day(1)], []);
    expect((await latestOf(TENANT))?.day).toBe(dayAfter('2026-09-01', 5));
    await store.addRecords([{ ...day(7), currentScore: 455 }], []);
    expect(await latestOf(TENANT)).toEqual({ day: dayAfter('2026-09-01', 7), currentScore: 455, maxScore: 697 });
    // A new device reading rewrites the summary from every store: the day stays on it.
    await history.addReading({ tenantId: TENANT, time: Date.now(), score: 301 });
    expect((await latestOf(TENANT))?.currentScore).toBe(455);
    expect(await latestOf(OTHER)).toBeUndefined();
    // Worked out again from scratch (a summary missing or stale), it reads the latest day too.
    const [again] = await history.summarize([TENANT]);
    expect(again?.secureScore?.day).toBe(dayAfter('2026-09-01', 7));
  });
});
