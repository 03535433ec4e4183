import type { IDBPDatabase } from 'idb';
import { compareChanges, recommendationChanges, replayChanges } from '../recommendations/change-log';
import type { Recommendation, RecommendationChange, RecommendationRead } from '../recommendations/recommendation';
import { changesOfHistories, historyWrites, type RecommendationHistory } from './recommendation-histories';
import type { ScorelineSchema } from './schema';
import { tenantChangeKeys } from './tenant-keys';

/** Keys of one tenant's records by time (touches, reads) later than `after` and up to `until`. */
function timeRange(tenantId: string, after = -Infinity, until = Infinity): IDBKeyRange {
  return IDBKeyRange.bound([tenantId, after], [tenantId, until], after !== -Infinity, false);
}

/**
 * The state the stored log describes is replayed from the tenant's records (one per recommendation), in the
 * same transaction as the writes: no second copy of the state can drift from the log.
 */
export async function addRecommendationReadTo(db: IDBPDatabase<ScorelineSchema>, tenantId: string, time: number, recommendations: readonly Recommendation[]): Promise<number> {
  const tx = db.transaction(['recommendationHistories', 'recommendationTouches', 'recommendationReads'], 'readwrite');
  const done = tx.done;
  const histories = tx.objectStore('recommendationHistories');
  const stored = await histories.getAll(tenantChangeKeys(tenantId));
  const touch = await tx.objectStore('recommendationTouches').get([tenantId, time]);
  const log = changesOfHistories(stored);
  const written = recommendationChanges(tenantId, time, replayChanges(log, time), recommendations);
  const writes = historyWrites({ histories: stored, touches: touch ? [touch] : [] }, written);
  for (const history of writes.histories) void histories.put(history);
  for (const changed of writes.touches) void tx.objectStore('recommendationTouches').put(changed);
  void tx.objectStore('recommendationReads').put({ tenantId, time, count: recommendations.length });
  await done;
  return writes.added.length;
}

export function recommendationReadsOf(db: IDBPDatabase<ScorelineSchema>, tenantId: string, since = -Infinity): Promise<RecommendationRead[]> {
  return db.getAll('recommendationReads', IDBKeyRange.bound([tenantId, since], [tenantId, Infinity]));
}

/** Without a range, every record of the tenant; with one, only the records of what changed in it. */
export async function recommendationChangesIn(db: IDBPDatabase<ScorelineSchema>, tenantId: string, { after, until }: { after?: number; until?: number } = {}): Promise<RecommendationChange[]> {
  if (after === undefined && until === undefined) return changesOfHistories(await db.getAll('recommendationHistories', tenantChangeKeys(tenantId)));
  const tx = db.transaction(['recommendationTouches', 'recommendationHistories']);
  const touches = await tx.objectStore('recommendationTouches').getAll(timeRange(tenantId, after, until));
  const ids = new Set(touches.flatMap((touch) => touch.ids));
  return changesOfHistories(await historiesOf(tx.objectStore('recommendationHistories'), tenantId, [...ids]), after, until);
}

export async function recommendationChangesFor(db: IDBPDatabase<ScorelineSchema>, tenantId: string, ids: readonly string[]): Promise<RecommendationChange[]> {
  const histories = await historiesOf(db.transaction('recommendationHistories').store, tenantId, ids);
  return changesOfHistories(histories).sort(compareChanges);
}

async function historiesOf(
  store: { get(key: [string, string]): Promise<RecommendationHistory | undefined> },
  tenantId: string,
  ids: readonly string[],
): Promise<RecommendationHistory[]> {
  const found = await Promise.all(ids.map((id) => store.get([tenantId, id])));
  return found.filter((history) => history !== undefined);
}
