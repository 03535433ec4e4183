import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { firstIndexInRange, RANGE_LABELS, RANGES, rangeStatistics, type RangeKey } from '../../src/lib/history/ranges';
import type { Reading } from '../../src/lib/history/reading';

/** What the dashboard shows for a range: the readings from the range's first index on. */
const readingsInRange = (readings: readonly Reading[], range: RangeKey, now: number) => readings.slice(firstIndexInRange(readings, range, now));

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 28, 12);
const reading = (time: number, score: number): Reading => ({ tenantId: 't1', time, score });

describe('RANGES', () => {
  it('has a label for every range, in the order the picker shows them', () => {
    expect(RANGES).toEqual(['7d', '30d', '90d', '1y', 'all']);
    expect(RANGES.map((range) => RANGE_LABELS[range])).toEqual(['7 days', '30 days', '90 days', '1 year', 'All']);
  });
});

describe('firstIndexInRange', () => {
  const history = [NOW - 400 * DAY, NOW - 365 * DAY, NOW - 365 * DAY + 1, NOW - 90 * DAY - 1, NOW - 30 * DAY, NOW - 7 * DAY, NOW].map((time, index) =>
    reading(time, 300 + index),
  );

  it('keeps readings at or after the start of the range, the boundary included', () => {
    expect(readingsInRange(history, '7d', NOW).map((r) => r.time)).toEqual([NOW - 7 * DAY, NOW]);
    expect(readingsInRange(history, '30d', NOW).map((r) => r.time)).toEqual([NOW - 30 * DAY, NOW - 7 * DAY, NOW]);
    expect(readingsInRange(history, '90d', NOW)).toHaveLength(3);
    expect(readingsInRange(history, '1y', NOW)).toHaveLength(6);
  });

  it('gives every reading for "all", as a new array', () => {
    const all = readingsInRange(history, 'all', NOW);
    expect(all).toEqual(history);
    expect(all).not.toBe(history);
  });

  it('handles an empty history and a range with nothing in it', () => {
    expect(readingsInRange([], '30d', NOW)).toEqual([]);
    expect(readingsInRange([reading(NOW - 100 * DAY, 1)], '7d', NOW)).toEqual([]);
  });

  it('agrees with a plain filter for any sorted history', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: NOW - 500 * DAY, max: NOW }), { maxLength: 60 }),
        fc.constantFrom(...RANGES),
        (times, range) => {
          const sorted = times.sort((a, b) => a - b).map((time) => reading(time, 1));
          const days = { '7d': 7, '30d': 30, '90d': 90, '1y': 365, all: Infinity }[range];
          expect(readingsInRange(sorted, range, NOW)).toEqual(sorted.filter((r) => r.time >= NOW - days * DAY));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds the last week in 100,000 readings, a minute apart', () => {
    const big = Array.from({ length: 100_000 }, (_, index) => reading(NOW - (100_000 - index) * 60_000, 300));
    expect(firstIndexInRange(big, '7d', NOW)).toBe(100_000 - 7 * 24 * 60);
    expect(readingsInRange(big, '7d', NOW)).toHaveLength(7 * 24 * 60);
  });
});

describe('rangeStatistics', () => {
  it('is undefined for no readings', () => {
    expect(rangeStatistics([])).toBeUndefined();
  });

  it('summarises the range', () => {
    const readings = [reading(1, 300), reading(2, 280), reading(3, 320), reading(4, 310)];
    expect(rangeStatistics(readings)).toEqual({
      count: 4,
      first: readings[0],
      latest: readings[3],
      lowest: readings[1],
      highest: readings[2],
      average: 302.5,
      change: 10,
    });
  });

  it('picks the earliest of equal lowest and highest scores', () => {
    const readings = [reading(1, 5), reading(2, 9), reading(3, 5), reading(4, 9)];
    const statistics = rangeStatistics(readings);
    expect(statistics?.lowest).toBe(readings[0]);
    expect(statistics?.highest).toBe(readings[1]);
  });

  it('rounds away floating-point dust and handles a single reading', () => {
    expect(rangeStatistics([reading(1, 0.1), reading(2, 0.2), reading(3, 0.4)])).toMatchObject({ average: 0.23, change: 0.3 });
    const only = reading(1, 42);
    expect(rangeStatistics([only])).toEqual({ count: 1, first: only, latest: only, lowest: only, highest: only, average: 42, change: 0 });
  });
});
