import { StorageFailure, storedReadingLookup, type AddOutcome, type AddReadingsOptions, type HistoryStore, type TenantRecord } from '../history/history-store';
import { toStorageFailure, type OpenOptions } from '../history/indexeddb-store';
import { compareByTime, tenantIdsOf, type Reading } from '../history/reading';
import { err, ok, type Result } from '../util/result';
import { isHistoryChanged, type HistoryChannel } from './history-channel';
import { PREF, Preferences } from './preferences';

interface ScreenReadings {
  readings: Reading[];
  latest: Reading[];
}

/** What every history verb gives back: it never throws, and a failure is also kept in `problem`. */
export type StorageOutcome<T> = Result<T, StorageFailure>;

type StoreEvents = Pick<OpenOptions, 'onClosedByNewerVersion' | 'onTerminated'>;

export interface HistoryDependencies {
  /** Opens the database, or throws a StorageFailure; the events report what happens to it later. */
  openStore(events: StoreEvents): Promise<HistoryStore>;
  /** How other tabs are told about changes; undefined where the browser has no BroadcastChannel. */
  openChannel(): HistoryChannel | undefined;
  /** Asks the browser not to evict the history under storage pressure; resolves to whether it promised. */
  protectStorage(): Promise<boolean | undefined>;
  now(): number;
}

/**
 * The stored readings of the tenant on screen, kept in step with IndexedDB and with other tabs.
 * Every verb resolves to a StorageOutcome and never throws; the last failure is in `problem` until
 * the next success.
 */
export class HistoryState {
  /**
   * The readings on screen, oldest first: those since `since` (all when it is undefined), led by the
   * last reading before it, whose score still holds at the start of the range.
   */
  readings = $state.raw<Reading[]>([]);
  /** The newest two readings of the tenant, oldest first, whatever the range: the score and its change. */
  latest = $state.raw<Reading[]>([]);
  /** How far back `readings` reach (epoch ms); undefined: the whole history. */
  since = $state<number | undefined>();
  /** The readings of the range are being read: a tenant just shown, or a longer range just chosen. */
  readingRange = $state(false);
  tenantId = $state<string | undefined>();
  tenants = $state.raw<TenantRecord[]>([]);
  /** False when the browser allows no storage: readings then last only as long as this tab. */
  keepsReadings = $state(true);
  problem = $state<StorageFailure | undefined>();
  /** Whether the browser promised not to clear the history when space runs low (undefined: not asked yet). */
  evictionProtected = $state<boolean | undefined>();
  /** Another tab opened a newer version of the database: this one must be reloaded. */
  otherTabConflict = $state<'newer-version' | undefined>();
  /** The name people see for the tenant on screen. */
  tenantLabel = $derived(this.tenants.find((t) => t.tenantId === this.tenantId)?.label ?? 'tenant');

  readonly #deps: HistoryDependencies;
  readonly #preferences = new Preferences(() => this.store);
  #store: HistoryStore | undefined;
  #showRequests = 0;
  /** Readings this tab has added; a read that overlapped one is read again. */
  #writes = 0;
  #channel: HistoryChannel | undefined;

  constructor(deps: HistoryDependencies) {
    this.#deps = deps;
  }

