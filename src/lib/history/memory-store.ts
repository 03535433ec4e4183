import type { AddOutcome, HistoryStore, TenantRecord } from './history-store';
import { compareByTime, readingKey, type Reading } from './reading';

/** Keeps readings for this session only, when the browser offers no IndexedDB. */
export class MemoryStore implements HistoryStore {
  readonly #readings = new Map<string, Reading>();
  readonly #tenants = new Map<string, TenantRecord>();
  readonly #prefs = new Map<string, unknown>();

  async readingsFor(tenantId: string): Promise<Reading[]> {
    return [...this.#readings.values()].filter((r) => r.tenantId === tenantId).sort(compareByTime);
  }

  async addReading(reading: Reading): Promise<AddOutcome> {
    const key = readingKey(reading.tenantId, reading.time);
    if (this.#readings.has(key)) return 'present';
    this.#readings.set(key, { ...reading });
    return 'added';
  }

  async addReadings(readings: readonly Reading[]): Promise<{ added: number; present: number }> {
    let added = 0;
    for (const reading of readings) if ((await this.addReading(reading)) === 'added') added += 1;
    return { added, present: readings.length - added };
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

  close(): void {}
}
