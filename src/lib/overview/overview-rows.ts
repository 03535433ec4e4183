import { exposureLevel, type ExposureLevel } from '../history/series';
import { scoreAt, type SummaryPoint, type TenantSummary } from '../history/tenant-summary';
import { percentOfMax } from '../secure-score/secure-score-day';
import type { RefreshFailure, TenantRefreshOutcome } from './refresh-all';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The days the trend of each row spans. */
export const TREND_DAYS = 30;

/** Where a tenant stands: read lately, waiting for a sign-in, told to wait by the API, or failed and why. */
export type TenantState =
  | { kind: 'up-to-date' }
  | { kind: 'needs-sign-in' }
  | { kind: 'throttled'; until: number }
  | { kind: 'failed'; problem: RefreshFailure };

/** What is known of a tenant besides its summary. */
export interface TenantStatus {
  label: string;
  signedIn: boolean;
  /** The API's Retry-After deadline for the device score, if one is kept. */
  throttledUntil: number | undefined;
  /** Why its last refresh failed, if it did (a throttled or sign-in failure is told by the fields above). */
  failure: RefreshFailure | undefined;
  /** Its last refresh asked for a sign-in (expired, or no account for it in this browser). */
  signInNeeded: boolean;
}

/** One tenant in the overview. */
export interface OverviewRow {
  tenantId: string;
  label: string;
  score: number | undefined;
  change7: number | undefined;
  change30: number | undefined;
  exposure: { score: number; level: ExposureLevel } | undefined;
  /** Microsoft Secure Score's latest kept day (a different score from the device score); undefined where it is not tracked. */
  secureScore: { points: number; maxScore: number; percent: number; day: string } | undefined;
  lastRead: number | undefined;
  state: TenantState;
  /** The device score over the last TREND_DAYS days, oldest first, starting with the score held at their start. */
  trend: SummaryPoint[];
}

export function tenantState(status: TenantStatus, now: number): TenantState {
  if (status.throttledUntil !== undefined && status.throttledUntil > now) return { kind: 'throttled', until: status.throttledUntil };
  if (status.failure) return { kind: 'failed', problem: status.failure };
  if (status.signInNeeded || !status.signedIn) return { kind: 'needs-sign-in' };
  return { kind: 'up-to-date' };
}

/** A tenant's row at `now`: its changes are relative to today, whenever its summary was worked out. */
export function overviewRow(summary: TenantSummary, status: TenantStatus, now: number): OverviewRow {
  const score = summary.latest?.score;
  const changeOver = (days: number) => {
    const then = scoreAt(summary.points, now - days * DAY_MS);
    return score === undefined || then === undefined ? undefined : roundChange(score - then);
  };
  return {
    tenantId: summary.tenantId,
    label: status.label,
    score,
    change7: changeOver(7),
    change30: changeOver(30),
    exposure: summary.exposure && { score: summary.exposure.score, level: exposureLevel(summary.exposure.score) },
    secureScore: summary.secureScore && { points: summary.secureScore.currentScore, maxScore: summary.secureScore.maxScore, percent: percentOfMax(summary.secureScore), day: summary.secureScore.day },
    lastRead: maxDefined(summary.latest?.lastSeen, summary.exposure?.lastSeen),
    state: tenantState(status, now),
    trend: trendOf(summary.points, now - TREND_DAYS * DAY_MS),
  };
}

function trendOf(points: readonly SummaryPoint[], from: number): SummaryPoint[] {
  const start = scoreAt(points, from);
  const within = points.filter((point) => point.time > from);
  return start === undefined ? within : [{ time: from, score: start }, ...within];
}

function roundChange(change: number): number {
  return Math.round(change * 100) / 100;
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.max(a, b);
}

/** What the overview knows of every tenant besides their summaries. */
export interface TenantFacts {
  labels: Readonly<Record<string, string>>;
  signedIn: readonly string[];
  /** Retry-After deadlines kept for the device score, by tenant. */
  deadlines: Readonly<Record<string, number>>;
  /** Why each tenant's last refresh failed, as kept across reloads (a refresh of every tenant since then says better). */
  failures?: Readonly<Record<string, RefreshFailure>>;
  /** How each tenant's part of the last refresh of every tenant ended. */
  outcomes: ReadonlyMap<string, TenantRefreshOutcome> | undefined;
}

/** The row of every tenant with a device score, at `now`. */
export function overviewRows(summaries: readonly TenantSummary[], facts: TenantFacts, now: number): OverviewRow[] {
  const signedIn = new Set(facts.signedIn);
  return summaries
    .filter((summary) => summary.latest)
    .map((summary) => {
      const outcome = facts.outcomes?.get(summary.tenantId);
      const deadline = Math.max(facts.deadlines[summary.tenantId] ?? 0, outcome?.kind === 'throttled' ? outcome.until : 0);
      const status: TenantStatus = {
        label: facts.labels[summary.tenantId] ?? summary.tenantId,
        signedIn: signedIn.has(summary.tenantId),
        throttledUntil: deadline || undefined,
        failure: outcome ? (outcome.kind === 'failed' ? outcome.problem : undefined) : facts.failures?.[summary.tenantId],
        signInNeeded: outcome?.kind === 'needs-sign-in',
      };
      return overviewRow(summary, status, now);
    });
}

/** Summaries as shown, each replaced by a newer one read from the store. */
export function withNewerSummaries(shown: readonly TenantSummary[], stored: readonly TenantSummary[]): TenantSummary[] {
  const byTenant = new Map(shown.map((summary) => [summary.tenantId, summary]));
  for (const summary of stored) byTenant.set(summary.tenantId, summary);
  return [...byTenant.values()];
}
