import type { Recommendation, RecommendationChange, RecommendationRead } from '../recommendations/recommendation';

/** Where each tenant's recommendation change log is kept, and when the whole list was read. */
export interface RecommendationStore {
  /**
   * Keeps one read of the whole list: the changes it makes to the state the log describes (none for a
   * recommendation that did not change) and the read itself, in one transaction. Resolves to the number of
   * changes written.
   */
  addRecommendationRead(tenantId: string, time: number, recommendations: readonly Recommendation[]): Promise<number>;
  /** The tenant's reads of the whole list, oldest first, from `since` on (all without it). */
  recommendationReads(tenantId: string, since?: number): Promise<RecommendationRead[]>;
  /** The tenant's changes later than `after` and up to `until` (both optional), oldest first. */
  recommendationChanges(tenantId: string, range?: { after?: number; until?: number }): Promise<RecommendationChange[]>;
  /** Every change of the named recommendations: what an explanation needs to know their state at any time. */
  recommendationChangesOf(tenantId: string, ids: readonly string[]): Promise<RecommendationChange[]>;
}
