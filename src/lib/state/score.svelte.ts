import type { AddOutcome } from '../history/history-store';
import type { ApiFailure } from '../defender/api-failure';
import type { AuthFailure } from '../auth/auth-failure';
import { RECOMMENDATIONS_PERMISSION, type TokenPermissions } from '../auth/scopes';
import type { ScoreSample } from '../defender/score-response';
import type { Result } from '../util/result';
import type { ScoreDependencies } from './refresh-dependencies';
import { recommendationsDue, withServerRetries, type PartProblem, type RefreshPart } from './refresh-parts';

export type { ScoreDependencies, ThrottleStore, TokenRequest } from './refresh-dependencies';
export { RECOMMENDATIONS_MIN_INTERVAL_MS, type PartProblem, type RefreshPart } from './refresh-parts';

/** Why the last refresh of a tenant failed; shown only while that tenant is on screen. */
export type RefreshProblem = { tenantId: string } & ({ source: 'api'; failure: ApiFailure } | { source: 'auth'; failure: AuthFailure });

type PartProblems = Partial<Record<RefreshPart, PartProblem>>;

/**
 * Takes new readings: token → API → history, with the retry and throttling rules of the API. The device
 * score goes first; the exposure score, the device groups and (when chosen and due) the recommendations
 * follow in parallel on the same token, each with its own problem, retries and Retry-After deadline.
 */
export class ScoreState {
  busy = $state(false);
  /** The refresh as a whole (offline, sign-in) or the device score failed: the page's main notice. */
  problem = $state.raw<RefreshProblem | undefined>();
  /** Per tenant and part: why that part of the last refresh failed. */
  #partProblems = $state.raw<Record<string, PartProblems>>({});
  /** Per tenant and part: no call may reach that endpoint before this time (epoch ms), whatever the user clicks. */
  #deadlines = $state<Record<string, Partial<Record<RefreshPart, number>>>>({});
  /** Per tenant: whether the user chose to see recommendations, once known. */
  #optedIn = $state<Record<string, boolean>>({});
  /** Per tenant: when a token with the recommendations scope was refused for want of consent (asked again only when due). */
  #consentRefusedAt: Record<string, number> = {};

  #inFlight: { tenantId: string; done: Promise<void> } | undefined;
  readonly #deps: ScoreDependencies;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;

  constructor(deps: ScoreDependencies) {
    this.#deps = deps;
    this.#sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#now = deps.now ?? Date.now;
  }

