import type { ApiFailure } from '../defender/api-failure';
import type { AuthFailure } from '../auth/auth-failure';
import type { ScoreSample } from '../defender/score-response';
import { backoffDelayMs, shouldRetry } from '../defender/retry-policy';
import type { Reading } from '../history/reading';
import type { Result } from '../util/result';

/** Why the last refresh of a tenant failed; shown only while that tenant is on screen. */
export type RefreshProblem = { tenantId: string } & ({ source: 'api'; failure: ApiFailure } | { source: 'auth'; failure: AuthFailure });

export interface ScoreDependencies {
  /** An access token for the signed-in account of this tenant. */
  token(options: { tenantId: string; forceRefresh?: boolean; interactive?: boolean }): Promise<Result<string, AuthFailure>>;
  /** The tenant a refresh is for: the signed-in account's, at the moment of the click. */
  tenantId(): string | undefined;
  fetchScore(accessToken: string): Promise<Result<ScoreSample, ApiFailure>>;
  keep(reading: Reading): Promise<void>;
  /** Keeps each tenant's Retry-After deadline across reloads and tabs. */
  throttle?: { load(tenantId: string): Promise<number | undefined>; save(tenantId: string, until: number): Promise<void> };
  /** Runs the refresh only if no other tab of the app is refreshing the same tenant. */
  exclusive?: (tenantId: string, run: () => Promise<void>) => Promise<void>;
  isOnline?: () => boolean;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Takes a new reading: token → API → history, with the retry and throttling rules of the API. */
export class ScoreState {
  busy = $state(false);
  problem = $state.raw<RefreshProblem | undefined>();
  /** Per tenant: no call may reach the API before this time (epoch ms), whatever the user clicks. */
  #deadlines = $state<Record<string, number>>({});

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

  throttledUntil(tenantId: string | undefined): number | undefined {
    return tenantId ? this.#deadlines[tenantId] : undefined;
  }

  #isThrottled(tenantId: string): boolean {
    return (this.#deadlines[tenantId] ?? 0) > this.#now();
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
        const stored = await this.#deps.throttle?.load(tenantId).catch(() => undefined);
        if (stored && stored > (this.#deadlines[tenantId] ?? 0)) this.#deadlines[tenantId] = stored;
        if (!this.#isThrottled(tenantId)) await this.#takeReading(tenantId, interactive);
      });
    } catch {
      // Nothing here should throw; if something does, say so rather than fail silently.
      this.problem = { tenantId, source: 'api', failure: { kind: 'unexpected' } };
    }
  }

  async #takeReading(tenantId: string, interactive: boolean): Promise<void> {
    let token = await this.#deps.token({ tenantId, interactive });
    if (!token.ok) {
      this.problem = { tenantId, source: 'auth', failure: token.error };
      return;
    }
    let result = await this.#deps.fetchScore(token.value);
    if (!result.ok && result.error.kind === 'unauthorized') {
      // The token may have been revoked or expired early: one fresh token, one more try.
      token = await this.#deps.token({ tenantId, forceRefresh: true, interactive: false });
      if (!token.ok) {
        this.problem = { tenantId, source: 'auth', failure: token.error };
        return;
      }
      result = await this.#deps.fetchScore(token.value);
    }
    for (let retries = 0; !result.ok && shouldRetry(result.error, retries); retries += 1) {
      await this.#sleep(backoffDelayMs(retries));
      result = await this.#deps.fetchScore(token.value);
    }
    if (!result.ok) {
      if (result.error.kind === 'throttled') {
        this.#deadlines[tenantId] = result.error.retryAt;
        await this.#deps.throttle?.save(tenantId, result.error.retryAt).catch(() => undefined);
      }
      this.problem = { tenantId, source: 'api', failure: result.error };
      return;
    }
    if (this.problem?.tenantId === tenantId) this.problem = undefined;
    await this.#deps.keep({ tenantId, time: result.value.time, score: result.value.score });
  }

  dismissProblem(): void {
    this.problem = undefined;
  }
}
