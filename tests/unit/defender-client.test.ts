import { describe, expect, it } from 'vitest';
import { getConfigurationScore, RELAY_REGION_HEADER, RELAY_TOKEN_HEADER } from '../../src/lib/defender/defender-client';
import { REGION_HEADER, TOKEN_HEADER } from '../../relay/handler.mjs';
import { retryAfterMs } from '../../src/lib/defender/retry-after';
import { backoffDelayMs, MAX_SERVER_RETRIES, shouldRetry } from '../../src/lib/defender/retry-policy';
import { answer, call, fixture, hang, NOW } from './defender-fakes';

describe('getConfigurationScore', () => {
  it('reads the documented answer', async () => {
    let seen: { url: string; init: RequestInit | undefined } | undefined;
    const result = await getConfigurationScore(
      call(async (input, init) => {
        seen = { url: String(input), init };
        return new Response(fixture('configurationScore.200.json'));
      }),
    );
    expect(result).toEqual({ ok: true, value: { time: Date.UTC(2019, 11, 3, 9, 15, 58, 166), score: 340 } });
    expect(seen?.url).toBe('https://api.security.microsoft.com/api/configurationScore');
    expect(new Headers(seen?.init?.headers).get('Authorization')).toBe('Bearer token-abc');
    expect(seen?.init?.credentials).toBe('omit');
  });

  it('calls a relay instead of the API, with the token in the relay’s own header and the region', async () => {
    for (const [relayUrl, expected] of [
      ['https://relay.contoso.example', 'https://relay.contoso.example/api/configurationScore'],
      ['/api/relay', 'http://localhost/api/relay/api/configurationScore'],
    ] as const) {
      let seen: { url: string; headers: Headers } | undefined;
      const result = await getConfigurationScore(
        call(
          async (input, init) => {
            seen = { url: String(input), headers: new Headers(init?.headers) };
            return new Response(fixture('configurationScore.200.json'));
          },
          { relay: { url: relayUrl, region: 'eu' } },
        ),
      );
      expect(result.ok).toBe(true);
      expect(seen?.url).toBe(expected);
      expect(seen?.headers.get('X-Scoreline-Authorization')).toBe('Bearer token-abc');
      expect(seen?.headers.get('X-Scoreline-Region')).toBe('eu');
      expect(seen?.headers.get('Authorization')).toBeNull();
    }
  });

  it('names the relay’s headers as the relay reads them', () => {
    expect([RELAY_TOKEN_HEADER, RELAY_REGION_HEADER]).toEqual([TOKEN_HEADER, REGION_HEADER]);
  });

  it('names a relay that cannot be reached by its host', async () => {
    const result = await getConfigurationScore(
      call(async () => Promise.reject(new TypeError('Failed to fetch')), { relay: { url: 'https://relay.contoso.example', region: 'global' } }),
    );
    expect(result).toEqual({ ok: false, error: { kind: 'unreachable', host: 'relay.contoso.example' } });
  });

  it('names 401 with the error detail', async () => {
    const result = await getConfigurationScore(call(answer(fixture('error.401.no-license.json'), 401)));
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'unauthorized',
        detail: { code: 'Unauthorized', message: 'Unauthorized request - reason of failure: No Tvm license', target: 'c2f1e7a0-3a0e-4bd0-9b7e-1d6f0f2b7c11' },
      },
    });
  });

  it('names 403 with the correlation id', async () => {
    const result = await getConfigurationScore(call(answer(fixture('error.403.missing-role.json'), 403)));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ kind: 'forbidden', detail: { code: 'Forbidden', target: '43f4cb08-8fac-4b65-9db1-745c2ae65f3a' } });
  });

  it('turns 429 Retry-After into the time of the next allowed call', async () => {
    const result = await getConfigurationScore(call(answer(fixture('error.429.json'), 429, { 'Retry-After': '40' })));
    expect(result).toMatchObject({ ok: false, error: { kind: 'throttled', retryAt: NOW + 40_000 } });
  });

  it.each([
    [404, 'not-found'],
    [500, 'server'],
    [503, 'server'],
    [400, 'http'],
  ])('names HTTP %i as %s, even with a body that is not JSON', async (status, kind) => {
    const result = await getConfigurationScore(call(answer('<html>oops</html>', status)));
    expect(result).toMatchObject({ ok: false, error: { kind } });
  });

  it.each([
    ['not JSON', '{"time": "2019-'],
    ['no score', '{"time": "2019-12-03T09:15:58Z"}'],
    ['a text score', '{"time": "2019-12-03T09:15:58Z", "score": "340"}'],
    ['a negative score', '{"time": "2019-12-03T09:15:58Z", "score": -1}'],
    ['a bad time', '{"time": "soon", "score": 340}'],
    ['no time', '{"score": 340}'],
    ['an array', '[340]'],
    ['null', 'null'],
  ])('refuses an answer with %s', async (_what, body) => {
    const result = await getConfigurationScore(call(answer(body)));
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-response' } });
  });

  it('says offline without calling when the browser is offline', async () => {
    let calls = 0;
    const result = await getConfigurationScore(
      call(
        async () => {
          calls += 1;
          return new Response('{}');
        },
        { isOnline: () => false },
      ),
    );
    expect(result).toEqual({ ok: false, error: { kind: 'offline' } });
    expect(calls).toBe(0);
  });

  it('tells a blocked or unreachable host apart from being offline', async () => {
    const result = await getConfigurationScore(
      call(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    expect(result).toEqual({ ok: false, error: { kind: 'unreachable', host: 'api.security.microsoft.com' } });
  });

  it('gives up after the timeout', async () => {
    const result = await getConfigurationScore(call(hang, { timeoutMs: 20 }));
    expect(result).toEqual({ ok: false, error: { kind: 'timeout', host: 'api.security.microsoft.com', afterMs: 20 } });
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, and bounds them', () => {
    expect(retryAfterMs('40', NOW)).toBe(40_000);
    expect(retryAfterMs(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
    expect(retryAfterMs('999999', NOW)).toBe(3_600_000);
    expect(retryAfterMs(new Date(NOW - 5_000).toUTCString(), NOW)).toBe(0);
  });

  it('waits a minute when the header is missing or unreadable', () => {
    expect(retryAfterMs(null, NOW)).toBe(60_000);
    expect(retryAfterMs('soon', NOW)).toBe(60_000);
  });
});

describe('retry policy', () => {
  it('retries only server errors, at most three times', () => {
    const server = { kind: 'server', status: 502, detail: undefined } as const;
    expect([0, 1, 2, 3].map((n) => shouldRetry(server, n))).toEqual([true, true, true, false]);
    expect(MAX_SERVER_RETRIES).toBe(3);
    expect(shouldRetry({ kind: 'forbidden', detail: undefined }, 0)).toBe(false);
    expect(shouldRetry({ kind: 'throttled', retryAt: 0, detail: undefined }, 0)).toBe(false);
  });

  it('backs off exponentially with bounded jitter', () => {
    expect(backoffDelayMs(0, () => 0)).toBe(500);
    expect(backoffDelayMs(0, () => 1)).toBe(1_000);
    expect(backoffDelayMs(2, () => 0.5)).toBe(3_000);
    expect(backoffDelayMs(10, () => 1)).toBe(8_000);
  });
});
