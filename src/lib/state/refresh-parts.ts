import type { ApiFailure } from '../defender/api-failure';
import type { AuthFailure } from '../auth/auth-failure';
import { backoffDelayMs, shouldRetry } from '../defender/retry-policy';
import type { Result } from '../util/result';
import { RECOMMENDATIONS_MIN_INTERVAL_MS } from './recommendation-interval';

/** The calls one refresh makes, each with its own problem, retries and Retry-After deadline. */
export const REFRESH_PARTS = ['score', 'exposure', 'groups', 'recommendations'] as const;
export type RefreshPart = (typeof REFRESH_PARTS)[number];

export { RECOMMENDATIONS_MIN_INTERVAL_MS };

/** Why a part of the last refresh failed: the API's answer, or a token that could not be had for it. */
export type PartProblem = { source: 'api'; failure: ApiFailure } | { source: 'auth'; failure: AuthFailure };

/** Whether the recommendations are due: never read, or read at least the minimum interval ago. */
export function recommendationsDue(lastRead: number | undefined, now: number): boolean {
  return lastRead === undefined || now - lastRead >= RECOMMENDATIONS_MIN_INTERVAL_MS;
}

/**
 * Makes a call again after a server error, a bounded number of times with backoff (retry-policy.ts);
 * `first` is an answer already in hand. Any other failure is final.
 */
export async function withServerRetries<T>(
  call: () => Promise<Result<T, ApiFailure>>,
  sleep: (ms: number) => Promise<void>,
  first?: Result<T, ApiFailure>,
): Promise<Result<T, ApiFailure>> {
  let result = first ?? (await call());
  for (let retries = 0; !result.ok && shouldRetry(result.error, retries); retries += 1) {
    await sleep(backoffDelayMs(retries));
    result = await call();
  }
  return result;
}
