import type { ScoreRun } from '../history/score-runs';

const DAY = 24 * 60 * 60 * 1000;

/**
 * The biggest moves of the device score lately: the runs of one tenant's history (score-runs.ts) that began
 * in the last `days` days up to `now` with a change from the run before, largest |change| first (the newer
 * first on a tie), at most `limit`. A run back at its score after a gap (change 0) is no move.
 */
export function biggestMoves(runs: readonly ScoreRun[], now: number, { days = 7, limit = 5 }: { days?: number; limit?: number } = {}): ScoreRun[] {
  const since = now - days * DAY;
  return runs
    .filter((run) => run.firstSeen > since && run.firstSeen <= now && run.change !== undefined && run.change !== 0)
    .sort((a, b) => Math.abs(b.change!) - Math.abs(a.change!) || b.firstSeen - a.firstSeen)
    .slice(0, limit);
}
