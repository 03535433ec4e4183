import { MemoryStore } from '../history/memory-store';
import { StorageFailure, storedReadingLookup, type HistoryStore, type TenantRecord } from '../history/history-store';
import { openIndexedDbStore, toStorageFailure } from '../history/indexeddb-store';
import { compareByTime, tenantIdsOf, type Reading } from '../history/reading';

const LAST_TENANT_PREF = 'lastTenantId';
const CHANNEL_NAME = 'scoreline-history';

type HistoryMessage = { type: 'changed'; tenantIds: string[] };

/** The stored readings of the tenant on screen, kept in step with IndexedDB and with other tabs. */
export class HistoryState {
  /** Oldest first. */
  readings = $state.raw<Reading[]>([]);
  tenantId = $state<string | undefined>();
  tenants = $state.raw<TenantRecord[]>([]);
  persistent = $state(true);
  problem = $state<StorageFailure | undefined>();
  /** Whether the browser promised not to clear the history when space runs low (undefined: not known). */
  protected = $state<boolean | undefined>();
  /** Another tab opened a newer version of the database: this one must be reloaded. */
  otherTabConflict = $state<'newer-version' | undefined>();

  #store: HistoryStore | undefined;
  #showRequests = 0;
  #channel: BroadcastChannel | undefined;

  /** Opens the database and shows the last tenant's history, before any sign-in or network. */
  async open(): Promise<void> {
    try {
      this.#store = await openIndexedDbStore({
        onClosedByNewerVersion: () => (this.otherTabConflict = 'newer-version'),
        onTerminated: () => (this.problem = new StorageFailure('unknown')),
      });
    } catch (error) {
      this.problem = toStorageFailure(error);
      this.#store = new MemoryStore();
      this.persistent = false;
    }
    this.#listenToOtherTabs();
    const lastTenantId = await this.#attempt(() => this.store.getPref<string>(LAST_TENANT_PREF));
    this.tenants = (await this.#attempt(() => this.store.tenants())) ?? [];
    if (lastTenantId && !this.tenantId) await this.show(lastTenantId);
  }

  get store(): HistoryStore {
    if (!this.#store) throw new StorageFailure('closed');
    return this.#store;
  }

  /** Switches the screen to a tenant's history and remembers it for the next visit. */
  async show(tenantId: string, label?: string): Promise<void> {
    // Tenant and readings change together, so the screen never shows one tenant with another's readings;
    // of two quick switches, the later one wins however long each read takes.
    const request = ++this.#showRequests;
    // A newly signed-in tenant is remembered even if another switch overtakes this one.
    if (label) {
      await this.#attempt(() => this.store.rememberTenant({ tenantId, label, lastUsed: Date.now() }));
      this.tenants = (await this.#attempt(() => this.store.tenants())) ?? this.tenants;
    }
    const readings = await this.#attempt(() => this.store.readingsFor(tenantId));
    if (request !== this.#showRequests) return;
    this.tenantId = tenantId;
    this.readings = readings ?? [];
    await this.#attempt(() => this.store.setPref(LAST_TENANT_PREF, tenantId));
  }

  async reload(): Promise<void> {
    const tenantId = this.tenantId;
    if (!tenantId) return;
    const readings = await this.#attempt(() => this.store.readingsFor(tenantId));
    if (readings && tenantId === this.tenantId) this.readings = readings;
  }

  /** Keeps a new reading; the screen shows it even if storage fails, and says so. */
  async add(reading: Reading): Promise<void> {
    const outcome = await this.#attempt(() => this.store.addReading(reading));
    const onScreen = reading.tenantId === this.tenantId;
    if (outcome === undefined) {
      if (onScreen && !this.readings.some((r) => r.time === reading.time)) this.readings = [...this.readings, reading].sort(compareByTime);
      return;
    }
    if (onScreen) await this.reload();
    this.#announce([reading.tenantId]);
    if (outcome === 'added' && !this.protected) await this.#askForProtectedStorage();
  }

  /** Microsoft keeps no history of this score: ask the browser not to evict ours under storage pressure. */
  async #askForProtectedStorage(): Promise<void> {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (!storage?.persist) return;
    try {
      this.protected = (await storage.persisted()) || (await storage.persist());
    } catch {
      this.protected = false;
    }
  }

  /** Sets or clears the note on one reading of the tenant on screen. */
  async setNote(time: number, note: string | undefined): Promise<void> {
    const tenantId = this.tenantId;
    if (!tenantId) return;
    const done = await this.#attempt(async () => {
      await this.store.setNote(tenantId, time, note);
      return true;
    });
    if (!done) return;
    await this.reload();
    this.#announce([tenantId]);
  }

  /** Deletes the stored readings of the tenant on screen, and nothing else; throws a StorageFailure if it cannot. */
  async deleteTenantHistory(): Promise<number> {
    const tenantId = this.tenantId;
    if (!tenantId) return 0;
    const deleted = await this.store.deleteTenantHistory(tenantId);
    await this.reload();
    this.#announce([tenantId]);
    return deleted;
  }

  /** Answers "is this reading already kept?" for these readings. */
  storedReadingLookup(readings: readonly Reading[]): Promise<(tenantId: string, time: number) => boolean> {
    return storedReadingLookup(this.store, readings);
  }

  /** Adds new readings in one transaction, all of them or none; existing readings are never changed. */
  async addImported(readings: readonly Reading[], labelFor: (tenantId: string) => string): Promise<number> {
    const { added } = await this.store.addReadings(readings);
    const tenantIds = tenantIdsOf(readings);
    for (const tenantId of tenantIds) {
      if (!this.tenants.some((t) => t.tenantId === tenantId)) await this.#attempt(() => this.store.rememberTenant({ tenantId, label: labelFor(tenantId), lastUsed: 0 }));
    }
    this.tenants = (await this.#attempt(() => this.store.tenants())) ?? this.tenants;
    if (!this.tenantId && tenantIds[0]) await this.show(tenantIds[0]);
    else await this.reload();
    this.#announce(tenantIds);
    return added;
  }

  #announce(tenantIds: string[]): void {
    this.#channel?.postMessage({ type: 'changed', tenantIds } satisfies HistoryMessage);
  }

  async #attempt<T>(operation: () => Promise<T>): Promise<T | undefined> {
    try {
      const value = await operation();
      if (this.persistent) this.problem = undefined;
      return value;
    } catch (error) {
      this.problem = toStorageFailure(error);
      return undefined;
    }
  }

  #listenToOtherTabs(): void {
    if (typeof BroadcastChannel === 'undefined' || !this.persistent) return;
    this.#channel = new BroadcastChannel(CHANNEL_NAME);
    this.#channel.onmessage = (event: MessageEvent<HistoryMessage>) => {
      if (event.data?.type !== 'changed') return;
      void this.#attempt(() => this.store.tenants()).then((tenants) => (this.tenants = tenants ?? this.tenants));
      if (this.tenantId && event.data.tenantIds.includes(this.tenantId)) void this.reload();
    };
  }
}

export const historyState = new HistoryState();
