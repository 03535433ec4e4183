import type { SeriesReading } from '../history/series-store';
import type { SeriesName } from '../history/series';
import type { Recommendation } from '../recommendations/recommendation';
import {
  StorageFailure,
  type AddCounts,
  type AddHistoryOptions,
  type AddOutcome,
  type HistoryRecords,
  type HistoryStore,
  type TenantRecord,
} from '../history/history-store';
import { toStorageFailure, type OpenOptions } from '../history/indexeddb-store';
import type { StoredHistory } from '../history/import-summary';
import type { Note } from '../history/note';
import { tenantIdsOf, type Reading } from '../history/reading';
import { scoreRuns, type ScoreRun } from '../history/score-runs';
import { NO_RECORDS, readLatestRuns, readScreenRecords, withNote, withReading, type ScreenRecords } from '../history/screen-records';
import { err, ok, type Result } from '../util/result';
import { isHistoryChanged, type HistoryChannel } from './history-channel';
import { PREF, Preferences } from './preferences';
import { recordDeletions } from '../history/deletions';



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
   * The runs on screen, oldest first, with their notes: those lasting to `since` or later (all when it is
   * undefined), led by the last run before it, whose score may still hold at the start of the range.
   */
  runs = $state.raw<ScoreRun[]>([]);
  /** The newest two runs of the tenant, oldest first, whatever the range: the score, since when, and its change. */
  latest = $state.raw<ScoreRun[]>([]);
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
  /** Grows with each write this tab makes (a reading, a note, an import, a deletion): what a sync of the history waits for. */
  changes = $state(0);
  /** The name people see for the tenant on screen. */
  tenantLabel = $derived(this.tenants.find((t) => t.tenantId === this.tenantId)?.label ?? 'tenant');

  readonly #deps: HistoryDependencies;
  readonly #preferences = new Preferences(() => this.store);
  #store: HistoryStore | undefined;
  #showRequests = 0;
  /** Readings this tab has added; a read that overlapped one is read again. */
  #writes = 0;
  #shown: ScreenRecords = NO_RECORDS;
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
    // Tenant and runs change together, so the screen never shows one tenant with another's history;
    // of two quick switches, the later one wins however long each read takes.
    const request = ++this.#showRequests;
    if (tenantId !== this.tenantId) {
      // The score first (a few runs, however long the history), then the range.
      const latest = await this.#attempt(() => readLatestRuns(this.store, tenantId));
      if (request !== this.#showRequests) return ok(undefined);
      this.tenantId = tenantId;
      this.#showRecords({ ...NO_RECORDS, latest: latest.ok ? latest.value : [] });
      this.readingRange = true;
    }
    const read = await this.#readSettled(tenantId);
    if (request !== this.#showRequests) return ok(undefined);
    this.tenantId = tenantId;
    this.#showRecords(read.ok ? read.value : NO_RECORDS);
    this.readingRange = false;
    if (!read.ok) return read;
    await this.#preferences.keep(PREF.lastTenantId, tenantId);
    return ok(undefined);
  }

  /**
   * Makes the runs on screen reach back to `since` (undefined: all of them). Only a longer reach reads
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
    if (request === this.#showRequests && tenantId === this.tenantId) this.#showRecords(read.value);
    return ok(undefined);
  }

  /** Reads what the screen shows, again if this tab added a reading meanwhile (the read may have missed it). */
  async #readSettled(tenantId: string): Promise<StorageOutcome<ScreenRecords>> {
    for (;;) {
      const writes = this.#writes;
      const read = await this.#attempt(() => readScreenRecords(this.store, tenantId, this.since));
      if (!read.ok || writes === this.#writes) return read;
    }
  }

  #showRecords(records: ScreenRecords): void {
    this.#shown = records;
    this.runs = scoreRuns(records.runs, records.notes);
    this.latest = scoreRuns(records.latest).slice(-2);
  }

  /** Folds a new reading into the history; the screen shows it even if storage fails, and says so. */
  async add(reading: Reading): Promise<StorageOutcome<AddOutcome>> {
    const outcome = await this.#attempt(() => this.store.addReading(reading));
    if (outcome.ok && outcome.value !== 'present') this.#writes += 1;
    if (reading.tenantId === this.tenantId) this.#showRecords(withReading(this.#shown, reading));
    if (!outcome.ok) return outcome;
    this.#announce([reading.tenantId]);
    if (outcome.value === 'added' && !this.evictionProtected) this.evictionProtected = await this.#deps.protectStorage();
    return outcome;
  }

  /** Keeps one refresh's exposure or device group values, and the groups' names, folded into their series' runs. */
  async addSeries(readings: readonly SeriesReading[], names: readonly SeriesName[] = []): Promise<StorageOutcome<void>> {
    return this.#attempt(() => this.store.addSeriesReadings(readings, names));
  }

  /** Keeps one read of a tenant's recommendation list as the changes it makes to the log. */
  async addRecommendationRead(tenantId: string, time: number, recommendations: readonly Recommendation[]): Promise<StorageOutcome<number>> {
    return this.#attempt(() => this.store.addRecommendationRead(tenantId, time, recommendations));
  }

  /** When the tenant's recommendation list was last read and kept, looking back no further than `since`. */
  async lastRecommendationsRead(tenantId: string, since: number): Promise<number | undefined> {
    const reads = await this.#attempt(() => this.store.recommendationReads(tenantId, since));
    return reads.ok ? reads.value.at(-1)?.time : undefined;
  }

  /** Writes, replaces or (with no text) deletes the note at a time of the tenant on screen. */
  async setNote(time: number, text: string | undefined): Promise<StorageOutcome<void>> {
    const tenantId = this.tenantId;
    if (!tenantId) return ok(undefined);
    const note: Note | undefined = text ? { tenantId, time, text, edited: this.#deps.now() } : undefined;
    const saved = await this.#attempt(() => (note ? this.store.putNote(note) : this.store.deleteNote(tenantId, time, this.#deps.now())));
    if (!saved.ok) return saved;
    // The one note changes on screen; a long range is not read again for it.
    if (tenantId === this.tenantId) this.#showRecords(withNote(this.#shown, time, note));
    this.#announce([tenantId]);
    return saved;
  }

  /**
   * Everything stored of the tenant on screen (or of the tenants named), for exports: device score runs and notes,
   * the runs of the other series, group names, the recommendation change log and reads, goals, alert rules and alert log.
   */
  async allHistory(tenantIds?: readonly string[]): Promise<StorageOutcome<Required<HistoryRecords>>> {
    const chosen = tenantIds ?? (this.tenantId ? [this.tenantId] : []);
    // Loaded with the export that needs it, never with the history.
    return this.#attempt(async () => (await import('../history/all-history')).readAllHistory(this.store, chosen));
  }

  /** How many runs of the tenant on screen are stored, whatever the range. */
  async countRuns(): Promise<StorageOutcome<number>> {
    const tenantId = this.tenantId;
    return tenantId ? this.#attempt(() => this.store.countRuns(tenantId)) : ok(0);
  }

  /** Deletes the stored runs and notes of the tenant on screen, and nothing else. */
  async deleteTenantHistory(): Promise<StorageOutcome<number>> {
    const tenantId = this.tenantId;
    if (!tenantId) return ok(0);
    const deleted = await this.#attempt(() => this.store.deleteTenantHistory(tenantId));
    if (!deleted.ok) return deleted;
    // Kept whether or not the history is synced: a sync turned on later must not bring the deleted readings back.
    await this.#attempt(() => recordDeletions(this.store, [[tenantId, this.#deps.now()]]));
    await this.reload();
    this.#announce([tenantId]);
    return deleted;
  }

  /** What the store holds of these records' tenants and times: for an import's preview. */
  storedLookup(records: HistoryRecords): Promise<StorageOutcome<StoredHistory>> {
    return this.#attempt(async () => {
      // Loaded with the import that needs it, never with the history.
      const { storedHistoryFor } = await import('../history/import-summary');
      return storedHistoryFor(this.store, records);
    });
  }

  /**
   * Joins imported records (runs and notes, and the other series and the recommendation log when there are
   * any) into the stored history in one transaction, all or nothing; nothing stored is lost. Tenants not yet
   * known are remembered under `labelFor`'s name. Views of the other records read them again themselves:
   * `othersAdded` in the counts says whether there is anything new for them.
   */
  async addImported(records: HistoryRecords, labelFor: (tenantId: string) => string, options: AddHistoryOptions = {}): Promise<StorageOutcome<AddCounts>> {
    const written = await this.#attempt(() => this.store.addHistory(records, options));
    if (!written.ok) return written;
    const tenantIds = tenantIdsOfRecords(records);
    for (const tenantId of tenantIds) {
      if (!this.tenants.some((t) => t.tenantId === tenantId)) await this.rememberTenant(tenantId, labelFor(tenantId), 0);
    }
    if (!this.tenantId && tenantIds[0]) await this.show(tenantIds[0]);
    else await this.reload();
    this.#announce(tenantIds);
    return written;
  }

  #announce(tenantIds: string[]): void {
    this.changes += 1;
    this.#channel?.postMessage({ type: 'changed', tenantIds });
  }

  /** Records were joined in from elsewhere (a sync of the history): the tenants, the history on screen and other tabs catch up. */
  async joinedFromElsewhere(tenantIds: string[]): Promise<void> {
    await this.#readTenants();
    if (!this.tenantId && tenantIds[0]) await this.show(tenantIds[0]);
    else await this.reload();
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

/** The tenants of every list of the records, each once, in order of first appearance. */
export function tenantIdsOfRecords(records: HistoryRecords): string[] {
  const { runs, notes, seriesRuns = [], seriesNames = [], recommendationChanges = [], recommendationReads = [], goals = [], alertRules = [], alertLog = [] } = records;
  return tenantIdsOf([...runs, ...notes, ...seriesRuns, ...seriesNames, ...recommendationChanges, ...recommendationReads, ...goals, ...alertRules, ...alertLog]);
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
