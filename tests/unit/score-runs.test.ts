import { describe, expect, it } from 'vitest';
import { runAt, scoreRuns } from '../../src/lib/history/score-runs';
import type { Run } from '../../src/lib/history/run';
import type { Note } from '../../src/lib/history/note';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
const TENANT = '11111111-1111-4111-8111-111111111111';
const at = (hour: number) => T0 + hour * HOUR;
const run = (fromHour: number, toHour: number, score: number): Run => ({ tenantId: TENANT, firstSeen: at(fromHour), lastSeen: at(toHour), score });
const note = (hour: number, text: string): Note => ({ tenantId: TENANT, time: at(hour), text, edited: at(hour) });
const shape = (runs: ReturnType<typeof scoreRuns>) => runs.map((r) => [(r.firstSeen - T0) / HOUR, (r.lastSeen - T0) / HOUR, r.score]);

describe('scoreRuns', () => {
  it('shows stored runs in order, with the change from the run before', () => {
    const shown = scoreRuns([run(10, 20, 310), run(0, 8, 300), run(22, 30, 305)]);
    expect(shape(shown)).toEqual([
      [0, 8, 300],
      [10, 20, 310],
      [22, 30, 305],
    ]);
    expect(shown.map((r) => r.change)).toEqual([undefined, 10, -5]);
    expect(shown.map((r) => r.afterGap)).toEqual([false, false, false]);
  });

  it('holds each score until the next change, and only to its last confirmation before a gap or at the end', () => {
    const shown = scoreRuns([run(0, 8, 300), run(10, 20, 310), run(70, 71, 310)]);
    expect(shown.map((r) => (r.heldUntil - T0) / HOUR)).toEqual([10, 20, 71]);
    expect(shown.map((r) => r.afterGap)).toEqual([false, false, true]);
    expect(shown[2]!.change).toBe(0);
  });

  it('joins two stored runs of one score within the gap limit (an import next to a live history)', () => {
    expect(shape(scoreRuns([run(0, 5, 300), run(20, 30, 300)]))).toEqual([[0, 30, 300]]);
  });

  it('splits a run where a reading of another score lies inside it, keeping only known confirmations', () => {
    const shown = scoreRuns([run(0, 100, 300), run(50, 50, 320)]);
    expect(shape(shown)).toEqual([
      [0, 0, 300],
      [50, 50, 320],
      [100, 100, 300],
    ]);
    // The long run was checked throughout: no gap, though its parts are days apart.
    expect(shown.map((r) => r.afterGap)).toEqual([false, false, false]);
  });

  it('gives each note to the run that holds its time', () => {
    const shown = scoreRuns([run(0, 8, 300), run(10, 20, 310)], [note(9, 'between'), note(0, 'start'), note(15, 'inside'), note(-3, 'before all')]);
    expect(shown.map((r) => r.notes.map((n) => n.text))).toEqual([['before all', 'start', 'between'], ['inside']]);
  });

  it('shows nothing for no runs', () => {
    expect(scoreRuns([], [note(1, 'lonely')])).toEqual([]);
  });
});

describe('runAt', () => {
  const shown = scoreRuns([run(0, 8, 300), run(10, 20, 310), run(70, 71, 320)]);
  it('finds the run holding a time, and none in a gap or before the history', () => {
    expect(runAt(shown, at(9))?.score).toBe(300);
    expect(runAt(shown, at(10))?.score).toBe(310);
    expect(runAt(shown, at(40))).toBeUndefined();
    expect(runAt(shown, at(-1))).toBeUndefined();
    expect(runAt(shown, at(71))?.score).toBe(320);
  });
});
