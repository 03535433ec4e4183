import { spansByTenant, type HistoryRecords, type HistoryStore } from './history-store';
import { laterEdit, noteKey, type Note } from './note';
import { changeKey, readKey, tenantsOfOthers } from './other-records';
import { tenantIdsOf } from './reading';
import { coverageOf, type Run } from './run';
import type { SeriesName } from './series';
import { namesToPut } from './series-store';
import { tenantsOfWatch, watchWrites, type StoredWatch } from './watch-store';

/** What an import needs to know of the stored history (HistoryState.storedLookup gives it). */
export interface StoredHistory {
  /** Whether one stored run of its tenant, series and score spans this run already (device score or other series). */
  covers(run: Run): boolean;
  /** The stored copy of the note at a tenant and time. */
  note(tenantId: string, time: number): Note | undefined;
  /** The stored group names of the tenants the import names. */
  seriesNames: readonly SeriesName[];
  /** Whether the store holds a recommendation change of this tenant, id and time. */
  hasChange(key: { tenantId: string; id: string; time: number }): boolean;
  /** Whether the store holds a read of the recommendation list at this tenant and time. */
  hasRead(key: { tenantId: string; time: number }): boolean;
  /** The stored goals, alert rules and alert log of the tenants the import's own name (none when left out). */
  watch?: StoredWatch;
}

/**
 * Reads what the store holds over the records' spans: the stored runs there, the notes of their tenants,
 * and the other series and the recommendation log of the tenants that the other records name.
 */
export async function storedHistoryFor(store: HistoryStore, records: HistoryRecords): Promise<StoredHistory> {
  const spans = [...spansByTenant(records.runs)];
  const otherTenants = [...tenantsOfOthers(records)];
  const watchTenants = [...tenantsOfWatch(records)];
  const [storedRuns, storedNotes, others, watch] = await Promise.all([
    Promise.all(spans.map(([tenantId, { from, to }]) => store.runsBetween(tenantId, from, to))),
    Promise.all(tenantIdsOf(records.notes).map((tenantId) => store.notesFor(tenantId))),
    Promise.all(
      otherTenants.map(async (tenantId) => {
        const [seriesRuns, seriesNames, changes, reads] = await Promise.all([
          store.seriesRuns(tenantId),
          store.seriesNames(tenantId),
          store.recommendationChanges(tenantId),
          store.recommendationReads(tenantId),
        ]);
        return { seriesRuns, seriesNames, changes, reads };
      }),
    ),
    Promise.all(watchTenants.map((tenantId) => Promise.all([store.goalOf(tenantId), store.alertRules(tenantId), store.alertLog(tenantId)]))),
  ]);
  const notesByKey = new Map(storedNotes.flat().map((note) => [noteKey(note.tenantId, note.time), note]));
  const changeKeys = new Set(others.flatMap(({ changes }) => changes.map(changeKey)));
  const readKeys = new Set(others.flatMap(({ reads }) => reads.map(readKey)));
  return {
    covers: coverageOf([...storedRuns.flat(), ...others.flatMap(({ seriesRuns }) => seriesRuns)]),
    note: (tenantId, time) => notesByKey.get(noteKey(tenantId, time)),
    seriesNames: others.flatMap(({ seriesNames }) => seriesNames),
    hasChange: (key) => changeKeys.has(changeKey(key)),
    hasRead: (key) => readKeys.has(readKey(key)),
    watch: {
      goals: watch.flatMap(([goal]) => (goal ? [goal] : [])),
      alertRules: watch.flatMap(([, rules]) => rules),
      alertLog: watch.flatMap(([, , log]) => log),
    },
  };
}

/**
 * The records of an import that tell the stored history something new: what the import writes. A run of
 * any series is new unless a stored run of its score spans it (one that overlaps stored runs is new, and
 * merges with them when written); a note is new unless the stored copy was edited as late or later; a group
 * name is new unless the group already had that name just before; a recommendation change or read is new
 * unless one of its key is stored.
 */
export function recordsToAdd(records: HistoryRecords, stored: StoredHistory): Required<HistoryRecords> {
  // A goal or rule is new when edited later than the stored one; an alert when unknown or newly dismissed.
  const { goals, alertRules, alertLog } = watchWrites(records, stored.watch ?? { goals: [], alertRules: [], alertLog: [] });
  return {
    goals,
    alertRules,
    alertLog,
    runs: records.runs.filter((run) => !stored.covers(run)),
    notes: records.notes.filter((note) => isNewer(note, stored.note(note.tenantId, note.time))),
    seriesRuns: (records.seriesRuns ?? []).filter((run) => !stored.covers(run)),
    seriesNames: namesToPut(records.seriesNames ?? [], stored.seriesNames),
    recommendationChanges: (records.recommendationChanges ?? []).filter((change) => !stored.hasChange(change)),
    recommendationReads: (records.recommendationReads ?? []).filter((read) => !stored.hasRead(read)),
  };
}

function isNewer(note: Note, kept: Note | undefined): boolean {
  return kept === undefined || laterEdit(kept, note) !== kept;
}
