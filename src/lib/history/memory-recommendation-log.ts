import { compareChanges, recommendationChanges, replayChanges } from '../recommendations/change-log';
import type { Recommendation, RecommendationChange, RecommendationRead } from '../recommendations/recommendation';
import { changeKey, readKey } from './other-records';

/** The recommendation log of a MemoryStore (its changes and reads): for this session only. */
export class MemoryRecommendationLog {
  readonly #changes = new Map<string, RecommendationChange>();
  readonly #reads = new Map<string, RecommendationRead>();

  /** The keys kept, for working out which changes and reads of an import are new. */
  keys(): { changeKeys: Set<string>; readKeys: Set<string> } {
    return { changeKeys: new Set(this.#changes.keys()), readKeys: new Set(this.#reads.keys()) };
  }

  addRead(tenantId: string, time: number, recommendations: readonly Recommendation[]): number {
    const log = [...this.#changes.values()].filter((change) => change.tenantId === tenantId);
    const written = recommendationChanges(tenantId, time, replayChanges(log, time), recommendations);
    this.add(written, [{ tenantId, time, count: recommendations.length }]);
    return written.length;
  }

  add(changes: readonly RecommendationChange[], reads: readonly RecommendationRead[]): void {
    for (const change of changes) this.#changes.set(changeKey(change), change);
    for (const read of reads) this.#reads.set(readKey(read), read);
  }

  reads(tenantId: string, since: number): RecommendationRead[] {
    return [...this.#reads.values()].filter((read) => read.tenantId === tenantId && read.time >= since).sort((a, b) => a.time - b.time);
  }

  changes(tenantId: string, after: number, until: number): RecommendationChange[] {
    return [...this.#changes.values()].filter((c) => c.tenantId === tenantId && c.time > after && c.time <= until).sort(compareChanges);
  }

  changesOf(tenantId: string, ids: readonly string[]): RecommendationChange[] {
    const wanted = new Set(ids);
    return [...this.#changes.values()].filter((c) => c.tenantId === tenantId && wanted.has(c.id)).sort(compareChanges);
  }

  /** Forgets the tenant's changes and reads up to `until` (all of them by default). */
  deleteTenant(tenantId: string, until = Infinity): void {
    for (const map of [this.#changes, this.#reads] as Map<string, { tenantId: string; time: number }>[]) {
      for (const [key, record] of map) if (record.tenantId === tenantId && record.time <= until) map.delete(key);
    }
  }
}
