import type { HistoryState } from './history.svelte';
import { explainedStarts } from './explained-runs';
import { RecommendationsState, type RecommendationsAccess } from './recommendations.svelte';
import { WhyItMovedState } from './why-it-moved.svelte';

/**
 * What "Points to gain" and "Why did it move" read, for the tenant on screen: the kept recommendations,
 * the change being explained, and which changes on screen can be explained (the chart marks them). A chunk
 * of its own, created once the stored history has painted (ui/recommendation-panels.svelte.ts).
 */
export class RecommendationViews {
  readonly recommendations: RecommendationsState;
  readonly whyItMoved: WhyItMovedState;
  readonly #history: Pick<HistoryState, 'runs' | 'tenantId'>;

  /** Start times of the runs on screen whose change from the run before can be explained. */
  explained = $derived.by(() => {
    const { runs, tenantId } = this.#history;
    const sameTenant = tenantId !== undefined && tenantId === this.recommendations.tenantId;
    return explainedStarts(sameTenant ? runs : [], this.recommendations.reads);
  });

  constructor({ history, access }: { history: Pick<HistoryState, 'runs' | 'tenantId' | 'store'>; access: RecommendationsAccess }) {
    this.#history = history;
    const store = () => history.store;
    this.recommendations = new RecommendationsState({ store, access });
    this.whyItMoved = new WhyItMovedState({ store });
  }
}
