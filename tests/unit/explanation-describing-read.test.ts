import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { missingRead, READ_TOLERANCE_MS, readForRun, SAME_REFRESH_MS, stateForReading } from '../../src/lib/recommendations/describing-read';
import type { RecommendationRead } from '../../src/lib/recommendations/recommendation';
import { scoreRuns } from '../../src/lib/history/score-runs';
import type { Run } from '../../src/lib/history/run';

const TENANT = '11111111-1111-4111-8111-111111111111';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2026, 0, 1);
const at = (hour: number) => T0 + hour * HOUR;
const read = (time: number): RecommendationRead => ({ tenantId: TENANT, time, count: 1000 });
const reads = (...times: number[]) => times.map(read);

describe('stateForReading', () => {
  const twoReads = reads(at(8), at(12));

  it('takes the latest read at or before the reading', () => {
    expect(stateForReading(twoReads, at(10))).toBe(at(8));
    expect(stateForReading(twoReads, at(12))).toBe(at(12));
    expect(stateForReading(twoReads, at(30))).toBe(at(12));
  });

  it('takes a read of the same refresh, just after the score was read, over an older one', () => {
    expect(stateForReading(twoReads, at(12) - 2 * MINUTE)).toBe(at(12));
    expect(stateForReading(twoReads, at(12) - SAME_REFRESH_MS)).toBe(at(12));
    expect(stateForReading(twoReads, at(12) - SAME_REFRESH_MS - 1)).toBe(at(8));
  });

  it('takes no read older than the tolerance, and says why there is none', () => {
    expect(stateForReading(twoReads, at(12) + READ_TOLERANCE_MS)).toBe(at(12));
    expect(stateForReading(twoReads, at(12) + READ_TOLERANCE_MS + 1)).toBeUndefined();
    expect(missingRead(twoReads, at(12) + READ_TOLERANCE_MS + 1)).toBe('gap');
    expect(stateForReading(twoReads, at(7))).toBeUndefined();
    expect(missingRead(twoReads, at(7))).toBe('none');
    expect(stateForReading([], at(7))).toBeUndefined();
    expect(stateForReading(twoReads, at(12), 3 * HOUR)).toBe(at(12));
    expect(stateForReading(twoReads, at(11), 2 * HOUR)).toBeUndefined();
  });

  it('takes, for any reads, the nearest read of the same refresh, else the nearest before within the tolerance', () => {
    const minutes = fc.integer({ min: -40 * 60, max: 40 * 60 }).map((m) => at(0) + m * MINUTE);
    fc.assert(
      fc.property(fc.array(minutes, { maxLength: 12 }), minutes, (times, time) => {
        const found = stateForReading(reads(...times), time);
        const inWindow = times.filter((t) => t >= time - READ_TOLERANCE_MS && t <= time + SAME_REFRESH_MS);
        if (found === undefined) {
          expect(inWindow).toEqual([]);
        } else {
          expect(times).toContain(found);
          if (found >= time) expect(times.filter((t) => t >= time && t < found)).toEqual([]);
          else expect(inWindow.filter((t) => t > found)).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('readForRun', () => {
  // 300 checked hourly from 0 h to 10 h, then 310 from 11 h to 20 h: the second run holds from 11 h on.
  const stored: Run[] = [
    { tenantId: TENANT, firstSeen: at(0), lastSeen: at(10), score: 300 },
    { tenantId: TENANT, firstSeen: at(11), lastSeen: at(20), score: 310 },
  ];
  const [left, reached] = scoreRuns(stored);

  it('takes the read nearest the change on each side: the latest of the run left, the earliest of the run reached', () => {
    const all = reads(at(2), at(9), at(11) + MINUTE, at(15));
    expect(readForRun(all, left!, 'before')).toBe(at(9));
    expect(readForRun(all, reached!, 'after')).toBe(at(11) + MINUTE);
  });

  it('gives a read made at the moment the next run began to that run, not to the one before', () => {
    const all = reads(at(9), at(11));
    expect(readForRun(all, left!, 'before')).toBe(at(9));
    expect(readForRun(all, reached!, 'after')).toBe(at(11));
    expect(readForRun(reads(at(10) + 30 * MINUTE), left!, 'before')).toBe(at(10) + 30 * MINUTE);
  });

  it('takes no read from before the run began: the score then was another', () => {
    expect(readForRun(reads(at(9)), reached!, 'after')).toBe('gap');
  });

  it('says there is none when nothing was read by the run, and a gap when the reads are too far', () => {
    expect(readForRun([], left!, 'before')).toBe('none');
    expect(readForRun(reads(at(25)), left!, 'before')).toBe('none');
    expect(readForRun(reads(at(1)), left!, 'before', 5 * HOUR)).toBe('gap');
    expect(readForRun(reads(at(1)), left!, 'before', 10 * HOUR)).toBe(at(1));
    expect(readForRun(reads(at(19)), reached!, 'after', 5 * HOUR)).toBe('none');
    expect(readForRun(reads(at(9), at(19)), reached!, 'after', 5 * HOUR)).toBe('gap');
    expect(readForRun(reads(at(19)), reached!, 'after', 8 * HOUR)).toBe(at(19));
  });

  it('lets a run that a gap follows keep the read of its last refresh, and no later one', () => {
    const apart: Run[] = [
      { tenantId: TENANT, firstSeen: at(0), lastSeen: at(10), score: 300 },
      { tenantId: TENANT, firstSeen: at(60), lastSeen: at(61), score: 310 },
    ];
    const [before, after] = scoreRuns(apart);
    expect(after!.afterGap).toBe(true);
    expect(readForRun(reads(at(10) + 2 * MINUTE), before!, 'before')).toBe(at(10) + 2 * MINUTE);
    expect(readForRun(reads(at(10) + 10 * MINUTE), before!, 'before')).toBe('gap');
    expect(readForRun(reads(at(61) + 2 * MINUTE), after!, 'after')).toBe(at(61) + 2 * MINUTE);
  });
});
