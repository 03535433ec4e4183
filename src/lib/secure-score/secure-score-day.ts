/**
 * Microsoft Secure Score (organisation-wide, from Microsoft Graph): a different number from Defender's Secure Score
 * for Devices. Graph gives one record a day and keeps 90 days; Scoreline keeps every day it has seen, never changing
 * or repeating one.
 */

/** The categories Graph sorts controls into; a control in another category still counts in the total. */
export const CATEGORIES = ['Identity', 'Data', 'Device', 'Apps', 'Infrastructure'] as const;
export type Category = (typeof CATEGORIES)[number];

/** One day's record as kept: points, the record's own maximum, the comparisons and the split by category. */
export interface SecureScoreDay {
  tenantId: string;
  /** The UTC day the record is for, `yyyy-mm-dd`. */
  day: string;
  /** When Graph made the record (epoch ms). */
  time: number;
  currentScore: number;
  maxScore: number;
  /** The average of all tenants, in percent; null when Graph gives none or -1 (unknown). */
  allTenantsAverage: number | null;
  /** The average of tenants of a similar seat count, in percent; null when unknown. */
  similarSizeAverage: number | null;
  /** Points per category that day. */
  categories: Record<Category, number>;
}

/** A control's points on a day, as Graph lists them in `controlScores`. */
export interface ControlScore {
  name: string;
  category: string;
  score: number;
  description: string;
}

/** A day as read from Graph, before it is kept: the record and its controls. */
export interface FetchedDay extends SecureScoreDay {
  controls: ControlScore[];
}

/** A control's points from a day on (kept only when they change); null once the control is no longer listed. */
export interface ControlChange {
  tenantId: string;
  control: string;
  day: string;
  category: string;
  score: number | null;
  description: string;
}

/** The score as a percentage of the record's own maximum (0 when the maximum is 0). */
export function percentOfMax(day: Pick<SecureScoreDay, 'currentScore' | 'maxScore'>): number {
  return day.maxScore > 0 ? (day.currentScore / day.maxScore) * 100 : 0;
}

const DAY_MS = 86_400_000;

/** Whole days from one `yyyy-mm-dd` to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The `yyyy-mm-dd` a number of days after another. */
export function dayAfter(day: string, days = 1): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Graph's newest record is the last full UTC day's. */
export function yesterday(now: number): string {
  return dayAfter(new Date(now).toISOString().slice(0, 10), -1);
}
