import type { ScoreRun } from '../../history/score-runs';
import type { SummaryPoint } from '../../history/tenant-summary';
import type { TenantState } from '../../overview/overview-rows';
import type { RefreshFailure, TenantRefreshOutcome } from '../../overview/refresh-all';
import type { StateFilter } from '../../overview/overview-table';
import { formatClock, formatCountdown } from '../format';
import { apiFailureNotice, authFailureNotice } from '../notices';

/** Why a refresh failed, in a few words (the notice's title). */
export function failureWords(problem: RefreshFailure, now: number): string {
  return problem.source === 'api' ? apiFailureNotice(problem.failure, now).title : authFailureNotice(problem.failure, undefined).title;
}

/** A tenant's state as the table says it. */
export function stateWords(state: TenantState, now: number): string {
  switch (state.kind) {
    case 'up-to-date':
      return 'Up to date';
    case 'needs-sign-in':
      return 'Needs sign-in';
    case 'throttled':
      return `Throttled until ${formatClock(state.until)} (${formatCountdown(state.until - now)})`;
    case 'failed':
      return `Failed: ${failureWords(state.problem, now)}`;
  }
}

/** How one tenant's refresh ended, as the list after a refresh of every tenant says it. */
export function outcomeWords(outcome: TenantRefreshOutcome, now: number): string {
  switch (outcome.kind) {
    case 'updated':
      return 'Updated';
    case 'needs-sign-in':
      return 'Needs sign-in: sign in to this tenant, then refresh again';
    case 'throttled':
      return `Throttled: the API allows the next call at ${formatClock(outcome.until)} (${formatCountdown(outcome.until - now)})`;
    case 'failed':
      return `Failed: ${failureWords(outcome.problem, now)}`;
  }
}

export const STATE_FILTERS: { value: StateFilter; label: string }[] = [
  { value: 'all', label: 'All tenants' },
  { value: 'attention', label: 'Needing attention' },
  { value: 'up-to-date', label: 'Up to date' },
  { value: 'needs-sign-in', label: 'Needs sign-in' },
  { value: 'throttled', label: 'Throttled' },
  { value: 'failed', label: 'Failed' },
];

/** A summary's trend as the runs a sparkline draws: each point holds until the next, the last until `to`. */
export function trendRuns(tenantId: string, points: readonly SummaryPoint[], to: number): ScoreRun[] {
  return points.map((point, index) => {
    const next = points[index + 1];
    const until = next ? next.time : Math.max(point.time, to);
    const previous = points[index - 1];
    return { tenantId, firstSeen: point.time, lastSeen: until, score: point.score, change: previous && point.score - previous.score, afterGap: false, heldUntil: until, notes: [] };
  });
}
