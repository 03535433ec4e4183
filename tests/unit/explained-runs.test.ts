import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scoreRuns, type ScoreRun } from '../../src/lib/history/score-runs';
import { readForRun } from '../../src/lib/recommendations/describing-read';
import type { RecommendationRead } from '../../src/lib/recommendations/recommendation';
import { explainedStarts } from '../../src/lib/state/explained-runs';
import { at, HOUR, run, TENANT } from './recommendation-views-fakes';

const read = (time: number): RecommendationRead => ({ tenantId: TENANT, time, count: 3 });

/** The rule itself: a change is explained when a read describes the run before it and the run it led to. */
function naive(runs: readonly ScoreRun[], reads: readonly RecommendationRead[]): Set<number> {
  const explained = new Set<number>();
  runs.forEach((to, index) => {
    const from = runs[index - 1];
    if (!from || !to.change) return;
    if (typeof readForRun(reads, from, 'before') === 'number' && typeof readForRun(reads, to, 'after') === 'number') explained.add(to.firstSeen);
  });
  return explained;
}

describe('explainedStarts', () => {
  it('marks the changes whose both sides a read describes, and not one the recommendations were not read around', () => {
    const runs = scoreRuns([run(at(0), at(9), 300), run(at(10), at(20), 315), run(at(21), at(30), 307), run(at(90), at(95), 320)]);
    const reads = [read(at(1)), read(at(10)), read(at(92))];
    // 10: read at 1 (before) and at 10 (after); 21: read at 10 before, none while 307 held; 90: after a gap, none before.
    expect([...explainedStarts(runs, reads)]).toEqual([at(10)]);
  });

  it('marks nothing without reads, and never the first run or a return to the same score', () => {
    const runs = scoreRuns([run(at(0), at(1), 300), run(at(60), at(61), 300)]);
    expect(explainedStarts(runs, []).size).toBe(0);
    expect(explainedStarts(runs, [read(at(0)), read(at(60))]).size).toBe(0);
  });

  it('agrees with the rule applied to every read, for any runs and reads', () => {
    const arbitrary = fc.record({
      steps: fc.array(fc.record({ hours: fc.integer({ min: 1, max: 60 }), score: fc.integer({ min: 300, max: 304 }) }), { maxLength: 12 }),
      readMinutes: fc.uniqueArray(fc.integer({ min: -120, max: 500 * 60 }), { maxLength: 30 }),
    });
    fc.assert(
      fc.property(arbitrary, ({ steps, readMinutes }) => {
        let hour = 0;
        const stored = steps.map(({ hours, score }) => {
          const kept = run(at(hour), at(hour + hours - 1), score);
          hour += hours;
          return kept;
        });
        const runs = scoreRuns(stored);
        const reads = readMinutes.map((minute) => read(at(0) + (minute * HOUR) / 60));
        expect(explainedStarts(runs, reads)).toEqual(naive(runs, reads));
      }),
      { numRuns: 300 },
    );
  });
});
