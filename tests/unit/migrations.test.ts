import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { openIndexedDbStore } from '../../src/lib/history/indexeddb-store';
import { DB_VERSION } from '../../src/lib/history/schema';
import { compareChanges } from '../../src/lib/recommendations/change-log';
import type { RecommendationChange } from '../../src/lib/recommendations/recommendation';
import { openSecureScoreStore } from '../../src/lib/secure-score/indexeddb-secure-score';

const TENANT_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const TENANT_B = 'bbbbbbbb-0000-4000-8000-000000000002';
const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const SECURE_SCORE_DAY = {
  tenantId: TENANT_A, day: '2023-11-14', time: T0, currentScore: 431.5, maxScore: 697, allTenantsAverage: 37, similarSizeAverage: null,
  categories: { Identity: 10, Data: 20, Device: 7.6, Apps: 0, Infrastructure: 0 },
};

/**
 * Every schema version Scoreline has shipped, frozen as it was: how that version created its stores
 * and what its rows looked like. Never edit an entry; add one when DB_VERSION grows.
 */
const SHIPPED_VERSIONS: { version: number; create: (db: IDBDatabase) => void; rows: Record<string, { key?: IDBValidKey; value: unknown }[]> }[] = [
  {
    version: 1,
    create: (db) => {
      db.createObjectStore('readings', { keyPath: ['tenantId', 'time'] });
      db.createObjectStore('tenants', { keyPath: 'tenantId' });
      db.createObjectStore('prefs');
    },
    rows: {
      // A reading per check: repeated scores, notes on some rows, a gap of days, and a second tenant.
      readings: [
        { value: { tenantId: TENANT_A, time: T0, score: 301 } },
        { value: { tenantId: TENANT_A, time: T0 + HOUR, score: 301, note: 'checked after the patch window' } },
        { value: { tenantId: TENANT_A, time: T0 + 2 * HOUR, score: 301 } },
        { value: { tenantId: TENANT_A, time: T0 + DAY, score: 315.5, note: 'onboarded 200 servers' } },
        { value: { tenantId: TENANT_A, time: T0 + DAY + HOUR, score: 315.5 } },
        { value: { tenantId: TENANT_A, time: T0 + 5 * DAY, score: 315.5 } },
        { value: { tenantId: TENANT_B, time: T0, score: 99 } },
      ],
      tenants: [{ value: { tenantId: TENANT_A, label: 'contoso.example', lastUsed: 1 } }],
      prefs: [{ key: 'region', value: 'eu' }],
    },
  },
  {
    version: 2,
    create: (db) => {
      db.createObjectStore('tenants', { keyPath: 'tenantId' });
      db.createObjectStore('prefs');
      db.createObjectStore('runs', { keyPath: ['tenantId', 'firstSeen', 'score'] }).createIndex('byLastSeen', ['tenantId', 'lastSeen']);
      db.createObjectStore('notes', { keyPath: ['tenantId', 'time'] });
    },
    rows: {
      runs: [
        { value: { tenantId: TENANT_A, firstSeen: T0, lastSeen: T0 + 2 * HOUR, score: 301 } },
        { value: { tenantId: TENANT_A, firstSeen: T0 + DAY, lastSeen: T0 + DAY + HOUR, score: 315.5 } },
        { value: { tenantId: TENANT_A, firstSeen: T0 + 5 * DAY, lastSeen: T0 + 5 * DAY, score: 315.5 } },
        { value: { tenantId: TENANT_B, firstSeen: T0, lastSeen: T0, score: 99 } },
      ],
      notes: [
        { value: { tenantId: TENANT_A, time: T0 + HOUR, text: 'checked after the patch window', edited: T0 + HOUR } },
        { value: { tenantId: TENANT_A, time: T0 + DAY, text: 'onboarded 200 servers', edited: T0 + DAY } },
      ],
      tenants: [{ value: { tenantId: TENANT_A, label: 'contoso.example', lastUsed: 1 } }],
      prefs: [{ key: 'region', value: 'eu' }],
    },
  },
  {
    version: 3,
    create: (db) => {
      db.createObjectStore('tenants', { keyPath: 'tenantId' });
      db.createObjectStore('prefs');
      db.createObjectStore('runs', { keyPath: ['tenantId', 'firstSeen', 'score'] }).createIndex('byLastSeen', ['tenantId', 'lastSeen']);
      db.createObjectStore('notes', { keyPath: ['tenantId', 'time'] });
      db.createObjectStore('seriesRuns', { keyPath: ['tenantId', 'series', 'firstSeen', 'score'] }).createIndex('byLastSeen', ['tenantId', 'series', 'lastSeen']);
      db.createObjectStore('seriesNames', { keyPath: ['tenantId', 'series', 'time'] });
      db.createObjectStore('recommendationChanges', { keyPath: ['tenantId', 'id', 'time'] }).createIndex('byTime', ['tenantId', 'time']);
      db.createObjectStore('recommendationReads', { keyPath: ['tenantId', 'time'] });
      db.createObjectStore('goals', { keyPath: 'tenantId' });
      db.createObjectStore('alertRules', { keyPath: ['tenantId', 'id'] });
      db.createObjectStore('alertLog', { keyPath: ['tenantId', 'id'] });
    },
    rows: {
      runs: [
        { value: { tenantId: TENANT_A, firstSeen: T0, lastSeen: T0 + 2 * HOUR, score: 301 } },
        { value: { tenantId: TENANT_A, firstSeen: T0 + DAY, lastSeen: T0 + DAY + HOUR, score: 315.5 } },
        { value: { tenantId: TENANT_A, firstSeen: T0 + 5 * DAY, lastSeen: T0 + 5 * DAY, score: 315.5 } },
        { value: { tenantId: TENANT_B, firstSeen: T0, lastSeen: T0, score: 99 } },
      ],
      notes: [
        { value: { tenantId: TENANT_A, time: T0 + HOUR, text: 'checked after the patch window', edited: T0 + HOUR } },
        { value: { tenantId: TENANT_A, time: T0 + DAY, text: 'onboarded 200 servers', edited: T0 + DAY } },
      ],
      seriesRuns: [
        { value: { tenantId: TENANT_A, series: 'exposure', firstSeen: T0, lastSeen: T0 + 2 * HOUR, score: 33.49 } },
        { value: { tenantId: TENANT_A, series: 'group-id:101', firstSeen: T0, lastSeen: T0 + 2 * HOUR, score: 41.38 } },
      ],
      seriesNames: [{ value: { tenantId: TENANT_A, series: 'group-id:101', time: T0, name: 'Servers' } }],
      recommendationChanges: [
        {
          value: {
            tenantId: TENANT_A, id: 'sca-_-scid-2070', time: T0, configScoreImpact: 9.3, exposureImpact: 1.12, exposedMachines: 12, totalMachines: 240,
            status: 'Active', name: 'Turn on Microsoft Defender Firewall', category: 'Network', subCategory: 'Firewall', remediationType: 'ConfigurationChange',
          },
        },
        {
          value: {
            tenantId: TENANT_A, id: 'sca-_-scid-2011', time: T0, configScoreImpact: 4, exposureImpact: 0.5, exposedMachines: 20, totalMachines: 240,
            status: 'Active', name: 'Block Office macros from the internet', category: 'Application', subCategory: 'Office', remediationType: 'ConfigurationChange',
          },
        },
        { value: { tenantId: TENANT_A, id: 'sca-_-scid-2070', time: T0 + DAY, configScoreImpact: 6.2, exposureImpact: 0.8, exposedMachines: 8, totalMachines: 240, status: 'Active' } },
        { value: { tenantId: TENANT_A, id: 'sca-_-scid-2011', time: T0 + 5 * DAY, removed: true } },
      ],
      recommendationReads: [
        { value: { tenantId: TENANT_A, time: T0, count: 2 } },
        { value: { tenantId: TENANT_A, time: T0 + DAY, count: 2 } },
        { value: { tenantId: TENANT_A, time: T0 + 5 * DAY, count: 1 } },
      ],
      tenants: [{ value: { tenantId: TENANT_A, label: 'contoso.example', lastUsed: 1 } }],
      prefs: [{ key: 'region', value: 'eu' }],
    },
  },
  {
    version: 4,
    create: (db) => {
      db.createObjectStore('tenants', { keyPath: 'tenantId' });
      db.createObjectStore('prefs');
      db.createObjectStore('runs', { keyPath: ['tenantId', 'firstSeen', 'score'] }).createIndex('byLastSeen', ['tenantId', 'lastSeen']);
      db.createObjectStore('notes', { keyPath: ['tenantId', 'time'] });
      db.createObjectStore('seriesRuns', { keyPath: ['tenantId', 'series', 'firstSeen', 'score'] }).createIndex('byLastSeen', ['tenantId', 'series', 'lastSeen']);
      db.createObjectStore('seriesNames', { keyPath: ['tenantId', 'series', 'time'] });
      db.createObjectStore('recommendationHistories', { keyPath: ['tenantId', 'id'] });
      db.createObjectStore('recommendationTouches', { keyPath: ['tenantId', 'time'] });
      db.createObjectStore('recommendationReads', { keyPath: ['tenantId', 'time'] });
      db.createObjectStore('goals', { keyPath: 'tenantId' });
      db.createObjectStore('alertRules', { keyPath: ['tenantId', 'id'] });
      db.createObjectStore('alertLog', { keyPath: ['tenantId', 'id'] });
      // Microsoft Secure Score (Graph).
      db.createObjectStore('secureScoreDays', { keyPath: ['tenantId', 'day'] });
      db.createObjectStore('secureScoreControls', { keyPath: ['tenantId', 'control', 'day'] });
      // The overview of every tenant.
      db.createObjectStore('summaries', { keyPath: 'tenantId' });
      // History sync: notes, goals and rules deleted one by one.
      db.createObjectStore('tombstones', { keyPath: ['tenantId', 'kind', 'key'] });
    },
    rows: {
      runs: [
        { value: { tenantId: TENANT_A, firstSeen: T0, lastSeen: T0 + 2 * HOUR, score: 301 } },
        { value: { tenantId: TENANT_A, firstSeen: T0 + DAY, lastSeen: T0 + DAY + HOUR, score: 315.5 } },
        { value: { tenantId: TENANT_A, firstSeen: T0 + 5 * DAY, lastSeen: T0 + 5 * DAY, score: 315.5 } },
        { value: { tenantId: TENANT_B, firstSeen: T0, lastSeen: T0, score: 99 } },
      ],
      notes: [
        { value: { tenantId: TENANT_A, time: T0 + HOUR, text: 'checked after the patch window', edited: T0 + HOUR } },
        { value: { tenantId: TENANT_A, time: T0 + DAY, text: 'onboarded 200 servers', edited: T0 + DAY } },
      ],
      seriesRuns: [
        { value: { tenantId: TENANT_A, series: 'exposure', firstSeen: T0, lastSeen: T0 + 2 * HOUR, score: 33.49 } },
        { value: { tenantId: TENANT_A, series: 'group-id:101', firstSeen: T0, lastSeen: T0 + 2 * HOUR, score: 41.38 } },
      ],
      seriesNames: [{ value: { tenantId: TENANT_A, series: 'group-id:101', time: T0, name: 'Servers' } }],
      recommendationHistories: [
        {
          value: {
            tenantId: TENANT_A, id: 'sca-_-scid-2011',
            changes: [
              {
                time: T0, configScoreImpact: 4, exposureImpact: 0.5, exposedMachines: 20, totalMachines: 240,
                status: 'Active', name: 'Block Office macros from the internet', category: 'Application', subCategory: 'Office', remediationType: 'ConfigurationChange',
              },
              { time: T0 + 5 * DAY, removed: true },
            ],
          },
        },
        {
          value: {
            tenantId: TENANT_A, id: 'sca-_-scid-2070',
            changes: [
              {
                time: T0, configScoreImpact: 9.3, exposureImpact: 1.12, exposedMachines: 12, totalMachines: 240,
                status: 'Active', name: 'Turn on Microsoft Defender Firewall', category: 'Network', subCategory: 'Firewall', remediationType: 'ConfigurationChange',
              },
              { time: T0 + DAY, configScoreImpact: 6.2, exposureImpact: 0.8, exposedMachines: 8, totalMachines: 240, status: 'Active' },
            ],
          },
        },
      ],
      recommendationTouches: [
        { value: { tenantId: TENANT_A, time: T0, ids: ['sca-_-scid-2011', 'sca-_-scid-2070'] } },
        { value: { tenantId: TENANT_A, time: T0 + DAY, ids: ['sca-_-scid-2070'] } },
        { value: { tenantId: TENANT_A, time: T0 + 5 * DAY, ids: ['sca-_-scid-2011'] } },
      ],
      recommendationReads: [
        { value: { tenantId: TENANT_A, time: T0, count: 2 } },
        { value: { tenantId: TENANT_A, time: T0 + DAY, count: 2 } },
        { value: { tenantId: TENANT_A, time: T0 + 5 * DAY, count: 1 } },
      ],
      secureScoreDays: [{ value: SECURE_SCORE_DAY }],
      secureScoreControls: [{ value: { tenantId: TENANT_A, control: 'AdminMFAV2', day: '2023-11-14', category: 'Identity', score: 10, description: 'Require MFA for administrative roles' } }],
      summaries: [
        { value: { tenantId: TENANT_B, computedAt: T0, latest: { score: 99, firstSeen: T0, lastSeen: T0 }, points: [{ time: T0, score: 99 }], exposure: undefined } },
      ],
      tenants: [{ value: { tenantId: TENANT_A, label: 'contoso.example', lastUsed: 1 } }],
      prefs: [{ key: 'region', value: 'eu' }],
    },
  },
];

