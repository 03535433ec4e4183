import type { AddOutcome } from '../../src/lib/history/history-store';
import type { ApiFailure } from '../../src/lib/defender/api-failure';
import type { AuthFailure } from '../../src/lib/auth/auth-failure';
import type { RecommendationsAnswer } from '../../src/lib/defender/recommendations-client';
import type { MachineGroupsSample } from '../../src/lib/defender/machine-groups-response';
import type { ScoreSample } from '../../src/lib/defender/score-response';
import type { Recommendation } from '../../src/lib/recommendations/recommendation';
import { ScoreState, type ScoreDependencies, type TokenRequest } from '../../src/lib/state/score.svelte';
import type { RefreshPart } from '../../src/lib/state/refresh-parts';
import type { Result } from '../../src/lib/util/result';

export const TENANT = 'aaaaaaaa-0000-4000-8000-000000000001';
export const NOW = 1_700_000_000_000;

type Answer<T> = Result<T, ApiFailure> | (() => Promise<Result<T, ApiFailure>>);

/** What each endpoint answers, in order; a missing answer fails the test. */
export interface Answers {
  score: Answer<ScoreSample>[];
  exposure: Answer<ScoreSample>[];
  groups: Answer<MachineGroupsSample>[];
  recommendations: Answer<RecommendationsAnswer>[];
}

export const RECOMMENDATION: Recommendation = {
  id: 'sca-_-scid-2070',
  name: 'Turn on Microsoft Defender Firewall',
  category: 'Network',
  subCategory: 'Firewall',
  remediationType: 'ConfigurationChange',
  status: 'Active',
  configScoreImpact: 9.3,
  exposureImpact: 1.12,
  exposedMachines: 12,
  totalMachines: 240,
};

export const good = {
  score: (score = 412): Result<ScoreSample, ApiFailure> => ({ ok: true, value: { time: NOW, score } }),
  exposure: (score = 33.5): Result<ScoreSample, ApiFailure> => ({ ok: true, value: { time: NOW, score } }),
  groups: (): Result<MachineGroupsSample, ApiFailure> => ({ ok: true, value: { time: NOW, groups: [{ rbacGroupName: 'GroupOne', score: 41, time: NOW }] } }),
  recommendations: (): Result<RecommendationsAnswer, ApiFailure> => ({ ok: true, value: { time: NOW, recommendations: [RECOMMENDATION] } }),
};

export const failed = <T>(failure: ApiFailure): Result<T, ApiFailure> => ({ ok: false, error: failure });

/** One of each answer, the refresh every part succeeds in. */
export function allGood(): Answers {
  return { score: [good.score()], exposure: [good.exposure()], groups: [good.groups()], recommendations: [good.recommendations()] };
}

export interface HarnessOptions {
  optedIn?: boolean;
  lastRead?: number;
  /** The token answer per permissions asked for; a token named after them by default. */
  token?: (request: TokenRequest) => Result<string, AuthFailure>;
  overrides?: Partial<ScoreDependencies>;
  /** Shared with another harness to stand for a reload: the deadlines it saved. */
  throttleStore?: Map<string, number>;
  /** What keeping each score answers, in turn ('confirmed' when the list runs out): 'added' is a score that moved. */
  scoreOutcomes?: AddOutcome[];
}

/** A ScoreState with every part wired to fakes that record each call, keep and token request, in order. */
export function refreshHarness(answers: Answers, options: HarnessOptions = {}) {
  const events: string[] = [];
  const tokenRequests: TokenRequest[] = [];
  const kept: Record<RefreshPart, unknown[]> = { score: [], exposure: [], groups: [], recommendations: [] };
  const tokensUsed: Record<RefreshPart, string[]> = { score: [], exposure: [], groups: [], recommendations: [] };
  const optIn = new Map<string, boolean>(options.optedIn ? [[TENANT, true]] : []);
  const lastRead = new Map<string, number>(options.lastRead !== undefined ? [[TENANT, options.lastRead]] : []);
  const throttleStore = options.throttleStore ?? new Map<string, number>();
  const sleeps: number[] = [];
  let now = NOW;

  const endpoint =
    <T>(part: RefreshPart, queue: Answer<T>[]) =>
    async (accessToken: string): Promise<Result<T, ApiFailure>> => {
      events.push(`call:${part}`);
      tokensUsed[part].push(accessToken);
      const next = queue.shift();
      if (!next) throw new Error(`unexpected ${part} call`);
      const answer = typeof next === 'function' ? await next() : next;
      events.push(`answer:${part}`);
      return answer;
    };
  const keeper = (part: RefreshPart) => async (value: unknown) => {
    events.push(`keep:${part}`);
    kept[part].push(value);
  };

  const state = new ScoreState({
    token: async (request) => {
      tokenRequests.push(request);
      events.push(`token:${request.permissions ?? 'score'}`);
      return options.token?.(request) ?? { ok: true, value: `token-${request.permissions ?? 'score'}-${tokenRequests.length}` };
    },
    tenantId: () => TENANT,
    fetchScore: endpoint('score', answers.score),
    keep: async (reading) => {
      await keeper('score')(reading);
      return options.scoreOutcomes?.shift() ?? 'confirmed';
    },
    fetchExposure: endpoint('exposure', answers.exposure),
    keepExposure: async (tenantId, sample) => keeper('exposure')({ tenantId, sample }),
    fetchGroups: endpoint('groups', answers.groups),
    keepGroups: async (tenantId, sample) => keeper('groups')({ tenantId, sample }),
    fetchRecommendations: endpoint('recommendations', answers.recommendations),
    keepRecommendations: async (tenantId, time, recommendations) => {
      lastRead.set(tenantId, time);
      await keeper('recommendations')({ tenantId, time, recommendations });
    },
    lastRecommendationsRead: async (tenantId) => lastRead.get(tenantId),
    recommendationsOptIn: {
      load: async (tenantId) => optIn.get(tenantId) ?? false,
      save: async (tenantId, optedIn) => void optIn.set(tenantId, optedIn),
    },
    throttle: {
      load: async (tenantId, part) => throttleStore.get(`${tenantId}|${part}`),
      save: async (tenantId, until, part) => void throttleStore.set(`${tenantId}|${part}`, until),
    },
    sleep: async (ms) => void sleeps.push(ms),
    now: () => now,
    ...options.overrides,
  });
  return {
    state,
    events,
    tokenRequests,
    kept,
    tokensUsed,
    optIn,
    throttleStore,
    sleeps,
    calls: (part: RefreshPart) => events.filter((e) => e === `call:${part}`).length,
    advance: (ms: number) => (now += ms),
  };
}

/** An answer that waits until released, so a test can see what else is in flight meanwhile. */
export function gated<T>(answer: Result<T, ApiFailure>) {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  return { answer: async () => (await gate, answer), release: () => release() };
}
