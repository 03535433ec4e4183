import type { ApiFailure } from '../defender/api-failure';
import type { AuthFailure } from '../auth/auth-failure';

/** Why a tenant's refresh failed: the API's answer or the token's, as the UI explains them. */
export type RefreshFailure = { source: 'api'; failure: ApiFailure } | { source: 'auth'; failure: AuthFailure };

/** How one tenant's part of a refresh of every tenant ended. */
export type TenantRefreshOutcome =
  | { kind: 'updated' }
  | { kind: 'throttled'; until: number }
  | { kind: 'needs-sign-in' }
  | { kind: 'failed'; problem: RefreshFailure };

/** A refresh of every tenant, as it goes and once it is over. */
export interface RefreshAllProgress {
  total: number;
  /** Tenants whose refresh has ended, whatever its outcome. */
  done: number;
  outcomes: ReadonlyMap<string, TenantRefreshOutcome>;
  /** Cancelled: no tenant started after it, and those without an outcome were not called. */
  cancelled: boolean;
}

/** A refresh of every tenant that has just begun. */
export function progressAtStart(total: number): RefreshAllProgress {
  return { total, done: 0, outcomes: new Map(), cancelled: false };
}

export interface RefreshAllDependencies {
  /** Refreshes one tenant without ever leaving the page for a sign-in, and keeps what it read. */
  refresh(tenantId: string): Promise<TenantRefreshOutcome>;
  /** The Retry-After deadline kept for a tenant: it is not called before it. */
  throttledUntil(tenantId: string): Promise<number | undefined>;
  now(): number;
  /** How many tenants are refreshed at once. */
  concurrency: number;
  onProgress?(progress: RefreshAllProgress): void;
}

/** A few tenants at a time: enough to finish many tenants soon, few enough that the API does not throttle the lot. */
export const REFRESH_ALL_CONCURRENCY = 4;

/**
 * Refreshes every tenant, at most `concurrency` at a time, never calling one inside its Retry-After window.
 * Aborting the signal starts no further tenant; those under way finish, so every reading read is kept (each
 * is kept as it comes, so closing the page mid-way loses nothing either). One tenant's failure is its own.
 */
export async function refreshAll(tenantIds: readonly string[], deps: RefreshAllDependencies, signal?: AbortSignal): Promise<RefreshAllProgress> {
  const outcomes = new Map<string, TenantRefreshOutcome>();
  const queue = [...new Set(tenantIds)];
  const total = queue.length;
  const progress = (): RefreshAllProgress => ({ total, done: outcomes.size, outcomes: new Map(outcomes), cancelled: Boolean(signal?.aborted) });
  const worker = async () => {
    for (let tenantId = queue.shift(); tenantId !== undefined && !signal?.aborted; tenantId = queue.shift()) {
      outcomes.set(tenantId, await refreshOne(tenantId, deps));
      deps.onProgress?.(progress());
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(deps.concurrency, total)) }, worker));
  return progress();
}

async function refreshOne(tenantId: string, deps: RefreshAllDependencies): Promise<TenantRefreshOutcome> {
  try {
    const until = await deps.throttledUntil(tenantId);
    if (until !== undefined && until > deps.now()) return { kind: 'throttled', until };
    return await deps.refresh(tenantId);
  } catch {
    return { kind: 'failed', problem: { source: 'api', failure: { kind: 'unexpected' } } };
  }
}
