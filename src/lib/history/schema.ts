import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { TenantRecord } from './history-store';
import type { Note } from './note';
import { foldReadings, type Run } from './run';

export const DB_NAME = 'scoreline';
export const DB_VERSION = 2;

/** A reading as version 1 kept it: one row per check, its note on the row. Read only to migrate. */
export interface ReadingRowV1 {
  tenantId: string;
  time: number;
  score: number;
  note?: string;
}

export interface ScorelineSchema extends DBSchema {
  /** Version 1 only: deleted by the step to version 2, once folded into runs. */
  readings: { key: [string, number]; value: ReadingRowV1 };
  runs: { key: [string, number, number]; value: Run; indexes: { byLastSeen: [string, number] } };
  notes: { key: [string, number]; value: Note };
  tenants: { key: string; value: TenantRecord };
  prefs: { key: string; value: unknown };
}

type UpgradeTransaction = IDBPTransaction<ScorelineSchema, StoreNames<ScorelineSchema>[], 'versionchange'>;

/**
 * Migrations, oldest first. Each step takes the database from one version to the next and must keep
 * every observation: add a step here (never edit one that shipped) and a test that upgrades a database
 * with data. The upgrade is one transaction: if a step fails, the database stays as it was.
 */
export async function migrate(db: IDBPDatabase<ScorelineSchema>, oldVersion: number, tx: UpgradeTransaction): Promise<void> {
  if (oldVersion < 1) {
    db.createObjectStore('readings', { keyPath: ['tenantId', 'time'] });
    db.createObjectStore('tenants', { keyPath: 'tenantId' });
    db.createObjectStore('prefs');
  }
  if (oldVersion < 2) await foldReadingsIntoRuns(db, tx);
}

/** Version 2: unchanged readings fold into runs (first and last confirmation kept), notes become records. */
async function foldReadingsIntoRuns(db: IDBPDatabase<ScorelineSchema>, tx: UpgradeTransaction): Promise<void> {
  const runs = db.createObjectStore('runs', { keyPath: ['tenantId', 'firstSeen', 'score'] });
  runs.createIndex('byLastSeen', ['tenantId', 'lastSeen']);
  const notes = db.createObjectStore('notes', { keyPath: ['tenantId', 'time'] });
  const rows = await tx.objectStore('readings').getAll();
  for (const run of foldReadings(rows)) settled(runs.put(run));
  for (const { tenantId, time, note } of rows) {
    // When a version 1 note was written is not known; its reading's time is the earliest it can have been.
    if (note) settled(notes.put({ tenantId, time, text: note, edited: time }));
  }
  db.deleteObjectStore('readings');
}

/** A write whose failure aborts the upgrade transaction, and is reported by that: its own promise may be left. */
function settled(write: Promise<unknown>): void {
  write.catch(() => undefined);
}
