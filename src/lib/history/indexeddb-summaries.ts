import { unwrap, type IDBPDatabase } from 'idb';
import type { Run } from './run';
import type { ScorelineSchema } from './schema';
import type { AddOutcome } from './history-store';
import { readingWrites } from './reading-writes';
import { tenantRange } from './indexeddb-store';
import type { Reading } from './reading';
import { EXPOSURE_SERIES, type SeriesId } from './series';
import { hasScores, SUMMARY_WINDOW_MS, summarize, type TenantSummary } from './tenant-summary';
import type { SecureScoreDay } from '../secure-score/secure-score-day';

/** The stores a transaction that rewrites summaries must include. */
export const SUMMARY_STORES = ['runs', 'seriesRuns', 'secureScoreDays', 'summaries'] as const;

/**
 * Works out and writes the summaries of these tenants inside a transaction that has just written their
 * runs: the one place every write path calls, so a summary is never behind its history. Reads each
 * tenant's runs of the window, its latest device and exposure runs and its latest Microsoft Secure Score day, never its
 * whole history. Raw
 * requests chained by their callbacks keep the transaction open until the last summary is written.
 */
export function putSummaries(tx: IDBTransaction, tenantIds: Iterable<string>, now: number, onWritten?: (summary: TenantSummary) => void): void {
  const runs = tx.objectStore('runs').index('byLastSeen');
  const seriesRuns = tx.objectStore('seriesRuns').index('byLastSeen');
  const summaries = tx.objectStore('summaries');
  for (const tenantId of new Set(tenantIds)) {
    const windowRuns = runs.getAll(IDBKeyRange.bound([tenantId, now - SUMMARY_WINDOW_MS], [tenantId, Infinity]));
    const latestRun = runs.openCursor(IDBKeyRange.bound([tenantId, -Infinity], [tenantId, Infinity]), 'prev');
    const latestExposure = seriesRuns.openCursor(IDBKeyRange.bound([tenantId, EXPOSURE_SERIES, -Infinity], [tenantId, EXPOSURE_SERIES, Infinity]), 'prev');
    const latestSecureScore = tx.objectStore('secureScoreDays').openCursor(IDBKeyRange.bound([tenantId, ''], [tenantId, '\uffff']), 'prev');
    let pending = 4;
    const whenRead = () => {
      if ((pending -= 1) > 0) return;
      const cursorValue = (request: IDBRequest<IDBCursorWithValue | null>) => (request.result ? [request.result.value as Run] : []);
      const secureScoreDay = latestSecureScore.result?.value as SecureScoreDay | undefined;
      const summary = summarize(tenantId, [...(windowRuns.result as Run[]), ...cursorValue(latestRun)], cursorValue(latestExposure), now, secureScoreDay);
      if (hasScores(summary)) summaries.put(summary);
      else summaries.delete(tenantId);
      onWritten?.(summary);
    };
    windowRuns.onsuccess = whenRead;
    latestRun.onsuccess = whenRead;
    latestExposure.onsuccess = whenRead;
    latestSecureScore.onsuccess = whenRead;
  }
}

/** Folds a new reading into the tenant's runs, and rewrites its summary, in one transaction. */
export async function addReadingTo(db: IDBPDatabase<ScorelineSchema>, reading: Reading): Promise<AddOutcome> {
  const tx = db.transaction(SUMMARY_STORES, 'readwrite');
  const runs = tx.objectStore('runs');
  const byLastSeen = runs.index('byLastSeen');
  const { tenantId, time } = reading;
  const [reachingIt, endingBefore] = await Promise.all([
    byLastSeen.getAll(tenantRange(tenantId, time)),
    byLastSeen.openCursor(tenantRange(tenantId, -Infinity, time, { excludeTo: true }), 'prev'),
  ]);
  const nearby = reachingIt.filter((run) => run.firstSeen <= time);
  if (endingBefore) nearby.push(endingBefore.value);
  const writes = readingWrites(reading, nearby);
  for (const run of writes.deletes) void runs.delete([run.tenantId, run.firstSeen, run.score]);
  for (const run of writes.puts) void runs.put(run);
  if (writes.puts.length > 0) putSummaries(unwrap(tx), [tenantId], Date.now());
  await tx.done;
  return writes.outcome;
}

/** Tenants whose device score or exposure runs are in a list of records. */
export function tenantsWithScores(records: { runs: readonly Run[]; seriesRuns?: readonly (Run & { series?: string })[] | undefined }): Set<string> {
  const tenants = new Set(records.runs.map((run) => run.tenantId));
  for (const run of records.seriesRuns ?? []) if (run.series === EXPOSURE_SERIES) tenants.add(run.tenantId);
  return tenants;
}

/** Works these tenants' summaries out again and keeps them, in one transaction; resolves to those with a score. */
export function summarizeIn(db: IDBPDatabase<ScorelineSchema>, tenantIds: readonly string[]): Promise<TenantSummary[]> {
  const tx = db.transaction(SUMMARY_STORES, 'readwrite');
  const written: TenantSummary[] = [];
  putSummaries(unwrap(tx), tenantIds, Date.now(), (summary) => written.push(summary));
  return tx.done.then(() => written.filter(hasScores));
}

/**
 * Every tenant with a device or exposure score kept: the key cursors jump from one tenant's first key to the
 * next tenant's, so this reads a few keys per tenant, never a history.
 */
export async function tenantsWithHistoryIn(db: IDBPDatabase<ScorelineSchema>): Promise<string[]> {
  const tx = db.transaction(['runs', 'seriesRuns']);
  const tenants = new Set<string>();
  let run = await tx.objectStore('runs').openKeyCursor();
  while (run) {
    const tenantId = run.key[0];
    tenants.add(tenantId);
    run = await run.continue([tenantId, Infinity, Infinity]);
  }
  let series = await tx.objectStore('seriesRuns').openKeyCursor();
  while (series) {
    const [tenantId, seriesId] = series.key;
    if (seriesId === EXPOSURE_SERIES) tenants.add(tenantId);
    // On to this tenant's exposure runs, or past them to the next tenant.
    const next = seriesId < EXPOSURE_SERIES ? [tenantId, EXPOSURE_SERIES] : [tenantId, '\uffff'];
    // A shorter key sorts before every longer one that starts with it: the cursor lands on the first key past it.
    series = await series.continue(next as unknown as [string, SeriesId, number, number]);
  }
  return [...tenants];
}
