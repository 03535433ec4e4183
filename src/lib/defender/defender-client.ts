import { err, ok, type Result } from '../util/result';
import type { ApiErrorDetail, ApiFailure } from './api-failure';
import { retryAfterMs } from './retry-after';
import { parseErrorBody, parseScoreBody, type ScoreSample } from './score-response';

export const DEFAULT_TIMEOUT_MS = 20_000;

/** The relay's own headers (relay/handler.mjs): Static Web Apps replaces `Authorization` on its way to a function. */
export const RELAY_TOKEN_HEADER = 'X-Scoreline-Authorization';
export const RELAY_REGION_HEADER = 'X-Scoreline-Region';

/** A relay that calls the API for the browser, and the region it is to call. */
export interface RelayTarget {
  /** A path on this origin ("/api/relay") or a URL, as config.json's relayUrl. */
  url: string;
  region: string;
}

export interface DefenderCall {
  apiBaseUrl: string;
  accessToken: string;
  /** When set, the call goes to the relay instead of apiBaseUrl. */
  relay?: RelayTarget | undefined;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  isOnline?: () => boolean;
  now?: () => number;
}

/** GET /api/configurationScore: Microsoft Secure Score for Devices, validated. */
export async function getConfigurationScore(call: DefenderCall): Promise<Result<ScoreSample, ApiFailure>> {
  const result = await getJson('/api/configurationScore', call);
  if (!result.ok) return result;
  const parsed = parseScoreBody(result.value);
  return parsed.ok ? parsed : err({ kind: 'invalid-response', reason: parsed.error });
}

/** A GET of the API (or the relay), its answer parsed as JSON; every failure named. */
export async function getJson(path: string, call: DefenderCall): Promise<Result<unknown, ApiFailure>> {
  const { timeoutMs = DEFAULT_TIMEOUT_MS, fetchImpl = fetch } = call;
  const isOnline = call.isOnline ?? (() => navigator.onLine);
  const now = call.now ?? Date.now;
  const { url, headers } = requestFor(path, call);
  const host = new URL(url).host;
  if (!isOnline()) return err({ kind: 'offline' });

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetchImpl(url, {
        headers,
        cache: 'no-store',
        credentials: 'omit',
        signal: controller.signal,
      });
    } catch {
      if (controller.signal.aborted) return err({ kind: 'timeout', host, afterMs: timeoutMs });
      return err(isOnline() ? { kind: 'unreachable', host } : { kind: 'offline' });
    }
    let text: string;
    try {
      text = await response.text();
    } catch {
      if (controller.signal.aborted) return err({ kind: 'timeout', host, afterMs: timeoutMs });
      return err(isOnline() ? { kind: 'unreachable', host } : { kind: 'offline' });
    }
    const body = parseJsonOrUndefined(text);
    if (response.ok) {
      return body === undefined
        ? err({ kind: 'invalid-response', reason: 'The answer is not valid JSON.' })
        : ok(body);
    }
    return err(failureForStatus(response, parseErrorBody(body), now()));
  } finally {
    clearTimeout(timer);
  }
}

/** Where the call goes and with which headers: straight to the API, or through the relay with the token in its own header. */
export function requestFor(path: string, { apiBaseUrl, accessToken, relay }: DefenderCall): { url: string; headers: Record<string, string> } {
  if (!relay) return { url: `${apiBaseUrl}${path}`, headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' } };
  // A relay on this site is named by its path; it resolves against the page's origin.
  const url = new URL(`${relay.url}${path}`, globalThis.location?.href ?? 'http://localhost/').href;
  return { url, headers: { [RELAY_TOKEN_HEADER]: `Bearer ${accessToken}`, [RELAY_REGION_HEADER]: relay.region, Accept: 'application/json' } };
}

function failureForStatus(response: Response, detail: ApiErrorDetail | undefined, now: number): ApiFailure {
  const { status } = response;
  if (status === 401) return { kind: 'unauthorized', detail };
  if (status === 403) return { kind: 'forbidden', detail };
  if (status === 404) return { kind: 'not-found', detail };
  if (status === 429) return { kind: 'throttled', retryAt: now + retryAfterMs(response.headers.get('Retry-After'), now), detail };
  if (status >= 500) return { kind: 'server', status, detail };
  return { kind: 'http', status, detail };
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
