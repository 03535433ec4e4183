// Deletions in IndexedDB: a note, goal or rule deleted with its tombstone, and deletions from elsewhere (a
// tenant's history deleted later than here, tombstones) applied in one transaction, all or nothing.
import { unwrap, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { DELETIONS_PREF, deletionsOf } from './deletions';
import type { Deletions } from './history-store';
import { tenantRange } from './indexeddb-store';
import { putSummaries } from './indexeddb-summaries';
import type { ScorelineSchema } from './schema';
import { clipRun, dayOf, deletionTime } from './tenant-deletion';
import { tenantIdKeys, tenantSeriesKeys } from './tenant-keys';
import { latestTombstones, type Tombstone } from './tombstone';

// The store's deletions build their tombstones here, so the first script does not carry them.
export { goalTombstone, noteTombstone, ruleTombstone } from './tombstone';

type Db = IDBPDatabase<ScorelineSchema>;
type Tx = IDBPTransaction<ScorelineSchema, StoreNames<ScorelineSchema>[], 'readwrite'>;

/** Keys of one tenant's tombstones ([tenantId, kind, key]). */
const tenantTombstones = tenantSeriesKeys;

export function tombstonesOf(db: Db, tenantId: string): Promise<Tombstone[]> {
  return db.getAll('tombstones', tenantTombstones(tenantId));
}

/** Deletes a note, the goal or a rule and keeps its tombstone (the later of two), in one transaction. */
export async function deleteWithTombstone(db: Db, tombstone: Tombstone): Promise<void> {
  const store = tombstone.kind === 'note' ? 'notes' : tombstone.kind === 'goal' ? 'goals' : 'alertRules';
  const tx = db.transaction([store, 'tombstones'], 'readwrite');
  const done = tx.done;
  const { tenantId, key } = tombstone;
  if (tombstone.kind === 'note') issue(tx.objectStore('notes').delete([tenantId, Number(key)]));
  else if (tombstone.kind === 'goal') issue(tx.objectStore('goals').delete(tenantId));
  else issue(tx.objectStore('alertRules').delete([tenantId, key]));
  const kept = await tx.objectStore('tombstones').get([tenantId, tombstone.kind, key]);
  if (!kept || kept.deletedAt < tombstone.deletedAt) issue(tx.objectStore('tombstones').put(tombstone));
  await done;
}

const STORES = [
  'runs', 'seriesRuns', 'seriesNames', 'notes', 'goals', 'alertRules', 'alertLog', 'recommendationHistories', 'recommendationTouches',
  'recommendationReads', 'secureScoreDays', 'secureScoreControls', 'summaries', 'tombstones', 'prefs',
] as const;

/** See HistoryStore.applyDeletions. */
export async function applyDeletionsIn(db: Db, { tenants, tombstones }: Deletions, now: number): Promise<void> {
  const tx = db.transaction([...STORES], 'readwrite') as unknown as Tx;
  const done = tx.done;
  done.catch(() => undefined);
  try {
    await applyIn(tx, tenants, tombstones, now);
  } catch (error) {
    // Whatever was issued before the failure is undone with the transaction: all or nothing.
    abortQuietly(tx);
    throw error;
  }
  await done;
}

/** A write issued without waiting: its failure aborts the transaction, and is reported by that. */
function issue(write: Promise<unknown>): void {
  write.catch(() => undefined);
}

function abortQuietly(tx: Tx): void {
  try {
    tx.abort();
  } catch {
    // Already aborted by the request that failed.
  }
}

async function applyIn(tx: Tx, tenants: Deletions['tenants'], tombstones: Deletions['tombstones'], now: number): Promise<void> {
  const known = deletionsOf(await tx.objectStore('prefs').get(DELETIONS_PREF));
  const clipped: string[] = [];
  for (const [tenantId, at] of tenants) {
    if (at <= (known.get(tenantId) ?? -Infinity)) continue;
    await clipTenant(tx, tenantId, at);
    known.set(tenantId, at);
    clipped.push(tenantId);
  }
  if (clipped.length > 0) issue(tx.objectStore('prefs').put(Object.fromEntries(known), DELETIONS_PREF));
  for (const tombstone of latestTombstones(tombstones).values()) {
    if (tombstone.deletedAt <= (known.get(tombstone.tenantId) ?? -Infinity)) continue;
    await bury(tx, tombstone);
  }
  // The overview's summaries of the clipped tenants, worked out again from what is left.
  if (clipped.length > 0) putSummaries(unwrap(tx), clipped, now);
}

/** Everything of the tenant as old as the deletion or older goes; what is newer stays. */
async function clipTenant(tx: Tx, tenantId: string, at: number): Promise<void> {
  for (const run of await tx.objectStore('runs').getAll(IDBKeyRange.bound([tenantId, -Infinity, -Infinity], [tenantId, at, Infinity]))) {
    issue(tx.objectStore('runs').delete([tenantId, run.firstSeen, run.score]));
    for (const kept of clipRun(run, at)) issue(tx.objectStore('runs').put(kept));
  }
  for (const run of await tx.objectStore('seriesRuns').getAll(tenantSeriesKeys(tenantId))) {
    if (run.firstSeen > at) continue;
    issue(tx.objectStore('seriesRuns').delete([tenantId, run.series, run.firstSeen, run.score]));
    for (const kept of clipRun(run, at)) issue(tx.objectStore('seriesRuns').put(kept));
  }
  const older = <T>(records: T[], time: (record: T) => number) => records.filter((record) => time(record) <= at);
  for (const name of older(await tx.objectStore('seriesNames').getAll(tenantSeriesKeys(tenantId)), deletionTime.seriesName)) issue(tx.objectStore('seriesNames').delete([tenantId, name.series, name.time]));
  for (const note of older(await tx.objectStore('notes').getAll(tenantRange(tenantId)), deletionTime.note)) issue(tx.objectStore('notes').delete([tenantId, note.time]));
  const goal = await tx.objectStore('goals').get(tenantId);
  if (goal && deletionTime.goal(goal) <= at) issue(tx.objectStore('goals').delete(tenantId));
  for (const rule of older(await tx.objectStore('alertRules').getAll(tenantIdKeys(tenantId)), deletionTime.alertRule)) issue(tx.objectStore('alertRules').delete([tenantId, rule.id]));
  for (const entry of older(await tx.objectStore('alertLog').getAll(tenantIdKeys(tenantId)), deletionTime.alert)) issue(tx.objectStore('alertLog').delete([tenantId, entry.id]));
  for (const tombstone of older(await tx.objectStore('tombstones').getAll(tenantTombstones(tenantId)), deletionTime.tombstone)) {
    issue(tx.objectStore('tombstones').delete([tenantId, tombstone.kind, tombstone.key]));
  }
  // Not synced, but as old as the deletion all the same: the recommendation log's older changes and Secure Score's older days.
  for (const history of await tx.objectStore('recommendationHistories').getAll(tenantSeriesKeys(tenantId))) {
    const changes = history.changes.filter((change) => change.time > at);
    if (changes.length === history.changes.length) continue;
    issue(changes.length === 0 ? tx.objectStore('recommendationHistories').delete([tenantId, history.id]) : tx.objectStore('recommendationHistories').put({ ...history, changes }));
  }
  issue(tx.objectStore('recommendationTouches').delete(tenantRange(tenantId, -Infinity, at)));
  issue(tx.objectStore('recommendationReads').delete(tenantRange(tenantId, -Infinity, at)));
  issue(tx.objectStore('secureScoreDays').delete(IDBKeyRange.bound([tenantId, ''], [tenantId, dayOf(at)])));
  for (const change of await tx.objectStore('secureScoreControls').getAll(tenantSeriesKeys(tenantId))) {
    if (change.day <= dayOf(at)) issue(tx.objectStore('secureScoreControls').delete([tenantId, change.control, change.day]));
  }
}

/** Keeps the tombstone if it is later than the one kept, and deletes its record if edited at or before it. */
async function bury(tx: Tx, tombstone: Tombstone): Promise<void> {
  const { tenantId, kind, key, deletedAt } = tombstone;
  const kept = await tx.objectStore('tombstones').get([tenantId, kind, key]);
  if (kept && kept.deletedAt >= deletedAt) return;
  issue(tx.objectStore('tombstones').put(tombstone));
  if (kind === 'note') {
    const note = await tx.objectStore('notes').get([tenantId, Number(key)]);
    if (note && note.edited <= deletedAt) issue(tx.objectStore('notes').delete([tenantId, note.time]));
  } else if (kind === 'goal') {
    const goal = await tx.objectStore('goals').get(tenantId);
    if (goal && goal.edited <= deletedAt) issue(tx.objectStore('goals').delete(tenantId));
  } else {
    const rule = await tx.objectStore('alertRules').get([tenantId, key]);
    if (rule && rule.edited <= deletedAt) issue(tx.objectStore('alertRules').delete([tenantId, key]));
  }
}
