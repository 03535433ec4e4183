/**
 * A deleted note, goal or alert rule, kept as an edit of its own: when it was deleted. It wins over every copy
 * edited at or before that time and loses to a later edit, so a deletion made on one device is not undone by
 * another device's older copy. Never shown; kept beside the records it buries.
 */
import type { Note } from './note';
import type { AlertRuleRecord, GoalRecord } from './schema';

export type TombstoneKind = 'note' | 'goal' | 'alertRule';

export interface Tombstone {
  tenantId: string;
  kind: TombstoneKind;
  /** Which record of the tenant: a note's time as text, a rule's id, '' for the tenant's one goal. */
  key: string;
  /** When it was deleted (epoch ms). */
  deletedAt: number;
}

export function noteTombstone(tenantId: string, time: number, deletedAt: number): Tombstone {
  return { tenantId, kind: 'note', key: String(time), deletedAt };
}

export function goalTombstone(tenantId: string, deletedAt: number): Tombstone {
  return { tenantId, kind: 'goal', key: '', deletedAt };
}

export function ruleTombstone(tenantId: string, id: string, deletedAt: number): Tombstone {
  return { tenantId, kind: 'alertRule', key: id, deletedAt };
}

/** One text per buried record, for sets and maps ("|" never appears in a tenant ID, a kind or a time). */
export function tombstoneKey({ tenantId, kind, key }: Pick<Tombstone, 'tenantId' | 'kind' | 'key'>): string {
  return `${tenantId}|${kind}|${key}`;
}

/** The tombstone key of a note, a goal or a rule. */
export const noteSpot = ({ tenantId, time }: { tenantId: string; time: number }): string => tombstoneKey({ tenantId, kind: 'note', key: String(time) });
export const goalSpot = ({ tenantId }: { tenantId: string }): string => tombstoneKey({ tenantId, kind: 'goal', key: '' });
export const ruleSpot = ({ tenantId, id }: { tenantId: string; id: string }): string => tombstoneKey({ tenantId, kind: 'alertRule', key: id });

/** Each record's latest deletion: the join of tombstones (any order, any repeats, the same result). */
export function latestTombstones(...lists: readonly (readonly Tombstone[])[]): Map<string, Tombstone> {
  const kept = new Map<string, Tombstone>();
  for (const list of lists) {
    for (const tombstone of list) {
      const key = tombstoneKey(tombstone);
      const current = kept.get(key);
      if (!current || tombstone.deletedAt > current.deletedAt) kept.set(key, tombstone);
    }
  }
  return kept;
}

/** Whether a copy edited at `edited` is buried by the deletion kept at its spot: a deletion wins a tie. */
export function buried(tombstones: ReadonlyMap<string, Tombstone>, spot: string, edited: number): boolean {
  const tombstone = tombstones.get(spot);
  return tombstone !== undefined && edited <= tombstone.deletedAt;
}

/** The records no deletion buries. */
export function unburied<T extends { edited: number }>(records: readonly T[], tombstones: ReadonlyMap<string, Tombstone>, spot: (record: T) => string): T[] {
  return records.filter((record) => !buried(tombstones, spot(record), record.edited));
}

/** The notes, goals and rules of records that these tombstones do not bury: what an import or a sync may add. */
export function withoutBuried<T extends { notes: readonly Note[]; goals?: readonly GoalRecord[] | undefined; alertRules?: readonly AlertRuleRecord[] | undefined }>(
  records: T,
  tombstones: readonly Tombstone[],
): T {
  if (tombstones.length === 0) return records;
  const graves = latestTombstones(tombstones);
  return { ...records, notes: unburied(records.notes, graves, noteSpot), goals: unburied(records.goals ?? [], graves, goalSpot), alertRules: unburied(records.alertRules ?? [], graves, ruleSpot) };
}
