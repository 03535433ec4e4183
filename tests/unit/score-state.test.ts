import { describe, expect, it } from 'vitest';
import { ScoreState, type ScoreDependencies } from '../../src/lib/state/score.svelte';
import type { ApiFailure } from '../../src/lib/defender/api-failure';
import type { ScoreSample } from '../../src/lib/defender/score-response';
import type { Reading } from '../../src/lib/history/reading';
import type { Result } from '../../src/lib/util/result';

const TENANT = 'aaaaaaaa-0000-4000-8000-000000000001';
const NOW = 1_000_000;

function harness(answers: Result<ScoreSample, ApiFailure>[], overrides: Partial<ScoreDependencies> = {}) {
  const kept: Reading[] = [];
  const tokenRequests: { tenantId: string; forceRefresh?: boolean; interactive?: boolean }[] = [];
  const sleeps: number[] = [];
  let apiCalls = 0;
  let now = NOW;
  const state = new ScoreState({
    token: async (options) => {
      tokenRequests.push(options);
      return { ok: true, value: `token-${tokenRequests.length}` };
    },
    tenantId: () => TENANT,
    fetchScore: async () => {
      apiCalls += 1;
      const answer = answers.shift();
      if (!answer) throw new Error('unexpected API call');
      return answer;
    },
    keep: async (reading) => {
      kept.push(reading);
    },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    now: () => now,
    ...overrides,
  });
  return { state, kept, tokenRequests, sleeps, apiCalls: () => apiCalls, advance: (ms: number) => (now += ms) };
}

const ok = (score: number, time = NOW): Result<ScoreSample, ApiFailure> => ({ ok: true, value: { time, score } });
const failed = (failure: ApiFailure): Result<ScoreSample, ApiFailure> => ({ ok: false, error: failure });

describe('ScoreState.refresh', () => {
  it('keeps a successful reading for the signed-in tenant', async () => {
    const h = harness([ok(412)]);
    await h.state.refresh();
    expect(h.kept).toEqual([{ tenantId: TENANT, time: NOW, score: 412 }]);
    expect(h.state.problem).toBeUndefined();
  });

  it('makes one call however often it is clicked while a refresh runs', async () => {
    const h = harness([ok(412)]);
    await Promise.all([h.state.refresh(), h.state.refresh(), h.state.refresh()]);
    expect(h.apiCalls()).toBe(1);
    expect(h.kept).toHaveLength(1);
  });

  it('retries a 401 once with a freshly refreshed token', async () => {
    const h = harness([failed({ kind: 'unauthorized', detail: undefined }), ok(400)]);
    await h.state.refresh();
    expect(h.tokenRequests.at(-1)).toEqual({ tenantId: TENANT, forceRefresh: true, interactive: false });
    expect(h.kept).toHaveLength(1);
  });

  it('asks for sign-in when the fresh token is refused too, storing nothing', async () => {
    const h = harness([failed({ kind: 'unauthorized', detail: undefined }), failed({ kind: 'unauthorized', detail: undefined })]);
    await h.state.refresh();
    expect(h.apiCalls()).toBe(2);
    expect(h.state.problem).toEqual({ tenantId: TENANT, source: 'api', failure: { kind: 'unauthorized', detail: undefined } });
    expect(h.kept).toEqual([]);
  });

  it('retries server errors at most three times with growing waits', async () => {
    const server = failed({ kind: 'server', status: 503, detail: undefined });
    const h = harness([server, server, server, server]);
    await h.state.refresh();
    expect(h.apiCalls()).toBe(4);
    expect(h.sleeps).toHaveLength(3);
    expect(h.sleeps[2]!).toBeGreaterThan(h.sleeps[0]!);
    expect(h.state.problem?.source === 'api' && h.state.problem.failure.kind).toBe('server');
  });

  it('recovers when a retry succeeds', async () => {
    const h = harness([failed({ kind: 'server', status: 500, detail: undefined }), ok(420)]);
    await h.state.refresh();
    expect(h.kept.map((r) => r.score)).toEqual([420]);
  });

  it('makes no call before Retry-After has passed, whatever is clicked', async () => {
    const h = harness([failed({ kind: 'throttled', retryAt: NOW + 40_000, detail: undefined }), ok(430)]);
    await h.state.refresh();
    expect(h.state.throttledUntil(TENANT)).toBe(NOW + 40_000);
    await h.state.refresh();
    h.advance(39_000);
    await h.state.refresh();
    expect(h.apiCalls()).toBe(1);
    h.advance(1_000);
    await h.state.refresh();
    expect(h.apiCalls()).toBe(2);
    expect(h.kept).toHaveLength(1);
  });

  it('stores nothing for an invalid answer', async () => {
    const h = harness([failed({ kind: 'invalid-response', reason: 'The answer is not valid JSON.' })]);
    await h.state.refresh();
    expect(h.kept).toEqual([]);
    expect(h.apiCalls()).toBe(1);
  });

  it('reports a sign-in problem without calling the API', async () => {
    const h = harness([], {
      token: async () => ({ ok: false, error: { kind: 'sign-in-expired', errorCode: 'interaction_required', aadsts: 'AADSTS700084' } }),
    });
    await h.state.refresh();
    expect(h.apiCalls()).toBe(0);
    expect(h.state.problem).toMatchObject({ source: 'auth', failure: { kind: 'sign-in-expired' } });
  });
});

