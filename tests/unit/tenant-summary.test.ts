import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { openIndexedDbStore } from '../../src/lib/history/indexeddb-store';
import { MemoryStore } from '../../src/lib/history/memory-store';
import type { HistoryStore } from '../../src/lib/history/history-store';
import type { Run } from '../../src/lib/history/run';
import { EXPOSURE_SERIES } from '../../src/lib/history/series';
import { SUMMARY_WINDOW_MS, isStale, scoreAt, summarize } from '../../src/lib/history/tenant-summary';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 29, 12);

let databases = 0;
const stores: Record<string, () => Promise<HistoryStore>> = {
  IndexedDB: () => openIndexedDbStore({ name: `scoreline-summary-${++databases}` }),
  memory: async () => new MemoryStore(),
};

/** What the summary must be: worked out from the tenant's whole history at the time the store wrote it. */
async function fromWholeHistory(store: HistoryStore, tenantId: string, asOf: number) {
  const exposure = (await store.seriesRuns(tenantId)).filter((run) => run.series === EXPOSURE_SERIES);
  return summarize(tenantId, await store.runsFor(tenantId), exposure, asOf);
}

const readingsArbitrary = fc.array(
  fc.record({ tenant: fc.constantFrom(A, B), daysAgo: fc.integer({ min: 0, max: 400 }), hour: fc.nat(23), score: fc.integer({ min: 300, max: 306 }) }),
  { minLength: 1, maxLength: 40 },
);

describe.each(Object.entries(stores))('%s store: tenant summaries', (_name, open) => {
  it('equals the summary of the whole history after any readings, in any order (property)', async () => {
    await fc.assert(
      fc.asyncProperty(readingsArbitrary, async (readings) => {
        const store = await open();
        for (const { tenant, daysAgo, hour, score } of readings) {
          await store.addReading({ tenantId: tenant, time: Date.now() - daysAgo * DAY - hour * HOUR, score });
        }
        const summaries = await store.tenantSummaries();
        expect(summaries.map((summary) => summary.tenantId).sort()).toEqual([...new Set(readings.map((r) => r.tenant))].sort());
        for (const summary of summaries) expect(summary).toEqual(await fromWholeHistory(store, summary.tenantId, summary.computedAt));
      }),
      { numRuns: 15 },
    );
  });

  it('follows an import, an exposure reading and a deletion', async () => {
    const store = await open();
    const now = Date.now();
    const runs: Run[] = [
      { tenantId: A, firstSeen: now - 400 * DAY, lastSeen: now - 300 * DAY, score: 280 },
      { tenantId: A, firstSeen: now - 20 * DAY, lastSeen: now - 2 * DAY, score: 301 },
      { tenantId: B, firstSeen: now - 5 * DAY, lastSeen: now - DAY, score: 150 },
    ];
    await store.addHistory({ runs, notes: [] });
    await store.addSeriesReadings([{ tenantId: A, series: EXPOSURE_SERIES, time: now - HOUR, score: 41.5 }], []);
    const summaries = await store.tenantSummaries();
    const a = summaries.find((summary) => summary.tenantId === A)!;
    expect(a.latest).toEqual({ score: 301, firstSeen: now - 20 * DAY, lastSeen: now - 2 * DAY });
    expect(a.exposure).toEqual({ score: 41.5, lastSeen: now - HOUR });
    expect(a).toEqual(await fromWholeHistory(store, A, a.computedAt));
    expect(summaries.find((summary) => summary.tenantId === B)?.latest?.score).toBe(150);
    await store.deleteTenantHistory(B);
    expect((await store.tenantSummaries()).map((summary) => summary.tenantId)).toEqual([A]);
    expect(await store.tenantsWithHistory()).toEqual([A]);
  });

  it('works a tenant out again on demand, and finds every tenant with a score without a summary', async () => {
    const store = await open();
    await store.addReading({ tenantId: B, time: Date.now() - DAY, score: 200 });
    await store.addSeriesReadings([{ tenantId: A, series: EXPOSURE_SERIES, time: Date.now(), score: 12 }], []);
    expect((await store.tenantsWithHistory()).sort()).toEqual([A, B]);
    const [again] = await store.summarize([B]);
    expect(again?.latest?.score).toBe(200);
  });
});

describe('summarize', () => {
  it('keeps the last change of each day in the window, and the latest run even when it is older', () => {
    const runs: Run[] = [
      { tenantId: A, firstSeen: NOW - 100 * DAY, lastSeen: NOW - 95 * DAY, score: 290 },
      { tenantId: A, firstSeen: NOW - 95 * DAY, lastSeen: NOW - 10 * DAY, score: 300 },
      { tenantId: A, firstSeen: NOW - 10 * DAY + HOUR, lastSeen: NOW - 10 * DAY + 2 * HOUR, score: 305 },
      { tenantId: A, firstSeen: NOW - 10 * DAY + 3 * HOUR, lastSeen: NOW - 3 * DAY, score: 303 },
      { tenantId: A, firstSeen: NOW - 2 * DAY, lastSeen: NOW - HOUR, score: 310 },
    ];
    const summary = summarize(A, runs, [], NOW);
    expect(summary.points).toEqual([
      { time: NOW - SUMMARY_WINDOW_MS, score: 300 },
      { time: NOW - 10 * DAY + 3 * HOUR, score: 303 },
      { time: NOW - 2 * DAY, score: 310 },
    ]);
    expect(scoreAt(summary.points, NOW - 7 * DAY)).toBe(303);
    expect(scoreAt(summary.points, NOW - 91 * DAY)).toBeUndefined();
    const old = summarize(A, [runs[0]!], [], NOW);
    expect(old.latest?.score).toBe(290);
    expect(old.points).toEqual([{ time: NOW - SUMMARY_WINDOW_MS, score: 290 }]);
  });

  it('is stale a month after it was worked out, or when worked out in the future', () => {
    const summary = summarize(A, [], [], NOW);
    expect(isStale(summary, NOW + 29 * DAY)).toBe(false);
    expect(isStale(summary, NOW + 31 * DAY)).toBe(true);
    expect(isStale(summary, NOW - DAY)).toBe(true);
  });
});
