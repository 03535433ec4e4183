const DEFAULT_RETRY_AFTER_MS = 60_000;
const MAX_RETRY_AFTER_MS = 60 * 60_000;

/** Milliseconds to wait from a Retry-After header (seconds or an HTTP date), bounded to an hour. */
export function retryAfterMs(header: string | null, now: number): number {
  if (header === null || header.trim() === '') return DEFAULT_RETRY_AFTER_MS;
  const trimmed = header.trim();
  let waitMs: number;
  if (/^\d+$/.test(trimmed)) {
    waitMs = Number(trimmed) * 1000;
  } else {
    const at = Date.parse(trimmed);
    if (!Number.isFinite(at)) return DEFAULT_RETRY_AFTER_MS;
    waitMs = at - now;
  }
  return Math.min(Math.max(waitMs, 0), MAX_RETRY_AFTER_MS);
}
