import { roundPoints } from './reading';
import type { ScoreRun } from './score-runs';

export const RANGES = ['7d', '30d', '90d', '1y', 'all'] as const;
export type RangeKey = (typeof RANGES)[number];

export const RANGE_LABELS: Record<RangeKey, string> = {
  '7d': '7 days',
  '30d': '30 days',
  '90d': '90 days',
  '1y': '1 year',
  all: 'All',
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** How far back each range reaches; 'all' has no limit. */
const RANGE_DAYS: Record<RangeKey, number | undefined> = {
  '7d': 7,
  '30d': 30,
  '90d': 90,
  '1y': 365,
  all: undefined,
};

/** When the range starts (epoch ms); undefined for "all", which has no start. */
export function rangeStartTime(range: RangeKey, now: number): number | undefined {
  const days = RANGE_DAYS[range];
  return days === undefined ? undefined : now - days * DAY_MS;
}

/** Where the range starts in runs sorted oldest first: the first run still holding at its start (0 for "all"). */
export function firstIndexInRange(runsOldestFirst: readonly ScoreRun[], range: RangeKey, now: number): number {
  const start = rangeStartTime(range, now);
  return start === undefined ? 0 : firstIndexHeldAtOrAfter(runsOldestFirst, start);
}

// Binary search: a history can hold 100,000 runs and the range changes with every click.
function firstIndexHeldAtOrAfter(runsOldestFirst: readonly ScoreRun[], start: number): number {
  let low = 0;
  let high = runsOldestFirst.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((runsOldestFirst[middle]?.heldUntil ?? Infinity) < start) low = middle + 1;
    else high = middle;
  }
  return low;
}

export interface RangeStatistics {
  /** How many runs (one per change of score) hold some of the range. */
  count: number;
  /** The run holding at the start of the range. */
  first: ScoreRun;
  latest: ScoreRun;
  /** The earliest run with the lowest score. */
  lowest: ScoreRun;
  /** The earliest run with the highest score. */
  highest: ScoreRun;
  /**
   * The average score over the checked time in the range, each score weighted by how long it held; time in
   * gaps (no check for longer than the gap limit) is left out. A plain average when no time passed.
   */
  average: number;
  /** Latest score minus the score at the start of the range. */
  change: number;
  /** The checked time in the range (ms): the time the average weighs. */
  observedTime: number;
  /** Time in the range that fell in gaps between checks (ms). */
  unobservedTime: number;
}

/** Summarises the runs of a range (oldest first, as firstIndexInRange cuts them); undefined when there are none. */
export function rangeStatistics(runsOldestFirst: readonly ScoreRun[], rangeStart = -Infinity): RangeStatistics | undefined {
  const first = runsOldestFirst[0];
  const latest = runsOldestFirst[runsOldestFirst.length - 1];
  if (first === undefined || latest === undefined) return undefined;

  let lowest = first;
  let highest = first;
  let weighted = 0;
  let observedTime = 0;
  let unobservedTime = 0;
  let previous: ScoreRun | undefined;
  for (const run of runsOldestFirst) {
    // Strict comparisons keep the earliest of equal scores.
    if (run.score < lowest.score) lowest = run;
    if (run.score > highest.score) highest = run;
    const held = Math.max(0, run.heldUntil - Math.max(run.firstSeen, rangeStart));
    weighted += run.score * held;
    observedTime += held;
    if (previous && run.afterGap) unobservedTime += Math.max(0, run.firstSeen - Math.max(previous.lastSeen, rangeStart));
    previous = run;
  }
  const plainAverage = () => runsOldestFirst.reduce((sum, run) => sum + run.score, 0) / runsOldestFirst.length;
  return {
    count: runsOldestFirst.length,
    first,
    latest,
    lowest,
    highest,
    average: roundPoints(observedTime > 0 ? weighted / observedTime : plainAverage()),
    change: roundPoints(latest.score - first.score),
    observedTime,
    unobservedTime,
  };
}
