import { err, ok, type Result } from '../util/result';
import { csvRecords, isBlankRecord, type CsvRecord } from './csv-records';
import { CSV_COLUMNS, CSV_LABEL_COLUMN, CSV_V1_COLUMNS, JSON_APP, JSON_FORMAT, JSON_VERSION, removeFormulaGuard } from './export-formats';
import { noteKey, type Note } from './note';
import { readingKey, tenantIdsOf, type Reading } from './reading';
import { checkNote, checkScore, checkScoreText, checkTenantId, checkTime } from './reading-rules';
import { foldReadings, joinRuns, type Run } from './run';

/**
 * Checked against `text.length` (UTF-16 units, never more than the file's UTF-8 bytes) only as a
 * backstop: the UI should refuse a File whose `size` is larger before reading it into memory.
 */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
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

/**
 * Reads a file made by toCsv or toJson, of this version or an older one. Invalid rows are skipped and
 * reported; the file as a whole is refused, with a sentence saying why, only when it cannot be one of
 * ours. Never throws.
 */
export function parseImportFile(name: string, text: string, options: ImportOptions): Result<ParsedImport, string> {
  if (!/\.(csv|json)$/i.test(name.trim())) return err('Only .csv and .json files exported from Scoreline can be imported.');
  if (text.length > MAX_IMPORT_BYTES) return err('The file is larger than 20 MB, more than any Scoreline history.');
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const firstCharacter = /\S/.exec(body)?.[0];
  if (firstCharacter === undefined) return err('The file is empty.');
  // A CSV of ours starts with its header, so `[` can only be (someone else's) JSON.
  return firstCharacter === '{' || firstCharacter === '[' ? parseJson(body, options.now) : parseCsv(body, options);
}

const tooManyRows = (what: string) => `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en')} ${what}; split it into smaller files.`;

/** A note from a file that says nothing of when it was written: the earliest it can have been, its own time. */
function noteAt(tenantId: string, time: number, text: string): Note {
  return { tenantId, time, text, edited: time };
}

// ---------------------------------------------------------------------------------------------
// Version 1: one entry per reading, each with an optional note

interface ReadingWithNote extends Reading {
  note: string | undefined;
}

