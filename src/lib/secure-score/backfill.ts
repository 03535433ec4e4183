import type { FetchedDay } from './secure-score-day';

/**
 * The days of a read (any number of pages, in any order, overlapping or not) that are not kept yet: each day once,
 * oldest first. A day already kept is never taken again, so it never changes; where pages disagree about a day,
 * the record Graph made last wins.
 */
export function newDaysOf(keptDays: ReadonlySet<string>, pages: readonly (readonly FetchedDay[])[]): FetchedDay[] {
  const byDay = new Map<string, FetchedDay>();
  for (const day of pages.flat()) {
    if (keptDays.has(day.day)) continue;
    const known = byDay.get(day.day);
    if (!known || known.time < day.time) byDay.set(day.day, day);
  }
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}

/** Graph's records are kept for 90 days: a read never asks for more. */
export const GRAPH_KEEPS_DAYS = 90;

/** A later read asks for at least a week: it overlaps what is kept, so a clock that differs from Graph's misses no day. */
export const MIN_DAYS_ASKED = 7;

/**
 * How many records to ask for: every day Graph may still have on first enable, else the days since the newest kept
 * one, with that day and at least a week, so a read always overlaps what is kept.
 */
export function daysToAsk(newestKept: string | undefined, yesterday: string): number {
  if (newestKept === undefined) return GRAPH_KEEPS_DAYS;
  const days = Math.round((Date.parse(`${yesterday}T00:00:00Z`) - Date.parse(`${newestKept}T00:00:00Z`)) / 86_400_000) + 1;
  return Math.min(GRAPH_KEEPS_DAYS, Math.max(MIN_DAYS_ASKED, days));
}

/** A stretch of days with no record between two kept days. */
export interface DayGap {
  after: string;
  before: string;
  missingDays: number;
}

/** Where the kept days skip one or more days (more than 90 days apart means Graph had already forgotten them). */
export function gapsIn(days: readonly string[]): DayGap[] {
  const sorted = [...days].sort();
  const gaps: DayGap[] = [];
  for (let i = 1; i < sorted.length; i += 1) {
    const after = sorted[i - 1] as string;
    const before = sorted[i] as string;
    const missingDays = Math.round((Date.parse(`${before}T00:00:00Z`) - Date.parse(`${after}T00:00:00Z`)) / 86_400_000) - 1;
    if (missingDays > 0) gaps.push({ after, before, missingDays });
  }
  return gaps;
}
