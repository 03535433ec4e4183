import { openDB, type IDBPDatabase } from 'idb';
import { DB_NAME, DB_VERSION, migrate, type ScorelineSchema } from './schema';
import {
  StorageFailure,
  type AddCounts,
  type AddHistoryOptions,
  type AddOutcome,
  type Deletions,
  type HistoryRecords,
  type HistoryStore,
  type TenantRecord,
} from './history-store';
import type { Note } from './note';
import type { Reading } from './reading';
import type { Run } from './run';
import type { Recommendation, RecommendationChange, RecommendationRead } from '../recommendations/recommendation';
import { tenantChangeKeys, tenantIdKeys, tenantSeriesKeys } from './tenant-keys';
import type { SeriesName } from './series';
import type { SeriesReading, SeriesRun } from './series-store';
import type { AlertLogEntry } from '../watch/alert-log';
import type { AlertRuleRecord, GoalRecord } from './schema';
import type { TenantSummary } from './tenant-summary';
import type { Tombstone } from './tombstone';

export interface OpenOptions {
  name?: string;
  /** The schema version to open; tests open newer ones to play another tab. */
  version?: number;
  /** Another tab wants a newer version: this connection has been closed. */
  onClosedByNewerVersion?: () => void;
  /** The browser closed the database abnormally (e.g. its storage was cleared). */
  onTerminated?: () => void;
}

/**
 * Opens the history database, upgrading it if needed, or throws a StorageFailure. If a tab holding an
 * older version blocks the upgrade, it fails at once with 'blocked' rather than hang, and closes the
 * connection should the upgrade go through later.
 */
export async function openIndexedDbStore(options: OpenOptions = {}): Promise<HistoryStore> {
  if (typeof indexedDB === 'undefined' || indexedDB === null) throw new StorageFailure('unavailable');
  let rejectBlocked: (reason: StorageFailure) => void = () => {};
  const blocked = new Promise<never>((_resolve, reject) => (rejectBlocked = reject));
  const opening = openDB<ScorelineSchema>(options.name ?? DB_NAME, options.version ?? DB_VERSION, {
    upgrade: (database, oldVersion, _newVersion, transaction) => {
      // A step that fails undoes the whole upgrade: the database stays at its old version, its data untouched,
      // and the open rejects, which is how the failure is reported.
      migrate(database, oldVersion, transaction).catch(() => abortQuietly(transaction));
      transaction.done.catch(() => undefined);
    },
    blocked: () => rejectBlocked(new StorageFailure('blocked')),
    blocking: () => {
      void opening.then((database) => database.close());
      options.onClosedByNewerVersion?.();
    },
    terminated: () => options.onTerminated?.(),
  });
  try {
    return new IndexedDbStore(await Promise.race([opening, blocked]));
  } catch (error) {
    // The open may still succeed later (once the older tab goes): close that connection, never leave it hanging.
    void opening.then((database) => database.close()).catch(() => undefined);
    const failure = toStorageFailure(error);
    throw failure.kind === 'quota' || failure.kind === 'blocked' ? failure : new StorageFailure('unavailable', error);
  }
}

function abortQuietly(transaction: { abort(): void }): void {
  try {
    transaction.abort();
  } catch {
    // Already aborted by the request that failed.
  }
}

export function toStorageFailure(error: unknown): StorageFailure {
  if (error instanceof StorageFailure) return error;
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'QuotaExceededError') return new StorageFailure('quota', error);
  if (name === 'InvalidStateError') return new StorageFailure('closed', error);
  if (name === 'SecurityError' || name === 'UnknownError' || name === 'NotFoundError') return new StorageFailure('unavailable', error);
  return new StorageFailure('unknown', error);
}

/** Keys of one tenant's runs by last confirmation (the byLastSeen index), or of its notes by time. */
export function tenantRange(tenantId: string, from = -Infinity, to = Infinity, { excludeTo = false } = {}): IDBKeyRange {
  return IDBKeyRange.bound([tenantId, from], [tenantId, to], false, excludeTo);
}

/** Keys of all of one tenant's runs ([tenantId, firstSeen, score]). */
function tenantRunKeys(tenantId: string): IDBKeyRange {
  return IDBKeyRange.bound([tenantId, -Infinity, -Infinity], [tenantId, Infinity, Infinity]);
}

class IndexedDbStore implements HistoryStore {
  constructor(private readonly db: IDBPDatabase<ScorelineSchema>) {}

  runsFor(tenantId: string, since?: number): Promise<Run[]> {
    return guard(async () => byStart(await this.db.getAllFromIndex('runs', 'byLastSeen', tenantRange(tenantId, since))));
  }

