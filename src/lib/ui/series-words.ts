import type { ExposureLevel } from '../history/series';
import type { RangeStatistics } from '../history/ranges';
import type { ScoreRun } from '../history/score-runs';
import { formatChanges, formatCount, formatDateTime, formatPoints } from './format';

/** The band's name as Microsoft's portal writes it. */
export const LEVEL_LABELS: Record<ExposureLevel, string> = { low: 'Low', medium: 'Medium', high: 'High' };

/** The band's bounds, as documented: low 0–29, medium 30–69, high 70–100. */
export const LEVEL_BANDS: Record<ExposureLevel, string> = { low: '0–29', medium: '30–69', high: '70–100' };

/** Exposure is an index where lower is better: a fall is an improvement. */
export type ExposureDirection = 'better' | 'worse' | 'steady';

export function exposureDirection(change: number): ExposureDirection {
  return change < 0 ? 'better' : change > 0 ? 'worse' : 'steady';
}

/** How a change of exposure reads beside its number. */
export const DIRECTION_WORDS: Record<ExposureDirection, string> = { better: 'better', worse: 'worse', steady: 'unchanged' };

/** Words for a change of exposure, for screen readers and titles: "down 5.2, better", "up 3, worse", "no change". */
export function describeExposureChange(change: number): string {
  const direction = exposureDirection(change);
  if (direction === 'steady') return 'no change';
  return `${change < 0 ? 'down' : 'up'} ${formatPoints(Math.abs(change))}, ${direction}`;
}

/** "over the last 30 days", "over all time": the range as a phrase. */
export function overRange(rangeLabel: string): string {
  return isAllTime(rangeLabel) ? 'over all time' : `over the last ${rangeLabel.toLowerCase()}`;
}

/** "in the last 30 days", "at any time": the range as a place. */
export function inRange(rangeLabel: string): string {
  return isAllTime(rangeLabel) ? 'at any time' : `in the last ${rangeLabel.toLowerCase()}`;
}

/** A small trend in words, for the sparkline's label: "From 45 to 41.38 over the last 30 days; lowest 40, highest 47." */
export function describeTrend(stats: RangeStatistics, rangeLabel: string): string {
  const { first, latest, lowest, highest } = stats;
  if (stats.count === 1) return `Held at ${formatPoints(latest.score)} ${overRange(rangeLabel)}.`;
  return `From ${formatPoints(first.score)} to ${formatPoints(latest.score)} ${overRange(rangeLabel)}; lowest ${formatPoints(lowest.score)}, highest ${formatPoints(highest.score)}.`;
}

/**
 * The chart of a series in words, for its label: how many changes, from when and what to when and what,
 * and how often the line breaks for unchecked time. `runs` are oldest first, as the range cuts them.
 */
export function describeSeriesChart(runs: readonly ScoreRun[], from: number, breaks: number): string {
  const first = runs[0];
  const last = runs.at(-1);
  if (!first || !last) return 'No readings in this range.';
  if (runs.length === 1 && last.lastSeen === last.firstSeen) return `One reading: ${formatPoints(last.score)} on ${formatDateTime(last.firstSeen)}.`;
  const span = `from ${formatDateTime(Math.max(first.firstSeen, from))} (${formatPoints(first.score)}) to ${formatDateTime(last.lastSeen)} (${formatPoints(last.score)})`;
  const moved = runs.length === 1 ? `Held at ${formatPoints(last.score)} ${span}.` : `${formatChanges(runs.length - 1)} ${span}.`;
  return breaks === 0 ? moved : `${moved} The line breaks ${breaks === 1 ? 'once' : `${formatCount(breaks)} times`} where nothing was checked.`;
}

/** Where the series view is, for the words shown instead of a value. */
export interface SeriesViewState {
  reading: boolean;
  failed: boolean;
  /** The range on screen; undefined before anything was read. */
  rangeLabel: string | undefined;
}

/**
 * What to say where a series has no value to show: could not read, reading, or nothing read (yet, or in
 * this range). `what` names one value: "exposure reading", "device group reading".
 */
export function noValueWords(what: string, { reading, failed, rangeLabel }: SeriesViewState): string {
  if (failed) return `Scoreline could not read the stored ${what}s. Reload the page to try again.`;
  if (reading) return `Reading the stored ${what}s…`;
  if (rangeLabel === undefined || isAllTime(rangeLabel)) return `No ${what} yet — Refresh to take one.`;
  return `No ${what} ${inRange(rangeLabel)} — Refresh to take one, or choose a longer range.`;
}

function isAllTime(rangeLabel: string): boolean {
  return rangeLabel.toLowerCase() === 'all';
}
