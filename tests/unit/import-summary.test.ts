import { describe, expect, it } from 'vitest';
import { recordsToAdd, storedHistoryFor, type StoredHistory } from '../../src/lib/history/import-summary';
import { MemoryStore } from '../../src/lib/history/memory-store';
import type { SeriesName } from '../../src/lib/history/series';
import type { SeriesRun } from '../../src/lib/history/series-store';
import type { RecommendationChange, RecommendationRead } from '../../src/lib/recommendations/recommendation';
import type { Note } from '../../src/lib/history/note';
import { coverageOf, type Run } from '../../src/lib/history/run';

const TENANT = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const OTHER = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const HOUR = 3_600_000;

const run = (firstSeen: number, lastSeen: number, score: number, tenantId = TENANT): Run => ({ tenantId, firstSeen, lastSeen, score });
const note = (time: number, text: string, edited: number, tenantId = TENANT): Note => ({ tenantId, time, text, edited });

function storedHistory(runs: Run[], notes: Note[], seriesNames: SeriesName[] = [], changes: RecommendationChange[] = [], reads: RecommendationRead[] = []): StoredHistory {
  return {
    covers: coverageOf(runs),
    note: (tenantId, time) => notes.find((n) => n.tenantId === tenantId && n.time === time),
    seriesNames,
    hasChange: (key) => changes.some((c) => c.tenantId === key.tenantId && c.id === key.id && c.time === key.time),
    hasRead: (key) => reads.some((r) => r.tenantId === key.tenantId && r.time === key.time),
  };
}

describe('recordsToAdd', () => {
  const stored = storedHistory([run(0, 10 * HOUR, 300)], [note(0, 'mine', 5 * HOUR)]);

  it('leaves out runs a stored run of their score spans, and keeps those that reach further, start earlier or differ in score or tenant', () => {
    const inside = run(HOUR, 9 * HOUR, 300);
    const reachesFurther = run(5 * HOUR, 12 * HOUR, 300);
    const startsEarlier = run(-HOUR, 2 * HOUR, 300);
    const otherScore = run(2 * HOUR, 2 * HOUR, 310);
    const otherTenant = run(HOUR, 2 * HOUR, 300, OTHER);
    const incoming = [inside, run(0, 10 * HOUR, 300), reachesFurther, startsEarlier, otherScore, otherTenant];
    expect(recordsToAdd({ runs: incoming, notes: [] }, stored).runs).toEqual([reachesFurther, startsEarlier, otherScore, otherTenant]);
  });

  it('keeps a note that is new or edited later than the stored copy, and leaves out one edited as late or earlier', () => {
    const newer = note(0, 'theirs, edited later', 6 * HOUR);
    const elsewhere = note(HOUR, 'new', 0);
    expect(recordsToAdd({ runs: [], notes: [newer, elsewhere] }, stored).notes).toEqual([newer, elsewhere]);
    expect(recordsToAdd({ runs: [], notes: [note(0, 'same edit time', 5 * HOUR), note(0, 'older', HOUR)] }, stored).notes).toEqual([]);
  });

  it('does not change what it is given', () => {
    const incoming = { runs: [run(HOUR, 20 * HOUR, 300)], notes: [note(0, 'x', 9 * HOUR)] };
    const frozen = structuredClone(incoming);
    recordsToAdd(incoming, stored);
    expect(incoming).toEqual(frozen);
  });

  it('leaves out series runs a stored run of their series and value spans, names the group already had, and changes and reads of stored keys', () => {
    const exposure = (firstSeen: number, lastSeen: number, score: number): SeriesRun => ({ ...run(firstSeen, lastSeen, score), series: 'exposure' });
    const group = (firstSeen: number, lastSeen: number, score: number): SeriesRun => ({ ...run(firstSeen, lastSeen, score), series: 'group-id:1' });
    const name = (time: number, text: string): SeriesName => ({ tenantId: TENANT, series: 'group-id:1', time, name: text });
    const removal = (id: string, time: number): RecommendationChange => ({ tenantId: TENANT, id, time, removed: true });
    const read = (time: number): RecommendationRead => ({ tenantId: TENANT, time, count: 1 });
    const stored = storedHistory([exposure(0, 10 * HOUR, 40)], [], [name(0, 'Finance')], [removal('a', HOUR)], [read(HOUR)]);
    const toAdd = recordsToAdd(
      {
        runs: [],
        notes: [],
        seriesRuns: [exposure(HOUR, 2 * HOUR, 40), exposure(HOUR, 2 * HOUR, 41), group(HOUR, 2 * HOUR, 40)],
        seriesNames: [name(HOUR, 'Finance'), name(2 * HOUR, 'Finance EU')],
        recommendationChanges: [removal('a', HOUR), removal('a', 2 * HOUR), removal('b', HOUR)],
        recommendationReads: [read(HOUR), read(2 * HOUR)],
      },
      stored,
    );
    expect(toAdd).toEqual({
      runs: [],
      notes: [],
      seriesRuns: [exposure(HOUR, 2 * HOUR, 41), group(HOUR, 2 * HOUR, 40)],
      seriesNames: [name(2 * HOUR, 'Finance EU')],
      recommendationChanges: [removal('a', 2 * HOUR), removal('b', HOUR)],
      recommendationReads: [read(2 * HOUR)],
      goals: [],
      alertRules: [],
      alertLog: [],
    });
  });
});

describe('storedHistoryFor', () => {
  it('reads the other series and the recommendation log of the tenants the other records name, and no others', async () => {
    const store = new MemoryStore();
    const series: SeriesRun = { ...run(0, HOUR, 40), series: 'exposure' };
    await store.addHistory({
      runs: [],
      notes: [],
      seriesRuns: [series, { ...series, tenantId: OTHER }],
      recommendationChanges: [{ tenantId: TENANT, id: 'a', time: 0, removed: true }],
      recommendationReads: [{ tenantId: TENANT, time: 0, count: 0 }],
      seriesNames: [{ tenantId: TENANT, series: 'group-id:1', time: 0, name: 'Finance' }],
    });
    const stored = await storedHistoryFor(store, { runs: [], notes: [], recommendationReads: [{ tenantId: TENANT, time: 5, count: 0 }] });
    expect(stored.covers(series)).toBe(true);
    expect(stored.covers({ ...series, tenantId: OTHER })).toBe(false);
    expect(stored.seriesNames).toEqual([{ tenantId: TENANT, series: 'group-id:1', time: 0, name: 'Finance' }]);
    expect([stored.hasChange({ tenantId: TENANT, id: 'a', time: 0 }), stored.hasChange({ tenantId: TENANT, id: 'a', time: 1 })]).toEqual([true, false]);
    expect([stored.hasRead({ tenantId: TENANT, time: 0 }), stored.hasRead({ tenantId: OTHER, time: 0 })]).toEqual([true, false]);
  });
});
