import type { IDBPDatabase } from 'idb';
import { compareChanges, recommendationChanges, replayChanges } from '../recommendations/change-log';
import type { Recommendation, RecommendationChange, RecommendationRead } from '../recommendations/recommendation';
import type { ScorelineSchema } from './schema';
import { tenantChangeKeys } from './tenant-keys';

/** Keys of one tenant's changes by time (the byTime index), or of its reads. */
function timeRange(tenantId: string, after = -Infinity, until = Infinity): IDBKeyRange {
  return IDBKeyRange.bound([tenantId, after], [tenantId, until], after !== -Infinity, false);
}


/**
 * The state the stored log describes is replayed from the tenant's whole log (a few thousand small records
 * a year), in the same transaction as the writes: no second copy of the state can drift from the log.
 */
export async function addRecommendationReadTo(db: IDBPDatabase<ScorelineSchema>, tenantId: string, time: number, recommendations: readonly Recommendation[]): Promise<number> {
  const tx = db.transaction(['recommendationChanges', 'recommendationReads'], 'readwrite');
  const changes = tx.objectStore('recommendationChanges');
  const done = tx.done;
  const log = await changes.getAll(tenantChangeKeys(tenantId));
  const written = recommendationChanges(tenantId, time, replayChanges(log, time), recommendations);
  for (const change of written) void changes.put(change);
  void tx.objectStore('recommendationReads').put({ tenantId, time, count: recommendations.length });
  await done;
  return written.length;
}

export function recommendationReadsOf(db: IDBPDatabase<ScorelineSchema>, tenantId: string, since = -Infinity): Promise<RecommendationRead[]> {
  return db.getAll('recommendationReads', IDBKeyRange.bound([tenantId, since], [tenantId, Infinity]));
}

export function recommendationChangesIn(db: IDBPDatabase<ScorelineSchema>, tenantId: string, { after, until }: { after?: number; until?: number } = {}): Promise<RecommendationChange[]> {
  return db.getAllFromIndex('recommendationChanges', 'byTime', timeRange(tenantId, after, until));
}

export async function recommendationChangesFor(db: IDBPDatabase<ScorelineSchema>, tenantId: string, ids: readonly string[]): Promise<RecommendationChange[]> {
  const tx = db.transaction('recommendationChanges');
  const perId = await Promise.all(ids.map((id) => tx.store.getAll(IDBKeyRange.bound([tenantId, id, -Infinity], [tenantId, id, Infinity]))));
  return perId.flat().sort(compareChanges);
}
