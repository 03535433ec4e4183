import { newDaysOf } from './backfill';
import { changesForNewDays } from './control-log';
import type { ControlChange, FetchedDay, SecureScoreDay } from './secure-score-day';

/** Where each tenant's Microsoft Secure Score days and control changes are kept. */
export interface SecureScoreStore {
  /**
   * Keeps the days not kept yet (each once; a kept day is never changed) and the control changes they make, in one
   * transaction. Resolves to the number of days added.
   */
  addDays(tenantId: string, pages: readonly (readonly FetchedDay[])[]): Promise<number>;
  /** Keeps days and control changes as a file gave them (an import): days already kept stay as they are. */
  addRecords(days: readonly SecureScoreDay[], changes: readonly ControlChange[]): Promise<number>;
  /** The tenant's days, oldest first. */
  days(tenantId: string): Promise<SecureScoreDay[]>;
  /** The tenant's control changes, in any order. */
  controlChanges(tenantId: string): Promise<ControlChange[]>;
  /** Every tenant's days and control changes (an export). */
  everything(): Promise<{ days: SecureScoreDay[]; changes: ControlChange[] }>;
}

/** What keeping a read changes: the new days and the log's edit. Shared by both stores. */
export function planKeeping(keptDays: readonly SecureScoreDay[], log: readonly ControlChange[], pages: readonly (readonly FetchedDay[])[]) {
  const added = newDaysOf(new Set(keptDays.map((d) => d.day)), pages);
  const edit = changesForNewDays(log, keptDays.map((d) => d.day), added);
  const days: SecureScoreDay[] = added.map(({ controls: _controls, ...day }) => day);
  return { days, ...edit };
}

const key = (c: ControlChange) => `${c.tenantId}\u0000${c.control}\u0000${c.day}`;

/** The store in memory: for tests, and when the browser keeps nothing. */
export class MemorySecureScoreStore implements SecureScoreStore {
  readonly #days = new Map<string, SecureScoreDay>();
  readonly #changes = new Map<string, ControlChange>();

  async addDays(tenantId: string, pages: readonly (readonly FetchedDay[])[]): Promise<number> {
    const { days, written, removed } = planKeeping(await this.days(tenantId), await this.controlChanges(tenantId), pages);
    for (const change of removed) this.#changes.delete(key(change));
    for (const change of written) this.#changes.set(key(change), change);
    for (const day of days) this.#days.set(`${tenantId}\u0000${day.day}`, day);
    return days.length;
  }

  async addRecords(days: readonly SecureScoreDay[], changes: readonly ControlChange[]): Promise<number> {
    let added = 0;
    for (const day of days) {
      const id = `${day.tenantId}\u0000${day.day}`;
      if (this.#days.has(id)) continue;
      this.#days.set(id, day);
      added += 1;
    }
    for (const change of changes) if (!this.#changes.has(key(change))) this.#changes.set(key(change), change);
    return added;
  }

  async days(tenantId: string): Promise<SecureScoreDay[]> {
    return [...this.#days.values()].filter((d) => d.tenantId === tenantId).sort((a, b) => (a.day < b.day ? -1 : 1));
  }

  async controlChanges(tenantId: string): Promise<ControlChange[]> {
    return [...this.#changes.values()].filter((c) => c.tenantId === tenantId);
  }

  async everything(): Promise<{ days: SecureScoreDay[]; changes: ControlChange[] }> {
    return { days: [...this.#days.values()], changes: [...this.#changes.values()] };
  }
}
