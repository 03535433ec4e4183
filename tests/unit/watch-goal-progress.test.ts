import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dailySamples, goalProgress, leastSquaresSlope, PROJECTION_HORIZON_DAYS, recentPace, type Goal } from '../../src/lib/watch/goal-progress';
import { foldReadings, type Run } from '../../src/lib/history/run';
import type { Reading } from '../../src/lib/history/reading';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 5, 1, 9, 30);
const TENANT = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

/** A reading `daysAgo` before now. */
const reading = (daysAgo: number, score: number, tenantId = TENANT): Reading => ({ tenantId, time: NOW - daysAgo * DAY, score });
/** One reading a day for `days` days up to now, rising by `perDay`. */
const linear = (days: number, start: number, perDay: number) => Array.from({ length: days + 1 }, (_, i) => reading(days - i, start + perDay * i));
const goal = (target: number, by?: number): Goal => ({ tenantId: TENANT, target, by });

describe('leastSquaresSlope', () => {
  it('gives the slope of the best line', () => {
    expect(leastSquaresSlope([[0, 1], [1, 3], [2, 5]])).toBe(2);
    // The best line through (0,0), (1,1), (2,0), (3,3): slope 0.8.
    expect(leastSquaresSlope([[0, 0], [1, 1], [2, 0], [3, 3]])).toBeCloseTo(0.8, 12);
  });
});

describe('dailySamples', () => {
  it('takes the score held at now and at each day back, 30 days at most', () => {
    const samples = dailySamples(foldReadings(linear(40, 50, 1)), NOW);
    expect(samples).toHaveLength(31);
    expect(samples[0]).toEqual({ time: NOW - 30 * DAY, score: 60 });
    expect(samples.at(-1)).toEqual({ time: NOW, score: 90 });
  });

  it('weighs each score by how long it held, not by how often it was read', () => {
    // 60 for 20 days, read every 30 hours (17 readings), then 70 read hourly for the last 2 days (49 readings).
    const every30Hours = Array.from({ length: 17 }, (_, i) => reading(22.5 - i * 1.25, 60));
    const hourly = Array.from({ length: 49 }, (_, h) => reading(2 - h / 24, 70));
    const samples = dailySamples(foldReadings([...every30Hours, ...hourly]), NOW);
    expect(samples.map((s) => s.score)).toEqual([...Array<number>(20).fill(60), 70, 70, 70]);
  });

  it('leaves out the moments in a gap, and holds the latest score until now only within the gap limit', () => {
    const runs = foldReadings([reading(10, 60), reading(9.5, 60), reading(4, 65), reading(3.9, 65)]);
    // Days 9 to 5 fall in the gap; the latest score, last checked 3.9 days ago, does not hold until now.
    expect(dailySamples(runs, NOW).map((s) => [Math.round((NOW - s.time) / DAY), s.score])).toEqual([
      [10, 60],
      [4, 65],
    ]);
    const fresh = foldReadings([reading(10, 60), reading(9.5, 60), reading(1.2, 65), reading(1.1, 65)]);
    expect(dailySamples(fresh, NOW).map((s) => [Math.round((NOW - s.time) / DAY), s.score])).toEqual([
      [10, 60],
      [1, 65],
      [0, 65],
    ]);
  });
});

