import type { HistoryStore } from './history-store';
import type { Note } from './note';
import type { Reading } from './reading';
import { joinRuns, runForReading, type Run } from './run';

/** The stored records behind the screen: the range's runs and their notes, and the runs confirmed last. */
export interface ScreenRecords {
  runs: Run[];
  notes: Note[];
  latest: Run[];
}

export const NO_RECORDS: ScreenRecords = { runs: [], notes: [], latest: [] };

/** Enough of the runs confirmed last for the newest two runs shown, even where two histories disagree. */
export const LATEST_RUNS_READ = 3;

/** The runs confirmed last, for the score before the range is read. */
export function readLatestRuns(store: HistoryStore, tenantId: string): Promise<Run[]> {
  return store.latestRuns(tenantId, LATEST_RUNS_READ);
}

/** The runs lasting to `since` or later (with the one before), their notes and the latest runs, by key range: never more. */
export async function readScreenRecords(store: HistoryStore, tenantId: string, since: number | undefined): Promise<ScreenRecords> {
  const [inRange, before, latest] = await Promise.all([
    store.runsFor(tenantId, since),
    since === undefined ? [] : store.latestRuns(tenantId, 1, since),
    readLatestRuns(store, tenantId),
  ]);
  const runs = [...before, ...inRange];
  const firstStart = runs.reduce((earliest, run) => Math.min(earliest, run.firstSeen), Infinity);
  const notes = runs.length === 0 ? [] : await store.notesFor(tenantId, firstStart);
  return { runs, notes, latest };
}

/**
 * The records with a new reading folded in by the rule the store follows, without reading the store again
 * (a long range can hold many runs): the records hold every run near the newest time.
 */
export function withReading(records: ScreenRecords, reading: Reading): ScreenRecords {
  const fold = (runs: readonly Run[]) => joinRuns(runs, [runForReading(reading, runs)]);
  const latest = fold(records.latest).sort((a, b) => a.lastSeen - b.lastSeen).slice(-LATEST_RUNS_READ);
  return { ...records, runs: fold(records.runs), latest };
}

/** The records with the note at `time` written, replaced or (undefined) deleted. */
export function withNote(records: ScreenRecords, time: number, note: Note | undefined): ScreenRecords {
  const others = records.notes.filter((n) => n.time !== time);
  return { ...records, notes: note ? [...others, note] : others };
}