  latestRuns(tenantId: string, count: number, before = Infinity): Promise<Run[]> {
    return guard(async () => {
      const newestFirst: Run[] = [];
      if (count <= 0) return newestFirst;
      const range = tenantRange(tenantId, -Infinity, before, { excludeTo: before !== Infinity });
      let cursor = await this.db.transaction('runs').store.index('byLastSeen').openCursor(range, 'prev');
      while (cursor) {
        newestFirst.push(cursor.value);
        cursor = newestFirst.length < count ? await cursor.continue() : null;
      }
      return newestFirst.reverse();
    });
  }

  runsBetween(tenantId: string, from: number, to: number): Promise<Run[]> {
    return guard(async () => (await this.runsFor(tenantId, from)).filter((run) => run.firstSeen <= to));
  }

  countRuns(tenantId: string): Promise<number> {
    return guard(() => this.db.count('runs', tenantRunKeys(tenantId)));
  }

  notesFor(tenantId: string, since?: number): Promise<Note[]> {
    return guard(() => this.db.getAll('notes', tenantRange(tenantId, since)));
  }

  /** Loaded with the first reading: the stored history is on screen before any is taken. */
  addReading(reading: Reading): Promise<AddOutcome> {
    return guard(async () => (await import('./indexeddb-summaries')).addReadingTo(this.db, reading));
  }

  /** Loaded with its first use: an import's join and chunked writes are not needed to show the history. */
  async addHistory(records: HistoryRecords, options: AddHistoryOptions = {}): Promise<AddCounts> {
    options.signal?.throwIfAborted();
    const { addHistoryInOneTransaction } = await import('./indexeddb-add-history');
    return addHistoryInOneTransaction(this.db, records, options);
  }

  putNote(note: Note): Promise<void> {
    return guard(async () => {
      await this.db.put('notes', note);
    });
  }

  deleteNote(tenantId: string, time: number, deletedAt: number): Promise<void> {
    return this.#deletions((deletions, db) => deletions.deleteWithTombstone(db, deletions.noteTombstone(tenantId, time, deletedAt)));
  }

