import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiFailure } from '../../src/lib/defender/api-failure';
import { RECOMMENDATIONS_MIN_INTERVAL_MS, type RefreshPart } from '../../src/lib/state/refresh-parts';
import { allGood, failed, gated, good, NOW, RECOMMENDATION, refreshHarness, TENANT, type Answers } from './refresh-harness';

const OTHERS: RefreshPart[] = ['exposure', 'groups', 'recommendations'];
const consentMissing = { kind: 'consent-required', errorCode: 'invalid_grant', aadsts: 'AADSTS65001', permission: 'SecurityRecommendation.Read' } as const;

// A refresh's work is a module of its own, loaded with the first refresh: loaded here first, so the tests below can
// count promise turns without the module loader's.
beforeAll(async () => {
  await import('../../src/lib/state/refresh-run');
});

describe('one refresh, every part', () => {
  it('calls the score first, then the others in parallel, on one token with both scopes', async () => {
    const exposure = gated(good.exposure());
    const answers = { ...allGood(), exposure: [exposure.answer] };
    const h = refreshHarness(answers, { optedIn: true });
    const done = h.state.refresh();
    await settleUntil(() => h.events.includes('call:recommendations'));
    // The exposure call is still open while groups and recommendations went out beside it.
    expect(h.events.slice(0, 3)).toEqual(['token:score-and-recommendations', 'call:score', 'answer:score']);
    expect(h.events).toContain('call:groups');
    expect(h.events).not.toContain('answer:exposure');
    exposure.release();
    await done;
    expect(h.tokenRequests).toEqual([{ tenantId: TENANT, interactive: false, permissions: 'score-and-recommendations' }]);
    for (const part of ['score', ...OTHERS] as RefreshPart[]) {
      expect(h.calls(part)).toBe(1);
      expect(h.kept[part]).toHaveLength(1);
      expect(h.tokensUsed[part]).toEqual(['token-score-and-recommendations-1']);
    }
    expect(h.kept.exposure).toEqual([{ tenantId: TENANT, sample: { time: NOW, score: 33.5 } }]);
    expect(h.kept.recommendations).toEqual([{ tenantId: TENANT, time: NOW, recommendations: [RECOMMENDATION] }]);
    expect(h.state.problem).toBeUndefined();
  });

  it('asks for the score scope alone when the recommendations are not wanted', async () => {
    const h = refreshHarness({ ...allGood(), recommendations: [] });
    await h.state.refresh({ interactive: true });
    expect(h.tokenRequests).toEqual([{ tenantId: TENANT, interactive: true }]);
    expect(h.calls('recommendations')).toBe(0);
    expect(h.state.recommendationsChosen(TENANT)).toBe(false);
  });
});

const FAILURES: [string, ApiFailure, number][] = [
  ['401', { kind: 'unauthorized', detail: undefined }, 1],
  ['403', { kind: 'forbidden', detail: { code: 'Forbidden', message: 'Missing role', target: 'c-1' } }, 1],
  ['429', { kind: 'throttled', retryAt: NOW + 40_000, detail: undefined }, 1],
  ['5xx', { kind: 'server', status: 503, detail: undefined }, 4],
  ['timeout', { kind: 'timeout', host: 'api.security.microsoft.com', afterMs: 20_000 }, 1],
  ['invalid', { kind: 'invalid-response', reason: 'The answer is not valid JSON.' }, 1],
];

