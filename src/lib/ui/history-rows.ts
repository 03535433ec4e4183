import type { ScoreRun } from '../history/score-runs';

/** One row of the History table: a run, and how long nothing was checked before it when it follows a gap. */
export interface HistoryRow {
  run: ScoreRun;
  /** For a run after a gap: the unchecked time before it (ms), when the run before it is on screen. */
  uncheckedFor: number | undefined;
}

/**
 * The rows of the runs from `firstIndex` on (runs oldest first, as the range cuts them), newest first.
 * The run just before the range, if present, still tells how long the gap before the first row lasted.
 */
export function historyRows(runsOldestFirst: readonly ScoreRun[], firstIndex = 0): HistoryRow[] {
  const rows: HistoryRow[] = [];
  for (let index = runsOldestFirst.length - 1; index >= Math.max(0, firstIndex); index -= 1) {
    const run = runsOldestFirst[index]!;
    const previous = runsOldestFirst[index - 1];
    rows.push({ run, uncheckedFor: run.afterGap && previous ? run.firstSeen - previous.lastSeen : undefined });
  }
  return rows;
}
