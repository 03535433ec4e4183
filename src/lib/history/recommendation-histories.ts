import { compareChanges } from '../recommendations/change-log';
import type { RecommendationChange } from '../recommendations/recommendation';

/** A change as kept inside its recommendation's record: the record carries the tenant and the id. */
export type ChangeEntry = RecommendationChange extends infer C ? (C extends RecommendationChange ? Omit<C, 'tenantId' | 'id'> : never) : never;

/**
 * One recommendation's whole change log, as IndexedDB keeps it (schema version 4): one record per tenant
 * and recommendation, its changes oldest first. A record per change cost ten times the bytes in keys and
 * index entries that the changes themselves hold; a record per recommendation keeps what an explanation
 * reads (every change of the recommendations it names) in one read each.
 */
export interface RecommendationHistory {
  tenantId: string;
  id: string;
  changes: ChangeEntry[];
}

/** Which recommendations changed at a time: where a look at the changes between two reads starts. */
export interface RecommendationTouch {
  tenantId: string;
  time: number;
  ids: string[];
}

/** The records to put for some new changes, and the changes that were not already kept. */
export interface HistoryWrites {
  histories: RecommendationHistory[];
  touches: RecommendationTouch[];
  added: RecommendationChange[];
}

export function historyKey(tenantId: string, id: string): string {
  return `${tenantId}|${id}`;
}

function touchKey(tenantId: string, time: number): string {
  return `${tenantId}|${time}`;
}

/** The changes of one record, as the log's records. */
export function changesOfHistory({ tenantId, id, changes }: RecommendationHistory): RecommendationChange[] {
  return changes.map((entry) => ({ ...entry, tenantId, id }) as RecommendationChange);
}

/** Every change of the records later than `after` and up to `until`, in the log's order. */
export function changesOfHistories(histories: readonly RecommendationHistory[], after = -Infinity, until = Infinity): RecommendationChange[] {
  return histories
    .flatMap(changesOfHistory)
    .filter((change) => change.time > after && change.time <= until)
    .sort(compareChanges);
}

/**
 * Adds changes to the stored records. A change whose tenant, id and time is already kept is left (one key,
 * one meaning: the log is a set), so any order and repetition of the same changes writes the same records.
 * Only the records that gain a change are returned.
 */
export function historyWrites(
  stored: { histories: readonly RecommendationHistory[]; touches: readonly RecommendationTouch[] },
  changes: readonly RecommendationChange[],
): HistoryWrites {
  const histories = new Map(stored.histories.map((history) => [historyKey(history.tenantId, history.id), history]));
  const touches = new Map(stored.touches.map((touch) => [touchKey(touch.tenantId, touch.time), touch]));
  const changedHistories = new Map<string, RecommendationHistory>();
  const changedTouches = new Map<string, RecommendationTouch>();
  const added: RecommendationChange[] = [];
  for (const change of [...changes].sort(compareChanges)) {
    const { tenantId, id, time } = change;
    const key = historyKey(tenantId, id);
    const history = changedHistories.get(key) ?? copyOf(histories.get(key)) ?? { tenantId, id, changes: [] };
    if (history.changes.some((entry) => entry.time === time)) continue;
    history.changes = insertByTime(history.changes, entryOf(change));
    changedHistories.set(key, history);
    const place = touchKey(tenantId, time);
    const touch = changedTouches.get(place) ?? copyOfTouch(touches.get(place)) ?? { tenantId, time, ids: [] };
    if (!touch.ids.includes(id)) touch.ids.push(id);
    changedTouches.set(place, touch);
    added.push(change);
  }
  return { histories: [...changedHistories.values()], touches: [...changedTouches.values()], added };
}

function entryOf(change: RecommendationChange): ChangeEntry {
  const { tenantId: _tenant, id: _id, ...entry } = change;
  return entry as ChangeEntry;
}

function insertByTime(entries: readonly ChangeEntry[], entry: ChangeEntry): ChangeEntry[] {
  const after = entries.findIndex((kept) => kept.time > entry.time);
  return after === -1 ? [...entries, entry] : [...entries.slice(0, after), entry, ...entries.slice(after)];
}

function copyOf(history: RecommendationHistory | undefined): RecommendationHistory | undefined {
  return history && { ...history, changes: [...history.changes] };
}

function copyOfTouch(touch: RecommendationTouch | undefined): RecommendationTouch | undefined {
  return touch && { ...touch, ids: [...touch.ids] };
}
