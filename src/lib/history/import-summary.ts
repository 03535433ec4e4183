import { spansByTenant, type HistoryRecords, type HistoryStore } from './history-store';
import { laterEdit, noteKey, type Note } from './note';
import { tenantIdsOf } from './reading';
import { coverageOf, type Run } from './run';

/** What an import needs to know of the stored history (HistoryState.storedLookup gives it). */
export interface StoredHistory {
  /** Whether one stored run of its tenant and score spans this run already. */
  covers(run: Run): boolean;
  /** The stored copy of the note at a tenant and time. */
  note(tenantId: string, time: number): Note | undefined;
}

/** Reads what the store holds over the records' spans: the stored runs there, and the notes of their tenants. */
export async function storedHistoryFor(store: HistoryStore, { runs, notes }: HistoryRecords): Promise<StoredHistory> {
  const spans = [...spansByTenant(runs)];
  const storedRuns = await Promise.all(spans.map(([tenantId, { from, to }]) => store.runsBetween(tenantId, from, to)));
  const storedNotes = await Promise.all(tenantIdsOf(notes).map((tenantId) => store.notesFor(tenantId)));
  const notesByKey = new Map(storedNotes.flat().map((note) => [noteKey(note.tenantId, note.time), note]));
  return { covers: coverageOf(storedRuns.flat()), note: (tenantId, time) => notesByKey.get(noteKey(tenantId, time)) };
}

/**
 * The runs and notes of an import that tell the stored history something new: what the import writes.
 * A run is new unless a stored run of its score spans it (one that overlaps stored runs is new, and merges
 * with them when written); a note is new unless the stored copy was edited as late or later.
 */
export function recordsToAdd({ runs, notes }: HistoryRecords, stored: StoredHistory): HistoryRecords {
  return {
    runs: runs.filter((run) => !stored.covers(run)),
    notes: notes.filter((note) => isNewer(note, stored.note(note.tenantId, note.time))),
  };
}

function isNewer(note: Note, kept: Note | undefined): boolean {
  return kept === undefined || laterEdit(kept, note) !== kept;
}
