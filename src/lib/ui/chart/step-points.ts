import type { Note } from '../../history/note';
import type { ScoreRun } from '../../history/score-runs';

/**
 * One point of the trend line. Drawn as steps that keep each score until the next point: a run's start,
 * the last confirmation of a run that nothing follows closely, or a break (y null) where no check
 * happened for longer than the gap limit.
 */
export type StepPoint =
  | { kind: 'start'; x: number; y: number; run: ScoreRun; notes: readonly Note[] }
  | { kind: 'confirmed'; x: number; y: number; run: ScoreRun }
  | { kind: 'gap'; x: number; y: null };

/**
 * The points of runs (oldest first, as a range cuts them): one at each run's start, clipped to `clipStart`
 * for the run that began before it; one at the last confirmation of the last run and of each run a gap
 * follows; a break in the middle of each gap. Sorted by time, as Chart.js needs without parsing.
 */
export function stepPoints(runs: readonly ScoreRun[], clipStart = -Infinity): StepPoint[] {
  const points: StepPoint[] = [];
  runs.forEach((run, index) => {
    const previous = runs[index - 1];
    if (previous && run.afterGap) points.push({ kind: 'gap', x: (previous.lastSeen + run.firstSeen) / 2, y: null });
    const start = Math.max(run.firstSeen, clipStart);
    points.push({ kind: 'start', x: start, y: run.score, run, notes: run.notes });
    const next = runs[index + 1];
    if ((!next || next.afterGap) && run.lastSeen > start) points.push({ kind: 'confirmed', x: run.lastSeen, y: run.score, run });
  });
  return points;
}

/** How many breaks for unchecked time the points hold. */
export function gapCount(points: readonly StepPoint[]): number {
  return points.filter((point) => point.kind === 'gap').length;
}
