// What an import file's rows become: the parsed import's shape, and the collectors that gather checked rows
// of either format (version 1: readings to fold; version 2: runs and notes).
import { ok, type Result } from '../util/result';
import { noteKey, type Note } from './note';
import { readingKey, tenantIdsOf, type Reading } from './reading';
import { foldReadings, joinRuns, type Run } from './run';

/** Rows of a CSV, or entries of a JSON file's lists (readings; runs and notes together). */
export const MAX_IMPORT_ROWS = 200_000;

/** What an invalid row's number counts: a CSV's lines, or the entries of one list of a JSON file. */
export type RowKind = 'line' | 'reading' | 'run' | 'note';

export interface InvalidRow {
  kind: RowKind;
  /** CSV: the 1-based line in the file where the row starts. JSON: the 1-based position in its list. */
  line: number;
  /** Plain words, lower case, no full stop, e.g. "the time is in the future". */
  reason: string;
}

/** A file's format version: 1 held one entry per reading, 2 holds runs and notes. */
export type FileVersion = 1 | 2;

export interface ParsedImport {
  format: 'csv' | 'json';
  version: FileVersion;
  /** How many valid readings a version 1 file held before they were folded into `runs`; undefined for version 2. */
  readingCount: number | undefined;
  /** The file's valid runs, joined (a version 1 file's readings folded), oldest first. */
  runs: Run[];
  /** The file's valid notes, in file order. */
  notes: Note[];
  invalid: InvalidRow[];
  /** The tenants of the runs and notes, in order of first appearance in the file. */
  tenantIds: string[];
  /** Names for tenants, from a JSON file's `tenants` list (valid ones only). */
  tenantLabels: Record<string, string>;
}

export interface ImportOptions {
  now: number;
  /** Used for CSV rows whose tenant cell is empty, e.g. the tenant on screen. */
  defaultTenantId?: string;
}

export const tooManyRows = (what: string) => `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en')} ${what}; split it into smaller files.`;

/** A note from a file that says nothing of when it was written: the earliest it can have been, its own time. */
export function noteAt(tenantId: string, time: number, text: string): Note {
  return { tenantId, time, text, edited: time };
}

// ---------------------------------------------------------------------------------------------
// Version 1: one entry per reading, each with an optional note

export interface ReadingWithNote extends Reading {
  note: string | undefined;
}

/** Gathers checked version 1 rows: valid ones become readings unless they repeat an earlier tenant and time. */
export class ReadingCollector {
  readonly #readings: Reading[] = [];
  readonly #notes: Note[] = [];
  readonly #invalid: InvalidRow[] = [];
  readonly #firstLineByKey = new Map<string, number>();

  constructor(
    readonly format: 'csv' | 'json',
    readonly kind: 'line' | 'reading',
  ) {}

  add(line: number, row: Result<ReadingWithNote, string>): void {
    if (!row.ok) {
      this.#invalid.push({ kind: this.kind, line, reason: row.error });
      return;
    }
    const { tenantId, time, score, note } = row.value;
    const key = readingKey(tenantId, time);
    const firstLine = this.#firstLineByKey.get(key);
    if (firstLine !== undefined) {
      this.#invalid.push({ kind: this.kind, line, reason: `duplicate of ${this.kind} ${firstLine}` });
      return;
    }
    this.#firstLineByKey.set(key, line);
    this.#readings.push({ tenantId, time, score });
    // Version 1 kept no edit time: the note is taken as written when its reading was taken.
    if (note !== undefined) this.#notes.push(noteAt(tenantId, time, note));
  }

  /** The readings folded into runs, as a version 2 file would hold them. */
  result(tenantLabels: Record<string, string> = {}): Result<ParsedImport, string> {
    return ok({
      format: this.format,
      version: 1,
      readingCount: this.#readings.length,
      runs: foldReadings(this.#readings),
      notes: this.#notes,
      invalid: this.#invalid,
      tenantIds: tenantIdsOf(this.#readings),
      tenantLabels,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Version 2: runs and notes

/** Gathers checked version 2 rows: every valid run, and each note unless it repeats an earlier tenant and time. */
export class RunCollector {
  readonly #runs: Run[] = [];
  readonly #notes: Note[] = [];
  readonly #tenantIds: string[] = [];
  readonly #invalid: InvalidRow[] = [];
  readonly #noteLineByKey = new Map<string, number>();

  constructor(readonly format: 'csv' | 'json') {}

  /** A row holding a run, a note or both (a CSV line); it is kept whole or skipped whole. */
  add(kind: RowKind, line: number, row: Result<{ run?: Run; note?: Note }, string>): void {
    if (!row.ok) {
      this.#invalid.push({ kind, line, reason: row.error });
      return;
    }
    const { run, note } = row.value;
    if (note) {
      const key = noteKey(note.tenantId, note.time);
      const firstLine = this.#noteLineByKey.get(key);
      if (firstLine !== undefined) {
        const reason = kind === 'note' ? `duplicate of note ${firstLine}` : `its note has the same tenant and time as the note of ${kind} ${firstLine}`;
        this.#invalid.push({ kind, line, reason });
        return;
      }
      this.#noteLineByKey.set(key, line);
      this.#notes.push(note);
      this.#tenantIds.push(note.tenantId);
    }
    if (run) {
      this.#runs.push(run);
      this.#tenantIds.push(run.tenantId);
    }
  }

  result(tenantLabels: Record<string, string> = {}): Result<ParsedImport, string> {
    return ok({
      format: this.format,
      version: 2,
      readingCount: undefined,
      // Overlapping runs of one score (rows repeated, or files joined by hand) are one run.
      runs: joinRuns(this.#runs),
      notes: this.#notes,
      invalid: this.#invalid,
      tenantIds: [...new Set(this.#tenantIds)],
      tenantLabels,
    });
  }
}

export const LAST_BEFORE_FIRST = 'the score was last seen before it was first seen';