  // Deletions from elsewhere and tombstones are loaded with their first use, like the other series.
  #deletions<T>(use: (deletions: typeof import('./indexeddb-deletions'), db: IDBPDatabase<ScorelineSchema>) => Promise<T>): Promise<T> {
    return guard(async () => use(await import('./indexeddb-deletions'), this.db));
  }

  tombstones(tenantId: string): Promise<Tombstone[]> {
    return this.#deletions((deletions, db) => deletions.tombstonesOf(db, tenantId));
  }

  applyDeletions(deletions: Deletions): Promise<void> {
    return this.#deletions((module, db) => module.applyDeletionsIn(db, deletions, Date.now()));
  }

  deleteTenantHistory(tenantId: string): Promise<number> {
    return guard(async () => {
      const stores = ['runs', 'notes', 'seriesRuns', 'seriesNames', 'recommendationHistories', 'recommendationTouches', 'recommendationReads', 'goals', 'alertRules', 'alertLog', 'summaries', 'secureScoreDays', 'secureScoreControls', 'tombstones'] as const;
      const tx = this.db.transaction(stores, 'readwrite');
      const runs = tx.objectStore('runs');
      const count = await runs.count(tenantRunKeys(tenantId));
      await Promise.all([
        runs.delete(tenantRunKeys(tenantId)),
        tx.objectStore('notes').delete(tenantRange(tenantId)),
        tx.objectStore('seriesRuns').delete(tenantSeriesKeys(tenantId)),
        tx.objectStore('seriesNames').delete(tenantSeriesKeys(tenantId)),
        tx.objectStore('recommendationHistories').delete(tenantChangeKeys(tenantId)),
        tx.objectStore('recommendationTouches').delete(tenantRange(tenantId)),
        tx.objectStore('recommendationReads').delete(tenantRange(tenantId)),
        tx.objectStore('goals').delete(tenantId),
        tx.objectStore('alertRules').delete(tenantIdKeys(tenantId)),
        tx.objectStore('alertLog').delete(tenantIdKeys(tenantId)),
        tx.objectStore('summaries').delete(tenantId),
        tx.objectStore('secureScoreDays').delete(tenantSeriesKeys(tenantId)),
        tx.objectStore('secureScoreControls').delete(tenantSeriesKeys(tenantId)),
        // The tenant's deletion buries everything older: single deletions before it are told by it.
        tx.objectStore('tombstones').delete(tenantSeriesKeys(tenantId)),
        tx.done,
      ]);
      return count;
    });
  }

  // The other series and the recommendation log are loaded with their first use: the stored history of the
  // device score, which every visit shows first, does not wait for them.

  seriesRuns(tenantId: string, since?: number): Promise<SeriesRun[]> {
    return guard(async () => (await import('./indexeddb-series')).seriesRunsOf(this.db, tenantId, since));
  }

  seriesNames(tenantId: string): Promise<SeriesName[]> {
    return guard(async () => (await import('./indexeddb-series')).seriesNamesOf(this.db, tenantId));
  }

  addSeriesReadings(readings: readonly SeriesReading[], names: readonly SeriesName[]): Promise<void> {
    return guard(async () => (await import('./indexeddb-series')).addSeriesReadingsTo(this.db, readings, names));
  }

  addRecommendationRead(tenantId: string, time: number, recommendations: readonly Recommendation[]): Promise<number> {
    return guard(async () => (await import('./indexeddb-recommendations')).addRecommendationReadTo(this.db, tenantId, time, recommendations));
  }

  recommendationReads(tenantId: string, since?: number): Promise<RecommendationRead[]> {
    return guard(async () => (await import('./indexeddb-recommendations')).recommendationReadsOf(this.db, tenantId, since));
  }

  recommendationChanges(tenantId: string, range?: { after?: number; until?: number }): Promise<RecommendationChange[]> {
    return guard(async () => (await import('./indexeddb-recommendations')).recommendationChangesIn(this.db, tenantId, range));
  }

  recommendationChangesOf(tenantId: string, ids: readonly string[]): Promise<RecommendationChange[]> {
    return guard(async () => (await import('./indexeddb-recommendations')).recommendationChangesFor(this.db, tenantId, ids));
  }

  // Goals, alert rules and the alert log are loaded with their first use, like the other series.
  #watch<T>(use: (watch: typeof import('./indexeddb-watch'), db: IDBPDatabase<ScorelineSchema>) => Promise<T>): Promise<T> {
    return guard(async () => use(await import('./indexeddb-watch'), this.db));
  }

  goalOf(tenantId: string): Promise<GoalRecord | undefined> {
    return this.#watch((watch, db) => watch.goalOf(db, tenantId));
  }

  putGoal(goal: GoalRecord): Promise<void> {
    return guard(async () => void (await this.db.put('goals', goal)));
  }

  deleteGoal(tenantId: string, deletedAt: number): Promise<void> {
    return this.#deletions((deletions, db) => deletions.deleteWithTombstone(db, deletions.goalTombstone(tenantId, deletedAt)));
  }

  alertRules(tenantId: string): Promise<AlertRuleRecord[]> {
    return this.#watch((watch, db) => watch.alertRulesOf(db, tenantId));
  }

  putAlertRule(rule: AlertRuleRecord): Promise<void> {
    return guard(async () => void (await this.db.put('alertRules', rule)));
  }

  deleteAlertRule(tenantId: string, id: string, deletedAt: number): Promise<void> {
    return this.#deletions((deletions, db) => deletions.deleteWithTombstone(db, deletions.ruleTombstone(tenantId, id, deletedAt)));
  }

  alertLog(tenantId: string): Promise<AlertLogEntry[]> {
    return this.#watch((watch, db) => watch.alertLogOf(db, tenantId));
  }

  logAlerts(entries: readonly AlertLogEntry[]): Promise<AlertLogEntry[]> {
    return this.#watch((watch, db) => watch.logAlertsIn(db, entries));
  }

  dismissAlert(tenantId: string, id: string, at: number): Promise<void> {
    return this.#watch((watch, db) => watch.dismissAlertIn(db, tenantId, id, at));
  }

  // Summaries are for the overview of every tenant, loaded with it.
  #summaries<T>(use: (summaries: typeof import('./indexeddb-summaries'), db: IDBPDatabase<ScorelineSchema>) => Promise<T>): Promise<T> {
    return guard(async () => use(await import('./indexeddb-summaries'), this.db));
  }

  tenantSummaries(): Promise<TenantSummary[]> {
    return this.#summaries((_summaries, db) => db.getAll('summaries'));
  }

  summarize(tenantIds: readonly string[]): Promise<TenantSummary[]> {
    return this.#summaries((summaries, db) => summaries.summarizeIn(db, tenantIds));
  }

  tenantsWithHistory(): Promise<string[]> {
    return this.#summaries((summaries, db) => summaries.tenantsWithHistoryIn(db));
  }

  tenants(): Promise<TenantRecord[]> {
    return guard(() => this.db.getAll('tenants'));
  }

  rememberTenant(tenant: TenantRecord): Promise<void> {
    return guard(async () => {
      await this.db.put('tenants', tenant);
    });
  }

  getPref<T>(key: string): Promise<T | undefined> {
    return guard(async () => (await this.db.get('prefs', key)) as T | undefined);
  }

  setPref(key: string, value: unknown): Promise<void> {
    return guard(async () => {
      await this.db.put('prefs', value, key);
    });
  }
}

/** Runs in the order of their start (an index read gives them in order of last confirmation). */
function byStart(runs: Run[]): Run[] {
  return runs.sort((a, b) => a.firstSeen - b.firstSeen || a.score - b.score);
}

async function guard<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toStorageFailure(error);
  }
}
