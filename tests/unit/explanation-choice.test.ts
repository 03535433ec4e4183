import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scoreRuns } from '../../src/lib/history/score-runs';
import { changePair, earlierRuns, isOneChange, recentMoves } from '../../src/lib/ui/explanation-choice';
import { at, DAY, run, TENANT } from './recommendation-views-fakes';

const runs = scoreRuns([run(at(0), at(9), 340), run(at(10), at(20), 355), run(at(21), at(30), 347), run(at(31), at(40), 360)]);
const latest = runs.slice(-2);
const starts = (pair: ReturnType<typeof changePair>) => pair && [pair.from.firstSeen, pair.to.firstSeen, pair.chosen];

describe('changePair', () => {
  it('is the latest change unless one is chosen', () => {
    expect(starts(changePair(runs, latest, undefined, TENANT))).toEqual([at(21), at(31), false]);
  });

  it('compares a chosen run with the one before it, or with the earlier run chosen', () => {
    expect(starts(changePair(runs, latest, { tenantId: TENANT, to: at(21), from: undefined }, TENANT))).toEqual([at(10), at(21), true]);
    expect(starts(changePair(runs, latest, { tenantId: TENANT, to: at(31), from: at(0) }, TENANT))).toEqual([at(0), at(31), true]);
  });

  it('falls back to the latest change when the choice is not on screen, is of another tenant, or has nothing before it', () => {
    for (const chosen of [
      { tenantId: TENANT, to: at(99), from: undefined },
      { tenantId: 'another', to: at(21), from: undefined },
      { tenantId: TENANT, to: at(0), from: undefined },
      { tenantId: TENANT, to: at(21), from: at(31) },
    ]) {
      expect(starts(changePair(runs, latest, chosen, TENANT))).toEqual([at(21), at(31), false]);
    }
  });

  it('has no pair before the score has changed', () => {
    expect(changePair(runs.slice(0, 1), runs.slice(0, 1), undefined, TENANT)).toBeUndefined();
  });

  it('always compares an earlier run with a later one', () => {
    fc.assert(
      fc.property(fc.nat(runs.length), fc.option(fc.nat(runs.length)), (to, from) => {
        const pair = changePair(runs, latest, { tenantId: TENANT, to: runs[to]?.firstSeen ?? 0, from: from === null ? undefined : runs[from]?.firstSeen }, TENANT);
        expect(pair && pair.from.firstSeen < pair.to.firstSeen).toBe(true);
      }),
    );
  });
});

describe('isOneChange and earlierRuns', () => {
  it('tells one change from a comparison across several', () => {
    expect(isOneChange(runs, { from: runs[1]!, to: runs[2]! })).toBe(true);
    expect(isOneChange(runs, { from: runs[0]!, to: runs[2]! })).toBe(false);
  });

  it('offers the runs before the later one, newest first, at most the limit', () => {
    expect(earlierRuns(runs, at(31)).map((r) => r.firstSeen)).toEqual([at(21), at(10), at(0)]);
    expect(earlierRuns(runs, at(31), 2).map((r) => r.firstSeen)).toEqual([at(21), at(10)]);
    expect(earlierRuns(runs, at(0))).toEqual([]);
  });
});

describe('recentMoves', () => {
  it('lists the biggest moves of the last 7 days, each marked when it can be explained', () => {
    const now = at(40) + DAY;
    const moves = recentMoves(runs, now, new Set([at(31)]));
    expect(moves.map((move) => [move.run.firstSeen, move.run.change, move.explained])).toEqual([
      [at(10), 15, false],
      [at(31), 13, true],
      [at(21), -8, false],
    ]);
    expect(recentMoves(runs, at(40) + 8 * DAY, new Set())).toEqual([]);
  });
});
