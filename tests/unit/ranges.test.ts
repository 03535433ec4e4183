import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { firstIndexInRange, RANGE_LABELS, RANGES, rangeStartTime, rangeStatistics, type RangeKey } from '../../src/lib/history/ranges';
import { scoreRuns, type ScoreRun } from '../../src/lib/history/score-runs';
import type { Run } from '../../src/lib/history/run';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 28, 12);
const TENANT = '11111111-1111-4111-8111-111111111111';
const run = (firstSeen: number, lastSeen: number, score: number): Run => ({ tenantId: TENANT, firstSeen, lastSeen, score });

/** What the dashboard shows for a range: the runs from the range's first index on. */
const runsInRange = (runs: readonly ScoreRun[], range: RangeKey, now: number) => runs.slice(firstIndexInRange(runs, range, now));

describe('RANGES', () => {
  it('has a label for every range, in the order the picker shows them', () => {
    expect(RANGES).toEqual(['7d', '30d', '90d', '1y', 'all']);
    expect(RANGES.map((range) => RANGE_LABELS[range])).toEqual(['7 days', '30 days', '90 days', '1 year', 'All']);
  });
});

describe('firstIndexInRange', () => {
  it('starts with the run still holding at the start of the range', () => {
    // Daily changes, checked hourly: each run holds until the next begins.
    const shown = scoreRuns(Array.from({ length: 60 }, (_, day) => run(NOW - (60 - day) * DAY, NOW - (60 - day) * DAY + 20 * HOUR, 300 + (day % 2))));
    const week = runsInRange(shown, '7d', NOW);
    expect(week[0]!.firstSeen).toBeLessThanOrEqual(NOW - 7 * DAY);
    expect(week[0]!.heldUntil).toBeGreaterThanOrEqual(NOW - 7 * DAY);
    expect(week).toHaveLength(8);
    expect(runsInRange(shown, 'all', NOW)).toEqual(shown);
  });

  it('leaves out a run that ended before a gap that reaches into the range', () => {
    const shown = scoreRuns([run(NOW - 20 * DAY, NOW - 10 * DAY, 300), run(NOW - 2 * DAY, NOW, 300)]);
    expect(runsInRange(shown, '7d', NOW).map((r) => r.firstSeen)).toEqual([NOW - 2 * DAY]);
  });

  it('handles an empty history and a range with nothing in it', () => {
    expect(runsInRange([], '30d', NOW)).toEqual([]);
    expect(runsInRange(scoreRuns([run(NOW - 100 * DAY, NOW - 99 * DAY, 1)]), '7d', NOW)).toEqual([]);
  });

  it('agrees with a plain filter on when each run held, for any history', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 500 }), { maxLength: 60 }), fc.constantFrom(...RANGES), (days, range) => {
        const shown = scoreRuns(days.map((day, index) => run(NOW - day * DAY, NOW - day * DAY + HOUR, 300 + (index % 3))));
        const start = rangeStartTime(range, NOW) ?? -Infinity;
        expect(runsInRange(shown, range, NOW)).toEqual(shown.filter((r) => r.heldUntil >= start));
      }),
      { numRuns: 300 },
    );
  });
});

describe('rangeStatistics', () => {
  it('is undefined for no runs', () => {
    expect(rangeStatistics([])).toBeUndefined();
  });

  it('weighs each score by how long it held', () => {
    // 300 for 30 hours, then 400 for 10 hours: the time-weighted average is 325, the plain one 350.
    const shown = scoreRuns([run(0, 20 * HOUR, 300), run(30 * HOUR, 40 * HOUR, 400)]);
    expect(rangeStatistics(shown)).toMatchObject({ count: 2, average: 325, change: 100, observedTime: 40 * HOUR, unobservedTime: 0 });
  });

  it('leaves time in gaps out of the average and says how much there was', () => {
    // 300 for 10 hours, four days unchecked, then 400 for 10 hours.
    const shown = scoreRuns([run(0, 10 * HOUR, 300), run(10 * HOUR + 4 * DAY, 20 * HOUR + 4 * DAY, 400)]);
    expect(rangeStatistics(shown)).toMatchObject({ average: 350, observedTime: 20 * HOUR, unobservedTime: 4 * DAY });
  });

  it('counts only the part of the leading run inside the range', () => {
    // 300 from hour 0 to 100, then 400 from 100 to 110; the range starts at hour 90.
    const shown = scoreRuns([run(0, 99 * HOUR, 300), run(100 * HOUR, 110 * HOUR, 400)]);
    expect(rangeStatistics(shown, 90 * HOUR)).toMatchObject({ average: 350, observedTime: 20 * HOUR, first: shown[0], latest: shown[1] });
  });

  it('picks the earliest of equal lowest and highest scores', () => {
    const shown = scoreRuns([run(0, 1, 5), run(2, 3, 9), run(4, 5, 5), run(6, 7, 9)]);
    const statistics = rangeStatistics(shown);
    expect(statistics?.lowest).toBe(shown[0]);
    expect(statistics?.highest).toBe(shown[1]);
  });

  it('rounds away floating-point dust, and averages plainly when no time passed', () => {
    expect(rangeStatistics(scoreRuns([run(0, 0, 0.1), run(HOUR, HOUR, 0.2), run(2 * HOUR, 2 * HOUR, 0.4)]))).toMatchObject({ change: 0.3 });
    const only = scoreRuns([run(1, 1, 42)]);
    expect(rangeStatistics(only)).toMatchObject({ count: 1, average: 42, change: 0, observedTime: 0 });
  });

  it('keeps the average between the lowest and highest score for any history', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 40 }), (hours) => {
        const shown = scoreRuns(hours.map((hour, index) => run(hour * HOUR, hour * HOUR + (index % 4) * HOUR, 200 + ((index * 37) % 90))));
        const statistics = rangeStatistics(shown)!;
        expect(statistics.average).toBeGreaterThanOrEqual(statistics.lowest.score - 0.01);
        expect(statistics.average).toBeLessThanOrEqual(statistics.highest.score + 0.01);
      }),
    );
  });
});
