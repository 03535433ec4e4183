import type { ScoreRun } from '../history/score-runs';
import { readForRun, SAME_REFRESH_MS } from '../recommendations/describing-read';
import type { RecommendationRead } from '../recommendations/recommendation';

/**
 * The start times of the runs whose change (a move, not a return to the same score after a gap) from the
 * run before can be explained: a recommendation read describes both sides (`readForRun`). Reads are looked
 * up by time, so a long history with many reads stays quick: each run is given only the reads within it.
 */
export function explainedStarts(runs: readonly ScoreRun[], reads: readonly RecommendationRead[]): Set<number> {
  const explained = new Set<number>();
  if (reads.length === 0) return explained;
  const sorted = [...reads].sort((a, b) => a.time - b.time);
  const readsWithin = (run: ScoreRun) => sorted.slice(firstAtOrAfter(sorted, run.firstSeen), firstAtOrAfter(sorted, Math.max(run.heldUntil, run.lastSeen + SAME_REFRESH_MS) + 1));
  for (let index = 1; index < runs.length; index += 1) {
    const from = runs[index - 1]!;
    const to = runs[index]!;
    if (to.change === undefined || to.change === 0) continue;
    if (typeof readForRun(readsWithin(from), from, 'before') === 'number' && typeof readForRun(readsWithin(to), to, 'after') === 'number') explained.add(to.firstSeen);
  }
  return explained;
}

/** The index of the first read at or after `time` in reads sorted by time. */
function firstAtOrAfter(sorted: readonly RecommendationRead[], time: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]!.time < time) low = middle + 1;
    else high = middle;
  }
  return low;
}
