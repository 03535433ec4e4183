import type { Run } from './run';
import type { SecureScoreDay } from '../secure-score/secure-score-day';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How far back a summary keeps the device score: enough for a 30-day change and trend for weeks after it was worked out. */
export const SUMMARY_WINDOW_MS = 90 * DAY_MS;
/** A summary older than this is worked out again from the window before it is shown (changes are relative to today). */
export const SUMMARY_STALE_AFTER_MS = 30 * DAY_MS;

/** A point of the device score: it held from `time` until the next point. */
export interface SummaryPoint {
  time: number;
  score: number;
}

/**
 * One tenant at a glance, kept beside its history and rewritten by every write of its device or exposure
 * score, so an overview of many tenants reads one small record per tenant, never their histories.
 */
export interface TenantSummary {
  tenantId: string;
  /** When it was worked out: its points reach SUMMARY_WINDOW_MS back from here. */
  computedAt: number;
  /** The latest device score run. */
  latest: { score: number; firstSeen: number; lastSeen: number } | undefined;
  /** The device score over the window, oldest first: the last change of each UTC day. */
  points: SummaryPoint[];
  /** The latest exposure score (0–100, lower is better), when one is kept. */
  exposure: { score: number; lastSeen: number } | undefined;
  /** The latest Microsoft Secure Score day kept (Graph's organisation-wide score, not the device score); absent when none is. */
  secureScore?: LatestSecureScore | undefined;
}

/** Microsoft Secure Score's latest kept day, as the overview shows it. */
export interface LatestSecureScore {
  /** The UTC day, `yyyy-mm-dd`. */
  day: string;
  currentScore: number;
  maxScore: number;
}

/**
 * The summary of a tenant from its device score runs and exposure runs as of `asOf`. It needs only the
 * runs confirmed within the window and the latest run of each (what `summaryInputs` reads); given the whole
 * history, it gives the same summary.
 */
export function summarize(tenantId: string, runs: readonly Run[], exposureRuns: readonly Run[], asOf: number, secureScoreDay?: SecureScoreDay): TenantSummary {
  const latest = latestOf(runs);
  const latestExposure = latestOf(exposureRuns);
  const windowStart = asOf - SUMMARY_WINDOW_MS;
  const inWindow = runs.filter((run) => run.lastSeen >= windowStart || run === latest);
  const sorted = [...inWindow].sort((a, b) => a.firstSeen - b.firstSeen || a.score - b.score);
  const points: SummaryPoint[] = [];
  for (const run of sorted) {
    const point = { time: Math.max(run.firstSeen, windowStart), score: run.score };
    const previous = points.at(-1);
    // One point a day (its last change) keeps a year of hourly changes small; a repeat adds nothing.
    if (previous && utcDay(previous.time) === utcDay(point.time)) points[points.length - 1] = point;
    else if (previous?.score !== point.score) points.push(point);
  }
  return {
    tenantId,
    computedAt: asOf,
    latest: latest && { score: latest.score, firstSeen: latest.firstSeen, lastSeen: latest.lastSeen },
    points: dropRepeats(points),
    exposure: latestExposure && { score: latestExposure.score, lastSeen: latestExposure.lastSeen },
    ...(secureScoreDay ? { secureScore: { day: secureScoreDay.day, currentScore: secureScoreDay.currentScore, maxScore: secureScoreDay.maxScore } } : {}),
  };
}

/** Whether a summary tells anything: a device score, an exposure score or a Microsoft Secure Score day. */
export function hasScores(summary: TenantSummary): boolean {
  return summary.latest !== undefined || summary.exposure !== undefined || summary.secureScore !== undefined;
}

/** Whether a summary must be worked out again before it is shown at `now`. */
export function isStale(summary: TenantSummary, now: number): boolean {
  return now - summary.computedAt > SUMMARY_STALE_AFTER_MS || summary.computedAt > now;
}

/** The score that held at `time`, from a summary's points; undefined before the first. */
export function scoreAt(points: readonly SummaryPoint[], time: number): number | undefined {
  let score: number | undefined;
  for (const point of points) {
    if (point.time > time) break;
    score = point.score;
  }
  return score;
}

/** The run confirmed last (of two confirmed at once, the later start, then the higher score): the latest score. */
function latestOf(runs: readonly Run[]): Run | undefined {
  let latest: Run | undefined;
  for (const run of runs) {
    if (!latest || run.lastSeen > latest.lastSeen || (run.lastSeen === latest.lastSeen && (run.firstSeen > latest.firstSeen || (run.firstSeen === latest.firstSeen && run.score > latest.score)))) {
      latest = run;
    }
  }
  return latest;
}

function dropRepeats(points: SummaryPoint[]): SummaryPoint[] {
  return points.filter((point, index) => index === 0 || point.score !== points[index - 1]!.score);
}

function utcDay(time: number): number {
  return Math.floor(time / DAY_MS);
}
