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
import { compareByTime, readingKey, type Reading } from './reading';
import { nextTask } from '../util/next-task';

/** Keeps readings for this session only, when the browser offers no IndexedDB. */
export class MemoryStore implements HistoryStore {
  readonly #readings = new Map<string, Reading>();
  readonly #tenants = new Map<string, TenantRecord>();
  readonly #prefs = new Map<string, unknown>();

  async readingsFor(tenantId: string, since = -Infinity): Promise<Reading[]> {
    return this.#readingsOf(tenantId).filter((r) => r.time >= since);
  }

  async latestReadings(tenantId: string, count: number, before = Infinity): Promise<Reading[]> {
    return count > 0 ? this.#readingsOf(tenantId).filter((r) => r.time < before).slice(-count) : [];
  }

  async countReadings(tenantId: string): Promise<number> {
    return this.#readingsOf(tenantId).length;
  }

  async storedTimes(tenantId: string, from: number, to: number): Promise<number[]> {
    return this.#readingsOf(tenantId)
      .filter((r) => r.time >= from && r.time <= to)
      .map((r) => r.time);
  }

  async addReading(reading: Reading): Promise<AddOutcome> {
    const key = readingKey(reading.tenantId, reading.time);
    if (this.#readings.has(key)) return 'present';
    this.#readings.set(key, { ...reading });
    return 'added';
  }

  /** As IndexedDB does it: chunk by chunk with the page getting its turn between them, kept only at the end. */
  async addReadings(readings: readonly Reading[], { onProgress, signal }: AddReadingsOptions = {}): Promise<AddCounts> {
    signal?.throwIfAborted();
    const stored = new Map<string, Set<number>>();
    for (const [tenantId, { from, to }] of timeSpansByTenant(readings)) stored.set(tenantId, new Set(await this.storedTimes(tenantId, from, to)));
    const toAdd = readingsToAdd(readings, stored);
    const staged: Reading[] = [];
    for (let start = 0; start < toAdd.length; start += WRITE_CHUNK_SIZE) {
      if (start > 0) await nextTask();
      signal?.throwIfAborted();
      const end = Math.min(start + WRITE_CHUNK_SIZE, toAdd.length);
      for (const reading of toAdd.slice(start, end)) staged.push(storable(reading));
      try {
        onProgress?.(end, toAdd.length);
      } catch (error) {
        throw new StorageFailure('unknown', error);
      }
    }
    signal?.throwIfAborted();
    for (const reading of staged) {
      const key = readingKey(reading.tenantId, reading.time);
      if (!this.#readings.has(key)) this.#readings.set(key, reading);
    }
    return { added: toAdd.length, present: readings.length - toAdd.length };
  }

  async setNote(tenantId: string, time: number, note: string | undefined): Promise<void> {
    const reading = this.#readings.get(readingKey(tenantId, time));
    if (!reading) return;
    const { note: _old, ...rest } = reading;
    this.#readings.set(readingKey(tenantId, time), note ? { ...rest, note } : rest);
  }

  async deleteTenantHistory(tenantId: string): Promise<number> {
    const keys = [...this.#readings.values()].filter((r) => r.tenantId === tenantId).map((r) => readingKey(r.tenantId, r.time));
    for (const key of keys) this.#readings.delete(key);
    return keys.length;
  }

  async tenants(): Promise<TenantRecord[]> {
    return [...this.#tenants.values()];
  }

  async rememberTenant(tenant: TenantRecord): Promise<void> {
    this.#tenants.set(tenant.tenantId, { ...tenant });
  }

  async getPref<T>(key: string): Promise<T | undefined> {
    return this.#prefs.get(key) as T | undefined;
  }

  async setPref(key: string, value: unknown): Promise<void> {
    this.#prefs.set(key, value);
  }

  #readingsOf(tenantId: string): Reading[] {
    return [...this.#readings.values()].filter((r) => r.tenantId === tenantId).sort(compareByTime);
  }
}

/** A copy of the reading, or a StorageFailure for one IndexedDB would refuse: its key must be a string and a number. */
function storable(reading: Reading): Reading {
  if (typeof reading.tenantId !== 'string' || typeof reading.time !== 'number' || Number.isNaN(reading.time)) {
    throw new StorageFailure('unknown', new DOMException('The reading has no valid key.', 'DataError'));
  }
  return { ...reading };
}