  /**
   * One refresh at a time: a second click for the same tenant joins the one running; a refresh for
   * another tenant (after switching) waits for it, then runs.
   */
  refresh(options: { interactive?: boolean } = {}): Promise<void> {
    const tenantId = this.#deps.tenantId();
    if (!tenantId) return Promise.resolve();
    if (this.#inFlight?.tenantId === tenantId) return this.#inFlight.done;
    // A failed refresh must not keep the next one from running.
    const previous = (this.#inFlight?.done ?? Promise.resolve()).catch(() => undefined);
    const done = previous
      .then(() => this.#refresh(tenantId, options.interactive ?? false))
      .finally(() => {
        if (this.#inFlight?.done === done) {
          this.#inFlight = undefined;
          this.busy = false;
        }
      });
    this.#inFlight = { tenantId, done };
    return done;
  }

  /** The time before which a part (the device score unless named) makes no call for this tenant. */
  throttledUntil(tenantId: string | undefined, part: RefreshPart = 'score'): number | undefined {
    return tenantId ? this.#deadlines[tenantId]?.[part] : undefined;
  }

  /** Why a part of this tenant's last refresh failed, if it did. */
  problemOf(tenantId: string | undefined, part: RefreshPart): PartProblem | undefined {
    return tenantId ? this.#partProblems[tenantId]?.[part] : undefined;
  }

  /** Whether the user chose to see this tenant's recommendations; undefined until known. */
  recommendationsChosen(tenantId: string | undefined): boolean | undefined {
    return tenantId ? this.#optedIn[tenantId] : undefined;
  }

  /**
   * The user chose to see recommendations: remembered for the tenant, then the permission is asked for.
   * When a token with it is to be had silently the recommendations are read at once; otherwise the page
   * leaves for Entra ID to consent (or to ask an administrator) and comes back.
   */
  async enableRecommendations(): Promise<void> {
    const tenantId = this.#deps.tenantId();
    if (!tenantId || !this.#deps.recommendationsOptIn) return;
    await this.#deps.recommendationsOptIn.save(tenantId, true);
    this.#optedIn[tenantId] = true;
    delete this.#consentRefusedAt[tenantId];
    this.#setPartProblem(tenantId, 'recommendations', undefined);
    const asked = await this.#deps.requestRecommendationsPermission?.(tenantId);
    if (asked && !asked.ok) return this.#setPartProblem(tenantId, 'recommendations', { source: 'auth', failure: asked.error });
    if (asked?.value === 'redirecting') return;
    // A refresh planned before the choice would not read them: wait for it, then refresh.
    await this.#inFlight?.done.catch(() => undefined);
    await this.refresh({ interactive: true });
  }

  /** The user no longer wants this tenant's recommendations: they are not read again until chosen again. */
  async disableRecommendations(): Promise<void> {
    const tenantId = this.#deps.tenantId();
    if (!tenantId || !this.#deps.recommendationsOptIn) return;
    await this.#deps.recommendationsOptIn.save(tenantId, false);
    this.#optedIn[tenantId] = false;
    this.#setPartProblem(tenantId, 'recommendations', undefined);
  }

  dismissProblem(): void {
    this.problem = undefined;
  }

  dismissPartProblem(tenantId: string, part: RefreshPart): void {
    this.#setPartProblem(tenantId, part, undefined);
  }

  async #refresh(tenantId: string, interactive: boolean): Promise<void> {
    if (this.#deps.isOnline && !this.#deps.isOnline()) {
      this.problem = { tenantId, source: 'api', failure: { kind: 'offline' } };
      return;
    }
    this.busy = true;
    const exclusive = this.#deps.exclusive ?? ((_tenant, run) => run());
    try {
      await exclusive(tenantId, async () => {
        // Read inside the lock: another tab may have just been told to wait.
        const parts = this.#configuredParts();
        await this.#loadDeadlines(tenantId, parts);
        await this.#takeReadings(tenantId, interactive, await this.#partsToCall(tenantId, parts));
      });
    } catch {
      // Nothing here should throw; if something does, say so rather than fail silently.
      this.problem = { tenantId, source: 'api', failure: { kind: 'unexpected' } };
    }
  }

  /** The parts this app reads at all: the score, and each other part whose call and keeper it was given. */
  #configuredParts(): RefreshPart[] {
    const deps = this.#deps;
    const parts: RefreshPart[] = ['score'];
    if (deps.fetchExposure && deps.keepExposure) parts.push('exposure');
    if (deps.fetchGroups && deps.keepGroups) parts.push('groups');
    if (deps.fetchRecommendations && deps.keepRecommendations && deps.lastRecommendationsRead && deps.recommendationsOptIn) parts.push('recommendations');
    return parts;
  }

  async #loadDeadlines(tenantId: string, parts: readonly RefreshPart[]): Promise<void> {
    const throttle = this.#deps.throttle;
    if (!throttle) return;
    for (const part of parts) {
      const stored = await throttle.load(tenantId, part).catch(() => undefined);
      if (stored && stored > (this.#deadlines[tenantId]?.[part] ?? 0)) this.#setDeadline(tenantId, part, stored);
    }
  }

  /** The parts this refresh calls: not waiting for a Retry-After, and the recommendations only when chosen and due. */
  async #partsToCall(tenantId: string, parts: readonly RefreshPart[]): Promise<PlannedParts> {
    const now = this.#now();
    const toCall = parts.filter((part) => (this.#deadlines[tenantId]?.[part] ?? 0) <= now);
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
    const optedIn = (await this.#deps.recommendationsOptIn?.load(tenantId).catch(() => false)) ?? false;
    this.#optedIn[tenantId] = optedIn;
    if (!optedIn) return 'no';
    const refusedAt = this.#consentRefusedAt[tenantId];
    if (refusedAt !== undefined && !recommendationsDue(refusedAt, now)) return 'no';
    // When the last read cannot be looked up, count it as recent: ~1,000 records are not fetched on a guess.
    const lastRead = await this.#deps.lastRecommendationsRead?.(tenantId).then(
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
      firstScore = await this.#deps.fetchScore(token);
      if (!firstScore.ok && firstScore.error.kind === 'unauthorized') {
        // The token may have been revoked or expired early: one fresh token, one more try.
        const fresh = await this.#deps.token({ tenantId, forceRefresh: true, interactive: false, ...permissionsOption(granted.permissions) });
        if (!fresh.ok) {
          this.problem = { tenantId, source: 'auth', failure: fresh.error };
          return;
        }
        token = fresh.value;
        firstScore = await this.#deps.fetchScore(token);
      }
    }
    // The score's first answer is in: the others go out now, in parallel, and none waits for another's retries.
    const { fetchExposure, keepExposure, fetchGroups, keepGroups, fetchRecommendations, keepRecommendations } = this.#deps;
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
      const both = await this.#deps.token({ tenantId, interactive: false, permissions: 'score-and-recommendations' });
      if (both.ok) return { token: both.value, permissions: 'score-and-recommendations', parts };
      parts = parts.filter((part) => part !== 'recommendations');
      const failure = both.error.kind === 'consent-required' ? { ...both.error, permission: both.error.permission ?? RECOMMENDATIONS_PERMISSION } : both.error;
      if (failure.kind === 'consent-required') this.#consentRefusedAt[tenantId] = this.#now();
      this.#setPartProblem(tenantId, 'recommendations', { source: 'auth', failure });
      if (parts.length === 0) return undefined;
    }
    const token = await this.#deps.token({ tenantId, interactive });
    if (!token.ok) {
      this.problem = { tenantId, source: 'auth', failure: token.error };
      return undefined;
    }
    return { token: token.value, permissions: 'score', parts };
  }

  /** Retries and keeps the score; resolves to what keeping it did (undefined when there was none to keep). */
  async #finishScore(tenantId: string, token: string, first: Result<ScoreSample, ApiFailure>): Promise<AddOutcome | undefined> {
    const result = await withServerRetries(() => this.#deps.fetchScore(token), this.#sleep, first);
    if (!result.ok) {
      await this.#noteFailure(tenantId, 'score', result.error);
      this.problem = { tenantId, source: 'api', failure: result.error };
      return undefined;
    }
    if (this.problem?.tenantId === tenantId) this.problem = undefined;
    this.#setPartProblem(tenantId, 'score', undefined);
    return (await this.#deps.keep({ tenantId, time: result.value.time, score: result.value.score })) ?? undefined;
  }

  /** Reads and keeps one part other than the score; whatever goes wrong is that part's problem alone. */
  async #readPart<T>(tenantId: string, part: RefreshPart, call: () => Promise<Result<T, ApiFailure>>, keep: (value: T) => Promise<void>): Promise<void> {
    try {
      const result = await withServerRetries(call, this.#sleep);
      if (!result.ok) return await this.#noteFailure(tenantId, part, result.error);
      this.#setPartProblem(tenantId, part, undefined);
      await keep(result.value);
    } catch {
      this.#setPartProblem(tenantId, part, { source: 'api', failure: { kind: 'unexpected' } });
    }
  }

  async #noteFailure(tenantId: string, part: RefreshPart, failure: ApiFailure): Promise<void> {
    if (failure.kind === 'throttled') {
      this.#setDeadline(tenantId, part, failure.retryAt);
      await this.#deps.throttle?.save(tenantId, failure.retryAt, part).catch(() => undefined);
    }
    this.#setPartProblem(tenantId, part, { source: 'api', failure });
  }

  #setDeadline(tenantId: string, part: RefreshPart, until: number): void {
    this.#deadlines[tenantId] = { ...this.#deadlines[tenantId], [part]: until };
  }

  #setPartProblem(tenantId: string, part: RefreshPart, problem: PartProblem | undefined): void {
    const current = this.#partProblems[tenantId] ?? {};
    if (current[part] === problem) return;
    this.#partProblems = { ...this.#partProblems, [tenantId]: { ...current, [part]: problem } };
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