describe.each(FAILURES)('a %s', (_name, failure, callsUntilGivenUp) => {
  it.each(OTHERS)('on %s is named for that part alone, and every other part is kept', async (part) => {
    const answers: Answers = { ...allGood(), [part]: Array.from({ length: callsUntilGivenUp }, () => failed(failure)) };
    const h = refreshHarness(answers, { optedIn: true });
    await h.state.refresh();
    expect(h.state.problemOf(TENANT, part)).toEqual({ source: 'api', failure });
    expect(h.calls(part)).toBe(callsUntilGivenUp);
    expect(h.kept[part]).toEqual([]);
    for (const other of ['score', ...OTHERS].filter((p) => p !== part) as RefreshPart[]) {
      expect(h.kept[other]).toHaveLength(1);
      expect(h.state.problemOf(TENANT, other)).toBeUndefined();
    }
    expect(h.state.problem).toBeUndefined();
  });

  it('on the score is the page’s problem, and the others are still read and kept', async () => {
    // A 401 is tried once more with a fresh token: both answers refuse it.
    const attempts = failure.kind === 'unauthorized' ? 2 : callsUntilGivenUp;
    const h = refreshHarness({ ...allGood(), score: Array.from({ length: attempts }, () => failed(failure)) }, { optedIn: true });
    await h.state.refresh();
    expect(h.state.problem).toEqual({ tenantId: TENANT, source: 'api', failure });
    expect(h.state.problemOf(TENANT, 'score')).toEqual({ source: 'api', failure });
    expect(h.kept.score).toEqual([]);
    for (const other of OTHERS) expect(h.kept[other]).toHaveLength(1);
  });
});

describe('a score refused with 401', () => {
  it('is tried again on a fresh token that carries the same scopes, which the others then use', async () => {
    const h = refreshHarness({ ...allGood(), score: [failed({ kind: 'unauthorized', detail: undefined }), good.score()] }, { optedIn: true });
    await h.state.refresh();
    expect(h.tokenRequests).toEqual([
      { tenantId: TENANT, interactive: false, permissions: 'score-and-recommendations' },
      { tenantId: TENANT, forceRefresh: true, interactive: false, permissions: 'score-and-recommendations' },
    ]);
    for (const part of OTHERS) expect(h.tokensUsed[part]).toEqual(['token-score-and-recommendations-2']);
    expect(h.kept.score).toHaveLength(1);
  });
});

describe('a part that throws', () => {
  it('is that part’s unexpected problem; the score and the others are kept', async () => {
    const h = refreshHarness(allGood(), {
      optedIn: true,
      overrides: {
        keepGroups: async () => {
          throw new Error('disk full');
        },
      },
    });
    await h.state.refresh();
    expect(h.state.problemOf(TENANT, 'groups')).toEqual({ source: 'api', failure: { kind: 'unexpected' } });
    expect([h.kept.score, h.kept.exposure, h.kept.recommendations].map((k) => k.length)).toEqual([1, 1, 1]);
    expect(h.state.problem).toBeUndefined();
  });

  it('a later success clears that part’s problem', async () => {
    const h = refreshHarness({ ...allGood(), exposure: [failed({ kind: 'timeout', host: 'h', afterMs: 1 }), good.exposure()], score: [good.score(), good.score()], groups: [good.groups(), good.groups()] });
    await h.state.refresh();
    expect(h.state.problemOf(TENANT, 'exposure')?.source).toBe('api');
    await h.state.refresh();
    expect(h.state.problemOf(TENANT, 'exposure')).toBeUndefined();
  });
});