describe('ScoreState across reloads and tabs', () => {
  it('honours a Retry-After deadline saved by an earlier page', async () => {
    const h = harness([ok(430)], { throttle: { load: async () => NOW + 30_000, save: async () => undefined } });
    await h.state.refresh();
    expect(h.apiCalls()).toBe(0);
    expect(h.state.throttledUntil(TENANT)).toBe(NOW + 30_000);
  });

  it('saves the Retry-After deadline for later pages', async () => {
    const saved: number[] = [];
    const h = harness([failed({ kind: 'throttled', retryAt: NOW + 5_000, detail: undefined })], {
      throttle: { load: async () => undefined, save: async (_tenantId, until) => void saved.push(until) },
    });
    await h.state.refresh();
    expect(saved).toEqual([NOW + 5_000]);
  });

  it('says offline without asking for a token or calling', async () => {
    const h = harness([ok(430)], { isOnline: () => false });
    await h.state.refresh();
    expect(h.tokenRequests).toEqual([]);
    expect(h.apiCalls()).toBe(0);
    expect(h.state.problem).toEqual({ tenantId: TENANT, source: 'api', failure: { kind: 'offline' } });
  });

  it('keeps each tenant’s deadline apart', async () => {
    let tenant = TENANT;
    const h = harness([failed({ kind: 'throttled', retryAt: NOW + 40_000, detail: undefined }), ok(287)], { tenantId: () => tenant });
    await h.state.refresh();
    tenant = 'bbbbbbbb-0000-4000-8000-000000000002';
    await h.state.refresh();
    expect(h.apiCalls()).toBe(2);
    expect(h.kept).toEqual([{ tenantId: tenant, time: NOW, score: 287 }]);
    expect(h.state.throttledUntil(tenant)).toBeUndefined();
  });

  it('a refresh for another tenant waits for the running one, then runs for its own tenant', async () => {
    const held = holdFirstCall(async () => ok(412), async () => ok(287));
    const h = harness([], { tenantId: () => held.tenant, fetchScore: held.fetchScore });
    const first = h.state.refresh();
    await held.firstCallStarted;
    held.tenant = OTHER_TENANT;
    const second = h.state.refresh();
    expect(held.calls).toBe(1);
    held.release();
    await Promise.all([first, second]);
    expect(h.kept.map((r) => [r.tenantId, r.score])).toEqual([
      [TENANT, 412],
      [OTHER_TENANT, 287],
    ]);
    expect(h.tokenRequests.map((r) => r.tenantId)).toEqual([TENANT, OTHER_TENANT]);
  });
});

const OTHER_TENANT = 'bbbbbbbb-0000-4000-8000-000000000002';

/**
 * A fetch whose first call waits until released, so a test can ask for a second refresh while the first
 * is really in flight; `tenant` is what the state sees as signed in.
 */
function holdFirstCall(first: () => Promise<Result<ScoreSample, ApiFailure>>, later: () => Promise<Result<ScoreSample, ApiFailure>>) {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  let markStarted: () => void = () => {};
  const firstCallStarted = new Promise<void>((resolve) => (markStarted = resolve));
  const held = {
    tenant: TENANT,
    calls: 0,
    firstCallStarted,
    release: () => release(),
    fetchScore: async (): Promise<Result<ScoreSample, ApiFailure>> => {
      held.calls += 1;
      if (held.calls > 1) return later();
      markStarted();
      await gate;
      return first();
    },
  };
  return held;
}

describe('ScoreState when something throws', () => {
  it('says so, clears busy, and does not block the refresh waiting behind it', async () => {
    const held = holdFirstCall(
      async () => {
        throw new Error('unexpected');
      },
      async () => ok(287),
    );
    const h = harness([], { tenantId: () => held.tenant, fetchScore: held.fetchScore });
    const first = h.state.refresh();
    await held.firstCallStarted;
    held.tenant = OTHER_TENANT;
    const second = h.state.refresh();
    held.release();
    await first;
    expect(h.state.problem).toEqual({ tenantId: TENANT, source: 'api', failure: { kind: 'unexpected' } });
    await second;
    expect(h.kept).toEqual([{ tenantId: OTHER_TENANT, time: NOW, score: 287 }]);
    expect(h.state.busy).toBe(false);
  });

  it('skips its call while another tab refreshes the same tenant, and is not left busy', async () => {
    const h = harness([ok(430)], { exclusive: async () => undefined });
    await h.state.refresh();
    expect(h.apiCalls()).toBe(0);
    expect(h.state.busy).toBe(false);
  });
});
