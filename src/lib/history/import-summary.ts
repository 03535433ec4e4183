import type { HistoryRecords } from './history-store';
import { laterEdit, type Note } from './note';
import type { Run } from './run';

/** What an import needs to know of the stored history (HistoryState.storedLookup gives it). */
export interface StoredHistory {
  /** Whether one stored run of its tenant and score spans this run already. */
  covers(run: Run): boolean;
  /** The stored copy of the note at a tenant and time. */
  note(tenantId: string, time: number): Note | undefined;
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
