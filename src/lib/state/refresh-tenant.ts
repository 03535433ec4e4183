import type { AuthFailureKind } from '../auth/auth-failure';
import type { TenantRefreshOutcome } from '../overview/refresh-all';
import type { ScoreState } from './score.svelte';

/** Token failures that a sign-in on a click puts right: the tenant then "needs sign-in". */
const SIGN_IN_FIXES: readonly AuthFailureKind[] = ['sign-in-expired', 'cancelled', 'interaction-in-progress', 'window-blocked'];

/**
 * Refreshes one tenant in the background: never interactive (a missing or expired sign-in is reported, not
 * redirected to), with the same Retry-After deadlines, retries and keepers as a click on Refresh.
 */
export async function refreshTenantQuietly(score: ScoreState, tenantId: string, now: () => number): Promise<TenantRefreshOutcome> {
  await score.refresh({ interactive: false });
  const problem = score.problem;
  if (problem?.source === 'auth') return SIGN_IN_FIXES.includes(problem.failure.kind) ? { kind: 'needs-sign-in' } : { kind: 'failed', problem };
  if (problem?.source === 'api') {
    return problem.failure.kind === 'throttled' ? { kind: 'throttled', until: problem.failure.retryAt } : { kind: 'failed', problem };
  }
  const until = score.throttledUntil(tenantId);
  if (until !== undefined && until > now()) return { kind: 'throttled', until };
  return { kind: 'updated' };
}
