import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EXPORT_CHUNK_SIZE, toCsv, toCsvInChunks, toJson, toJsonInChunks, type ExportedRecords } from '../../src/lib/history/export-formats';
import type { Note } from '../../src/lib/history/note';
import type { Run } from '../../src/lib/history/run';
import type { SeriesRun } from '../../src/lib/history/series-store';
import type { RecommendationChange } from '../../src/lib/recommendations/recommendation';
import { historyArbitraries } from '../fixtures/history-arbitraries';

const TENANT = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const OTHER = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const LABELS = new Map([
  [TENANT, 'contoso.example'],
  [OTHER, '=fabrikam, "ops"'],
]);
const EXPORTED_AT = Date.UTC(2026, 10, 28, 12);
const noWait = async () => {};

/**
 * More runs than fit in two chunks and more notes than fit in one, two tenants, not in order; some notes
 * at a run's start, the others on lines of their own in the CSV; exposure and group runs interleaved with
 * them, more recommendation changes than fit in one chunk, a few group names and reads.
 */
function manyRecords(): ExportedRecords {
  const count = EXPORT_CHUNK_SIZE * 2 + 345;
  const start = (i: number) => Date.UTC(2024, 0, 1) + ((i * 7919) % count) * 600_000;
  const runs: Run[] = Array.from({ length: count }, (_, i) => ({
    tenantId: i % 3 === 0 ? OTHER : TENANT,
    firstSeen: start(i),
    lastSeen: start(i) + (i % 4) * 60_000,
    score: 300 + (i % 97) / 4,
  }));
  const notes: Note[] = Array.from({ length: EXPORT_CHUNK_SIZE + 10 }, (_, i) => ({
    tenantId: i % 3 === 0 ? OTHER : TENANT,
    time: start(i) + (i % 2) * 30_000,
    text: `line ${i}, "quoted"\n=SUM(A1) é`,
    edited: start(i) + 86_400_000,
  }));
  const seriesRuns: SeriesRun[] = Array.from({ length: EXPORT_CHUNK_SIZE + 20 }, (_, i) => ({
    tenantId: i % 2 === 0 ? OTHER : TENANT,
    series: i % 3 === 0 ? 'exposure' : `group-id:${i % 5}`,
    firstSeen: start(i),
    lastSeen: start(i) + 60_000,
    score: (i % 101) / 2,
  }));
  const seriesNames = [0, 1, 2, 3, 4].map((group) => ({ tenantId: TENANT, series: `group-id:${group}` as const, time: start(group * 10), name: `Group, "${group}"` }));
  const recommendationChanges: RecommendationChange[] = Array.from({ length: EXPORT_CHUNK_SIZE + 1 }, (_, i) =>
    i % 7 === 0
      ? { tenantId: TENANT, id: `sca-_-scid-${i}`, time: start(i), removed: true }
      : { tenantId: TENANT, id: `sca-_-scid-${i}`, time: start(i), configScoreImpact: i / 100, exposureImpact: 0, exposedMachines: i, totalMachines: 2 * i, status: 'Active', ...(i % 2 ? { name: `=Fix ${i}` } : {}) },
  );
  const recommendationReads = [0, 1, 2].map((i) => ({ tenantId: TENANT, time: start(i), count: i }));
  return { runs, notes, seriesRuns, seriesNames, recommendationChanges, recommendationReads };
}

const tenants = [
  { tenantId: TENANT, label: 'contoso.example' },
  { tenantId: OTHER, label: 'fabrikam "ops"' },
];

const time = fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2030, 0, 1) });
const runArbitrary: fc.Arbitrary<Run> = fc
  .record({ tenantId: fc.constantFrom(TENANT, OTHER), firstSeen: time, length: fc.nat(10_000_000), score: fc.double({ min: 0, max: 10_000, noNaN: true }) })
  .map(({ length, ...run }) => ({ ...run, lastSeen: run.firstSeen + length }));
const noteArbitrary: fc.Arbitrary<Note> = fc.record({ tenantId: fc.constantFrom(TENANT, OTHER), time, text: fc.string(), edited: time }).map((note) => ({ ...note }));
const others = historyArbitraries(Date.UTC(2030, 0, 1));
const recordsArbitrary = fc.record({
  runs: fc.array(runArbitrary),
  notes: fc.array(noteArbitrary),
  seriesRuns: others.seriesRuns,
  seriesNames: others.seriesNames,
  recommendationChanges: others.recommendationChanges,
  recommendationReads: others.recommendationReads,
});

describe('toCsvInChunks', () => {
  it('writes exactly what toCsv writes, with and without labels, across chunks', async () => {
    const records = manyRecords();
    const csv = toCsv(records, LABELS);
    // Not a trivial equality: the file holds every run and note.
    expect(csv.split('\r\n').length).toBeGreaterThan(records.runs.length + 1);
    expect(await toCsvInChunks(records, LABELS, { yieldToMain: noWait })).toBe(csv);
    expect(await toCsvInChunks(records, undefined, { yieldToMain: noWait })).toBe(toCsv(records));
    expect(await toCsvInChunks({ runs: [], notes: [] })).toBe(toCsv({ runs: [], notes: [] }));
  });

  it('writes exactly what toCsv writes for any runs and notes', async () => {
    await fc.assert(
      fc.asyncProperty(recordsArbitrary, async (records) => {
        expect(await toCsvInChunks(records, LABELS, { yieldToMain: noWait })).toBe(toCsv(records, LABELS));
      }),
    );
  });

  it('gives the page a turn between chunks', async () => {
    let turns = 0;
    const records = manyRecords();
    await toCsvInChunks(records, LABELS, { yieldToMain: async () => void (turns += 1) });
    // The lines: every run, and the notes that are not at a run's start.
    const lines = toCsv(records).split('\r\n').length - 2;
    expect(turns).toBe(Math.ceil(lines / EXPORT_CHUNK_SIZE) - 1);
  });
});

describe('toJsonInChunks', () => {
  it('writes exactly what toJson writes, across chunks', async () => {
    const records = manyRecords();
    const json = toJson({ tenants, ...records }, EXPORTED_AT);
    expect(JSON.parse(json).runs).toHaveLength(records.runs.length);
    expect(await toJsonInChunks({ tenants, ...records }, EXPORTED_AT, { yieldToMain: noWait })).toBe(json);
  });

  it('writes exactly what toJson writes with empty lists', async () => {
    for (const history of [
      { tenants: [], runs: [], notes: [] },
      { tenants, runs: manyRecords().runs.slice(0, 3), notes: [] },
      { tenants, runs: [], notes: manyRecords().notes.slice(0, 3) },
    ]) {
      expect(await toJsonInChunks(history, EXPORTED_AT)).toBe(toJson(history, EXPORTED_AT));
    }
  });

  it('writes exactly what toJson writes for any runs and notes', async () => {
    await fc.assert(
      fc.asyncProperty(recordsArbitrary, async (records) => {
        expect(await toJsonInChunks({ tenants, ...records }, EXPORTED_AT, { yieldToMain: noWait })).toBe(toJson({ tenants, ...records }, EXPORTED_AT));
      }),
    );
  });

  it('gives the page a turn between chunks, across all the lists', async () => {
    let turns = 0;
    await toJsonInChunks({ tenants, ...manyRecords() }, EXPORTED_AT, { yieldToMain: async () => void (turns += 1) });
    // Three chunks of runs, two of notes, two of series runs, one of names, two of changes, one of reads: a turn before each but the first.
    expect(turns).toBe(10);
  });
});
