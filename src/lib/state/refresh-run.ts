// One refresh of one tenant: token → API → history, with the API's retry and throttling rules. The device score
// goes first; the exposure score, the device groups and (when chosen and due) the recommendations follow in
// parallel on the same token, each with its own problem, retries and Retry-After deadline. Loaded with the first
// refresh; the state it reports to (ScoreState) is in the first script.
import type { AddOutcome } from '../history/history-store';
import type { ApiFailure } from '../defender/api-failure';
import { RECOMMENDATIONS_PERMISSION, type TokenPermissions } from '../auth/scopes';
import type { ScoreSample } from '../defender/score-response';
import type { Result } from '../util/result';
import type { ScoreDependencies } from './refresh-dependencies';
import { recommendationsDue, withServerRetries, type PartProblem, type RefreshPart } from './refresh-parts';
import type { RefreshProblem } from './score.svelte';

/** What a refresh reads and writes of the score's state. */
export interface RefreshTarget {
  deps: ScoreDependencies;
  sleep(ms: number): Promise<void>;
  now(): number;
  problemOf(): RefreshProblem | undefined;
  setProblem(problem: RefreshProblem | undefined): void;
  deadlineOf(tenantId: string, part: RefreshPart): number | undefined;
  setDeadline(tenantId: string, part: RefreshPart, until: number): void;
  setPartProblem(tenantId: string, part: RefreshPart, problem: PartProblem | undefined): void;
  setOptedIn(tenantId: string, optedIn: boolean): void;
  /** Per tenant: when a token with the recommendations scope was refused for want of consent. */
  consentRefusedAt: Record<string, number>;
}

export class RefreshRun {
  constructor(
    private readonly t: RefreshTarget,
    private readonly tenantId: string,
    private readonly interactive: boolean,
  ) {}

  /** Inside the tenant's lock (one tab at a time), the deadlines kept in storage first. */
  async run(): Promise<void> {
    const { tenantId, interactive } = this;
    const exclusive = this.t.deps.exclusive ?? ((_tenant, run) => run());
    await exclusive(tenantId, async () => {
      // Read inside the lock: another tab may have just been told to wait.
      const parts = this.#configuredParts();
      await this.#loadDeadlines(tenantId, parts);
      await this.#takeReadings(tenantId, interactive, await this.#partsToCall(tenantId, parts));
    });
  }

