import type { SecureScoreImport } from '../secure-score/secure-score-json';
// What an import file's rows become: the parsed import's shape, and the collectors that gather checked rows
// of either format (version 1: readings to fold; versions 2 and 3: runs, notes and, in 3, the other records).
import { ok, type Result } from '../util/result';
import type { RecommendationChange, RecommendationRead } from '../recommendations/recommendation';
import { noteKey, type Note } from './note';
import { changeKey, readKey } from './other-records';
import { readingKey, tenantIdsOf, type Reading } from './reading';
import { foldReadings, joinRuns, type Run } from './run';
import type { SeriesName } from './series';
import { namesToPut, type SeriesRun } from './series-store';
import type { AlertRuleRecord, GoalRecord } from './schema';
import type { AlertLogEntry } from '../watch/alert-log';
import { watchRecordKey } from './watch-store';

/** Rows of a CSV, or entries of a JSON file's lists (readings; runs, notes and the other lists together). */
export const MAX_IMPORT_ROWS = 200_000;

/** What an invalid row's number counts: a CSV's lines, or the entries of one list of a JSON file. */
export type RowKind = 'line' | 'reading' | 'run' | 'note' | 'series-run' | 'series-name' | 'recommendation-change' | 'recommendation-read' | 'goal' | 'alert-rule' | 'alert';

export interface InvalidRow {
  kind: RowKind;
  /** CSV: the 1-based line in the file where the row starts. JSON: the 1-based position in its list. */
  line: number;
  /** Plain words, lower case, no full stop, e.g. "the time is in the future". */
  reason: string;
}

/** A file's format version: 1 held one entry per reading, 2 runs and notes, 3 also the other series and the recommendation log, 4 also Microsoft Secure Score. */
export type FileVersion = 1 | 2 | 3 | 4;

