import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareRuns, coverageOf, foldReadings, GAP_LIMIT_MS, joinRuns, runForReading, type Run } from '../../src/lib/history/run';
import { runWrites } from '../../src/lib/history/run-join';
import { scoreRuns } from '../../src/lib/history/score-runs';
import type { Reading } from '../../src/lib/history/reading';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
const TENANT = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

const reading = (hour: number, score: number, tenantId = TENANT): Reading => ({ tenantId, time: T0 + hour * HOUR, score });
const run = (fromHour: number, toHour: number, score: number, tenantId = TENANT): Run => ({
  tenantId,
  firstSeen: T0 + fromHour * HOUR,
  lastSeen: T0 + toHour * HOUR,
  score,
});

/** Readings of one tenant at distinct hours (up to 120 days), scores from a few values so that they repeat. */
const readingsArbitrary = fc
  .uniqueArray(fc.integer({ min: 0, max: 120 * 24 }), { minLength: 1, maxLength: 80 })
  .chain((hours) => fc.tuple(fc.constant(hours), fc.array(fc.constantFrom(300, 310, 325.5), { minLength: hours.length, maxLength: hours.length })))
  .map(([hours, scores]) => hours.map((hour, index) => reading(hour, scores[index]!)));

const byTime = (readings: readonly Reading[]) => [...readings].sort((a, b) => a.time - b.time);

/** Readings folded one at a time, as the app keeps them when it reads the score. */
function foldOneByOne(readings: readonly Reading[]): Run[] {
  let runs: Run[] = [];
  for (const r of readings) runs = joinRuns(runs, [runForReading(r, runs)]);
  return runs;
}

