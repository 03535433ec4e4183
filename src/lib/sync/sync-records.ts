// What the history sync keeps in the app folder, and the join that merges copies of it from any number of
// devices: commutative, associative and idempotent, so every order of syncs and retries reaches one history.
import { compareAlertLogEntries, mergeAlertLogs, type AlertLogEntry } from '../watch/alert-log';
import type { TenantRecord } from '../history/history-store';
import type { Note } from '../history/note';
import { joinRuns, type Run } from '../history/run';
import type { AlertRuleRecord, GoalRecord } from '../history/schema';
import { compareSeriesNames } from '../history/series-store';
import type { SeriesName } from '../history/series';
import { clipRun } from '../history/tenant-deletion';
import { goalSpot, latestTombstones, noteSpot, ruleSpot, tombstoneKey, unburied, type Tombstone } from '../history/tombstone';

/** Everything a sync carries. Runs of every series (device score runs have no `series`). */
export interface SyncRecords {
  runs: Run[];
  seriesNames: SeriesName[];
  notes: Note[];
  goals: GoalRecord[];
  alertRules: AlertRuleRecord[];
  alertLog: AlertLogEntry[];
  tenants: TenantRecord[];
  /** Notes, goals and rules deleted one by one: each wins over the copies edited before it. */
  tombstones: Tombstone[];
  /** When each tenant's history was deleted (epoch ms): a tombstone that wins over everything older. */
  deleted: Map<string, number>;
}

export { clipRun };

export function emptyRecords(): SyncRecords {
  return { runs: [], seriesNames: [], notes: [], goals: [], alertRules: [], alertLog: [], tenants: [], tombstones: [], deleted: new Map() };
}

/**
 * The join of copies of the history. Observations only grow (runs of a score unite; a run of another
 * score inside one is kept, and splits it where shown), notes, goals and rules keep their last edit, the
 * alert log keeps one entry per alert, each record's latest deletion buries the copies edited before it, and
 * each tenant's latest deletion clips everything older.
 */
export function joinRecords(...sets: readonly SyncRecords[]): SyncRecords {
  const deleted = new Map<string, number>();
  for (const set of sets) for (const [tenantId, at] of set.deleted) deleted.set(tenantId, Math.max(at, deleted.get(tenantId) ?? at));
  const all = <K extends keyof Omit<SyncRecords, 'deleted'>>(key: K) => sets.flatMap((set) => set[key] as SyncRecords[K][number][]);
  const after = (tenantId: string, time: number) => time > (deleted.get(tenantId) ?? -Infinity);
  const tombstones = [...latestTombstones(...sets.map((set) => set.tombstones)).values()].filter((tombstone) => after(tombstone.tenantId, tombstone.deletedAt));
  const graves = new Map(tombstones.map((tombstone) => [tombstoneKey(tombstone), tombstone]));
  return {
    runs: joinRuns(all('runs').flatMap((run) => clipRun(run, deleted.get(run.tenantId)))),
    seriesNames: nameChanges(latestBy(all('seriesNames').filter((name) => after(name.tenantId, name.time)), (n) => `${n.tenantId}|${n.series}|${n.time}`, (a, b) => compareText(a.name, b.name))),
    notes: latestBy(unburied(all('notes'), graves, noteSpot).filter((note) => after(note.tenantId, note.edited)), (n) => `${n.tenantId}|${n.time}`, byEdit).sort((a, b) => compareText(a.tenantId, b.tenantId) || a.time - b.time),
    goals: latestBy(unburied(all('goals'), graves, goalSpot).filter((goal) => after(goal.tenantId, goal.edited)), (g) => g.tenantId, byEdit).sort((a, b) => compareText(a.tenantId, b.tenantId)),
    alertRules: latestBy(unburied(all('alertRules'), graves, ruleSpot).filter((rule) => after(rule.tenantId, rule.edited)), (r) => `${r.tenantId}|${r.id}`, byEdit).sort(
      (a, b) => compareText(a.tenantId, b.tenantId) || compareText(a.id, b.id),
    ),
    alertLog: mergeAlertLogs(all('alertLog').filter((entry) => after(entry.tenantId, entry.time))).sort(compareAlertLogEntries),
    // A tenant's name is not history: it stays after a deletion, and the latest use names it.
    tenants: latestBy(all('tenants'), (t) => t.tenantId, (a, b) => a.lastUsed - b.lastUsed || compareText(a.label, b.label)).sort((a, b) => compareText(a.tenantId, b.tenantId)),
    tombstones: tombstones.sort((a, b) => compareText(tombstoneKey(a), tombstoneKey(b))),
    deleted,
  };
}

/**
 * Each series' names as the store keeps them: a name only where it changes (two devices that first saw a group
 * at different times name it once, at the earlier time), so what devices store and write agrees.
 */
function nameChanges(names: SeriesName[]): SeriesName[] {
  const kept: SeriesName[] = [];
  let previous: SeriesName | undefined;
  for (const name of names.sort(compareSeriesNames)) {
    const sameSeries = previous?.tenantId === name.tenantId && previous.series === name.series;
    if (!(sameSeries && previous?.name === name.name)) kept.push(name);
    previous = name;
  }
  return kept;
}

/** Of the records sharing a key, the one `order` puts last: a total order, so any merge order keeps the same one. */
function latestBy<T>(records: readonly T[], key: (record: T) => string, order: (a: T, b: T) => number): T[] {
  const kept = new Map<string, T>();
  for (const record of records) {
    const k = key(record);
    const current = kept.get(k);
    if (current === undefined || order(record, current) > 0) kept.set(k, record);
  }
  return [...kept.values()];
}

/** The later edit; on a tie, the copy whose content sorts last, so two devices pick the same one. */
function byEdit<T extends { edited: number }>(a: T, b: T): number {
  return a.edited - b.edited || compareText(canonicalText(a), canonicalText(b));
}

/** A record's content as text whatever order its keys were written in (undefined fields left out). */
function canonicalText(record: object): string {
  return JSON.stringify(Object.entries(record).filter(([, value]) => value !== undefined).sort(([a], [b]) => compareText(a, b)));
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
