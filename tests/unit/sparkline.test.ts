import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Run } from '../../src/lib/history/run';
import { scoreRuns } from '../../src/lib/history/score-runs';
import { stepPoints } from '../../src/lib/ui/chart/step-points';
import { sparkline, valueWindow } from '../../src/lib/ui/sparkline';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 1);
const BOX = { width: 100, height: 20, padding: 0 };
const run = (firstSeen: number, lastSeen: number, score: number): Run => ({ tenantId: 't1', firstSeen, lastSeen, score });

describe('sparkline', () => {
  it('draws each value as a step that holds until the next, across the time it is given', () => {
    // 50 for a day, then 40 until day 4: x runs 0..100 over four days, y fits 40..50 into 20..0.
    const runs = scoreRuns([run(T0, T0 + DAY - HOUR, 50), run(T0 + DAY, T0 + 4 * DAY, 40)]);
    const line = sparkline(stepPoints(runs), T0, T0 + 4 * DAY, BOX);
    expect(line.path).toBe('M0 0H25V20H100');
    expect(line.end).toEqual({ x: 100, y: 20 });
  });

  it('breaks the line where nothing was checked', () => {
    const runs = scoreRuns([run(T0, T0 + DAY, 50), run(T0 + 3 * DAY, T0 + 4 * DAY, 40)]);
    const line = sparkline(stepPoints(runs), T0, T0 + 4 * DAY, BOX);
    expect(line.path.match(/M/g)).toHaveLength(2);
    expect(line.path).toBe('M0 0H25M75 20H100');
  });

  it('clips points before the start to the left edge and keeps a single reading as a dot', () => {
    const line = sparkline(stepPoints(scoreRuns([run(T0 - DAY, T0 - DAY, 30)])), T0, T0 + DAY, BOX);
    expect(line.path).toBe('');
    expect(line.end?.x).toBe(0);
    expect(sparkline([], T0, T0 + DAY, BOX)).toEqual({ path: '', end: undefined });
  });

  it('keeps every point inside the box, for any history', () => {
    const box = { width: 96, height: 28, padding: 3 };
    fc.assert(
      fc.property(fc.array(fc.record({ hour: fc.integer({ min: 0, max: 2000 }), score: fc.integer({ min: 0, max: 100 }) }), { minLength: 1, maxLength: 30 }), (readings) => {
        const runs = scoreRuns(readings.map(({ hour, score }) => run(T0 + hour * HOUR, T0 + hour * HOUR, score)));
        const line = sparkline(stepPoints(runs), T0, T0 + 2000 * HOUR, box);
        const numbers = [...line.path.matchAll(/[MHV]([\d.]+)(?: ([\d.]+))?/g)];
        for (const [, first, second] of numbers) {
          for (const value of [first, second].filter((v) => v !== undefined).map(Number)) {
            expect(value).toBeGreaterThanOrEqual(box.padding);
            expect(value).toBeLessThanOrEqual(box.width - box.padding);
          }
        }
        expect(line.end!.y).toBeGreaterThanOrEqual(box.padding);
        expect(line.end!.y).toBeLessThanOrEqual(box.height - box.padding);
      }),
    );
  });
});

describe('valueWindow', () => {
  it('spans at least 10, around the values, within 0–100', () => {
    expect(valueWindow(40, 50)).toEqual([40, 50]);
    expect(valueWindow(44, 46)).toEqual([40, 50]);
    expect(valueWindow(1, 3)).toEqual([0, 10]);
    expect(valueWindow(97, 99)).toEqual([90, 100]);
    expect(valueWindow(0, 100)).toEqual([0, 100]);
    // Found by the property below: a span a hair under 10 once left the lowest value a rounding outside.
    const [low] = valueWindow(0.0003956940742453341, 10.000395694074246);
    expect(low).toBeLessThanOrEqual(0.0003956940742453341);
  });

  it('always holds the values, for any values in 0–100', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (a, b) => {
        const [lowest, highest] = a <= b ? [a, b] : [b, a];
        const [low, high] = valueWindow(lowest, highest);
        expect(low).toBeLessThanOrEqual(lowest);
        expect(high).toBeGreaterThanOrEqual(highest);
        expect(high - low).toBeGreaterThanOrEqual(10 - 1e-9);
        expect(low).toBeGreaterThanOrEqual(0);
        expect(high).toBeLessThanOrEqual(100);
      }),
    );
  });
});
