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

export interface AddReadingsOptions {
  /** Called after each chunk of writes with how many of the new readings are written so far, of how many. */
  onProgress?: (written: number, total: number) => void;
  /** Aborting it before the readings are committed writes none of them and rejects with its reason. */
  signal?: AbortSignal;
}

export interface AddCounts {
  added: number;
  /** Readings already stored, or repeating an earlier one in the same list. */
  present: number;
}

/** Where readings and preferences are kept. IndexedDB normally; memory when the browser allows none. */
export interface HistoryStore {
  /** A tenant's readings oldest first; with `since`, only those at or after that time. */
  readingsFor(tenantId: string, since?: number): Promise<Reading[]>;
  /** The newest `count` readings of a tenant (with `before`, of those strictly before that time), oldest first. */
  latestReadings(tenantId: string, count: number, before?: number): Promise<Reading[]>;
  countReadings(tenantId: string): Promise<number>;
  /** The times of a tenant's stored readings from `from` to `to` (both included), oldest first. */
  storedTimes(tenantId: string, from: number, to: number): Promise<number[]>;
  addReading(reading: Reading): Promise<AddOutcome>;
  /**
   * Adds new readings in one transaction, all or nothing; existing readings are never changed, and a
   * reading repeated in the list is added once (the first). Rejects with a StorageFailure, or with the
   * signal's reason when it was aborted first.
   */
  addReadings(readings: readonly Reading[], options?: AddReadingsOptions): Promise<AddCounts>;
  setNote(tenantId: string, time: number, note: string | undefined): Promise<void>;
  deleteTenantHistory(tenantId: string): Promise<number>;
  tenants(): Promise<TenantRecord[]>;
  rememberTenant(tenant: TenantRecord): Promise<void>;
  getPref<T>(key: string): Promise<T | undefined>;
  setPref(key: string, value: unknown): Promise<void>;
}

/** How many writes a bulk add issues at a time: small enough that no chunk holds the main thread for long. */
export const WRITE_CHUNK_SIZE = 500;

/** The earliest and latest time of each tenant's readings in a list: the key ranges a bulk add reads. */
export function timeSpansByTenant(readings: readonly Reading[]): Map<string, { from: number; to: number }> {
  const spans = new Map<string, { from: number; to: number }>();
  for (const { tenantId, time } of readings) {
    const span = spans.get(tenantId);
    if (!span) spans.set(tenantId, { from: time, to: time });
    else if (time < span.from) span.from = time;
    else if (time > span.to) span.to = time;
  }
  return spans;
}

/**
 * The readings of a list that are not stored yet, given the stored times of each tenant; a reading that
 * repeats an earlier one in the list is left out (the first wins). Adds the kept times to `storedTimes`.
 */
export function readingsToAdd(readings: readonly Reading[], storedTimes: Map<string, Set<number>>): Reading[] {
  const toAdd: Reading[] = [];
  for (const reading of readings) {
    let times = storedTimes.get(reading.tenantId);
    if (!times) storedTimes.set(reading.tenantId, (times = new Set()));
    if (times.has(reading.time)) continue;
    times.add(reading.time);
    toAdd.push(reading);
  }
  return toAdd;
}

/** Answers "is this reading already kept?" for a list of readings, from the stored keys over each tenant's span. */
export async function storedReadingLookup(store: HistoryStore, readings: readonly Reading[]): Promise<(tenantId: string, time: number) => boolean> {
  const spans = [...timeSpansByTenant(readings)];
  const times = await Promise.all(spans.map(([tenantId, { from, to }]) => store.storedTimes(tenantId, from, to)));
  const stored = new Map(spans.map(([tenantId], index) => [tenantId, new Set(times[index])]));
  return (tenantId, time) => stored.get(tenantId)?.has(time) ?? false;
}