/** Gathers checked version 1 rows: valid ones become readings unless they repeat an earlier tenant and time. */
class ReadingCollector {
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
class RunCollector {
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

const LAST_BEFORE_FIRST = 'the score was last seen before it was first seen';

// ---------------------------------------------------------------------------------------------
// JSON

function parseJson(body: string, now: number): Result<ParsedImport, string> {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    // Also catches a RangeError from absurdly deep nesting.
    return err('The file is truncated or is not JSON.');
  }
  if (!isRecord(document) || own(document, 'app') !== JSON_APP || own(document, 'format') !== JSON_FORMAT) {
    return err('The file is JSON, but not a history exported from Scoreline.');
  }
  const version = own(document, 'version');
  if (typeof version === 'number' && version > JSON_VERSION) {
    return err('The file was made by a newer version of Scoreline. Reload Scoreline to update it, then import the file again.');
  }
  const tenantLabels = tenantLabelsFromJson(own(document, 'tenants'));
  if (version === 1) return parseJsonReadings(document, now, tenantLabels);
  if (version === 2) return parseJsonRuns(document, now, tenantLabels);
  return err('The file has a format version that Scoreline does not know.');
}

function parseJsonReadings(document: Record<string, unknown>, now: number, tenantLabels: Record<string, string>): Result<ParsedImport, string> {
  const entries = own(document, 'readings');
  if (!Array.isArray(entries)) return err('The file has no list of readings.');
  if (entries.length > MAX_IMPORT_ROWS) return err(tooManyRows('readings'));
  const collector = new ReadingCollector('json', 'reading');
  entries.forEach((entry: unknown, index) => collector.add(index + 1, readingFromJson(entry, now)));
  return collector.result(tenantLabels);
}

function parseJsonRuns(document: Record<string, unknown>, now: number, tenantLabels: Record<string, string>): Result<ParsedImport, string> {
  const runs = own(document, 'runs');
  const notes = own(document, 'notes');
  if (!Array.isArray(runs)) return err('The file has no list of runs.');
  if (!Array.isArray(notes)) return err('The file has no list of notes.');
  if (runs.length + notes.length > MAX_IMPORT_ROWS) return err(tooManyRows('runs and notes'));
  const collector = new RunCollector('json');
  runs.forEach((entry: unknown, index) => {
    const run = runFromJson(entry, now);
    collector.add('run', index + 1, run.ok ? ok({ run: run.value }) : run);
  });
  notes.forEach((entry: unknown, index) => {
    const note = noteFromJson(entry, now);
    // A note emptied to nothing is no note: skipped, as the note editor deletes it.
    if (!note.ok || note.value) collector.add('note', index + 1, note.ok ? ok({ note: note.value }) : note);
  });
  return collector.result(tenantLabels);
}

const MAX_LABEL_LENGTH = 100;

/** The `tenants` list's names, each checked like a note; anything doubtful is left out, never refused. */
function tenantLabelsFromJson(tenants: unknown): Record<string, string> {
  const labels: Record<string, string> = {};
  if (!Array.isArray(tenants)) return labels;
  for (const tenant of tenants.slice(0, MAX_IMPORT_ROWS)) {
    if (!isRecord(tenant)) continue;
    const tenantId = own(tenant, 'tenantId');
    const label = own(tenant, 'label');
    if (typeof tenantId !== 'string' || typeof label !== 'string' || label.length > MAX_LABEL_LENGTH) continue;
    const checkedTenant = checkTenantId(tenantId);
    const checkedLabel = checkNote(label);
    if (checkedTenant.ok && checkedLabel.ok && checkedLabel.value && !checkedLabel.value.includes('\n')) {
      labels[checkedTenant.value] = checkedLabel.value;
    }
  }
  return labels;
}

function readingFromJson(entry: unknown, now: number): Result<ReadingWithNote, string> {
  if (!isRecord(entry)) return err('is not an object with tenantId, time and score');
  const time = jsonTime(entry, 'time', now);
  if (!time.ok) return time;
  const score = jsonScore(entry);
  if (!score.ok) return score;
  const tenantId = jsonTenant(entry);
  if (!tenantId.ok) return tenantId;
  const note = own(entry, 'note');
  if (note !== undefined && typeof note !== 'string') return err('has a note that is not text');
  const checkedNote = checkNote(note ?? '');
  if (!checkedNote.ok) return checkedNote;
  return ok({ tenantId: tenantId.value, time: time.value, score: score.value, note: checkedNote.value });
}

function runFromJson(entry: unknown, now: number): Result<Run, string> {
  if (!isRecord(entry)) return err('is not an object with tenantId, firstSeen, lastSeen and score');
  const firstSeen = jsonTime(entry, 'firstSeen', now);
  if (!firstSeen.ok) return firstSeen;
  const lastSeen = jsonTime(entry, 'lastSeen', now);
  if (!lastSeen.ok) return lastSeen;
  if (lastSeen.value < firstSeen.value) return err(LAST_BEFORE_FIRST);
  const score = jsonScore(entry);
  if (!score.ok) return score;
  const tenantId = jsonTenant(entry);
  if (!tenantId.ok) return tenantId;
  return ok({ tenantId: tenantId.value, firstSeen: firstSeen.value, lastSeen: lastSeen.value, score: score.value });
}

/** A note, or undefined when its text is empty once trimmed. */
function noteFromJson(entry: unknown, now: number): Result<Note | undefined, string> {
  if (!isRecord(entry)) return err('is not an object with tenantId, time, text and edited');
  const time = jsonTime(entry, 'time', now);
  if (!time.ok) return time;
  const tenantId = jsonTenant(entry);
  if (!tenantId.ok) return tenantId;
  const text = own(entry, 'text');
  if (typeof text !== 'string') return err('has no text');
  const checkedText = checkNote(text);
  if (!checkedText.ok) return checkedText;
  const edited = jsonTime(entry, 'edited', now);
  if (!edited.ok) return edited;
  if (checkedText.value === undefined) return ok(undefined);
  return ok({ tenantId: tenantId.value, time: time.value, text: checkedText.value, edited: edited.value });
}

function jsonTime(entry: Record<string, unknown>, key: string, now: number): Result<number, string> {
  const time = own(entry, key);
  return typeof time === 'string' ? checkTime(time, now) : err(`has no ${key} text`);
}

function jsonScore(entry: Record<string, unknown>): Result<number, string> {
  const score = own(entry, 'score');
  return typeof score === 'number' ? checkScore(score) : err('has no numeric score');
}

function jsonTenant(entry: Record<string, unknown>): Result<string, string> {
  const tenantId = own(entry, 'tenantId');
  return typeof tenantId === 'string' ? checkTenantId(tenantId) : err('has no tenantId text');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads only the document's own keys, never something inherited from Object.prototype. */
function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

// ---------------------------------------------------------------------------------------------
// CSV

const NOT_OUR_CSV = `The file is not a CSV exported from Scoreline: its first line must be ${CSV_COLUMNS.join(',')} (or, from an older version, ${CSV_V1_COLUMNS.join(',')}).`;

function parseCsv(body: string, options: ImportOptions): Result<ParsedImport, string> {
  const records = csvRecords(body);
  let header = records.next();
  while (!header.done && isBlankRecord(header.value)) header = records.next();
  if (header.done || header.value.problem !== undefined) return err(NOT_OUR_CSV);
  const version = csvVersion(header.value.fields);
  if (version === undefined) return err(NOT_OUR_CSV);
  const columnCount = header.value.fields.length;

  const readings = new ReadingCollector('csv', 'line');
  const runs = new RunCollector('csv');
  let rowCount = 0;
  for (const record of records) {
    if (isBlankRecord(record)) continue;
    rowCount += 1;
    if (rowCount > MAX_IMPORT_ROWS) return err(tooManyRows(version === 1 ? 'readings' : 'rows'));
    const cells = csvCells(record, columnCount);
    if (version === 1) readings.add(record.line, cells.ok ? readingFromCsv(cells.value, options) : cells);
    else runs.add('line', record.line, cells.ok ? runLineFromCsv(cells.value, options) : cells);
  }
  return version === 1 ? readings.result() : runs.result();
}

/** Which version's columns, in their order; the note and label columns may be missing; any letter case. */
function csvVersion(fields: readonly string[]): FileVersion | undefined {
  const names = fields.map((field) => field.trim().toLowerCase());
  if (hasColumns(names, CSV_COLUMNS, CSV_COLUMNS.indexOf('tenant') + 1)) return 2;
  if (hasColumns(names, CSV_V1_COLUMNS, CSV_V1_COLUMNS.indexOf('tenant') + 1)) return 1;
  return undefined;
}

function hasColumns(names: readonly string[], columns: readonly string[], required: number): boolean {
  const expected = [...columns, CSV_LABEL_COLUMN];
  return names.length >= required && names.length <= expected.length && names.every((name, index) => name === expected[index]);
}

/** A record's cells (missing trailing ones count as empty); the label column is only for people and is not read. */
function csvCells(record: CsvRecord, columnCount: number): Result<string[], string> {
  if (record.problem !== undefined) return err(record.problem);
  if (record.fields.length > columnCount) return err('has more cells than the header; a note with a comma must be in double quotes');
  return ok(record.fields);
}

function readingFromCsv(cells: readonly string[], options: ImportOptions): Result<ReadingWithNote, string> {
  const [time = '', score = '', tenant = '', note = ''] = cells;
  const checkedTime = checkTime(time.trim(), options.now);
  if (!checkedTime.ok) return checkedTime;
  const checkedScore = checkScoreText(score.trim());
  if (!checkedScore.ok) return checkedScore;
  const checkedTenant = csvTenant(tenant, options);
  if (!checkedTenant.ok) return checkedTenant;
  const checkedNote = csvNote(note);
  if (!checkedNote.ok) return checkedNote;
  return ok({ tenantId: checkedTenant.value, time: checkedTime.value, score: checkedScore.value, note: checkedNote.value });
}

/**
 * A line of a version 2 CSV: a run with the note at its start, or (empty last_seen and score) a note on
 * its own (see csvLines in export-formats.ts). Its notes were written on the run's row in a spreadsheet,
 * which keeps no edit time: they never replace a copy kept in the browser.
 */
function runLineFromCsv(cells: readonly string[], options: ImportOptions): Result<{ run?: Run; note?: Note }, string> {
  const [firstSeenText = '', lastSeenText = '', scoreText = '', tenant = '', noteText = ''] = cells;
  const firstSeen = csvTime(firstSeenText, 'first_seen', options.now);
  if (!firstSeen.ok) return firstSeen;
  if (lastSeenText.trim() === '' && scoreText.trim() === '') {
    const tenantId = csvTenant(tenant, options);
    if (!tenantId.ok) return tenantId;
    const text = csvNote(noteText);
    if (!text.ok) return text;
    return text.value === undefined ? err('has no score') : ok({ note: noteAt(tenantId.value, firstSeen.value, text.value) });
  }
  const lastSeen = csvTime(lastSeenText, 'last_seen', options.now);
  if (!lastSeen.ok) return lastSeen;
  if (lastSeen.value < firstSeen.value) return err(LAST_BEFORE_FIRST);
  const score = checkScoreText(scoreText.trim());
  if (!score.ok) return score;
  const tenantId = csvTenant(tenant, options);
  if (!tenantId.ok) return tenantId;
  const text = csvNote(noteText);
  if (!text.ok) return text;
  const run: Run = { tenantId: tenantId.value, firstSeen: firstSeen.value, lastSeen: lastSeen.value, score: score.value };
  return ok(text.value === undefined ? { run } : { run, note: noteAt(run.tenantId, run.firstSeen, text.value) });
}

function csvTime(cell: string, column: string, now: number): Result<number, string> {
  const text = cell.trim();
  return text === '' ? err(`has no ${column} time`) : checkTime(text, now);
}

function csvTenant(cell: string, options: ImportOptions): Result<string, string> {
  const text = removeFormulaGuard(cell.trim());
  return checkTenantId(text === '' && options.defaultTenantId !== undefined ? options.defaultTenantId : text);
}

function csvNote(cell: string): Result<string | undefined, string> {
  return checkNote(removeFormulaGuard(cell));
}
