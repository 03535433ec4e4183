import { beforeEach, describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { openIndexedDbStore } from '../../src/lib/history/indexeddb-store';
import { MemoryStore } from '../../src/lib/history/memory-store';
import type { HistoryStore } from '../../src/lib/history/history-store';
import type { SeriesId, SeriesName } from '../../src/lib/history/series';
import { namesToPut, type SeriesReading } from '../../src/lib/history/series-store';
import type { Recommendation } from '../../src/lib/recommendations/recommendation';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const HOUR = 3_600_000;

const value = (series: SeriesId, hour: number, score: number, tenantId = A): SeriesReading => ({ tenantId, series, time: hour * HOUR, score });
const named = (series: SeriesId, hour: number, name: string, tenantId = A): SeriesName => ({ tenantId, series, time: hour * HOUR, name });

function recommendation(id: string, exposed: number, impact = exposed / 2): Recommendation {
  return {
    id, name: `Fix ${id}`, category: 'OS', subCategory: '', remediationType: 'ConfigurationChange', status: 'Active',
    configScoreImpact: impact, exposureImpact: impact / 10, exposedMachines: exposed, totalMachines: 100,
  };
}

let databases = 0;
const stores: Record<string, () => Promise<HistoryStore>> = {
  IndexedDB: () => openIndexedDbStore({ name: `series-test-${++databases}` }),
  memory: async () => new MemoryStore(),
};

describe.each(Object.entries(stores))('%s store: series besides the device score', (_name, open) => {
  let store: HistoryStore;
  beforeEach(async () => {
    store = await open();
  });

  it('folds repeated values of each series into runs, apart from the device score and from each other', async () => {
    await store.addSeriesReadings([value('exposure', 0, 33.5), value('group-id:1', 0, 40)], []);
    await store.addSeriesReadings([value('exposure', 1, 33.5), value('group-id:1', 1, 42)], []);
    await store.addReading({ tenantId: A, time: 1 * HOUR, score: 33.5 });
    expect(await store.seriesRuns(A)).toEqual([
      { tenantId: A, series: 'exposure', firstSeen: 0, lastSeen: HOUR, score: 33.5 },
      { tenantId: A, series: 'group-id:1', firstSeen: 0, lastSeen: 0, score: 40 },
      { tenantId: A, series: 'group-id:1', firstSeen: HOUR, lastSeen: HOUR, score: 42 },
    ]);
    expect(await store.runsFor(A)).toEqual([{ tenantId: A, firstSeen: HOUR, lastSeen: HOUR, score: 33.5 }]);
  });

  it('reads the runs that last to a time or later, one tenant at a time', async () => {
    await store.addSeriesReadings([value('exposure', 0, 30), value('exposure', 0, 50, B)], []);
    await store.addSeriesReadings([value('exposure', 5, 31)], []);
    expect((await store.seriesRuns(A, 1 * HOUR)).map((run) => run.score)).toEqual([31]);
    expect((await store.seriesRuns(B)).map((run) => run.score)).toEqual([50]);
  });

  it('keeps a name only when it is new for its series, so a rename is a dated change', async () => {
    await store.addSeriesReadings([], [named('group-id:1', 0, 'Servers'), named('group-id:2', 0, 'Laptops')]);
    await store.addSeriesReadings([], [named('group-id:1', 1, 'Servers'), named('group-id:2', 1, 'Laptops')]);
    await store.addSeriesReadings([], [named('group-id:1', 2, 'Datacenter servers')]);
    expect(await store.seriesNames(A)).toEqual([named('group-id:1', 0, 'Servers'), named('group-id:1', 2, 'Datacenter servers'), named('group-id:2', 0, 'Laptops')]);
  });

  it('logs only what changed between reads of the recommendation list, and when each read was', async () => {
    expect(await store.addRecommendationRead(A, 0, [recommendation('r1', 10), recommendation('r2', 4)])).toBe(2);
    expect(await store.addRecommendationRead(A, HOUR, [recommendation('r1', 10), recommendation('r2', 4)])).toBe(0);
    expect(await store.addRecommendationRead(A, 2 * HOUR, [recommendation('r1', 6)])).toBe(2);
    expect((await store.recommendationReads(A)).map((read) => [read.time, read.count])).toEqual([[0, 2], [HOUR, 2], [2 * HOUR, 1]]);
    const later = await store.recommendationChanges(A, { after: HOUR });
    expect(later.map((change) => [change.id, change.removed ?? false])).toEqual([['r1', false], ['r2', true]]);
    expect((await store.recommendationChangesOf(A, ['r2'])).map((change) => change.time)).toEqual([0, 2 * HOUR]);
    expect(await store.recommendationChanges(B)).toEqual([]);
  });

  it('deletes every series and the recommendation log of one tenant with its history, and nothing of another', async () => {
    await store.addSeriesReadings([value('exposure', 0, 30), value('exposure', 0, 50, B)], [named('group-id:1', 0, 'Servers'), named('group-id:1', 0, 'Servers', B)]);
    await store.addRecommendationRead(A, 0, [recommendation('r1', 10)]);
    await store.addRecommendationRead(B, 0, [recommendation('r1', 10)]);
    await store.deleteTenantHistory(A);
    expect([await store.seriesRuns(A), await store.seriesNames(A), await store.recommendationChanges(A), await store.recommendationReads(A)]).toEqual([[], [], [], []]);
    expect(await store.seriesRuns(B)).toHaveLength(1);
    expect(await store.seriesNames(B)).toHaveLength(1);
    expect(await store.recommendationChanges(B)).toHaveLength(1);
    expect(await store.recommendationReads(B)).toHaveLength(1);
  });
});

describe.each(Object.entries(stores))('%s store: importing the other series and the recommendation log', (_name, open) => {
  it('joins series runs, names, recommendation changes and reads into the stored ones, counting only what is new', async () => {
    const store = await open();
    await store.addSeriesReadings([value('exposure', 0, 30), value('exposure', 1, 30)], [named('group-id:1', 0, 'Servers')]);
    await store.addRecommendationRead(A, 0, [recommendation('r1', 10)]);
    const [change] = await store.recommendationChanges(A);
    const records = {
      runs: [],
      notes: [],
      seriesRuns: [
        { tenantId: A, series: 'exposure' as const, firstSeen: HOUR, lastSeen: 3 * HOUR, score: 30 },
        { tenantId: B, series: 'group-id:7' as const, firstSeen: 0, lastSeen: HOUR, score: 12 },
      ],
      seriesNames: [named('group-id:1', 0, 'Servers'), named('group-id:7', 0, 'Kiosks', B)],
      recommendationChanges: [change!, { ...change!, tenantId: B }],
      recommendationReads: [{ tenantId: A, time: 0, count: 1 }, { tenantId: B, time: 0, count: 1 }],
    };
    const counts = await store.addHistory(records);
    // New: A's exposure run confirmed later, B's group run, B's name, B's change and read.
    expect(counts).toEqual({ added: 0, present: 0, notesAdded: 0, othersAdded: 5 });
    expect(await store.seriesRuns(A)).toEqual([{ tenantId: A, series: 'exposure', firstSeen: 0, lastSeen: 3 * HOUR, score: 30 }]);
    expect(await store.seriesNames(B)).toEqual([named('group-id:7', 0, 'Kiosks', B)]);
    expect(await store.recommendationChanges(A)).toEqual([change]);
    expect((await store.addHistory(records)).othersAdded).toBe(0);
  });
});

describe('namesToPut', () => {
  it('keeps a name that differs from the one before it in time, stored or incoming', () => {
    const stored = [named('group-id:1', 0, 'Servers'), named('group-id:1', 4, 'Datacenter')];
    expect(namesToPut([named('group-id:1', 2, 'Servers'), named('group-id:1', 5, 'Datacenter')], stored)).toEqual([]);
    expect(namesToPut([named('group-id:1', 2, 'Old servers')], stored)).toEqual([named('group-id:1', 2, 'Old servers')]);
    expect(namesToPut([named('group-id:1', 0, 'Something else')], stored)).toEqual([]);
  });
});
