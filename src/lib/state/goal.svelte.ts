import type { HistoryStore } from '../history/history-store';
import type { GoalRecord } from '../history/schema';
import { goalProgress, PACE_WINDOW_DAYS, type GoalProgress } from '../watch/goal-progress';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface GoalDependencies {
  store(): HistoryStore;
  now(): number;
  /** Tells the other tabs that a tenant's goal changed. */
  announce?(tenantId: string): void;
}

/** The goal of the tenant on screen (a target score and an optional date) and how the score stands against it. */
export class GoalState {
  tenantId = $state<string | undefined>();
  goal = $state.raw<GoalRecord | undefined>();
  /** Points to go and the projection at the recent pace; undefined without a goal. */
  progress = $state.raw<GoalProgress | undefined>();

  readonly #deps: GoalDependencies;
  #requests = 0;
  /** The tenant last asked for: `tenantId` follows once its goal is read. */
  #wanted: string | undefined;

  constructor(deps: GoalDependencies) {
    this.#deps = deps;
  }

  /** Shows a tenant's goal and works out its progress from the history of the pace window. */
  async show(tenantId: string | undefined): Promise<void> {
    const request = ++this.#requests;
    this.#wanted = tenantId;
    if (!tenantId) {
      [this.tenantId, this.goal, this.progress] = [undefined, undefined, undefined];
      return;
    }
    const now = this.#deps.now();
    try {
      const store = this.#deps.store();
      const goal = await store.goalOf(tenantId);
      // The pace looks back 30 days; the run before them tells the score held at their start.
      const since = now - (PACE_WINDOW_DAYS + 1) * DAY_MS;
      const runs = goal ? [...(await store.latestRuns(tenantId, 1, since)), ...(await store.runsFor(tenantId, since))] : [];
      if (request !== this.#requests) return;
      [this.tenantId, this.goal, this.progress] = [tenantId, goal, goal ? goalProgress(runs, goal, now) : undefined];
    } catch {
      if (request === this.#requests) [this.tenantId, this.goal, this.progress] = [tenantId, undefined, undefined];
    }
  }

  /** Works the progress out again: a new reading, another tab's change, a new day. */
  reload(): Promise<void> {
    return this.show(this.#wanted);
  }

  /** Sets the goal of the tenant on screen: a target score, and optionally the moment it falls due. */
  async set(target: number, by: number | undefined): Promise<void> {
    const tenantId = this.tenantId;
    if (!tenantId || !Number.isFinite(target) || target < 0) return;
    const goal: GoalRecord = { tenantId, target, edited: this.#deps.now(), ...(by === undefined ? {} : { by }) };
    await this.#change(tenantId, () => this.#deps.store().putGoal(goal));
  }

  async clear(): Promise<void> {
    const tenantId = this.tenantId;
    if (tenantId) await this.#change(tenantId, () => this.#deps.store().deleteGoal(tenantId, this.#deps.now()));
  }

  async #change(tenantId: string, write: () => Promise<void>): Promise<void> {
    await write().catch(() => undefined);
    await this.reload();
    this.#deps.announce?.(tenantId);
  }
}
