import type { HistoryStore } from '../history/history-store';
import type { DriveFailure } from '../sync/drive-failure';
import type { DriveItem } from '../sync/graph-drive';
import type { KnownFiles, SkippedFile } from '../sync/sync-engine';
import type { SyncRequest } from '../sync/history-sync-run';
import { SYNC_PREF } from './history-sync-pref';

export { SYNC_PREF };

/** The permission asked for: the app's own folder in the user's OneDrive, nothing else of it. */
export const APP_FOLDER_PERMISSION = 'Files.ReadWrite.AppFolder';

/** How often a synced history is synced while Scoreline is open, besides after each change. */
export const SYNC_INTERVAL_MS = 15 * 60 * 1000;

export type SyncStatus = 'off' | 'idle' | 'syncing' | 'failed';

/** A file of the folder as shown: what the listing said of it. */
export type FolderFile = Pick<DriveItem, 'name' | 'size' | 'lastModified'>;

export interface HistorySyncDependencies {
  store(): HistoryStore;
  now(): number;
  /** The tenant of the signed-in account the sync is turned on with; undefined when signed out. */
  signedInTenant(): string | undefined;
  graphOrigin(): string | undefined;
  /** A Graph token for the app folder: silent, or (interactive) through Entra ID's consent page, which leaves the page. */
  graphToken(tenantId: string, interactive: boolean): Promise<{ ok: true; value: { accessToken: string } | 'redirecting' } | { ok: false }>;
  isOnline(): boolean;
  /** Runs the sync alone across this browser's tabs. */
  underLock(run: () => Promise<void>): Promise<void>;
  /** The sync engine, loaded only when sync is on. */
  loadRun(): Promise<typeof import('../sync/history-sync-run')>;
  /** Records were joined in: the history on screen and other tabs catch up. */
  joined(tenantIds: string[]): Promise<void>;
  fetch?: SyncRequest['fetch'];
}

/**
 * "Keep my history in OneDrive": off by default; on, the history is joined with the files of the app folder of the
 * account it was turned on with, after each change, every 15 minutes while open, and when back online. Off, nothing
 * is synced and nothing is deleted, here or there. Every failure is named and leaves the history as it was.
 */
export class HistorySyncState {
  status = $state<SyncStatus>('off');
  /** The tenant whose signed-in account's OneDrive holds the history. */
  tenantId = $state<string | undefined>();
  lastSynced = $state<number | undefined>();
  /** Files this device would write at the next sync (undefined: not counted yet). */
  waiting = $state<number | undefined>();
  failure = $state.raw<DriveFailure | undefined>();
  folder = $state.raw<FolderFile[]>([]);
  skipped = $state.raw<SkippedFile[]>([]);
  readonly #deps: HistorySyncDependencies;
  #again = false;
  #running: Promise<void> | undefined;

  constructor(deps: HistorySyncDependencies) {
    this.#deps = deps;
  }

  get on(): boolean {
    return this.status !== 'off';
  }

  /** Reads the choice and what is known of the folder; when on, syncs. */
  async load(): Promise<void> {
    const store = this.#deps.store();
    const choice = await store.getPref<{ on?: unknown; tenantId?: unknown }>(SYNC_PREF.choice).catch(() => undefined);
    this.lastSynced = numberOr(await store.getPref(SYNC_PREF.lastSynced).catch(() => undefined));
    const folder = await store.getPref(SYNC_PREF.folder).catch(() => undefined);
    this.folder = Array.isArray(folder) ? (folder as FolderFile[]) : [];
    if (choice?.on !== true || typeof choice.tenantId !== 'string') return;
    this.tenantId = choice.tenantId;
    this.status = 'idle';
    await this.sync();
  }

  /** From a click: asks for the app folder permission (Entra ID's consent page if needed), then syncs. */
  async turnOn(): Promise<void> {
    const tenantId = this.#deps.signedInTenant();
    if (!tenantId) return this.#fail({ kind: 'no-token' });
    await this.#deps.store().setPref(SYNC_PREF.choice, { on: true, tenantId });
    this.tenantId = tenantId;
    this.status = 'idle';
    const token = await this.#deps.graphToken(tenantId, true);
    // Leaving for the consent page: the sync goes on when the page comes back, the choice being kept.
    if (token.ok && token.value === 'redirecting') return;
    await this.sync();
  }