describe('goalProgress', () => {
  it('gives points to go, the pace and the date the target would be reached', () => {
    const progress = goalProgress(foldReadings(linear(40, 40, 0.5)), goal(70), NOW);
    expect(progress.latest).toBe(60);
    expect(progress.pointsToGo).toBe(10);
    expect(progress.pace).toMatchObject({ kind: 'fitted', samples: 31, firstSample: NOW - 30 * DAY, lastSample: NOW });
    expect(progress.pace.kind === 'fitted' && progress.pace.pointsPerDay).toBeCloseTo(0.5, 10);
    expect(progress.projection.kind === 'on' && progress.projection.date).toBeCloseTo(NOW + 20 * DAY, -1);
    expect(progress.byDate).toBeUndefined();
  });

  it('says whether a goal date would be met, was passed, or is reached', () => {
    const runs = foldReadings(linear(40, 40, 0.5));
    expect(goalProgress(runs, goal(70, NOW + 21 * DAY), NOW).byDate).toBe('on-track');
    expect(goalProgress(runs, goal(70, NOW + 19 * DAY), NOW).byDate).toBe('behind');
    expect(goalProgress(runs, goal(70, NOW - DAY), NOW).byDate).toBe('passed');
    expect(goalProgress(runs, goal(60, NOW - DAY), NOW)).toMatchObject({ pointsToGo: 0, projection: { kind: 'reached' }, byDate: 'reached' });
  });

  it('says "not at this pace" when the score does not rise, or would take longer than the horizon', () => {
    expect(goalProgress(foldReadings(linear(40, 60, 0)), goal(70, NOW + DAY), NOW)).toMatchObject({ projection: { kind: 'not-at-this-pace' }, byDate: 'behind' });
    expect(goalProgress(foldReadings(linear(40, 60, -0.2)), goal(70), NOW).projection).toEqual({ kind: 'not-at-this-pace' });
    const slow = 0.01;
    expect(goalProgress(foldReadings(linear(40, 50, slow)), goal(50.4 + slow * (PROJECTION_HORIZON_DAYS + 1)), NOW).projection).toEqual({ kind: 'not-at-this-pace' });
    expect(goalProgress(foldReadings(linear(40, 50, slow)), goal(50.4 + slow * (PROJECTION_HORIZON_DAYS - 1)), NOW).projection.kind).toBe('on');
  });

  it('says "not enough history" with less than two days sampled', () => {
    expect(goalProgress([], goal(70, NOW + DAY), NOW)).toEqual({
      target: 70,
      latest: undefined,
      pointsToGo: undefined,
      pace: { kind: 'not-enough-history', samples: 0 },
      projection: { kind: 'not-enough-history' },
      byDate: 'not-enough-history',
    });
    const halfDay = foldReadings([reading(0.5, 50), reading(0, 55)]);
    expect(goalProgress(halfDay, goal(70), NOW)).toMatchObject({ latest: 55, pointsToGo: 15, pace: { kind: 'not-enough-history', samples: 1 } });
    expect(recentPace(foldReadings([reading(1, 50), reading(0, 55)]), NOW)).toMatchObject({ kind: 'fitted', pointsPerDay: 5, samples: 2 });
  });

  it('reads only the goal’s tenant', () => {
    const runs = foldReadings([...linear(10, 40, 1), reading(0, 99, OTHER), reading(5, 10, OTHER)]);
    expect(goalProgress(runs, goal(70), NOW)).toMatchObject({ latest: 50, pointsToGo: 20 });
  });
});

describe('goalProgress over any history', () => {
  it('gives back the slope of a perfectly linear history, read at any regular step', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 3, 4, 6, 8, 12, 24),
        fc.integer({ min: 1, max: 45 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        (stepHours, days, start, perDay) => {
          const count = (days * 24) / stepHours;
          const readings = Array.from({ length: count + 1 }, (_, i) => reading(days - (i * stepHours) / 24, start + (perDay * i * stepHours) / 24));
          const pace = recentPace(foldReadings(readings), NOW);
          expect(pace.kind).toBe('fitted');
          if (pace.kind === 'fitted') expect(Math.abs(pace.pointsPerDay - perDay)).toBeLessThan(1e-6);
        },
      ),
    );
  });

  const history = fc
    .array(fc.tuple(fc.double({ min: 0.01, max: 3, noNaN: true }), fc.constantFrom(50, 55, 61.5, 70)), { minLength: 1, maxLength: 30 })
    .map((steps) => {
      let daysAgo = 40;
      return foldReadings(steps.map(([gap, score]) => reading((daysAgo -= gap), score)));
    });

  it('is unchanged by splitting a run into two touching runs of its score', () => {
    fc.assert(
      fc.property(history, fc.nat(), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: 40, max: 90 }), (runs, pick, where, target) => {
        const long = runs.filter((r) => r.lastSeen > r.firstSeen);
        fc.pre(long.length > 0);
        const run = long[pick % long.length]!;
        const at = Math.floor(run.firstSeen + where * (run.lastSeen - run.firstSeen));
        const split: Run[] = [...runs.filter((r) => r !== run), { ...run, lastSeen: at }, { ...run, firstSeen: at }];
        expect(goalProgress(split, goal(target, NOW + 30 * DAY), NOW)).toEqual(goalProgress(runs, goal(target, NOW + 30 * DAY), NOW));
      }),
    );
  });

  it('projects only into the future, and only from a rising pace toward a target not yet reached', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 40, max: 90 }), (runs, target) => {
        const progress = goalProgress(runs, goal(target), NOW);
        expect(progress.pointsToGo).toBeGreaterThanOrEqual(0);
        expect(progress.projection.kind === 'reached').toBe(progress.latest! >= target);
        if (progress.projection.kind === 'on') {
          expect(progress.pace.kind === 'fitted' && progress.pace.pointsPerDay).toBeGreaterThan(0);
          expect(progress.projection.date).toBeGreaterThan(NOW);
          expect(progress.projection.date).toBeLessThanOrEqual(NOW + PROJECTION_HORIZON_DAYS * DAY);
        }
      }),
    );
  });
});
