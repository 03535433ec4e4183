import { MemoryStore } from '../history/memory-store';
import { StorageFailure, type HistoryStore, type TenantRecord } from '../history/history-store';
import { openIndexedDbStore, toStorageFailure } from '../history/indexeddb-store';
import { compareByTime, type Reading } from '../history/reading';

const LAST_TENANT_PREF = 'lastTenantId';
const CHANNEL_NAME = 'scoreline-history';

type HistoryMessage = { type: 'changed'; tenantId: string };

/** The stored readings of the tenant on screen, kept in step with IndexedDB and with other tabs. */
export class HistoryState {
  /** Oldest first. */
  readings = $state.raw<Reading[]>([]);
  tenantId = $state<string | undefined>();
  tenants = $state.raw<TenantRecord[]>([]);
  loaded = $state(false);
  persistent = $state(true);
  problem = $state<StorageFailure | undefined>();
  /** Another tab opened a newer version of the database: this one must be reloaded. */
  otherTabConflict = $state<'newer-version' | undefined>();

  #store: HistoryStore | undefined;
  #channel: BroadcastChannel | undefined;

  /** Opens the database and shows the last tenant's history, before any sign-in or network. */
  async open(): Promise<void> {
    try {
      this.#store = await openIndexedDbStore({ onClosedByNewerVersion: () => (this.otherTabConflict = 'newer-version') });
    } catch (error) {
      this.problem = toStorageFailure(error);
      this.#store = new MemoryStore();
      this.persistent = false;
    }
    this.#listenToOtherTabs();
    const lastTenantId = await this.#attempt(() => this.store.getPref<string>(LAST_TENANT_PREF));
    this.tenants = (await this.#attempt(() => this.store.tenants())) ?? [];
    if (lastTenantId && !this.tenantId) await this.show(lastTenantId);
    this.loaded = true;
  }

  get store(): HistoryStore {
    if (!this.#store) throw new StorageFailure('closed');
    return this.#store;
  }

  /** Switches the screen to a tenant's history and remembers it for the next visit. */
  async show(tenantId: string, label?: string): Promise<void> {
    this.tenantId = tenantId;
    await this.reload();
    await this.#attempt(() => this.store.setPref(LAST_TENANT_PREF, tenantId));
    if (label) {
      await this.#attempt(() => this.store.rememberTenant({ tenantId, label, lastUsed: Date.now() }));
      this.tenants = (await this.#attempt(() => this.store.tenants())) ?? this.tenants;
    }
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
    if (reading.tenantId !== this.tenantId) return;
    if (outcome === undefined) {
      if (!this.readings.some((r) => r.time === reading.time)) this.readings = [...this.readings, reading].sort(compareByTime);
      return;
    }
    await this.reload();
    this.#channel?.postMessage({ type: 'changed', tenantId: reading.tenantId } satisfies HistoryMessage);
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
      if (event.data?.type === 'changed' && event.data.tenantId === this.tenantId) void this.reload();
    };
  }
}

export const history = new HistoryState();
