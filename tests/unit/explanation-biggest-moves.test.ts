import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { biggestMoves } from '../../src/lib/recommendations/biggest-moves';
import { scoreRuns, type ScoreRun } from '../../src/lib/history/score-runs';
import type { Run } from '../../src/lib/history/run';

const TENANT = '11111111-1111-4111-8111-111111111111';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 2, 1, 12);

/** Daily runs from the days given (days before now, a score each), checked every 6 hours so no gap opens. */
function history(...days: [number, number][]): ScoreRun[] {
  const stored: Run[] = days.map(([daysAgo, score], index) => {
    const firstSeen = NOW - daysAgo * DAY;
    const next = days[index + 1];
    const lastSeen = next ? NOW - next[0] * DAY - 6 * HOUR : NOW;
    return { tenantId: TENANT, firstSeen, lastSeen, score };
  });
  return scoreRuns(stored);
}

describe('biggestMoves', () => {
  const runs = history([10, 300], [6, 310], [5, 305], [3, 325], [1, 324]);

  it('lists the moves of the last 7 days, largest first', () => {
    expect(biggestMoves(runs, NOW).map((run) => run.change)).toEqual([20, 10, -5, -1]);
  });

  it('keeps the largest few', () => {
    expect(biggestMoves(runs, NOW, { limit: 2 }).map((run) => run.change)).toEqual([20, 10]);
  });

  it('looks back only as many days as asked, and not past now', () => {
    expect(biggestMoves(runs, NOW, { days: 4 }).map((run) => run.change)).toEqual([20, -1]);
    expect(biggestMoves(runs, NOW - 2 * DAY).map((run) => run.change)).toEqual([20, 10, -5]);
  });

  it('passes over the first run and a run back at its score after a gap', () => {
    const stored: Run[] = [
      { tenantId: TENANT, firstSeen: NOW - 3 * DAY, lastSeen: NOW - 3 * DAY, score: 300 },
      { tenantId: TENANT, firstSeen: NOW - 1 * DAY, lastSeen: NOW, score: 300 },
    ];
    const shown = scoreRuns(stored);
    expect(shown.map((run) => run.change)).toEqual([undefined, 0]);
    expect(biggestMoves(shown, NOW)).toEqual([]);
  });

  it('returns, for any history, the largest moves of the window in order and none larger left out', () => {
    const run = fc.record({
      firstSeen: fc.integer({ min: NOW - 14 * DAY, max: NOW + DAY }),
      change: fc.option(fc.integer({ min: -30, max: 30 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(run, { maxLength: 30 }), fc.integer({ min: 0, max: 8 }), (drafts, limit) => {
        const shown: ScoreRun[] = drafts.map(({ firstSeen, change }) => ({ tenantId: TENANT, firstSeen, lastSeen: firstSeen, score: 300, change, afterGap: false, heldUntil: firstSeen, notes: [] }));
        const moves = biggestMoves(shown, NOW, { limit });
        const inWindow = shown.filter((r) => r.firstSeen > NOW - 7 * DAY && r.firstSeen <= NOW && r.change !== undefined && r.change !== 0);
        expect(moves.length).toBe(Math.min(limit, inWindow.length));
        moves.forEach((move, index) => {
          expect(inWindow).toContain(move);
          if (index > 0) expect(Math.abs(move.change!)).toBeLessThanOrEqual(Math.abs(moves[index - 1]!.change!));
        });
        const smallest = Math.abs(moves.at(-1)?.change ?? Infinity);
        expect(inWindow.filter((r) => !moves.includes(r) && Math.abs(r.change!) > smallest)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
