import { roundPoints, type Reading } from './reading';

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

/** Where the range starts in readings sorted oldest first (0 for "all"). */
export function firstIndexInRange(readingsOldestFirst: readonly Reading[], range: RangeKey, now: number): number {
  const start = rangeStartTime(range, now);
  return start === undefined ? 0 : firstIndexAtOrAfter(readingsOldestFirst, start);
}

// Binary search: a history can hold 100,000 readings and the range changes with every click.
function firstIndexAtOrAfter(readingsOldestFirst: readonly Reading[], start: number): number {
  let low = 0;
  let high = readingsOldestFirst.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((readingsOldestFirst[middle]?.time ?? Infinity) < start) low = middle + 1;
    else high = middle;
  }
  return low;
}

export interface RangeStatistics {
  count: number;
  first: Reading;
  latest: Reading;
  /** The earliest reading with the lowest score. */
  lowest: Reading;
  /** The earliest reading with the highest score. */
  highest: Reading;
  average: number;
  /** Latest score minus the first score in the range. */
  change: number;
}

/** Summarises readings sorted oldest first; undefined when there are none. */
export function rangeStatistics(readingsOldestFirst: readonly Reading[]): RangeStatistics | undefined {
  const first = readingsOldestFirst[0];
  const latest = readingsOldestFirst[readingsOldestFirst.length - 1];
  if (first === undefined || latest === undefined) return undefined;

  let lowest = first;
  let highest = first;
  let sum = 0;
  for (const reading of readingsOldestFirst) {
    // Strict comparisons keep the earliest of equal scores.
    if (reading.score < lowest.score) lowest = reading;
    if (reading.score > highest.score) highest = reading;
    sum += reading.score;
  }
  return {
    count: readingsOldestFirst.length,
    first,
    latest,
    lowest,
    highest,
    average: roundPoints(sum / readingsOldestFirst.length),
    change: roundPoints(latest.score - first.score),
  };
}