  /** Stops syncing. Nothing is deleted: the history stays here, and its files stay in OneDrive. */
  async turnOff(): Promise<void> {
    await this.#deps.store().setPref(SYNC_PREF.choice, { on: false });
    this.status = 'off';
    this.failure = undefined;
    this.waiting = undefined;
  }

  /** Syncs now; a sync asked for while one runs follows it. */
  async sync(): Promise<void> {
    if (!this.on) return;
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#syncRounds().finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #syncRounds(): Promise<void> {
    do {
      this.#again = false;
      await this.#deps.underLock(() => this.#syncOnce());
    } while (this.#again && this.on);
  }

  async #syncOnce(): Promise<void> {
    const tenantId = this.tenantId;
    const graphOrigin = this.#deps.graphOrigin();
    if (!tenantId || !graphOrigin) return;
    const run = await this.#deps.loadRun();
    const store = this.#deps.store();
    const known = knownOf(await store.getPref(SYNC_PREF.known).catch(() => undefined));
    if (!this.#deps.isOnline()) {
      this.waiting = await run.changesWaiting(store, known).catch(() => undefined);
      return this.#fail({ kind: 'offline' });
    }
    this.status = 'syncing';
    const token = async () => {
      const got = await this.#deps.graphToken(tenantId, false);
      return got.ok && got.value !== 'redirecting' ? got.value.accessToken : undefined;
    };
    const outcome = await run.syncHistory({ store, known, graphOrigin, token, now: this.#deps.now, ...(this.#deps.fetch ? { fetch: this.#deps.fetch } : {}) });
    await store.setPref(SYNC_PREF.known, outcome.ok ? outcome.value.known : outcome.error.known).catch(() => undefined);
    if (!outcome.ok) {
      // A file found unreadable before the failure is named all the same.
      this.skipped = Object.entries(outcome.error.known).flatMap(([name, file]) => (file.skipped === undefined ? [] : [{ name, reason: file.skipped }]));
      this.waiting = await run.changesWaiting(store, outcome.error.known).catch(() => undefined);
      return this.#fail(outcome.error.failure);
    }
    const { folder, skipped, downloaded } = outcome.value;
    this.folder = folder.map(({ name, size, lastModified }) => ({ name, size, lastModified }));
    this.skipped = skipped;
    this.lastSynced = this.#deps.now();
    this.failure = undefined;
    this.status = 'idle';
    this.waiting = await run.changesWaiting(store, outcome.value.known).catch(() => undefined);
    await store.setPref(SYNC_PREF.lastSynced, this.lastSynced).catch(() => undefined);
    await store.setPref(SYNC_PREF.folder, this.folder.map((file) => ({ ...file }))).catch(() => undefined);
    if (downloaded.length > 0) await this.#deps.joined(tenantsOfFiles(downloaded));
  }

  #fail(failure: DriveFailure): void {
    this.failure = failure;
    if (this.on) this.status = 'failed';
  }
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** What is stored of the folder, as far as it has the right shape: anything else is read again. */
function knownOf(value: unknown): KnownFiles {
  const known: KnownFiles = {};
  if (typeof value !== 'object' || value === null) return known;
  for (const [name, file] of Object.entries(value as Record<string, unknown>)) {
    const { eTag, hash, skipped } = (file ?? {}) as Record<string, unknown>;
    if (typeof eTag === 'string' && typeof hash === 'string') known[name] = { eTag, hash, ...(typeof skipped === 'string' ? { skipped } : {}) };
  }
  return known;
}

/** The tenants a list of file names is about. */
function tenantsOfFiles(names: readonly string[]): string[] {
  const tenants = names.map((name) => /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/.exec(name)?.[1]).filter((id): id is string => id !== undefined);
  return [...new Set(tenants)];
}
