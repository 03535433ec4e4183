import { openDB, unwrap, type IDBPDatabase } from 'idb';
import { DB_NAME, DB_VERSION, migrate, type ScorelineSchema } from '../history/schema';
import { toStorageFailure } from '../history/indexeddb-store';
import { tenantSeriesKeys } from '../history/tenant-keys';
import { putSummaries, SUMMARY_STORES } from '../history/indexeddb-summaries';
import { planKeeping, type SecureScoreStore } from './secure-score-store';
import type { ControlChange, FetchedDay, SecureScoreDay } from './secure-score-day';

/**
 * Microsoft Secure Score in the history database, on a connection of its own: opened only once the feature is on,
 * so none of this code or its reads touch the dashboard's first paint. It closes when a newer version of the app
 * needs the database, as the history's connection does.
 */
export async function openSecureScoreStore(name = DB_NAME): Promise<SecureScoreStore> {
  try {
    const db: IDBPDatabase<ScorelineSchema> = await openDB<ScorelineSchema>(name, DB_VERSION, {
      upgrade: (database, oldVersion, _newVersion, transaction) => void migrate(database, oldVersion, transaction).catch(() => transaction.abort()),
      blocking: () => db.close(),
    });
    return new IndexedDbSecureScoreStore(db);
  } catch (error) {
    throw toStorageFailure(error);
  }
}

/** Its days and control changes, and what rewriting a tenant's summary reads and writes. */
const STORES = [...SUMMARY_STORES, 'secureScoreControls'] as const;

class IndexedDbSecureScoreStore implements SecureScoreStore {
  constructor(private readonly db: IDBPDatabase<ScorelineSchema>) {}

  addDays(tenantId: string, pages: readonly (readonly FetchedDay[])[]): Promise<number> {
    return guard(async () => {
      // Read and write in one transaction: two tabs keeping the same read never keep a day twice.
      const tx = this.db.transaction(STORES, 'readwrite');
      const daysStore = tx.objectStore('secureScoreDays');
      const controls = tx.objectStore('secureScoreControls');
      const [kept, log] = await Promise.all([daysStore.getAll(tenantSeriesKeys(tenantId)), controls.getAll(tenantSeriesKeys(tenantId))]);
      const { days, written, removed } = planKeeping(kept, log, pages);
      for (const change of removed) void controls.delete([change.tenantId, change.control, change.day]);
      for (const change of written) void controls.put(change);
      for (const day of days) void daysStore.add(day);
      // The tenant's summary carries its latest day, for the overview of every tenant.
      if (days.length > 0) putSummaries(unwrap(tx), [tenantId], Date.now());
      await tx.done;
      return days.length;
    });
  }

  addRecords(days: readonly SecureScoreDay[], changes: readonly ControlChange[]): Promise<number> {
    return guard(async () => {
      const tx = this.db.transaction(STORES, 'readwrite');
      const daysStore = tx.objectStore('secureScoreDays');
      const controls = tx.objectStore('secureScoreControls');
      const tenants = new Set<string>();
      let added = 0;
      for (const day of days) {
        if ((await daysStore.count([day.tenantId, day.day])) > 0) continue;
        void daysStore.add(day);
        tenants.add(day.tenantId);
        added += 1;
      }
      for (const change of changes) if ((await controls.count([change.tenantId, change.control, change.day])) === 0) void controls.add(change);
      putSummaries(unwrap(tx), tenants, Date.now());
      await tx.done;
      return added;
    });
  }

  days(tenantId: string): Promise<SecureScoreDay[]> {
    return guard(() => this.db.getAll('secureScoreDays', tenantSeriesKeys(tenantId)));
  }

  controlChanges(tenantId: string): Promise<ControlChange[]> {
    return guard(() => this.db.getAll('secureScoreControls', tenantSeriesKeys(tenantId)));
  }

  everything(): Promise<{ days: SecureScoreDay[]; changes: ControlChange[] }> {
    return guard(async () => ({ days: await this.db.getAll('secureScoreDays'), changes: await this.db.getAll('secureScoreControls') }));
  }
}

async function guard<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toStorageFailure(error);
  }
}
