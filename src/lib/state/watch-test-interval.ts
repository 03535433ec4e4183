import type { BuildOrigins } from '../config/allowed-origins';
import type { TestInterval } from '../watch/schedule';

/** The localStorage key an end-to-end test sets (before the page loads) to watch on a short interval. */
export const WATCH_TEST_INTERVAL_KEY = 'scoreline:watch-test-interval-ms';

/**
 * The short interval a test asks for, honoured only by a demo or test build (one built with origins on
 * this machine): a production build never reads it, so no stored value can make it call the API more often.
 */
export function watchTestInterval(storage: Pick<Storage, 'getItem'> | undefined, build: BuildOrigins): TestInterval | undefined {
  if (build.local.length === 0 || !storage) return undefined;
  let text: string | null;
  try {
    text = storage.getItem(WATCH_TEST_INTERVAL_KEY);
  } catch {
    return undefined;
  }
  const ms = Number(text);
  return text !== null && Number.isFinite(ms) && ms > 0 ? { testMs: ms } : undefined;
}
