import type { Reading } from './reading';

/** A tenant the user has signed in to, remembered so its history can be found again. */
export interface TenantRecord {
  tenantId: string;
  /** What the user sees, e.g. the domain of the account they signed in with. */
  label: string;
  lastUsed: number;
}

export type AddOutcome = 'added' | 'present';

/** Why the store could not do what was asked, in a form the UI can explain. */
export type StorageFailureKind = 'unavailable' | 'quota' | 'blocked' | 'closed' | 'unknown';

export class StorageFailure extends Error {
  constructor(
    readonly kind: StorageFailureKind,
    cause?: unknown,
  ) {
    super(`storage ${kind}`, { cause });
    this.name = 'StorageFailure';
  }
}

export interface BulkWriteOptions {
  /** Called as the writes go: readings written so far, of the number to add. */
  onProgress?: (written: number, total: number) => void;
  /** Aborting before the transaction commits leaves the history as it was; the call rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Where readings and preferences are kept. IndexedDB normally; memory when the browser allows none. */
export interface HistoryStore {
  readingsFor(tenantId: string): Promise<Reading[]>;
  addReading(reading: Reading): Promise<AddOutcome>;
  /** Adds new readings in one transaction, all or nothing; existing readings are never changed. */
  addReadings(readings: readonly Reading[], options?: BulkWriteOptions): Promise<{ added: number; present: number }>;
  setNote(tenantId: string, time: number, note: string | undefined): Promise<void>;
  deleteTenantHistory(tenantId: string): Promise<number>;
  tenants(): Promise<TenantRecord[]>;
  rememberTenant(tenant: TenantRecord): Promise<void>;
  getPref<T>(key: string): Promise<T | undefined>;
  setPref(key: string, value: unknown): Promise<void>;
  close(): void;
}
