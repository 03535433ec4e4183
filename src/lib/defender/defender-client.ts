import { err, ok, type Result } from '../util/result';
import type { ApiErrorDetail, ApiFailure } from './api-failure';
import { retryAfterMs } from './retry-after';
import { parseErrorBody, parseScoreBody, type ScoreSample } from './score-response';

export const DEFAULT_TIMEOUT_MS = 20_000;

export interface DefenderCall {
  apiBaseUrl: string;
  accessToken: string;
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

async function getJson(path: string, call: DefenderCall): Promise<Result<unknown, ApiFailure>> {
  const { apiBaseUrl, accessToken, timeoutMs = DEFAULT_TIMEOUT_MS, fetchImpl = fetch } = call;
  const isOnline = call.isOnline ?? (() => navigator.onLine);
  const now = call.now ?? Date.now;
  const url = `${apiBaseUrl}${path}`;
  const host = new URL(url).host;
  if (!isOnline()) return err({ kind: 'offline' });

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetchImpl(url, {
        headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
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
