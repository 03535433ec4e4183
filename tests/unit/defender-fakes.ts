import { readFileSync } from 'node:fs';
import type { DefenderCall } from '../../src/lib/defender/defender-client';

/** A fixture from tests/fixtures, as text. */
export const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

export const API = 'https://api.security.microsoft.com';
export const NOW = Date.UTC(2026, 10, 28, 12);

/** A call to the API with a fake fetch, online, at NOW. */
export function call(fetchImpl: typeof fetch, overrides: Partial<DefenderCall> = {}): DefenderCall {
  return { apiBaseUrl: API, accessToken: 'token-abc', fetchImpl, isOnline: () => true, now: () => NOW, ...overrides };
}

/** A fetch that always gives the same answer. */
export const answer =
  (body: string, status = 200, headers: Record<string, string> = {}): typeof fetch =>
  async () =>
    new Response(body, { status, headers });

/** A fetch that answers by URL (path and query) and records every URL asked for. */
export function routes(table: Record<string, () => Response>): { fetchImpl: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  const fetchImpl: typeof fetch = async (input) => {
    const url = String(input);
    urls.push(url);
    const route = table[url];
    if (!route) throw new Error(`unexpected call to ${url}`);
    return route();
  };
  return { fetchImpl, urls };
}

/** A fetch that never answers until aborted. */
export const hang: typeof fetch = (_input, init) =>
  new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