describe('Retry-After per endpoint', () => {
  const throttled = (seconds: number) => failed<never>({ kind: 'throttled', retryAt: NOW + seconds * 1000, detail: undefined });

  it('keeps only the throttled endpoint waiting, across refreshes and reloads', async () => {
    const answers: Answers = {
      score: [good.score(), good.score()],
      exposure: [throttled(40)],
      groups: [good.groups(), good.groups()],
      recommendations: [],
    };
    const h = refreshHarness(answers);
    await h.state.refresh();
    expect(h.state.throttledUntil(TENANT, 'exposure')).toBe(NOW + 40_000);
    expect(h.state.throttledUntil(TENANT)).toBeUndefined();
    expect(h.throttleStore.get(`${TENANT}|exposure`)).toBe(NOW + 40_000);

    h.advance(39_000);
    await h.state.refresh();
    expect([h.calls('score'), h.calls('exposure'), h.calls('groups')]).toEqual([2, 1, 2]);

    // A new page, the same stored deadlines.
    const reloaded = refreshHarness(
      { score: [good.score(), good.score()], exposure: [good.exposure()], groups: [good.groups(), good.groups()], recommendations: [] },
      { throttleStore: h.throttleStore },
    );
    reloaded.advance(39_000);
    await reloaded.state.refresh();
    expect(reloaded.calls('exposure')).toBe(0);
    reloaded.advance(1_000);
    await reloaded.state.refresh();
    expect(reloaded.calls('exposure')).toBe(1);
    expect(reloaded.kept.exposure).toHaveLength(1);
  });

  it('a throttled score does not hold back the others, and asks no token when every part waits', async () => {
    const h = refreshHarness({ ...allGood(), score: [throttled(60)], exposure: [good.exposure(), throttled(60)], groups: [good.groups(), throttled(60)] });
    await h.state.refresh();
    expect(h.state.throttledUntil(TENANT)).toBe(NOW + 60_000);
    await h.state.refresh();
    expect([h.calls('score'), h.calls('exposure'), h.calls('groups')]).toEqual([1, 2, 2]);
    expect(h.kept.exposure).toHaveLength(1);
    const tokensSoFar = h.tokenRequests.length;
    await h.state.refresh();
    expect(h.tokenRequests).toHaveLength(tokensSoFar);
  });
});

