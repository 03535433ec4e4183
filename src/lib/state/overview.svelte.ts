import type { HistoryStore } from '../history/history-store';
import { isStale, type TenantSummary } from '../history/tenant-summary';
import { overviewRows, withNewerSummaries, type OverviewRow } from '../overview/overview-rows';
import { portfolio, tableRows, type Portfolio, type SortKey, type TableView } from '../overview/overview-table';
import { REFRESH_ALL_CONCURRENCY, progressAtStart, refreshAll, type RefreshAllProgress, type RefreshFailure, type TenantRefreshOutcome } from '../overview/refresh-all';

export interface OverviewDependencies {
  store(): Pick<HistoryStore, 'tenantSummaries' | 'summarize' | 'tenantsWithHistory' | 'tenants'>;
  /** Tenants with an account signed in to this browser. */
  signedInTenants(): readonly string[];
  /** The Retry-After deadline kept for a tenant's device score. */
  throttledUntil(tenantId: string): Promise<number | undefined>;
  /** Why a tenant's last refresh failed, as kept across reloads (none when its last reading came after). */
  failureOf?(tenantId: string): Promise<RefreshFailure | undefined>;
  /** Refreshes one tenant without leaving the page. */
  refreshTenant(tenantId: string): Promise<TenantRefreshOutcome>;
  now(): number;
  concurrency?: number;
}

/**
 * Every tenant at a glance: their summaries (never their histories), how each stands, the table's sorting
 * and filter, and the verb to refresh them all.
 */
export class OverviewState {
  summaries = $state.raw<TenantSummary[]>([]);
  labels = $state.raw<Readonly<Record<string, string>>>({});
  loaded = $state(false);
  /** The summaries could not be read: the storage's own notice says why. */
  unreadable = $state(false);
  view = $state<TableView>({ sort: 'name', direction: 'ascending', text: '', state: 'all' });
  /** The refresh of every tenant under way, or the last one (its outcomes stay listed until the next). */
  progress = $state.raw<RefreshAllProgress | undefined>();
  running = $state(false);
  /** Cancel was chosen: the tenants under way finish (and keep what they read), no other starts. */
  cancelling = $state(false);
  #deadlines = $state.raw<Readonly<Record<string, number>>>({});
  #failures = $state.raw<Readonly<Record<string, RefreshFailure>>>({});
  #cancel: AbortController | undefined;
  #reloading: Promise<void> | undefined;
  #reloadAgain = false;
  readonly #deps: OverviewDependencies;

  constructor(deps: OverviewDependencies) {
    this.#deps = deps;
  }

  /** Every tenant's row at `now`, in no particular order. */
  rows(now: number): OverviewRow[] {
    const facts = { labels: this.labels, signedIn: this.#deps.signedInTenants(), deadlines: this.#deadlines, failures: this.#failures, outcomes: this.progress?.outcomes };
    return overviewRows(this.summaries, facts, now);
  }

  /** The rows as the table shows them, and the portfolio figures of all of them. */
  table(now: number): { rows: OverviewRow[]; all: OverviewRow[]; portfolio: Portfolio } {
    const all = this.rows(now);
    return { rows: tableRows(all, this.view), all, portfolio: portfolio(all) };
  }

  /**
   * Reads every stored summary and shows them; then works out those missing (tenants kept before summaries
   * were) or stale from their window, and reads the Retry-After deadlines, so neither delays the first rows.
   */
  async load(): Promise<void> {
    try {
      const store = this.#deps.store();
      const now = this.#deps.now();
      const [stored, tenants] = await Promise.all([store.tenantSummaries(), store.tenants()]);
      const fresh = stored.filter((summary) => !isStale(summary, now));
      this.summaries = fresh;
      this.labels = Object.fromEntries(tenants.map((tenant) => [tenant.tenantId, tenant.label]));
      this.unreadable = false;
      this.loaded = true;
      const known = fresh.map((summary) => summary.tenantId);
      const redo = (await store.tenantsWithHistory()).filter((tenantId) => !known.includes(tenantId));
      if (redo.length > 0) this.summaries = withNewerSummaries(this.summaries, await store.summarize(redo));
      [this.#deadlines, this.#failures] = await Promise.all([this.#loadDeadlines(), this.#loadFailures()]);
    } catch {
      if (!this.loaded) this.unreadable = true;
    } finally {
      this.loaded = true;
    }
  }

  sortBy(key: SortKey): void {
    const again = this.view.sort === key;
    this.view.direction = again && this.view.direction === 'ascending' ? 'descending' : again ? 'ascending' : key === 'name' || key === 'state' ? 'ascending' : 'descending';
    this.view.sort = key;
  }

  /** Refreshes every tenant in the overview, a few at a time; the rows follow as each is kept. */
  async refreshAll(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.#cancel = new AbortController();
    const tenantIds = this.summaries.filter((summary) => summary.latest).map((summary) => summary.tenantId);
    try {
      this.progress = progressAtStart(tenantIds.length);
      const deps = {
        refresh: this.#deps.refreshTenant,
        throttledUntil: this.#deps.throttledUntil,
        now: this.#deps.now,
        concurrency: this.#deps.concurrency ?? REFRESH_ALL_CONCURRENCY,
        onProgress: (progress: RefreshAllProgress) => {
          this.progress = progress;
          void this.#reloadSummaries();
        },
      };
      this.progress = await refreshAll(tenantIds, deps, this.#cancel.signal);
      await this.#reloadSummaries();
      this.#failures = await this.#loadFailures();
    } finally {
      this.running = false;
      this.cancelling = false;
      this.#cancel = undefined;
    }
  }

  /** Starts no further tenant; those under way finish and keep what they read. */
  cancel(): void {
    if (!this.#cancel) return;
    this.cancelling = true;
    this.#cancel.abort();
  }

  /** Re-reads the summaries as readings are kept; reads coalesce while one is under way. */
  async #reloadSummaries(): Promise<void> {
    if (this.#reloading) {
      this.#reloadAgain = true;
      return this.#reloading;
    }
    this.#reloading = (async () => {
      do {
        this.#reloadAgain = false;
        const stored = await this.#deps.store().tenantSummaries().catch(() => undefined);
        if (stored) this.summaries = withNewerSummaries(this.summaries, stored);
      } while (this.#reloadAgain);
    })().finally(() => (this.#reloading = undefined));
    return this.#reloading;
  }

  async #loadFailures(): Promise<Record<string, RefreshFailure>> {
    const failureOf = this.#deps.failureOf;
    if (!failureOf) return {};
    const entries = await Promise.all(this.summaries.map(async ({ tenantId }) => [tenantId, await failureOf(tenantId).catch(() => undefined)] as const));
    return Object.fromEntries(entries.filter((entry): entry is readonly [string, RefreshFailure] => entry[1] !== undefined));
  }

  async #loadDeadlines(): Promise<Record<string, number>> {
    const now = this.#deps.now();
    const entries = await Promise.all(this.summaries.map(async ({ tenantId }) => [tenantId, await this.#deps.throttledUntil(tenantId).catch(() => undefined)] as const));
    return Object.fromEntries(entries.filter((entry): entry is readonly [string, number] => entry[1] !== undefined && entry[1] > now));
  }
}
