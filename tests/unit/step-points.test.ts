import { describe, expect, it } from 'vitest';
import type { Run } from '../../src/lib/history/run';
import { scoreRuns } from '../../src/lib/history/score-runs';
import { gapCount, stepPoints, type StepPoint } from '../../src/lib/ui/chart/step-points';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 1, 9);
const run = (firstSeen: number, lastSeen: number, score: number): Run => ({ tenantId: 't1', firstSeen, lastSeen, score });
const shape = (points: readonly StepPoint[]) => points.map(({ kind, x, y }) => [kind, x, y]);

describe('stepPoints', () => {
  it('puts a point at each run start and at the last confirmation of the last run', () => {
    const runs = scoreRuns([run(T0, T0 + DAY, 400), run(T0 + DAY + HOUR, T0 + 3 * DAY, 412)]);
    expect(shape(stepPoints(runs))).toEqual([
      ['start', T0, 400],
      ['start', T0 + DAY + HOUR, 412],
      ['confirmed', T0 + 3 * DAY, 412],
    ]);
  });

  it('adds no confirmation point for a last run read only once', () => {
    const runs = scoreRuns([run(T0, T0 + DAY, 400), run(T0 + DAY + HOUR, T0 + DAY + HOUR, 412)]);
    expect(shape(stepPoints(runs)).map(([kind]) => kind)).toEqual(['start', 'start']);
  });

  it('breaks the line in a gap and ends the run before it at its last confirmation', () => {
    const runs = scoreRuns([run(T0, T0 + DAY, 400), run(T0 + 4 * DAY, T0 + 5 * DAY, 405)]);
    expect(runs[1]?.afterGap).toBe(true);
    const points = stepPoints(runs);
    expect(shape(points)).toEqual([
      ['start', T0, 400],
      ['confirmed', T0 + DAY, 400],
      ['gap', T0 + 2.5 * DAY, null],
      ['start', T0 + 4 * DAY, 405],
      ['confirmed', T0 + 5 * DAY, 405],
    ]);
    expect(gapCount(points)).toBe(1);
  });

  it('keeps points in time order, as Chart.js needs without parsing', () => {
    const runs = scoreRuns([run(T0, T0 + DAY, 400), run(T0 + 4 * DAY, T0 + 4 * DAY, 405), run(T0 + 6 * DAY, T0 + 7 * DAY, 390)]);
    const xs = stepPoints(runs).map((point) => point.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it('clips the run that began before the range to the range start', () => {
    const runs = scoreRuns([run(T0, T0 + 10 * DAY, 400), run(T0 + 10 * DAY + HOUR, T0 + 12 * DAY, 410)]);
    const clip = T0 + 5 * DAY;
    expect(shape(stepPoints(runs, clip))).toEqual([
      ['start', clip, 400],
      ['start', T0 + 10 * DAY + HOUR, 410],
      ['confirmed', T0 + 12 * DAY, 410],
    ]);
  });

  it('leaves a run that began inside the range where it began', () => {
    const runs = scoreRuns([run(T0, T0 + DAY, 400)]);
    expect(stepPoints(runs, T0 - DAY)[0]?.x).toBe(T0);
  });

  it('carries each run’s notes on its start point, and only there', () => {
    const notes = [
      { tenantId: 't1', time: T0 + 2 * HOUR, text: 'Enabled ASR rules', edited: T0 },
      { tenantId: 't1', time: T0 + 3 * HOUR, text: 'Checked again', edited: T0 },
    ];
    const runs = scoreRuns([run(T0, T0 + DAY, 400), run(T0 + DAY + HOUR, T0 + 2 * DAY, 412)], notes);
    const points = stepPoints(runs);
    const starts = points.filter((point) => point.kind === 'start');
    expect(starts.map((point) => point.notes.map((note) => note.text))).toEqual([['Enabled ASR rules', 'Checked again'], []]);
  });

  it('draws nothing for no runs', () => {
    expect(stepPoints([])).toEqual([]);
  });
});
