import type { RecommendationRead } from './recommendation';
import type { MissingRecommendations } from './explanation';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * How far from a score reading a recommendation read may be and still describe it. Microsoft recomputes
 * the recommendations about once a day, and Scoreline reads them every few hours while it is open: a read
 * less than a day old has seen the latest or the one before the latest recomputation. Two hours over a day
 * leave room for the recomputation's time drifting and a refresh running late. Anything older may predate
 * more than one recomputation: the page says there is a gap rather than explain a move with it.
 */
export const READ_TOLERANCE_MS = 26 * HOUR;

/**
 * How long after a score reading a recommendation read still belongs to the same refresh: one refresh reads
 * the score first and the recommendations just after it (a few calls, retries and Retry-After waits apart).
 */
export const SAME_REFRESH_MS = 5 * MINUTE;

/**
 * The time of the recommendation read that describes a score reading at `time`: a read of the same refresh
 * (at its time or up to SAME_REFRESH_MS after it; the earliest such), else the latest read at or before it and no more than
 * `tolerance` before it. Undefined when there is none; `missingRead` then says why. Reads of one tenant, in
 * any order.
 */
export function stateForReading(reads: readonly RecommendationRead[], time: number, tolerance = READ_TOLERANCE_MS): number | undefined {
  return earliestIn(reads, time, time + SAME_REFRESH_MS) ?? latestIn(reads, time - tolerance, time);
}

/** Why no read describes the reading at `time`: `none` when nothing was read by then (a refresh's read included), else `gap`. */
export function missingRead(reads: readonly RecommendationRead[], time: number): MissingRecommendations {
  return reads.some((read) => read.time <= time + SAME_REFRESH_MS) ? 'gap' : 'none';
}

/** The span of a score run as the history shows it (score-runs.ts `ScoreRun`). */
export interface RunSpan {
  firstSeen: number;
  lastSeen: number;
  /** The next run's start when the next run follows without a gap, else `lastSeen`. */
  heldUntil: number;
}

/**
 * The recommendation read that describes one side of a score change between two runs, or why there is none.
 * A read describes a run when it was made while the run held (from its start until the next run began, or
 * until SAME_REFRESH_MS after its last confirmation when a gap or nothing follows), so the score at the read
 * was the run's. Of those, the one nearest the change, no more than `tolerance` from it:
 * - `before`, the run a change left: the latest, within `tolerance` before the run's end;
 * - `after`, the run a change led to: the earliest, within `tolerance` after the run's start.
 * Nearer reads make fewer false items (changes that came and went while the score held). Reads of one
 * tenant, in any order.
 */
export function readForRun(
  reads: readonly RecommendationRead[],
  run: RunSpan,
  side: 'before' | 'after',
  tolerance = READ_TOLERANCE_MS,
): number | MissingRecommendations {
  // Times are whole milliseconds: a run followed by another holds until the millisecond before it begins.
  const end = run.heldUntil > run.lastSeen ? run.heldUntil - 1 : run.lastSeen + SAME_REFRESH_MS;
  const found =
    side === 'before'
      ? latestIn(reads, Math.max(run.firstSeen, end - tolerance), end)
      : earliestIn(reads, run.firstSeen, Math.min(end, run.firstSeen + tolerance));
  return found ?? missingRead(reads, side === 'before' ? end : run.firstSeen);
}

/** The latest read in [from, to]. */
function latestIn(reads: readonly RecommendationRead[], from: number, to: number): number | undefined {
  let latest: number | undefined;
  for (const { time } of reads) {
    if (time >= from && time <= to && (latest === undefined || time > latest)) latest = time;
  }
  return latest;
}

/** The earliest read in [from, to]. */
function earliestIn(reads: readonly RecommendationRead[], from: number, to: number): number | undefined {
  let earliest: number | undefined;
  for (const { time } of reads) {
    if (time >= from && time <= to && (earliest === undefined || time < earliest)) earliest = time;
  }
  return earliest;
}
