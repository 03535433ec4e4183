// What a deletion of a tenant's history at a time leaves of each kind of record: the same rules wherever it is
// applied (the sync's join, the store), so that every device keeps the same history after it.
import type { Run } from './run';

/**
 * A run as a deletion at `deletedAt` leaves it: gone if it ended by then, kept from just after it if it
 * went on (the readings before the deletion are what was deleted). Clipping every copy alike keeps the join
 * a join, whatever order the deletion and the readings arrive in.
 */
export function clipRun<T extends Run>(run: T, deletedAt: number | undefined): T[] {
  if (deletedAt === undefined || run.firstSeen > deletedAt) return [run];
  if (run.lastSeen <= deletedAt) return [];
  return [{ ...run, firstSeen: deletedAt + 1 }];
}

/** When each record was last written, as a tenant's deletion judges it: a deletion at or after that time removes it. */
export const deletionTime = {
  note: (note: { edited: number }) => note.edited,
  goal: (goal: { edited: number }) => goal.edited,
  alertRule: (rule: { edited: number }) => rule.edited,
  alert: (entry: { time: number }) => entry.time,
  seriesName: (name: { time: number }) => name.time,
  tombstone: (tombstone: { deletedAt: number }) => tombstone.deletedAt,
};

/** The UTC day (YYYY-MM-DD) a deletion falls on: Secure Score days up to and including it are deleted. */
export function dayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}