describe('recommendations', () => {
  it('are not read for a tenant that did not opt in', async () => {
    const h = refreshHarness({ ...allGood(), recommendations: [] }, { optedIn: false });
    await h.state.refresh();
    expect(h.calls('recommendations')).toBe(0);
    expect(h.state.problemOf(TENANT, 'recommendations')).toBeUndefined();
  });

  it('are read again only once the minimum interval has passed', async () => {
    const h = refreshHarness(
      { score: [good.score(), good.score()], exposure: [good.exposure(), good.exposure()], groups: [good.groups(), good.groups()], recommendations: [good.recommendations()] },
      { optedIn: true, lastRead: NOW - RECOMMENDATIONS_MIN_INTERVAL_MS + 1 },
    );
    await h.state.refresh();
    expect(h.calls('recommendations')).toBe(0);
    h.advance(1);
    await h.state.refresh();
    expect(h.calls('recommendations')).toBe(1);
    expect(h.tokenRequests.at(-1)).toMatchObject({ permissions: 'score-and-recommendations' });
  });

  it('are read before the interval has passed when the refresh finds the score moved, after the score is kept', async () => {
    const h = refreshHarness({ ...allGood(), recommendations: [good.recommendations()] }, { optedIn: true, lastRead: NOW - 60_000, scoreOutcomes: ['added'] });
    await h.state.refresh();
    expect(h.calls('recommendations')).toBe(1);
    expect(h.events.indexOf('keep:score')).toBeLessThan(h.events.indexOf('call:recommendations'));
    expect(h.tokenRequests).toEqual([{ tenantId: TENANT, interactive: false, permissions: 'score-and-recommendations' }]);
  });

  it('are not read early when the score only confirmed its run', async () => {
    const h = refreshHarness({ ...allGood(), recommendations: [] }, { optedIn: true, lastRead: NOW - 60_000, scoreOutcomes: ['confirmed'] });
    await h.state.refresh();
    expect(h.calls('recommendations')).toBe(0);
    expect(h.kept.score).toHaveLength(1);
  });

  it('without consent: the score still refreshes on a Score.Read token, and the problem says what to grant', async () => {
    const h = refreshHarness({ ...allGood(), recommendations: [] }, {
      optedIn: true,
      token: (request) => (request.permissions === 'score-and-recommendations' ? { ok: false, error: consentMissing } : { ok: true, value: 'score-only' }),
    });
    await h.state.refresh({ interactive: true });
    expect(h.tokenRequests).toEqual([
      { tenantId: TENANT, interactive: false, permissions: 'score-and-recommendations' },
      { tenantId: TENANT, interactive: true },
    ]);
    expect(h.kept.score).toHaveLength(1);
    expect(h.tokensUsed.score).toEqual(['score-only']);
    expect(h.kept.exposure).toHaveLength(1);
    expect(h.state.problemOf(TENANT, 'recommendations')).toEqual({ source: 'auth', failure: consentMissing });
    expect(h.state.problem).toBeUndefined();
  });

  it('names the recommendations permission when the sign-in left it out of the failure', async () => {
    const { permission: _unknown, ...unnamed } = consentMissing;
    const h = refreshHarness({ ...allGood(), recommendations: [] }, {
      optedIn: true,
      token: (request) => (request.permissions ? { ok: false, error: unnamed } : { ok: true, value: 'score-only' }),
    });
    await h.state.refresh();
    expect(h.state.problemOf(TENANT, 'recommendations')).toMatchObject({ failure: { kind: 'consent-required', permission: 'SecurityRecommendation.Read' } });
  });

  it('after a consent refusal, do not cost a token call on every refresh', async () => {
    const h = refreshHarness({ ...allGood(), score: [good.score(), good.score()], exposure: [good.exposure(), good.exposure()], groups: [good.groups(), good.groups()], recommendations: [] }, {
      optedIn: true,
      token: (request) => (request.permissions ? { ok: false, error: consentMissing } : { ok: true, value: 'score-only' }),
    });
    await h.state.refresh();
    await h.state.refresh();
    expect(h.tokenRequests.map((r) => r.permissions ?? 'score')).toEqual(['score-and-recommendations', 'score', 'score']);
    expect(h.state.problemOf(TENANT, 'recommendations')?.failure.kind).toBe('consent-required');
  });

  it('when chosen, remember the choice and read them at once if the permission is already granted', async () => {
    const h = refreshHarness(allGood(), { overrides: { requestRecommendationsPermission: async () => ({ ok: true, value: 'granted' }) } });
    await h.state.enableRecommendations();
    expect(h.optIn.get(TENANT)).toBe(true);
    expect(h.state.recommendationsChosen(TENANT)).toBe(true);
    expect(h.kept.recommendations).toHaveLength(1);
  });

  it('when chosen and consent is needed, leave for the sign-in page without refreshing', async () => {
    let asked = 0;
    const h = refreshHarness({ score: [], exposure: [], groups: [], recommendations: [] }, {
      overrides: { requestRecommendationsPermission: async () => (asked++, { ok: true, value: 'redirecting' }) },
    });
    await h.state.enableRecommendations();
    expect(asked).toBe(1);
    expect(h.optIn.get(TENANT)).toBe(true);
    expect(h.tokenRequests).toEqual([]);
  });

  it('when chosen and the request fails, say so on the recommendations part; turned off, they are no longer read', async () => {
    const h = refreshHarness({ ...allGood(), recommendations: [] }, {
      overrides: { requestRecommendationsPermission: async () => ({ ok: false, error: { kind: 'window-blocked', errorCode: 'timed_out', aadsts: undefined } }) },
    });
    await h.state.enableRecommendations();
    expect(h.state.problemOf(TENANT, 'recommendations')).toMatchObject({ source: 'auth', failure: { kind: 'window-blocked' } });
    await h.state.disableRecommendations();
    expect(h.optIn.get(TENANT)).toBe(false);
    expect(h.state.problemOf(TENANT, 'recommendations')).toBeUndefined();
    await h.state.refresh();
    expect(h.calls('recommendations')).toBe(0);
  });
});

/** Lets queued promise callbacks run until the condition holds (no timers involved). */
async function settleUntil(condition: () => boolean): Promise<void> {
  for (let turns = 0; turns < 100 && !condition(); turns += 1) await Promise.resolve();
  if (!condition()) throw new Error('condition never held');
}
