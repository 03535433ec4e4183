import { deletionTime } from './tenant-deletion';
import { tombstoneKey, type Tombstone } from './tombstone';

/** The tombstones of a MemoryStore: the latest deletion of each note, goal and alert rule, for this session only. */
export class MemoryTombstones {
  readonly #kept = new Map<string, Tombstone>();

  all(): Tombstone[] {
    return [...this.#kept.values()];
  }

  ofTenant(tenantId: string): Tombstone[] {
    return this.all().filter((tombstone) => tombstone.tenantId === tenantId);
  }

  /** Keeps the tombstone if later than the one kept; says whether it was. */
  keep(tombstone: Tombstone): boolean {
    const kept = this.#kept.get(tombstoneKey(tombstone));
    if (kept && kept.deletedAt >= tombstone.deletedAt) return false;
    this.#kept.set(tombstoneKey(tombstone), tombstone);
    return true;
  }

  /** Forgets the tenant's tombstones up to `until` (all of them by default). */
  deleteTenant(tenantId: string, until = Infinity): void {
    for (const [key, tombstone] of this.#kept) if (tombstone.tenantId === tenantId && deletionTime.tombstone(tombstone) <= until) this.#kept.delete(key);
  }
}
