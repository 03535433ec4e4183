import type { ScoreRun } from '../history/score-runs';
import { biggestMoves } from '../recommendations/biggest-moves';
import type { ChangeChoice, RunPair } from '../state/why-it-moved.svelte';

/**
 * The two runs "Why did it move" compares: the chosen change when its runs are on screen (from the chosen
 * earlier run, or the run just before), else the latest change of the tenant (`latest`: its newest two runs).
 * Undefined when the tenant has no change yet.
 */
export function changePair(
  runs: readonly ScoreRun[],
  latest: readonly ScoreRun[],
  chosen: ChangeChoice | undefined,
  tenantId: string | undefined,
): (RunPair & { chosen: boolean }) | undefined {
  if (chosen && chosen.tenantId === tenantId) {
    const toIndex = runs.findIndex((run) => run.firstSeen === chosen.to);
    const to = runs[toIndex];
    const from = chosen.from === undefined ? runs[toIndex - 1] : runs.find((run) => run.firstSeen === chosen.from && run.firstSeen < chosen.to);
    if (to && from) return { from, to, chosen: true };
  }
  const [from, to] = latest.slice(-2);
  return from && to ? { from, to, chosen: false } : undefined;
}

/** Whether the pair is a run and the run just before it (one change, as the table lists it); the latest pair always is. */
export function isOneChange(runs: readonly ScoreRun[], pair: RunPair): boolean {
  const toIndex = runs.findIndex((run) => run.firstSeen === pair.to.firstSeen);
  return toIndex === -1 || runs[toIndex - 1]?.firstSeen === pair.from.firstSeen;
}

/** The runs before `to` that it may be compared with, newest first, at most `limit` (the select stays usable). */
export function earlierRuns(runs: readonly ScoreRun[], to: number, limit = 100): ScoreRun[] {
  const earlier: ScoreRun[] = [];
  for (let index = runs.length - 1; index >= 0 && earlier.length < limit; index -= 1) {
    const run = runs[index]!;
    if (run.firstSeen < to) earlier.push(run);
  }
  return earlier;
}

/** One of the biggest moves of the last days, and whether it can be explained. */
export interface RecentMove {
  run: ScoreRun;
  explained: boolean;
}

/** The biggest moves of the score in the last `days` days, largest first, each marked when it can be explained. */
export function recentMoves(runs: readonly ScoreRun[], now: number, explained: ReadonlySet<number>, days = 7): RecentMove[] {
  return biggestMoves(runs, now, { days }).map((run) => ({ run, explained: explained.has(run.firstSeen) }));
}
