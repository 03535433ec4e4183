import { describe, expect, it } from 'vitest';
import type { Run } from '../../src/lib/history/run';
import { scoreRuns } from '../../src/lib/history/score-runs';
import { historyRows } from '../../src/lib/ui/history-rows';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 1, 9);
const run = (firstSeen: number, lastSeen: number, score: number): Run => ({ tenantId: 't1', firstSeen, lastSeen, score });

describe('historyRows', () => {
  const runs = scoreRuns([run(T0, T0 + DAY, 400), run(T0 + 4 * DAY, T0 + 5 * DAY, 405), run(T0 + 5 * DAY + HOUR, T0 + 6 * DAY, 410)]);

  it('gives one row per run, newest first', () => {
    expect(historyRows(runs).map((row) => row.run.score)).toEqual([410, 405, 400]);
  });

  it('says how long nothing was checked before a run after a gap', () => {
    expect(historyRows(runs).map((row) => row.uncheckedFor)).toEqual([undefined, 3 * DAY, undefined]);
  });

  it('starts at the range, but still measures a gap against the run before it', () => {
    const rows = historyRows(runs, 1);
    expect(rows.map((row) => row.run.score)).toEqual([410, 405]);
    expect(rows[1]?.uncheckedFor).toBe(3 * DAY);
  });

  it('leaves the length of a gap unknown when the run before it is not on screen', () => {
    const rows = historyRows(runs.slice(1));
    expect(rows[1]?.run.afterGap).toBe(true);
    expect(rows[1]?.uncheckedFor).toBeUndefined();
  });
});
