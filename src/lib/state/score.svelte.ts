import type { ApiFailure, ApiResult } from '../defender/api-failure';
import type { AuthFailure } from '../auth/auth-failure';
import type { ScoreSample } from '../defender/score-response';
import { backoffDelayMs, shouldRetry } from '../defender/retry-policy';
import type { TokenResult } from '../auth/msal-auth';
import type { Reading } from '../history/reading';

export type RefreshProblem = { source: 'api'; failure: ApiFailure } | { source: 'auth'; failure: AuthFailure };

export interface ScoreDependencies {
  token(options: { forceRefresh?: boolean; interactive?: boolean }): Promise<TokenResult>;
  tenantId(): string | undefined;
  fetchScore(accessToken: string): Promise<ApiResult<ScoreSample>>;
  keep(reading: Reading): Promise<void>;
  /** Keeps a Retry-After deadline across reloads and tabs. */
  throttle?: { load(): Promise<number | undefined>; save(until: number): Promise<void> };
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
  /** No call may reach the API before this time (epoch ms), whatever the user clicks. */
  throttledUntil = $state<number | undefined>();
  lastSuccessAt = $state<number | undefined>();

  #inFlight: Promise<void> | undefined;
  readonly #deps: ScoreDependencies;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;

  constructor(deps: ScoreDependencies) {
    this.#deps = deps;
    this.#sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#now = deps.now ?? Date.now;
  }

  /** One refresh at a time: a second click while one runs joins it instead of calling again. */
  refresh(options: { interactive?: boolean } = {}): Promise<void> {
    this.#inFlight ??= this.#refresh(options.interactive ?? false).finally(() => {
      this.#inFlight = undefined;
      this.busy = false;
    });
    return this.#inFlight;
  }

  isThrottled(): boolean {
    return this.throttledUntil !== undefined && this.throttledUntil > this.#now();
  }

  async #refresh(interactive: boolean): Promise<void> {
    const stored = await this.#deps.throttle?.load().catch(() => undefined);
    if (stored && stored > (this.throttledUntil ?? 0)) this.throttledUntil = stored;
    if (this.isThrottled()) return;
    const tenantId = this.#deps.tenantId();
    if (!tenantId) return;
    if (this.#deps.isOnline && !this.#deps.isOnline()) {
      this.problem = { source: 'api', failure: { kind: 'offline' } };
      return;
    }
    this.busy = true;
    const exclusive = this.#deps.exclusive ?? ((_tenant, run) => run());
    await exclusive(tenantId, () => this.#takeReading(tenantId, interactive));
  }

  async #takeReading(tenantId: string, interactive: boolean): Promise<void> {
    let token = await this.#deps.token({ interactive });
    if (!token.ok) {
      this.problem = { source: 'auth', failure: token.failure };
      return;
    }
    let result = await this.#deps.fetchScore(token.accessToken);
    if (!result.ok && result.failure.kind === 'unauthorized') {
      // The token may have been revoked or expired early: one fresh token, one more try.
      token = await this.#deps.token({ forceRefresh: true, interactive: false });
      if (!token.ok) {
        this.problem = { source: 'auth', failure: token.failure };
        return;
      }
      result = await this.#deps.fetchScore(token.accessToken);
    }
    for (let retries = 0; !result.ok && shouldRetry(result.failure, retries); retries += 1) {
      await this.#sleep(backoffDelayMs(retries));
      result = await this.#deps.fetchScore(token.accessToken);
    }
    if (!result.ok) {
      if (result.failure.kind === 'throttled') {
        this.throttledUntil = result.failure.retryAt;
        await this.#deps.throttle?.save(result.failure.retryAt).catch(() => undefined);
      }
      this.problem = { source: 'api', failure: result.failure };
      return;
    }
    this.problem = undefined;
    this.lastSuccessAt = this.#now();
    await this.#deps.keep({ tenantId, time: result.value.time, score: result.value.score });
  }

  dismissProblem(): void {
    this.problem = undefined;
  }
}