/** What every frozen version holds once upgraded to the current one: the version 2 rows, folded from version 1's. */
const EXPECTED_NOW = SHIPPED_VERSIONS.find((v) => v.version === 2)!.rows;
/** The recommendation changes versions 3 and 4 hold (version 4 gathers them by recommendation). */
const V3_CHANGES = SHIPPED_VERSIONS.find((v) => v.version === 3)!;

async function createOldDatabase(name: string, shipped: (typeof SHIPPED_VERSIONS)[number]): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name, shipped.version);
    request.onupgradeneeded = () => shipped.create(request.result);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const tx = db.transaction(Object.keys(shipped.rows), 'readwrite');
  for (const [store, rows] of Object.entries(shipped.rows)) {
    for (const row of rows) tx.objectStore(store).add(row.value, row.key);
  }
  await new Promise((resolve) => (tx.oncomplete = resolve));
  db.close();
}

describe('migrations', () => {
  it('has a frozen copy of every shipped schema version, up to the current one', () => {
    expect(SHIPPED_VERSIONS.map((v) => v.version)).toEqual(Array.from({ length: DB_VERSION }, (_, i) => i + 1));
  });

  // While a version is the current one, this opens it as it is; once DB_VERSION grows, the same case
  // runs the real upgrade from it.
  it.each(SHIPPED_VERSIONS)('opens a frozen v$version database with data and keeps every observation, note, tenant and preference', async (shipped) => {
    const name = `migration-from-${shipped.version}`;
    await createOldDatabase(name, shipped);
    const store = await openIndexedDbStore({ name });
    const runs = [...(await store.runsFor(TENANT_A)), ...(await store.runsFor(TENANT_B))];
    expect(runs).toEqual(EXPECTED_NOW.runs!.map((row) => row.value));
    expect(await store.notesFor(TENANT_A)).toEqual(EXPECTED_NOW.notes!.map((row) => row.value));
    expect(await store.tenants()).toEqual(shipped.rows.tenants!.map((row) => row.value));
    expect(await store.getPref('region')).toBe('eu');
    // Stores a version added hold what that version kept, and take new values after the upgrade.
    const keptSeries = shipped.rows.seriesRuns?.map((row) => row.value) ?? [];
    expect(await store.seriesRuns(TENANT_A)).toEqual(keptSeries);
    const keptChanges = (V3_CHANGES.rows.recommendationChanges ?? []).map((row) => row.value as RecommendationChange).sort(compareChanges);
    const expectedChanges = shipped.version >= 3 ? keptChanges : [];
    expect(await store.recommendationChanges(TENANT_A)).toEqual(expectedChanges);
    // The changes between two reads, and every change of one recommendation, come from the records that hold them.
    expect(await store.recommendationChanges(TENANT_A, { after: T0, until: T0 + DAY })).toEqual(expectedChanges.filter((change) => change.time === T0 + DAY));
    expect(await store.recommendationChangesOf(TENANT_A, ['sca-_-scid-2011'])).toEqual(expectedChanges.filter((change) => change.id === 'sca-_-scid-2011'));
    expect(await store.recommendationReads(TENANT_A)).toEqual(shipped.rows.recommendationReads?.map((row) => row.value) ?? []);
    await store.addSeriesReadings([{ tenantId: TENANT_A, series: 'exposure', time: T0 + 6 * DAY, score: 30 }], []);
    expect(await store.seriesRuns(TENANT_A, T0 + 6 * DAY)).toEqual([{ tenantId: TENANT_A, series: 'exposure', firstSeen: T0 + 6 * DAY, lastSeen: T0 + 6 * DAY, score: 30 }]);
    expect(await store.runsFor(TENANT_A)).toEqual(EXPECTED_NOW.runs!.filter((row) => (row.value as { tenantId: string }).tenantId === TENANT_A).map((row) => row.value));
    // Microsoft Secure Score: what version 4 kept stays; an older database gains the empty stores, which take new days.
    const secureScore = await openSecureScoreStore(name);
    expect(await secureScore.days(TENANT_A)).toEqual(shipped.rows.secureScoreDays?.map((row) => row.value) ?? []);
    expect(await secureScore.controlChanges(TENANT_A)).toEqual(shipped.rows.secureScoreControls?.map((row) => row.value) ?? []);
    expect(await secureScore.addRecords([{ ...SECURE_SCORE_DAY, day: '2023-11-15' }], [])).toBe(1);
    expect((await secureScore.days(TENANT_A)).map((d) => d.day).at(-1)).toBe('2023-11-15');
    // History sync: the tombstones store takes a note deleted one by one, and the note stays in the rest.
    expect(await store.tombstones(TENANT_A)).toEqual([]);
    await store.deleteNote(TENANT_A, T0 + HOUR, T0 + 7 * DAY);
    expect(await store.tombstones(TENANT_A)).toEqual([{ tenantId: TENANT_A, kind: 'note', key: String(T0 + HOUR), deletedAt: T0 + 7 * DAY }]);
    expect(await store.notesFor(TENANT_A)).toEqual(EXPECTED_NOW.notes!.map((row) => row.value).filter((note) => (note as { time: number }).time !== T0 + HOUR));
  });

  it('finds every tenant kept before version 4 for the overview, whose summaries are worked out when first shown', async () => {
    const name = 'migration-summaries';
    await createOldDatabase(name, SHIPPED_VERSIONS.find((v) => v.version === 3)!);
    const store = await openIndexedDbStore({ name });
    expect(await store.tenantSummaries()).toEqual([]);
    expect((await store.tenantsWithHistory()).sort()).toEqual([TENANT_A, TENANT_B]);
    const summaries = await store.summarize([TENANT_A, TENANT_B]);
    expect(summaries.map((summary) => [summary.tenantId, summary.latest?.score, summary.exposure?.score])).toEqual([
      [TENANT_A, 315.5, 33.49],
      [TENANT_B, 99, undefined],
    ]);
    expect(await store.tenantSummaries()).toHaveLength(2);
  });

  it('leaves a version 1 database as it was when its upgrade fails', async () => {
    const name = 'migration-that-fails';
    const v1 = SHIPPED_VERSIONS[0]!;
    // A row version 1 could hold but no run can: its score is NaN, which no key may hold.
    await createOldDatabase(name, { ...v1, rows: { ...v1.rows, readings: [...v1.rows.readings!, { value: { tenantId: TENANT_B, time: T0 + HOUR, score: Number.NaN } }] } });
    await expect(openIndexedDbStore({ name })).rejects.toMatchObject({ name: 'StorageFailure' });
    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
    });
    expect(db.version).toBe(1);
    const rows = await new Promise<unknown[]>((resolve) => {
      const request = db.transaction('readings').objectStore('readings').getAll();
      request.onsuccess = () => resolve(request.result);
    });
    expect(rows).toHaveLength(v1.rows.readings!.length + 1);
    db.close();
  });
});
