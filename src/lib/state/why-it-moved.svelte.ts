import { untrack } from 'svelte';
import type { StorageFailure } from '../history/history-store';
import { toStorageFailure } from '../history/indexeddb-store';
import type { RecommendationStore } from '../history/recommendation-store';
import type { ScoreRun } from '../history/score-runs';
import type { ScoreChangeExplanation } from '../recommendations/explanation';
import type { RecommendationRead } from '../recommendations/recommendation';
import { explainBetween } from './explain-between';

/** Two runs of one tenant's history to compare: the score moved from `from`'s to `to`'s. */
export interface RunPair {
  from: ScoreRun;
  to: ScoreRun;
}

/** A change the user chose to see explained, by the start times of its runs; `from` undefined: the run just before `to`. */
export interface ChangeChoice {
  tenantId: string;
  to: number;
  from: number | undefined;
}

/** The explanation of the pair on screen, by the key `explain` was given. */
export type ExplanationResult =
  | { status: 'loading'; key: string }
  | { status: 'ready'; key: string; explanation: ScoreChangeExplanation }
  | { status: 'failed'; key: string; failure: StorageFailure };

/** The key of an explanation: the tenant, the two runs, and what was kept when it was made. */
export function explanationKey(tenantId: string, pair: RunPair, version: number, reads: readonly RecommendationRead[]): string {
  return [tenantId, pair.from.firstSeen, pair.from.heldUntil, pair.to.firstSeen, pair.to.heldUntil, version, reads.length, reads.at(-1)?.time].join('\n');
}

export interface WhyItMovedDependencies {
  store(): RecommendationStore;
}

/**
 * "Why did it move": which change of the score the user is looking at (the latest unless they chose one on
 * the chart, in the table, among the biggest moves, or an earlier reading to compare with) and its
 * explanation, read from the store when the pair or what was kept changes.
 */
export class WhyItMovedState {
  /** Undefined: the latest change of the tenant on screen. */
  chosen = $state.raw<ChangeChoice | undefined>();
  /** Grows each time the user asks, from elsewhere on the page, to see an explanation: the panel comes into view. */
  revealed = $state(0);
  result = $state.raw<ExplanationResult | undefined>();

  readonly #deps: WhyItMovedDependencies;
  #requests = 0;

  constructor(deps: WhyItMovedDependencies) {
    this.#deps = deps;
  }

  /** Explains the change into the run that began at `to`, from the run that began at `from` (default: the one before). */
  choose(tenantId: string, to: number, from?: number, { reveal = true }: { reveal?: boolean } = {}): void {
    this.chosen = { tenantId, to, from };
    if (reveal) this.revealed += 1;
  }

  /** Back to the latest change. */
  showLatest(): void {
    this.chosen = undefined;
  }

  /**
   * Reads and explains a pair, unless the explanation on screen already has this key (a failed one is read
   * again). What it changes is not tracked by an effect that calls it: only its arguments are.
   */
  explain(tenantId: string, pair: RunPair, reads: readonly RecommendationRead[], version: number): Promise<void> {
    const key = explanationKey(tenantId, pair, version, reads);
    return untrack(() => this.#explain(tenantId, pair, reads, key));
  }

  async #explain(tenantId: string, pair: RunPair, reads: readonly RecommendationRead[], key: string): Promise<void> {
    if (this.result?.key === key && this.result.status !== 'failed') return;
    const request = ++this.#requests;
    this.result = { status: 'loading', key };
    try {
      const explanation = await explainBetween(this.#deps.store(), { tenantId, reads, ...pair });
      if (request === this.#requests) this.result = { status: 'ready', key, explanation };
    } catch (error) {
      if (request === this.#requests) this.result = { status: 'failed', key, failure: toStorageFailure(error) };
    }
  }
}
