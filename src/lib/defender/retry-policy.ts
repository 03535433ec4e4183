import type { ApiFailure } from './api-failure';

export const MAX_SERVER_RETRIES = 3;
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 8_000;

/** Whether a failure is worth retrying by itself: only server errors, a bounded number of times. */
export function shouldRetry(failure: ApiFailure, retriesSoFar: number): boolean {
  return failure.kind === 'server' && retriesSoFar < MAX_SERVER_RETRIES;
}

/** Exponential backoff with jitter: half fixed, half random, so retries never form a tight loop. */
export function backoffDelayMs(retriesSoFar: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** retriesSoFar);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