export interface ParsedImport {
  format: 'csv' | 'json';
  version: FileVersion;
  /** How many valid readings a version 1 file held before they were folded into `runs`; undefined for later versions. */
  readingCount: number | undefined;
  /** The file's valid device score runs, joined (a version 1 file's readings folded), oldest first. */
  runs: Run[];
  /** The file's valid notes, in file order. */
  notes: Note[];
  /** The file's valid runs of the other series, joined; empty before version 3. */
  seriesRuns: SeriesRun[];
  /** What the file says device groups were called, and from when; empty before version 3. */
  seriesNames: SeriesName[];
  /** The recommendation change log; empty but in a version 3 JSON file. */
  recommendationChanges: RecommendationChange[];
  /** The reads of the whole recommendation list; empty but in a version 3 JSON file. */
  recommendationReads: RecommendationRead[];
  /** Each tenant's goal, alert rules and alert log; empty but in a version 3 JSON file. */
  goals: GoalRecord[];
  alertRules: AlertRuleRecord[];
  alertLog: AlertLogEntry[];
  /** Microsoft Secure Score's days and control changes; only in a version 4 JSON file that has them. */
  secureScore?: SecureScoreImport;
  invalid: InvalidRow[];
  /** The tenants of all these records, in order of first appearance in the file. */
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

const NO_OTHER_RECORDS = () => ({ seriesRuns: [], seriesNames: [], recommendationChanges: [], recommendationReads: [], goals: [], alertRules: [], alertLog: [] });

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
      ...NO_OTHER_RECORDS(),
      invalid: this.#invalid,
      tenantIds: tenantIdsOf(this.#readings),
      tenantLabels,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Versions 2 and 3: runs and notes, and (3) runs of the other series, group names and the recommendation log

/** What one row holds: a JSON entry one record, a CSV line a run with its note or group name, or a note. */
export interface RowRecords {
  run?: Run;
  note?: Note;
  seriesRun?: SeriesRun;
  seriesName?: SeriesName;
  change?: RecommendationChange;
  read?: RecommendationRead;
  goal?: GoalRecord;
  alertRule?: AlertRuleRecord;
  alert?: AlertLogEntry;
}

/**
 * Gathers checked rows of version 2 or 3: every valid run, and each note, group name, recommendation change
 * and read unless it repeats the key of an earlier one (a CSV line may repeat the group name of another line
 * for the same group and time, as two runs that start together both carry it).
 */
export class RunCollector {
  readonly #runs: Run[] = [];
  readonly #notes: Note[] = [];
  readonly #seriesRuns: SeriesRun[] = [];
  readonly #seriesNames: SeriesName[] = [];
  readonly #changes: RecommendationChange[] = [];
  readonly #reads: RecommendationRead[] = [];
  readonly #goals: GoalRecord[] = [];
  readonly #alertRules: AlertRuleRecord[] = [];
  readonly #alertLog: AlertLogEntry[] = [];
  /** A goal, rule or alert by its kind and key: the line of the first of each. */
  readonly #lineByWatchRecord = new Map<string, number>();
  readonly #tenantIds: string[] = [];
  readonly #invalid: InvalidRow[] = [];
  readonly #lineByNote = new Map<string, number>();
  readonly #lineByName = new Map<string, { line: number; name: string }>();
  readonly #lineByChange = new Map<string, number>();
  readonly #lineByRead = new Map<string, number>();

  constructor(
    readonly format: 'csv' | 'json',
    readonly version: 2 | 3 | 4 = 2,
  ) {}

  /** A row holding one or more records (a CSV line); it is kept whole or skipped whole. */
  add(kind: RowKind, line: number, row: Result<RowRecords, string>): void {
    if (!row.ok) return this.#skip(kind, line, row.error);
    const repeat = this.#repeatProblem(kind, row.value);
    if (repeat !== undefined) return this.#skip(kind, line, repeat);
    const { run, note, seriesRun, seriesName, change, read, goal, alertRule, alert } = row.value;
    if (note) this.#keep(this.#notes, note, this.#lineByNote, noteKey(note.tenantId, note.time), line);
    if (run) this.#keep(this.#runs, run);
    if (seriesRun) this.#keep(this.#seriesRuns, seriesRun);
    if (seriesName && !this.#lineByName.has(nameKey(seriesName))) {
      this.#lineByName.set(nameKey(seriesName), { line, name: seriesName.name });
      this.#keep(this.#seriesNames, seriesName);
    }
    if (change) this.#keep(this.#changes, change, this.#lineByChange, changeKey(change), line);
    if (read) this.#keep(this.#reads, read, this.#lineByRead, readKey(read), line);
    if (goal) this.#keep(this.#goals, goal, this.#lineByWatchRecord, `goal|${goal.tenantId}`, line);
    if (alertRule) this.#keep(this.#alertRules, alertRule, this.#lineByWatchRecord, `alert-rule|${watchRecordKey(alertRule)}`, line);
    if (alert) this.#keep(this.#alertLog, alert, this.#lineByWatchRecord, `alert|${watchRecordKey(alert)}`, line);
  }

  result(tenantLabels: Record<string, string> = {}): Result<ParsedImport, string> {
    return ok({
      format: this.format,
      version: this.version,
      readingCount: undefined,
      // Overlapping runs of one score (rows repeated, or files joined by hand) are one run.
      runs: joinRuns(this.#runs),
      notes: this.#notes,
      seriesRuns: joinRuns(this.#seriesRuns) as SeriesRun[],
      // A CSV names the group on each of its rows: only the lines where the name changes are a log.
      seriesNames: this.format === 'csv' ? namesToPut(this.#seriesNames, []) : this.#seriesNames,
      recommendationChanges: this.#changes,
      recommendationReads: this.#reads,
      goals: this.#goals,
      alertRules: this.#alertRules,
      alertLog: this.#alertLog,
      invalid: this.#invalid,
      tenantIds: [...new Set(this.#tenantIds)],
      tenantLabels,
    });
  }

  #skip(kind: RowKind, line: number, reason: string): void {
    this.#invalid.push({ kind, line, reason });
  }

  #keep<T extends { tenantId: string }>(list: T[], record: T, lines?: Map<string, number>, key?: string, line?: number): void {
    list.push(record);
    this.#tenantIds.push(record.tenantId);
    if (lines && key !== undefined && line !== undefined) lines.set(key, line);
  }

  /** Why a valid row is still skipped: a record in it has the key of one kept from an earlier row. */
  #repeatProblem(kind: RowKind, { note, seriesName, change, read, goal, alertRule, alert }: RowRecords): string | undefined {
    const noteLine = note && this.#lineByNote.get(noteKey(note.tenantId, note.time));
    if (noteLine !== undefined) {
      return kind === 'line' ? `its note has the same tenant and time as the note of line ${noteLine}` : `duplicate of note ${noteLine}`;
    }
    const first = seriesName && this.#lineByName.get(nameKey(seriesName));
    if (first && kind === 'line' && first.name !== seriesName?.name) return `its group name differs from the one on line ${first.line} for the same group and time`;
    if (first && kind !== 'line') return `duplicate of series name ${first.line}`;
    const changeLine = change && this.#lineByChange.get(changeKey(change));
    if (changeLine !== undefined) return `duplicate of recommendation change ${changeLine}`;
    const readLine = read && this.#lineByRead.get(readKey(read));
    if (readLine !== undefined) return `duplicate of recommendation read ${readLine}`;
    const watchKey = goal ? `goal|${goal.tenantId}` : alertRule ? `alert-rule|${watchRecordKey(alertRule)}` : alert ? `alert|${watchRecordKey(alert)}` : undefined;
    const watchLine = watchKey === undefined ? undefined : this.#lineByWatchRecord.get(watchKey);
    if (watchLine !== undefined) return `duplicate of ${kind === 'goal' ? 'goal' : kind === 'alert-rule' ? 'alert rule' : 'alert'} ${watchLine}`;
    return undefined;
  }
}

function nameKey({ tenantId, series, time }: SeriesName): string {
  return `${tenantId}|${series}|${time}`;
}

export const LAST_BEFORE_FIRST = 'the score was last seen before it was first seen';
