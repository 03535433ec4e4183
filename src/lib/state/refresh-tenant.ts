import type { AuthFailureKind } from '../auth/auth-failure';
import type { RefreshFailure, TenantRefreshOutcome } from '../overview/refresh-all';
import type { RefreshProblem, ScoreState } from './score.svelte';

/** Token failures that a sign-in on a click puts right: the tenant then "needs sign-in". */
const SIGN_IN_FIXES: readonly AuthFailureKind[] = ['sign-in-expired', 'cancelled', 'interaction-in-progress', 'window-blocked'];

/**
 * Refreshes one tenant in the background: never interactive (a missing or expired sign-in is reported, not
 * redirected to), with the same Retry-After deadlines, retries and keepers as a click on Refresh.
 */
export async function refreshTenantQuietly(score: ScoreState, tenantId: string, now: () => number): Promise<TenantRefreshOutcome> {
  await score.refresh({ interactive: false });
  const failed = outcomeOfProblem(score.problem);
  if (failed) return failed;
  const until = score.throttledUntil(tenantId);
  if (until !== undefined && until > now()) return { kind: 'throttled', until };
  return { kind: 'updated' };
}

/** How a refresh that left a problem ended, as refreshing every tenant lists it; undefined when it left none. */
export function outcomeOfProblem(problem: RefreshProblem | undefined): TenantRefreshOutcome | undefined {
  if (problem?.source === 'auth') return SIGN_IN_FIXES.includes(problem.failure.kind) ? { kind: 'needs-sign-in' } : { kind: 'failed', problem: withoutTenant(problem) };
  if (problem?.source === 'api') {
    return problem.failure.kind === 'throttled' ? { kind: 'throttled', until: problem.failure.retryAt } : { kind: 'failed', problem: withoutTenant(problem) };
  }
  return undefined;
}

function withoutTenant(problem: RefreshProblem): RefreshFailure {
  return problem.source === 'api' ? { source: 'api', failure: problem.failure } : { source: 'auth', failure: problem.failure };
}
