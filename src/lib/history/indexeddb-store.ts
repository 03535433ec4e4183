import { openDB, type IDBPDatabase } from 'idb';
import { DB_NAME, DB_VERSION, migrate, type ScorelineSchema } from './schema';
import { StorageFailure, type AddOutcome, type HistoryStore, type TenantRecord } from './history-store';
import type { Reading } from './reading';

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
    upgrade: (database, oldVersion, _newVersion, transaction) => migrate(database, oldVersion, transaction),
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

export function toStorageFailure(error: unknown): StorageFailure {
  if (error instanceof StorageFailure) return error;
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'QuotaExceededError') return new StorageFailure('quota', error);
  if (name === 'InvalidStateError') return new StorageFailure('closed', error);
  if (name === 'SecurityError' || name === 'UnknownError' || name === 'NotFoundError') return new StorageFailure('unavailable', error);
  return new StorageFailure('unknown', error);
}

function tenantRange(tenantId: string): IDBKeyRange {
  return IDBKeyRange.bound([tenantId, -Infinity], [tenantId, Infinity]);
}

class IndexedDbStore implements HistoryStore {
  constructor(private readonly db: IDBPDatabase<ScorelineSchema>) {}

  readingsFor(tenantId: string): Promise<Reading[]> {
    return guard(() => this.db.getAll('readings', tenantRange(tenantId)));
  }

  addReading(reading: Reading): Promise<AddOutcome> {
    return guard(async () => {
      const tx = this.db.transaction('readings', 'readwrite');
      const key: [string, number] = [reading.tenantId, reading.time];
      const outcome: AddOutcome = (await tx.store.getKey(key)) === undefined ? 'added' : 'present';
      if (outcome === 'added') await tx.store.add(reading);
      await tx.done;
      return outcome;
    });
  }

  addReadings(readings: readonly Reading[]): Promise<{ added: number; present: number }> {
    return guard(async () => {
      const tx = this.db.transaction('readings', 'readwrite');
      let added = 0;
      let present = 0;
      for (const reading of readings) {
        if ((await tx.store.getKey([reading.tenantId, reading.time])) === undefined) {
          await tx.store.add(reading);
          added += 1;
        } else {
          present += 1;
        }
      }
      await tx.done;
      return { added, present };
    });
  }

  setNote(tenantId: string, time: number, note: string | undefined): Promise<void> {
    return guard(async () => {
      const tx = this.db.transaction('readings', 'readwrite');
      const reading = await tx.store.get([tenantId, time]);
      if (reading) {
        const { note: _old, ...rest } = reading;
        await tx.store.put(note ? { ...rest, note } : rest);
      }
      await tx.done;
    });
  }

  deleteTenantHistory(tenantId: string): Promise<number> {
    return guard(async () => {
      const tx = this.db.transaction('readings', 'readwrite');
      const count = await tx.store.count(tenantRange(tenantId));
      await tx.store.delete(tenantRange(tenantId));
      await tx.done;
      return count;
    });
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

  close(): void {
    this.db.close();
  }
}

async function guard<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toStorageFailure(error);
  }
}
