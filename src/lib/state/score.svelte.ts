import type { ApiFailure } from '../defender/api-failure';
import type { AuthFailure } from '../auth/auth-failure';
import type { ScoreSample } from '../defender/score-response';
import type { ApiResult } from '../defender/api-failure';
import { backoffDelayMs, shouldRetry } from '../defender/retry-policy';
import type { TokenResult } from '../auth/msal-auth';
import type { Reading } from '../history/reading';

export type RefreshProblem = { source: 'api'; failure: ApiFailure } | { source: 'auth'; failure: AuthFailure };

export interface ScoreDependencies {
  token(options: { forceRefresh?: boolean; interactive?: boolean }): Promise<TokenResult>;
  tenantId(): string | undefined;
  fetchScore(accessToken: string): Promise<ApiResult<ScoreSample>>;
  keep(reading: Reading): Promise<void>;
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
    if (this.isThrottled()) return;
    this.busy = true;
    const tenantId = this.#deps.tenantId();
    let token = await this.#deps.token({ interactive });
    if (!token.ok || !tenantId) {
      if (!token.ok) this.problem = { source: 'auth', failure: token.failure };
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
      if (result.failure.kind === 'throttled') this.throttledUntil = result.failure.retryAt;
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