  /** The parts this app reads at all: the score, and each other part whose call and keeper it was given. */
  #configuredParts(): RefreshPart[] {
    const deps = this.t.deps;
    const parts: RefreshPart[] = ['score'];
    if (deps.fetchExposure && deps.keepExposure) parts.push('exposure');
    if (deps.fetchGroups && deps.keepGroups) parts.push('groups');
    if (deps.fetchRecommendations && deps.keepRecommendations && deps.lastRecommendationsRead && deps.recommendationsOptIn) parts.push('recommendations');
    return parts;
  }

  async #loadDeadlines(tenantId: string, parts: readonly RefreshPart[]): Promise<void> {
    const throttle = this.t.deps.throttle;
    if (!throttle) return;
    for (const part of parts) {
      const stored = await throttle.load(tenantId, part).catch(() => undefined);
      if (stored && stored > (this.t.deadlineOf(tenantId, part) ?? 0)) this.t.setDeadline(tenantId, part, stored);
    }
  }

  /** The parts this refresh calls: not waiting for a Retry-After, and the recommendations only when chosen and due. */
  async #partsToCall(tenantId: string, parts: readonly RefreshPart[]): Promise<PlannedParts> {
    const now = this.t.now();
    const toCall = parts.filter((part) => (this.t.deadlineOf(tenantId, part) ?? 0) <= now);
    if (!toCall.includes('recommendations')) return { parts: toCall, recommendationsOnlyIfMoved: false };
    const wanted = await this.#recommendationsWanted(tenantId, now);
    if (wanted === 'no') return { parts: toCall.filter((part) => part !== 'recommendations'), recommendationsOnlyIfMoved: false };
    return { parts: toCall, recommendationsOnlyIfMoved: wanted === 'if-the-score-moved' };
  }

  /**
   * Whether to read the recommendations: when chosen, at most every RECOMMENDATIONS_MIN_INTERVAL_MS — and sooner
   * when this refresh finds the score moved, so that the move has the recommendations that explain it.
   */
  async #recommendationsWanted(tenantId: string, now: number): Promise<'due' | 'if-the-score-moved' | 'no'> {
    const optedIn = (await this.t.deps.recommendationsOptIn?.load(tenantId).catch(() => false)) ?? false;
    this.t.setOptedIn(tenantId, optedIn);
    if (!optedIn) return 'no';
    const refusedAt = this.t.consentRefusedAt[tenantId];
    if (refusedAt !== undefined && !recommendationsDue(refusedAt, now)) return 'no';
    // When the last read cannot be looked up, count it as recent: ~1,000 records are not fetched on a guess.
    const lastRead = await this.t.deps.lastRecommendationsRead?.(tenantId).then(
      (time) => time,
      () => now,
    );
    return recommendationsDue(lastRead, now) ? 'due' : 'if-the-score-moved';
  }

  async #takeReadings(tenantId: string, interactive: boolean, { parts: planned, recommendationsOnlyIfMoved }: PlannedParts): Promise<void> {
    if (planned.length === 0) return;
    const granted = await this.#tokenFor(tenantId, interactive, planned);
    if (!granted) return;
    const parts = granted.parts;
    let token = granted.token;
    let firstScore: Result<ScoreSample, ApiFailure> | undefined;
    if (parts.includes('score')) {
      firstScore = await this.t.deps.fetchScore(token);
      if (!firstScore.ok && firstScore.error.kind === 'unauthorized') {
        // The token may have been revoked or expired early: one fresh token, one more try.
        const fresh = await this.t.deps.token({ tenantId, forceRefresh: true, interactive: false, ...permissionsOption(granted.permissions) });
        if (!fresh.ok) {
          this.t.setProblem({ tenantId, source: 'auth', failure: fresh.error });
          return;
        }
        token = fresh.value;
        firstScore = await this.t.deps.fetchScore(token);
      }
    }
    // The score's first answer is in: the others go out now, in parallel, and none waits for another's retries.
    const { fetchExposure, keepExposure, fetchGroups, keepGroups, fetchRecommendations, keepRecommendations } = this.t.deps;
    const others: Promise<void>[] = [];
    if (parts.includes('exposure') && fetchExposure && keepExposure) {
      others.push(this.#readPart(tenantId, 'exposure', () => fetchExposure(token), (sample) => keepExposure(tenantId, sample)));
    }
    if (parts.includes('groups') && fetchGroups && keepGroups) {
      others.push(this.#readPart(tenantId, 'groups', () => fetchGroups(token), (sample) => keepGroups(tenantId, sample)));
    }
    const score = firstScore ? this.#finishScore(tenantId, token, firstScore) : Promise.resolve(undefined);
    if (parts.includes('recommendations') && fetchRecommendations && keepRecommendations) {
      const read = () =>
        this.#readPart(tenantId, 'recommendations', () => fetchRecommendations(token), (answer) => keepRecommendations(tenantId, answer.time, answer.recommendations));
      // Not due yet: read only when the score this refresh kept began a new run.
      others.push(recommendationsOnlyIfMoved ? score.then((outcome) => (outcome === 'added' ? read() : undefined)) : read());
    }
    const [scoreOutcome] = await Promise.allSettled([score, ...others]);
    // The others say their own problems; only the score's unexpected failure is the refresh's.
    if (scoreOutcome.status === 'rejected') throw scoreOutcome.reason;
  }

  /**
   * One token for every part of the refresh. With the recommendations due it carries both scopes; a refusal
   * of that token (consent missing, most often) becomes the recommendations' problem, and the score goes on
   * with a Score.Read token. A token with both scopes is never asked for interactively: consent is the user's choice.
   */
  async #tokenFor(
    tenantId: string,
    interactive: boolean,
    planned: readonly RefreshPart[],
  ): Promise<{ token: string; permissions: TokenPermissions; parts: readonly RefreshPart[] } | undefined> {
    let parts = planned;
    if (parts.includes('recommendations')) {
      const both = await this.t.deps.token({ tenantId, interactive: false, permissions: 'score-and-recommendations' });
      if (both.ok) return { token: both.value, permissions: 'score-and-recommendations', parts };
      parts = parts.filter((part) => part !== 'recommendations');
      const failure = both.error.kind === 'consent-required' ? { ...both.error, permission: both.error.permission ?? RECOMMENDATIONS_PERMISSION } : both.error;
      if (failure.kind === 'consent-required') this.t.consentRefusedAt[tenantId] = this.t.now();
      this.t.setPartProblem(tenantId, 'recommendations', { source: 'auth', failure });
      if (parts.length === 0) return undefined;
    }
    const token = await this.t.deps.token({ tenantId, interactive });
    if (!token.ok) {
      this.t.setProblem({ tenantId, source: 'auth', failure: token.error });
      return undefined;
    }
    return { token: token.value, permissions: 'score', parts };
  }

  /** Retries and keeps the score; resolves to what keeping it did (undefined when there was none to keep). */
  async #finishScore(tenantId: string, token: string, first: Result<ScoreSample, ApiFailure>): Promise<AddOutcome | undefined> {
    const result = await withServerRetries(() => this.t.deps.fetchScore(token), this.t.sleep, first);
    if (!result.ok) {
      await this.#noteFailure(tenantId, 'score', result.error);
      this.t.setProblem({ tenantId, source: 'api', failure: result.error });
      return undefined;
    }
    if (this.t.problemOf()?.tenantId === tenantId) this.t.setProblem(undefined);
    this.t.setPartProblem(tenantId, 'score', undefined);
    return (await this.t.deps.keep({ tenantId, time: result.value.time, score: result.value.score })) ?? undefined;
  }

  /** Reads and keeps one part other than the score; whatever goes wrong is that part's problem alone. */
  async #readPart<T>(tenantId: string, part: RefreshPart, call: () => Promise<Result<T, ApiFailure>>, keep: (value: T) => Promise<void>): Promise<void> {
    try {
      const result = await withServerRetries(call, this.t.sleep);
      if (!result.ok) return await this.#noteFailure(tenantId, part, result.error);
      this.t.setPartProblem(tenantId, part, undefined);
      await keep(result.value);
    } catch {
      this.t.setPartProblem(tenantId, part, { source: 'api', failure: { kind: 'unexpected' } });
    }
  }

  async #noteFailure(tenantId: string, part: RefreshPart, failure: ApiFailure): Promise<void> {
    if (failure.kind === 'throttled') {
      this.t.setDeadline(tenantId, part, failure.retryAt);
      await this.t.deps.throttle?.save(tenantId, failure.retryAt, part).catch(() => undefined);
    }
    this.t.setPartProblem(tenantId, part, { source: 'api', failure });
  }
}

/** The permissions of a token request, left out for the score alone (the sign-in's default). */
function permissionsOption(permissions: TokenPermissions): { permissions?: TokenPermissions } {
  return permissions === 'score' ? {} : { permissions };
}

/** The parts a refresh calls; the recommendations, when not due by time, only if the score moved. */
interface PlannedParts {
  parts: RefreshPart[];
  recommendationsOnlyIfMoved: boolean;
}
