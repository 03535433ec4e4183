import { unwrap, type IDBPDatabase } from 'idb';
import { WRITE_CHUNK_SIZE, notesToPut, spansByTenant, type AddCounts, type AddHistoryOptions, type HistoryRecords } from './history-store';
import { tenantRange, toStorageFailure } from './indexeddb-store';
import { noteKey, type Note } from './note';
import type { Run } from './run';
import { RunJoin } from './run-join';
import { tenantChangeKeys, tenantSeriesKeys } from './tenant-keys';
import { changeKey, otherWrites, readKey, tenantsOfOthers, type OtherWrites } from './other-records';
import type { SeriesName } from './series';
import type { SeriesRun } from './series-store';
import type { AlertRuleRecord, GoalRecord, ScorelineSchema } from './schema';
import { tenantIdKeys } from './tenant-keys';
import { tenantsOfWatch, watchWrites, type WatchWrites } from './watch-store';
import { putSummaries, tenantsWithScores } from './indexeddb-summaries';
import type { AlertLogEntry } from '../watch/alert-log';
import { changesOfHistory, historyWrites, type RecommendationHistory, type RecommendationTouch } from './recommendation-histories';
import { withoutBuried, type Tombstone } from './tombstone';

/** The tenants' stored recommendation records an import adds its changes to. */
type StoredLog = { histories: RecommendationHistory[]; touches: RecommendationTouch[] };

/**
 * Reads the stored runs over each tenant's span once, then works out and issues the writes a chunk at a
 * time, each chunk from the success of the previous one's last request: the transaction stays busy and
 * open to the end, and the page gets the main thread back between chunks (the join is worked out a group
 * at a time, so no chunk holds it long). Raw IndexedDB, as awaiting each request would add a promise turn
 * per write.
 */
