import { openDB, unwrap, type IDBPDatabase } from 'idb';
import { DB_NAME, DB_VERSION, migrate, type ScorelineSchema } from './schema';
import {
  StorageFailure,
  WRITE_CHUNK_SIZE,
  readingsToAdd,
  timeSpansByTenant,
  type AddCounts,
  type AddOutcome,
  type AddReadingsOptions,
  type HistoryStore,
  type TenantRecord,
} from './history-store';
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

function tenantRange(tenantId: string, from = -Infinity, to = Infinity): IDBKeyRange {
  return IDBKeyRange.bound([tenantId, from], [tenantId, to]);
}

class IndexedDbStore implements HistoryStore {
  constructor(private readonly db: IDBPDatabase<ScorelineSchema>) {}

  readingsFor(tenantId: string, since?: number): Promise<Reading[]> {
    return guard(() => this.db.getAll('readings', tenantRange(tenantId, since)));
  }

  latestReadings(tenantId: string, count: number): Promise<Reading[]> {
    return guard(async () => {
      const newestFirst: Reading[] = [];
      if (count <= 0) return newestFirst;
      let cursor = await this.db.transaction('readings').store.openCursor(tenantRange(tenantId), 'prev');
      while (cursor) {
        newestFirst.push(cursor.value);
        cursor = newestFirst.length < count ? await cursor.continue() : null;
      }
      return newestFirst.reverse();
    });
  }

  storedTimes(tenantId: string, from: number, to: number): Promise<number[]> {
    return guard(async () => (await this.db.getAllKeys('readings', tenantRange(tenantId, from, to))).map(([, time]) => time));
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

  /**
   * Reads the stored keys once per tenant, then issues the adds a chunk at a time, each chunk from the
   * success of the previous one's last request: the transaction stays busy and open to the end, and the
   * page gets the main thread back between chunks. Raw IndexedDB, as awaiting each request would add a
   * promise turn per reading.
   */
  addReadings(readings: readonly Reading[], { onProgress, signal }: AddReadingsOptions = {}): Promise<AddCounts> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    let tx: IDBTransaction;
    try {
      tx = unwrap(this.db).transaction('readings', 'readwrite');
    } catch (error) {
      return Promise.reject(toStorageFailure(error));
    }
    const store = tx.objectStore('readings');
    return new Promise<AddCounts>((resolve, reject) => {
      let counts: AddCounts = { added: 0, present: readings.length };
      let failure: unknown;
      const abort = () => {
        try {
          tx.abort();
        } catch {
          // Already committing: every reading is in, and the add resolves.
        }
      };
      const fail = (error: unknown) => {
        failure ??= error;
        abort();
      };
      signal?.addEventListener('abort', abort);
      tx.oncomplete = () => {
        signal?.removeEventListener('abort', abort);
        resolve(counts);
      };
      tx.onabort = () => {
        signal?.removeEventListener('abort', abort);
        reject(signal?.aborted ? signal.reason : toStorageFailure(failure ?? tx.error));
      };

      const writeFrom = (toAdd: Reading[], start: number) => {
        const end = Math.min(start + WRITE_CHUNK_SIZE, toAdd.length);
        let last: IDBRequest | undefined;
        for (let i = start; i < end; i += 1) last = store.add(toAdd[i]!);
        if (!last) return;
        last.onsuccess = () => {
          try {
            onProgress?.(end, toAdd.length);
            if (end < toAdd.length && !signal?.aborted) writeFrom(toAdd, end);
          } catch (error) {
            fail(error);
          }
        };
      };

      try {
        const spans = timeSpansByTenant(readings);
        const stored = new Map<string, Set<number>>();
        let unread = spans.size;
        for (const [tenantId, { from, to }] of spans) {
          const keys = store.getAllKeys(tenantRange(tenantId, from, to));
          keys.onsuccess = () => {
            try {
              stored.set(tenantId, new Set((keys.result as [string, number][]).map(([, time]) => time)));
              if ((unread -= 1) > 0) return;
              const toAdd = readingsToAdd(readings, stored);
              counts = { added: toAdd.length, present: readings.length - toAdd.length };
              writeFrom(toAdd, 0);
            } catch (error) {
              fail(error);
            }
          };
        }
      } catch (error) {
        fail(error);
      }
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
}

async function guard<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toStorageFailure(error);
  }
}