describe('foldReadings', () => {
  it('folds repeated scores into one run that keeps its first and last time', () => {
    const readings = [reading(0, 300), reading(1, 300), reading(2, 300), reading(3, 310), reading(4, 310)];
    expect(foldReadings(readings)).toEqual([run(0, 2, 300), run(3, 4, 310)]);
  });

  it('starts a new run at the same score after a gap longer than the limit', () => {
    expect(foldReadings([reading(0, 300), reading(36, 300), reading(36 + 37, 300)])).toEqual([run(0, 36, 300), run(73, 73, 300)]);
  });

  it('keeps tenants apart and takes readings in any order', () => {
    const readings = [reading(2, 300, OTHER), reading(1, 300), reading(0, 300, OTHER), reading(0, 300)];
    expect(foldReadings(readings)).toEqual([run(0, 1, 300), run(0, 2, 300, OTHER)]);
  });

  it('folds only equal numbers: 300 and 300.01 are two scores', () => {
    expect(foldReadings([reading(0, 300), reading(1, 300.01)])).toHaveLength(2);
  });

  it('is exact for any sequence: every change starts a run, every run keeps its first and last reading', () => {
    fc.assert(
      fc.property(readingsArbitrary, (readings) => {
        const sorted = byTime(readings);
        const runs = foldReadings(readings);
        // A run starts exactly where the score changes or a gap begins.
        const starts = sorted.filter((r, i) => i === 0 || r.score !== sorted[i - 1]!.score || r.time - sorted[i - 1]!.time > GAP_LIMIT_MS);
        expect(runs.map((r) => [r.firstSeen, r.score])).toEqual(starts.map((r) => [r.time, r.score]));
        // Each run ends at the last reading before the next run starts.
        runs.forEach((r, i) => {
          const next = runs[i + 1];
          const inRun = sorted.filter((x) => x.time >= r.firstSeen && (next === undefined || x.time < next.firstSeen));
          expect(inRun.every((x) => x.score === r.score)).toBe(true);
          expect(r.lastSeen).toBe(inRun.at(-1)!.time);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('runForReading, as the app folds each new reading', () => {
  it('extends the latest run when the score is the same, within the gap limit', () => {
    const stored = [run(0, 2, 300)];
    expect(runForReading(reading(5, 300), stored)).toEqual(run(2, 5, 300));
    expect(joinRuns(stored, [runForReading(reading(5, 300), stored)])).toEqual([run(0, 5, 300)]);
  });

  it('starts a run for a new score, or after a gap', () => {
    expect(runForReading(reading(5, 310), [run(0, 2, 300)])).toEqual(run(5, 5, 310));
    expect(runForReading(reading(50, 300), [run(0, 2, 300)])).toEqual(run(50, 50, 300));
  });

  it('adds nothing for a reading inside a run of its score, and keeps one inside a run of another score', () => {
    const stored = [run(0, 10, 300)];
    expect(joinRuns(stored, [runForReading(reading(4, 300), stored)])).toEqual(stored);
    expect(joinRuns(stored, [runForReading(reading(4, 310), stored)])).toEqual([run(0, 10, 300), run(4, 4, 310)]);
  });

  it('reproduces the exact fold when readings come in time order, as they do from the API', () => {
    fc.assert(
      fc.property(readingsArbitrary, (readings) => {
        expect(foldOneByOne(byTime(readings))).toEqual(foldReadings(readings));
      }),
      { numRuns: 300 },
    );
  });
});

/** Any runs at all, overlapping or not, of two tenants. */
const runsArbitrary = fc.array(
  fc
    .tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 60 }), fc.constantFrom(300, 310), fc.constantFrom(TENANT, OTHER))
    .map(([from, length, score, tenantId]) => run(from, from + length, score, tenantId)),
  { maxLength: 30 },
);

describe('joinRuns', () => {
  it('unites overlapping and touching runs of a score, keeping the later confirmation', () => {
    expect(joinRuns([run(0, 5, 300)], [run(0, 9, 300)])).toEqual([run(0, 9, 300)]);
    expect(joinRuns([run(0, 5, 300)], [run(5, 9, 300)])).toEqual([run(0, 9, 300)]);
    expect(joinRuns([run(0, 5, 300)], [run(6, 9, 300)])).toEqual([run(0, 5, 300), run(6, 9, 300)]);
  });

  it('is order-free: commutative, associative and idempotent for any runs', () => {
    fc.assert(
      fc.property(runsArbitrary, runsArbitrary, runsArbitrary, (a, b, c) => {
        expect(joinRuns(a, b)).toEqual(joinRuns(b, a));
        expect(joinRuns(joinRuns(a, b), c)).toEqual(joinRuns(a, joinRuns(b, c)));
        expect(joinRuns(a, a)).toEqual(joinRuns(a));
        expect(joinRuns(joinRuns(a))).toEqual(joinRuns(a));
      }),
      { numRuns: 300 },
    );
  });

  it('only grows: every time a run held is still held by a run of its score', () => {
    fc.assert(
      fc.property(runsArbitrary, runsArbitrary, (a, b) => {
        const covered = coverageOf(joinRuns(a, b));
        for (const r of [...a, ...b]) expect(covered(r)).toBe(true);
      }),
    );
  });
});

describe('coverageOf', () => {
  it('answers whether one stored run of the score spans a run', () => {
    const covered = coverageOf([run(0, 10, 300), run(20, 30, 300), run(0, 5, 310, OTHER)]);
    expect(covered(run(2, 8, 300))).toBe(true);
    expect(covered(run(8, 22, 300))).toBe(false);
    expect(covered(run(2, 8, 310))).toBe(false);
    expect(covered(run(1, 2, 310, OTHER))).toBe(true);
  });

  it('agrees with a plain search for any runs', () => {
    fc.assert(
      fc.property(runsArbitrary, runsArbitrary, (stored, asked) => {
        const covered = coverageOf(stored);
        for (const r of asked) {
          const plain = stored.some((s) => s.tenantId === r.tenantId && s.score === r.score && s.firstSeen <= r.firstSeen && s.lastSeen >= r.lastSeen);
          // Joined stored runs can span what no single stored run did, so coverage is at least the plain answer.
          if (plain) expect(covered(r)).toBe(true);
          const joined = joinRuns(stored).some((s) => s.tenantId === r.tenantId && s.score === r.score && s.firstSeen <= r.firstSeen && s.lastSeen >= r.lastSeen);
          expect(covered(r)).toBe(joined);
        }
      }),
    );
  });
});

describe('readings that arrive out of order (an import, a sync)', () => {
  it('give the exact history when an older and a newer part are joined, in either order', () => {
    fc.assert(
      fc.property(readingsArbitrary, fc.integer({ min: 0, max: 120 * 24 }), (readings, splitHour) => {
        const split = T0 + splitHour * HOUR;
        const older = foldReadings(readings.filter((r) => r.time < split));
        const newer = foldReadings(readings.filter((r) => r.time >= split));
        const expected = foldReadings(readings);
        const shown = (runs: Run[]) => scoreRuns(runs).map(({ firstSeen, lastSeen, score }) => ({ tenantId: TENANT, firstSeen, lastSeen, score }));
        expect(shown(joinRuns(older, newer))).toEqual(expected);
        expect(shown(joinRuns(newer, older))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('in any order keep the first and last confirmation and the latest score exact, and invent no time', () => {
    fc.assert(
      fc.property(readingsArbitrary.chain((readings) => fc.shuffledSubarray(readings, { minLength: readings.length })), (readings) => {
        const shown = scoreRuns(foldOneByOne(readings));
        const sorted = byTime(readings);
        expect(shown[0]!.firstSeen).toBe(sorted[0]!.time);
        expect(shown.at(-1)!.lastSeen).toBe(sorted.at(-1)!.time);
        expect(shown.at(-1)!.score).toBe(sorted.at(-1)!.score);
        const scoreAt = new Map(readings.map((r) => [r.time, r.score]));
        shown.forEach((r, i) => {
          expect(scoreAt.get(r.firstSeen)).toBe(r.score);
          expect(scoreAt.get(r.lastSeen)).toBe(r.score);
          if (i > 0) expect(r.firstSeen).toBeGreaterThan(shown[i - 1]!.lastSeen);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('runWrites (the writes of a join, group by group)', () => {
  it('leaves the store holding exactly joinRuns of stored and incoming, and counts what no stored run spans', () => {
    const key = (r: Run) => `${r.tenantId}|${r.firstSeen}|${r.score}`;
    fc.assert(
      fc.property(runsArbitrary, runsArbitrary, (storedRaw, incoming) => {
        // The store only ever holds joined runs.
        const stored = joinRuns(storedRaw);
        const writes = runWrites(stored, incoming);
        const kept = new Map(stored.map((r) => [key(r), r]));
        for (const r of writes.deletes) kept.delete(key(r));
        for (const r of writes.puts) kept.set(key(r), r);
        expect([...kept.values()].sort(compareRuns)).toEqual(joinRuns(stored, incoming));
        const covered = coverageOf(stored);
        expect(writes.added).toBe(incoming.filter((r) => !covered(r)).length);
        expect(writes.present + writes.added).toBe(incoming.length);
        // Nothing is written when nothing is new.
        if (writes.added === 0) expect([writes.deletes, writes.puts]).toEqual([[], []]);
      }),
      { numRuns: 500 },
    );
  });
});