export function addHistoryInOneTransaction(db: IDBPDatabase<ScorelineSchema>, records: HistoryRecords, { onProgress, signal }: AddHistoryOptions = {}): Promise<AddCounts> {
  const { runs } = records;
  if (signal?.aborted) return Promise.reject(signal.reason);
  let tx: IDBTransaction;
  try {
    tx = unwrap(db).transaction(['runs', 'notes', 'seriesRuns', 'seriesNames', 'recommendationHistories', 'recommendationTouches', 'recommendationReads', 'goals', 'alertRules', 'alertLog', 'secureScoreDays', 'summaries', 'tombstones'], 'readwrite');
  } catch (error) {
    return Promise.reject(toStorageFailure(error));
  }
  const runStore = tx.objectStore('runs');
  const noteStore = tx.objectStore('notes');
  return new Promise<AddCounts>((resolve, reject) => {
    let counts: () => AddCounts = () => ({ added: 0, present: runs.length, notesAdded: 0, othersAdded: 0 });
    let failure: unknown;
    const abort = () => {
      try {
        tx.abort();
      } catch {
        // Already committing: everything is in, and the add resolves.
      }
    };
    const fail = (error: unknown) => {
      failure ??= error;
      abort();
    };
    const guarded = (step: () => void) => () => {
      try {
        step();
      } catch (error) {
        fail(error);
      }
    };
    signal?.addEventListener('abort', abort);
    tx.oncomplete = () => {
      signal?.removeEventListener('abort', abort);
      resolve(counts());
    };
    tx.onabort = () => {
      signal?.removeEventListener('abort', abort);
      reject(signal?.aborted ? signal.reason : toStorageFailure(failure ?? tx.error));
    };

    const write = (requests: Iterator<IDBRequest>, progress: () => number, total: number) => {
      let last: IDBRequest | undefined;
      for (let issued = 0; issued < WRITE_CHUNK_SIZE; issued += 1) {
        const next = requests.next();
        if (next.done) break;
        last = next.value;
      }
      if (!last) {
        // Last, in the same transaction: the summaries of the tenants whose scores were written.
        if (!signal?.aborted) putSummaries(tx, tenantsWithScores(records), Date.now());
        return onProgress?.(total, total);
      }
      last.onsuccess = guarded(() => {
        onProgress?.(progress(), total);
        if (!signal?.aborted) write(requests, progress, total);
      });
    };

    const storedRuns: Run[] = [];
    const storedNotes = new Map<string, Note>();
    const storedOthers = { seriesRuns: [] as SeriesRun[], seriesNames: [] as SeriesName[], changeKeys: new Set<string>(), readKeys: new Set<string>() };
    const storedLog = { histories: [] as RecommendationHistory[], touches: [] as RecommendationTouch[] };
    const storedWatch = { goals: [] as GoalRecord[], alertRules: [] as AlertRuleRecord[], alertLog: [] as AlertLogEntry[] };
    const storedTombstones: Tombstone[] = [];
    const start = () => {
      const join = new RunJoin(storedRuns, runs);
      // A note, goal or rule deleted here after its copy was last edited stays deleted.
      const unburied = withoutBuried(records, storedTombstones);
      const notePuts = notesToPut(unburied.notes, (tenantId, time) => storedNotes.get(noteKey(tenantId, time)));
      const others = otherWrites(records, storedOthers);
      const watch = watchWrites(unburied, storedWatch);
      counts = () => ({ added: join.added, present: join.present, notesAdded: notePuts.length, othersAdded: others.added + watch.added });
      let notesWritten = 0;
      const requests = (function* () {
        for (const change of join.writes()) {
          yield change.delete ? runStore.delete([change.delete.tenantId, change.delete.firstSeen, change.delete.score]) : runStore.put(change.put);
        }
        for (const note of notePuts) {
          notesWritten += 1;
          yield noteStore.put(note);
        }
        yield* otherRequests(tx, others, storedLog);
        yield* watchRequests(tx, watch);
      })();
      write(requests, () => join.consumed + notesWritten, runs.length + notePuts.length);
    };

    guarded(() => {
      const spans = spansByTenant(runs);
      const noteTenants = new Set(records.notes.map((note) => note.tenantId));
      const otherTenants = tenantsOfOthers(records);
      const watchTenants = tenantsOfWatch(records);
      const editedTenants = new Set([...noteTenants, ...watchTenants]);
      let unread = spans.size + noteTenants.size + otherTenants.size * 5 + watchTenants.size * 3 + editedTenants.size;
      if (unread === 0) return start();
      const onRead = () => {
        if ((unread -= 1) === 0) start();
      };
      for (const [tenantId, { from, to }] of spans) {
        const request = runStore.index('byLastSeen').getAll(tenantRange(tenantId, from));
        request.onsuccess = guarded(() => {
          for (const run of request.result as Run[]) if (run.firstSeen <= to) storedRuns.push(run);
          onRead();
        });
      }
      for (const tenantId of noteTenants) {
        const request = noteStore.getAll(tenantRange(tenantId));
        request.onsuccess = guarded(() => {
          for (const note of request.result as Note[]) storedNotes.set(noteKey(note.tenantId, note.time), note);
          onRead();
        });
      }
      const read = <T>(request: IDBRequest, keep: (result: T[]) => void) => {
        request.onsuccess = guarded(() => {
          keep(request.result as T[]);
          onRead();
        });
      };
      for (const tenantId of otherTenants) {
        read<SeriesRun>(tx.objectStore('seriesRuns').getAll(tenantSeriesKeys(tenantId)), (rows) => storedOthers.seriesRuns.push(...rows));
        read<SeriesName>(tx.objectStore('seriesNames').getAll(tenantSeriesKeys(tenantId)), (rows) => storedOthers.seriesNames.push(...rows));
        read<RecommendationHistory>(tx.objectStore('recommendationHistories').getAll(tenantChangeKeys(tenantId)), (histories) => {
          storedLog.histories.push(...histories);
          for (const change of histories.flatMap(changesOfHistory)) storedOthers.changeKeys.add(changeKey(change));
        });
        read<RecommendationTouch>(tx.objectStore('recommendationTouches').getAll(tenantRange(tenantId)), (touches) => storedLog.touches.push(...touches));
        read<[string, number]>(tx.objectStore('recommendationReads').getAllKeys(tenantRange(tenantId)), (keys) => {
          for (const [tenant, time] of keys) storedOthers.readKeys.add(readKey({ tenantId: tenant, time }));
        });
      }
      for (const tenantId of editedTenants) read<Tombstone>(tx.objectStore('tombstones').getAll(tenantSeriesKeys(tenantId)), (rows) => storedTombstones.push(...rows));
      for (const tenantId of watchTenants) {
        read<GoalRecord>(tx.objectStore('goals').getAll(tenantId), (rows) => storedWatch.goals.push(...rows));
        read<AlertRuleRecord>(tx.objectStore('alertRules').getAll(tenantIdKeys(tenantId)), (rows) => storedWatch.alertRules.push(...rows));
        read<AlertLogEntry>(tx.objectStore('alertLog').getAll(tenantIdKeys(tenantId)), (rows) => storedWatch.alertLog.push(...rows));
      }
    })();
  });
}

/** The writes of the other series and the recommendation log, after the device score's. */
function* otherRequests(tx: IDBTransaction, others: OtherWrites, storedLog: StoredLog): Generator<IDBRequest, void, undefined> {
  const seriesRuns = tx.objectStore('seriesRuns');
  for (const run of others.seriesDeletes) yield seriesRuns.delete([run.tenantId, run.series, run.firstSeen, run.score]);
  for (const run of others.seriesPuts) yield seriesRuns.put(run);
  for (const name of others.names) yield tx.objectStore('seriesNames').put(name);
  const log = historyWrites(storedLog, others.changes);
  for (const history of log.histories) yield tx.objectStore('recommendationHistories').put(history);
  for (const touch of log.touches) yield tx.objectStore('recommendationTouches').put(touch);
  for (const read of others.reads) yield tx.objectStore('recommendationReads').put(read);
}

/** The writes of the goals, alert rules and alert log, last. */
function* watchRequests(tx: IDBTransaction, watch: WatchWrites): Generator<IDBRequest, void, undefined> {
  for (const goal of watch.goals) yield tx.objectStore('goals').put(goal);
  for (const rule of watch.alertRules) yield tx.objectStore('alertRules').put(rule);
  for (const entry of watch.alertLog) yield tx.objectStore('alertLog').put(entry);
}
