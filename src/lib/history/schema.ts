import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Reading } from './reading';
import type { TenantRecord } from './history-store';

export const DB_NAME = 'scoreline';
export const DB_VERSION = 1;

export interface ScorelineSchema extends DBSchema {
  readings: { key: [string, number]; value: Reading };
  tenants: { key: string; value: TenantRecord };
  prefs: { key: string; value: unknown };
}

type UpgradeTransaction = IDBPTransaction<ScorelineSchema, StoreNames<ScorelineSchema>[], 'versionchange'>;

/**
 * Migrations, oldest first. Each step takes the database from one version to the next and must keep
 * every reading: add a step here (never edit an old one) and a test that upgrades a database with data.
 */
export function migrate(db: IDBPDatabase<ScorelineSchema>, oldVersion: number, _tx: UpgradeTransaction): void {
  if (oldVersion < 1) {
    db.createObjectStore('readings', { keyPath: ['tenantId', 'time'] });
    db.createObjectStore('tenants', { keyPath: 'tenantId' });
    db.createObjectStore('prefs');
  }
}
