import { untrack } from 'svelte';
import type { ApiFailure } from '../defender/api-failure';
import type { AuthFailure } from '../auth/auth-failure';
import type { StorageFailure } from '../history/history-store';
import { toStorageFailure } from '../history/indexeddb-store';
import type { RecommendationStore } from '../history/recommendation-store';
import { replayChanges } from '../recommendations/change-log';
import type { Recommendation, RecommendationRead } from '../recommendations/recommendation';

/** Why the last read of a tenant's recommendations failed: the API's answer, or a token that could not be had. */
export type RecommendationsProblem = { source: 'api'; failure: ApiFailure } | { source: 'auth'; failure: AuthFailure };

/**
 * What the refresh offers about recommendations, per tenant: whether the user chose to see them, why their
 * last read failed, and the verb that asks for the permission they need (SecurityRecommendation.Read,
 * through incremental consent; it may leave the page for Entra ID and come back). The score never waits
 * for any of it.
 */
export interface RecommendationsAccess {
  /** Whether the user chose to see this tenant's recommendations; undefined while not known. */
  optedIn(tenantId: string): boolean | undefined;
  problem(tenantId: string): RecommendationsProblem | undefined;
  /** Remembers the choice for the signed-in account's tenant and asks for the permission. Only on a click. */
  enable(): Promise<void>;
}

export interface RecommendationsDependencies {
  store(): RecommendationStore;
  access: RecommendationsAccess;
}

/** Where reading the stored recommendations stands: nothing asked yet, reading, read, or the store failed. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'failed';

/**
 * The recommendations kept for the tenant on screen: when the whole list was read, and — once the user
 * chose to see them — the list as the latest read left it, replayed from the change log. Read again
 * whenever a refresh keeps a new read (`show` with a new version).
 */
export class RecommendationsState {
  tenantId = $state<string | undefined>();
  /** The tenant's reads of the whole list, oldest first: which score readings recommendations describe. */
  reads = $state.raw<RecommendationRead[]>([]);
  /** The list as the latest read left it; undefined until read, when never read, and when the user chose not to see it. */
  current = $state.raw<Recommendation[] | undefined>();
  status = $state<LoadStatus>('idle');
  failure = $state.raw<StorageFailure | undefined>();
  /** The permission is being asked for (a redirect may follow). */
  enabling = $state(false);
  /** When the list was last read; undefined when it never was. */
  readAt = $derived(this.reads.at(-1)?.time);

  readonly #deps: RecommendationsDependencies;
  #shownKey: string | undefined;
  #requests = 0;

  constructor(deps: RecommendationsDependencies) {
    this.#deps = deps;
  }

  /** Whether the user chose to see the recommendations of the tenant on screen; undefined while not known. */
  get optedIn(): boolean | undefined {
    return this.tenantId === undefined ? undefined : this.#deps.access.optedIn(this.tenantId);
  }

  /** Why the last read of the tenant on screen's recommendations failed, if it did. */
  get problem(): RecommendationsProblem | undefined {
    return this.tenantId === undefined ? undefined : this.#deps.access.problem(this.tenantId);
  }

  /**
   * Shows a tenant's recommendations, read again when `version` (AppState.keptVersion) grows or the user's
   * choice becomes known. The same tenant, version and choice read nothing.
   */
  show(tenantId: string | undefined, version: number): Promise<void> {
    // The choice is read where an effect calling this tracks it; what the read changes is not.
    const optedIn = tenantId === undefined ? undefined : this.#deps.access.optedIn(tenantId);
    const key = `${tenantId}\n${version}\n${optedIn}`;
    if (key === this.#shownKey) return Promise.resolve();
    this.#shownKey = key;
    // Recommendations kept earlier show at once, before the refresh has told whether the user still wants them.
    return untrack(() => this.#read(tenantId, optedIn !== false));
  }

  async #read(tenantId: string | undefined, withList: boolean): Promise<void> {
    const request = ++this.#requests;
    if (tenantId !== this.tenantId) {
      this.tenantId = tenantId;
      this.reads = [];
      this.current = undefined;
      this.status = 'idle';
    }
    if (tenantId === undefined) return;
    // What is on screen stays while it is read again; only a first read shows as loading.
    if (this.status !== 'ready') this.status = 'loading';
    try {
      const store = this.#deps.store();
      // The whole log is replayed only for the list itself, and not for a tenant whose user chose not to see it.
      const [reads, log] = await Promise.all([store.recommendationReads(tenantId), withList ? store.recommendationChanges(tenantId) : undefined]);
      if (request !== this.#requests) return;
      this.reads = reads;
      this.current = log && reads.length > 0 ? [...replayChanges(log).values()] : undefined;
      this.failure = undefined;
      this.status = 'ready';
    } catch (error) {
      if (request !== this.#requests) return;
      this.failure = toStorageFailure(error);
      this.status = 'failed';
      // Read again on the next show, even of the same version.
      this.#shownKey = undefined;
    }
  }

  /** The user chose "Show recommendations": asks for the permission (on a click only). */
  async enable(): Promise<void> {
    if (this.enabling) return;
    this.enabling = true;
    try {
      await this.#deps.access.enable();
    } finally {
      this.enabling = false;
    }
  }
}