  get store(): HistoryStore {
    if (!this.#store) throw new StorageFailure('closed');
    return this.#store;
  }

  /** Opens the database (or, where the browser allows none, a store for this tab only) and lists the tenants. */
  async open(): Promise<StorageOutcome<void>> {
    try {
      this.#store = await this.#deps.openStore({
        onClosedByNewerVersion: () => (this.otherTabConflict = 'newer-version'),
        onTerminated: () => (this.problem = new StorageFailure('unknown')),
      });
    } catch (error) {
      this.problem = toStorageFailure(error);
      // Rarely needed, so not on the start-up path of every other visit.
      const { MemoryStore } = await import('../history/memory-store');
      this.#store = new MemoryStore();
      this.keepsReadings = false;
    }
    this.#listenToOtherTabs();
    const tenants = await this.#attempt(() => this.store.tenants());
    if (tenants.ok) this.tenants = tenants.value;
    return this.keepsReadings ? ok(undefined) : err(this.problem ?? new StorageFailure('unavailable'));
  }

  /** The tenant that was on screen last time, if any. */
  lastTenantId(): Promise<string | undefined> {
    return this.#preferences.tenantId(PREF.lastTenantId);
  }

  /** Switches the screen to a tenant's history and remembers it for the next visit. */
  async show(tenantId: string): Promise<StorageOutcome<void>> {
    // Tenant and readings change together, so the screen never shows one tenant with another's readings;
    // of two quick switches, the later one wins however long each read takes.
    const request = ++this.#showRequests;
    if (tenantId !== this.tenantId) {
      // The score first (two readings, however long the history), then the range.
      const latest = await this.#attempt(() => this.store.latestReadings(tenantId, 2));
      if (request !== this.#showRequests) return ok(undefined);
      this.tenantId = tenantId;
      this.#showRead({ readings: [], latest: latest.ok ? latest.value : [] });
      this.readingRange = true;
    }
    const read = await this.#readSettled(tenantId);
    if (request !== this.#showRequests) return ok(undefined);
    this.tenantId = tenantId;
    this.#showRead(read.ok ? read.value : { readings: [], latest: [] });
    this.readingRange = false;
    if (!read.ok) return read;
    await this.#preferences.keep(PREF.lastTenantId, tenantId);
    return ok(undefined);
  }

  /**
   * Makes the readings on screen reach back to `since` (undefined: all of them). Only a longer reach reads
   * the store again; a shorter one keeps what is already there.
   */
  async reachBack(since: number | undefined): Promise<StorageOutcome<void>> {
    const reachesFurther = this.since !== undefined && (since === undefined || since < this.since);
    this.since = reachesFurther || !this.tenantId ? since : this.since;
    if (!reachesFurther || !this.tenantId) return ok(undefined);
    this.readingRange = true;
    const reloaded = await this.reload();
    this.readingRange = false;
    return reloaded;
  }

  /** Remembers a tenant the user signed in to (or imported), under the name people see. */
  async rememberTenant(tenantId: string, label: string, lastUsed: number = this.#deps.now()): Promise<StorageOutcome<void>> {
    const remembered = await this.#attempt(() => this.store.rememberTenant({ tenantId, label, lastUsed }));
    if (remembered.ok) await this.#readTenants();
    return remembered;
  }

  async reload(): Promise<StorageOutcome<void>> {
    const tenantId = this.tenantId;
    if (!tenantId) return ok(undefined);
    const request = this.#showRequests;
    const read = await this.#readSettled(tenantId);
    if (!read.ok) return read;
    if (request === this.#showRequests && tenantId === this.tenantId) this.#showRead(read.value);
    return ok(undefined);
  }

  /** Reads what the screen shows, again if this tab added a reading meanwhile (the read may have missed it). */
  async #readSettled(tenantId: string): Promise<StorageOutcome<ScreenReadings>> {
    for (;;) {
      const writes = this.#writes;
      const read = await this.#read(tenantId, this.since);
      if (!read.ok || writes === this.#writes) return read;
    }
  }

  /** The readings since a time (with the one before it) and the latest two, by key range: never more. */
  #read(tenantId: string, since: number | undefined): Promise<StorageOutcome<ScreenReadings>> {
    return this.#attempt(async () => {
      const [inRange, before, latest] = await Promise.all([
        this.store.readingsFor(tenantId, since),
        since === undefined ? [] : this.store.latestReadings(tenantId, 1, since),
        this.store.latestReadings(tenantId, 2),
      ]);
      return { readings: [...before, ...inRange], latest };
    });
  }

  #showRead({ readings, latest }: ScreenReadings): void {
    this.readings = readings;
    this.latest = latest;
  }

  /** Keeps a new reading; the screen shows it even if storage fails, and says so. */
  async add(reading: Reading): Promise<StorageOutcome<AddOutcome>> {
    const outcome = await this.#attempt(() => this.store.addReading(reading));
    if (outcome.ok && outcome.value === 'added') this.#writes += 1;
    // A stored reading always wins over a new one at the same time: only an added (or unsaved) one is new on screen.
    if (reading.tenantId === this.tenantId && (!outcome.ok || outcome.value === 'added')) this.#showAdded(reading);
    if (!outcome.ok) return outcome;
    this.#announce([reading.tenantId]);
    if (outcome.value === 'added' && !this.evictionProtected) this.evictionProtected = await this.#deps.protectStorage();
    return outcome;
  }

  /** Puts a new reading on screen without reading the store again (a long range can hold many readings). */
  #showAdded(reading: Reading): void {
    if (this.readings.some((r) => r.time === reading.time)) return;
    this.#showRead({ readings: withReading(this.readings, reading), latest: withReading(this.latest, reading).slice(-2) });
  }

  /** Sets or clears the note on one reading of the tenant on screen. */
  async setNote(time: number, note: string | undefined): Promise<StorageOutcome<void>> {
    const tenantId = this.tenantId;
    if (!tenantId) return ok(undefined);
    const saved = await this.#attempt(() => this.store.setNote(tenantId, time, note));
    if (!saved.ok) return saved;
    // The one reading changes on screen; a long range is not read again for it.
    const noted = (r: Reading): Reading => (r.time !== time ? r : withNote(r, note));
    if (tenantId === this.tenantId) this.#showRead({ readings: this.readings.map(noted), latest: this.latest.map(noted) });
    this.#announce([tenantId]);
    return saved;
  }

  /** Every stored reading of the tenant on screen, oldest first (for exports). */
  async allReadings(): Promise<StorageOutcome<Reading[]>> {
    const tenantId = this.tenantId;
    return tenantId ? this.#attempt(() => this.store.readingsFor(tenantId)) : ok([]);
  }

  /** How many readings of the tenant on screen are stored, whatever the range. */
  async countReadings(): Promise<StorageOutcome<number>> {
    const tenantId = this.tenantId;
    return tenantId ? this.#attempt(() => this.store.countReadings(tenantId)) : ok(0);
  }

  /** Deletes the stored readings of the tenant on screen, and nothing else. */
  async deleteTenantHistory(): Promise<StorageOutcome<number>> {
    const tenantId = this.tenantId;
    if (!tenantId) return ok(0);
    const deleted = await this.#attempt(() => this.store.deleteTenantHistory(tenantId));
    if (!deleted.ok) return deleted;
    await this.reload();
    this.#announce([tenantId]);
    return deleted;
  }

  /** Answers "is this reading already kept?" for these readings, from the stored keys alone. */
  storedReadingLookup(readings: readonly Reading[]): Promise<StorageOutcome<(tenantId: string, time: number) => boolean>> {
    return this.#attempt(() => storedReadingLookup(this.store, readings));
  }

  /**
   * Adds new readings in one transaction, all of them or none; existing readings are never changed.
   * Tenants not yet known are remembered under `labelFor`'s name. Resolves to the number added.
   */
  async addImported(readings: readonly Reading[], labelFor: (tenantId: string) => string, options: AddReadingsOptions = {}): Promise<StorageOutcome<number>> {
    const written = await this.#attempt(() => this.store.addReadings(readings, options));
    if (!written.ok) return written;
    const tenantIds = tenantIdsOf(readings);
    for (const tenantId of tenantIds) {
      if (!this.tenants.some((t) => t.tenantId === tenantId)) await this.rememberTenant(tenantId, labelFor(tenantId), 0);
    }
    if (!this.tenantId && tenantIds[0]) await this.show(tenantIds[0]);
    else await this.reload();
    this.#announce(tenantIds);
    return ok(written.value.added);
  }

  #announce(tenantIds: string[]): void {
    this.#channel?.postMessage({ type: 'changed', tenantIds });
  }

  async #readTenants(): Promise<void> {
    const tenants = await this.#attempt(() => this.store.tenants());
    if (tenants.ok) this.tenants = tenants.value;
  }

  async #attempt<T>(operation: () => Promise<T>): Promise<StorageOutcome<T>> {
    try {
      const value = await operation();
      if (this.keepsReadings) this.problem = undefined;
      return ok(value);
    } catch (error) {
      const failure = toStorageFailure(error);
      // A cancelled write is the user's choice, not a storage problem to warn about.
      if (!isAbort(error)) this.problem = failure;
      return err(failure);
    }
  }

  #listenToOtherTabs(): void {
    if (!this.keepsReadings) return;
    this.#channel = this.#deps.openChannel();
    if (!this.#channel) return;
    this.#channel.onmessage = (event) => {
      if (!isHistoryChanged(event.data)) return;
      void this.#readTenants();
      if (this.tenantId && event.data.tenantIds.includes(this.tenantId)) void this.reload();
    };
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** The readings with one more, still oldest first; a new reading is nearly always the newest. */
function withReading(readingsOldestFirst: readonly Reading[], reading: Reading): Reading[] {
  const last = readingsOldestFirst.at(-1);
  if (!last || last.time < reading.time) return [...readingsOldestFirst, reading];
  return [...readingsOldestFirst, reading].sort(compareByTime);
}

function withNote({ note: _old, ...reading }: Reading, note: string | undefined): Reading {
  return note ? { ...reading, note } : reading;
}
