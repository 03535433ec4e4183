import { parseIsoInstant } from '../util/iso-time';
import { CSV_COLUMNS, CSV_LABEL_COLUMN, JSON_APP, JSON_FORMAT, JSON_VERSION, removeFormulaGuard } from './export-formats';
import { MAX_NOTE_LENGTH, tenantIdsOf, type Reading } from './reading';

/**
 * Checked against `text.length` (UTF-16 units, never more than the file's UTF-8 bytes) only as a
 * backstop: the UI should refuse a File whose `size` is larger before reading it into memory.
 */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 200_000;
/** Secure Score for Devices runs to a few thousand points; far beyond that, a cell is not a score. */
export const MAX_SCORE = 100_000;
/** No Defender Secure Score existed before this; an earlier time is a mistake in the file. */
export const EARLIEST_READING_TIME = Date.UTC(2015, 0, 1);
/** Room for the clock of the machine that wrote the file being ahead of this one. */
export const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

export interface InvalidRow {
  /** CSV: the 1-based line in the file where the row starts. JSON: the 1-based position in `readings`. */
  line: number;
  /** Plain words, lower case, no full stop, e.g. "the time is in the future". */
  reason: string;
}

export type ImportParse =
  | { ok: false; /** A sentence saying why the whole file is refused. */ problem: string }
  | {
      ok: true;
      format: 'csv' | 'json';
      readings: Reading[];
      invalid: InvalidRow[];
      tenantIds: string[];
      /** Names for tenants, from a JSON file's `tenants` list (valid ones only). */
      tenantLabels: Record<string, string>;
    };

export interface ImportOptions {
  now: number;
  /** Used for CSV rows whose tenant cell is empty, e.g. the tenant on screen. */
  defaultTenantId?: string;
}

/**
 * Reads a file made by toCsv or toJson. Invalid rows are skipped and reported; the file as a whole is
 * refused only when it cannot be one of ours. Never throws. Readings come back in file order.
 */
export function parseImportFile(name: string, text: string, options: ImportOptions): ImportParse {
  if (!/\.(csv|json)$/i.test(name.trim())) return refuse('Only .csv and .json files exported from Scoreline can be imported.');
  if (text.length > MAX_IMPORT_BYTES) return refuse('The file is larger than 20 MB, more than any Scoreline history.');
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const firstCharacter = /\S/.exec(body)?.[0];
  if (firstCharacter === undefined) return refuse('The file is empty.');
  // A CSV of ours starts with its header, so `[` can only be (someone else's) JSON.
  return firstCharacter === '{' || firstCharacter === '[' ? parseJson(body, options.now) : parseCsv(body, options);
}

export interface ImportSummary {
  toAdd: Reading[];
  /** Readings whose tenant and time are already stored (or repeat an earlier one in the list). */
  alreadyPresent: number;
}

/** Splits parsed readings into new ones and ones already kept; a stored reading always wins, note and all. */
export function summariseImport(parsed: readonly Reading[], existingKeys: (tenantId: string, time: number) => boolean): ImportSummary {
  const seen = new Set<string>();
  const toAdd: Reading[] = [];
  let alreadyPresent = 0;
  for (const reading of parsed) {
    const key = readingKey(reading.tenantId, reading.time);
    if (seen.has(key) || existingKeys(reading.tenantId, reading.time)) alreadyPresent += 1;
    else toAdd.push(reading);
    seen.add(key);
  }
  return { toAdd, alreadyPresent };
}

/**
 * What every imported reading satisfies. Stated on its own, not with the parser's checks, so that the
 * fuzz tests hold the parser to it rather than to itself.
 */
export function isValidReading(value: unknown, now: number): value is Reading {
  if (typeof value !== 'object' || value === null) return false;
  const { tenantId, time, score, note } = value as Partial<Record<keyof Reading, unknown>>;
  return (
    typeof tenantId === 'string' &&
    CANONICAL_TENANT_ID.test(tenantId) &&
    Number.isSafeInteger(time) &&
    (time as number) >= EARLIEST_READING_TIME &&
    (time as number) <= now + FUTURE_TOLERANCE_MS &&
    Number.isFinite(score) &&
    (score as number) >= 0 &&
    (score as number) <= MAX_SCORE &&
    (note === undefined || isValidNote(note))
  );
}

function isValidNote(note: unknown): boolean {
  return (
    typeof note === 'string' &&
    note !== '' &&
    note === note.trim() &&
    note.length <= MAX_NOTE_LENGTH &&
    // Control characters but \n, lone surrogates, bidi overrides.
    !/[^\P{Cc}\n]|\p{Cs}|[\u202a-\u202e\u2066-\u2069]/u.test(note) &&
    // No tags or comments.
    !/<[a-zA-Z/!?][^<>]*>/.test(note)
  );
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * A note as it is kept: line ends as \n, trimmed, empty → undefined, at most MAX_NOTE_LENGTH UTF-16
 * units (what a text field's maxlength counts), no control characters other than the line feed.
 * The note editor can use it so typed notes follow the same rule as imported ones.
 */
export function checkNote(text: string): Checked<string | undefined> {
  const note = text.replace(/\r\n?/g, '\n').trim();
  if (note === '') return { ok: true, value: undefined };
  const forbidden = forbiddenCharacterIn(note);
  if (forbidden) return { ok: false, reason: forbidden };
  // Shown as text it would be harmless, but markup in a note is a sign of a hostile or mangled file.
  if (MARKUP.test(note)) return { ok: false, reason: 'the note contains markup (such as <b> or <script>), which Scoreline does not keep' };
  if (note.length > MAX_NOTE_LENGTH) return { ok: false, reason: `the note is longer than ${MAX_NOTE_LENGTH} characters` };
  return { ok: true, value: note };
}

// ---------------------------------------------------------------------------------------------
// Checks shared by both formats, each returning the first problem in plain words.

const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Entra ID writes tenant IDs in lower case; the importer does too, so one tenant has one key.
const CANONICAL_TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Digits, optionally a point and more digits: no sign, exponent, hex, Infinity or NaN.
const PLAIN_DECIMAL = /^\d+(?:\.\d+)?$/;

function checkTime(text: string, now: number): Checked<number> {
  if (text === '') return { ok: false, reason: 'has no time' };
  const time = parseIsoInstant(text);
  if (time === undefined) {
    return { ok: false, reason: `the time ${excerpt(text)} is not an ISO 8601 date and time with a zone, such as 2026-11-28T09:15:00Z` };
  }
  const problem = timeProblem(time, now);
  return problem ? { ok: false, reason: problem } : { ok: true, value: time };
}

function timeProblem(time: number, now: number): string | undefined {
  if (time < EARLIEST_READING_TIME) return 'the time is before 2015, when Secure Score did not exist yet';
  // Written so that a NaN `now` refuses every time rather than none.
  if (!(time <= now + FUTURE_TOLERANCE_MS)) return 'the time is in the future';
  return undefined;
}

function checkScoreText(text: string): Checked<number> {
  if (text === '') return { ok: false, reason: 'has no score' };
  if (!PLAIN_DECIMAL.test(text)) return { ok: false, reason: `the score ${excerpt(text)} is not a plain number of points, such as 301.5` };
  return checkScore(Number(text));
}

function checkScore(score: number): Checked<number> {
  const problem = scoreProblem(score);
  // + 0 turns a JSON -0 into 0.
  return problem ? { ok: false, reason: problem } : { ok: true, value: score + 0 };
}

function scoreProblem(score: number): string | undefined {
  if (Number.isNaN(score)) return 'the score is not a number';
  if (score < 0) return 'the score is negative';
  if (score > MAX_SCORE) return `the score is more than ${MAX_SCORE} points`;
  return undefined;
}

function checkTenantId(text: string): Checked<string> {
  if (text === '') return { ok: false, reason: 'has no tenant' };
  if (!TENANT_ID.test(text)) return { ok: false, reason: `the tenant ${excerpt(text)} is not a tenant ID (a GUID)` };
  return { ok: true, value: text.toLowerCase() };
}

/** A tag or comment: "<" then a letter, "/", "!" or "?", up to a ">" ("x<y", "score < 400" and "<3" are fine). */
const MARKUP = /<[a-z/!?][^<>]*>/i;

/** Control characters (other than \n), bidi overrides that can disguise text, and broken surrogates. */
function forbiddenCharacterIn(text: string): string | undefined {
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit === 0x0a) continue;
    if (unit < 0x20 || (unit >= 0x7f && unit <= 0x9f)) return 'the note contains control characters';
    if ((unit >= 0x202a && unit <= 0x202e) || (unit >= 0x2066 && unit <= 0x2069)) {
      return 'the note contains characters that change the direction of text';
    }
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index += 1;
      else return 'the note contains broken Unicode text';
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return 'the note contains broken Unicode text';
  }
  return undefined;
}

const EXCERPT_LENGTH = 40;

/** A short, printable quotation of a bad value for a reason message. */
function excerpt(text: string): string {
  const characters = Array.from(text.slice(0, EXCERPT_LENGTH + 1));
  const shown = characters.slice(0, EXCERPT_LENGTH).join('').replace(/[\p{Cc}\p{Cs}\u202a-\u202e\u2066-\u2069]/gu, '\uFFFD');
  return `"${shown}${characters.length > EXCERPT_LENGTH ? '…' : ''}"`;
}

function refuse(problem: string): ImportParse {
  return { ok: false, problem };
}

function readingKey(tenantId: string, time: number): string {
  return `${tenantId} ${time}`;
}

function withNote(tenantId: string, time: number, score: number, note: string | undefined): Reading {
  return note === undefined ? { tenantId, time, score } : { tenantId, time, score, note };
}

/** Gathers checked rows: valid ones become readings unless they repeat an earlier tenant and time. */
class ReadingCollector {
  readonly #readings: Reading[] = [];
  readonly #invalid: InvalidRow[] = [];
  readonly #firstLineByKey = new Map<string, number>();

  constructor(
    readonly format: 'csv' | 'json',
    readonly rowWord: 'line' | 'reading',
  ) {}

  add(line: number, row: Checked<Reading>): void {
    if (!row.ok) {
      this.#invalid.push({ line, reason: row.reason });
      return;
    }
    const key = readingKey(row.value.tenantId, row.value.time);
    const firstLine = this.#firstLineByKey.get(key);
    if (firstLine !== undefined) {
      this.#invalid.push({ line, reason: `duplicate of ${this.rowWord} ${firstLine}` });
      return;
    }
    this.#firstLineByKey.set(key, line);
    this.#readings.push(row.value);
  }

  result(tenantLabels: Record<string, string> = {}): ImportParse {
    return { ok: true, format: this.format, readings: this.#readings, invalid: this.#invalid, tenantIds: tenantIdsOf(this.#readings), tenantLabels };
  }
}

const TOO_MANY_ROWS = `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en')} readings; split it into smaller files.`;

// ---------------------------------------------------------------------------------------------
// JSON

function parseJson(body: string, now: number): ImportParse {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    // Also catches a RangeError from absurdly deep nesting.
    return refuse('The file is truncated or is not JSON.');
  }
  if (!isRecord(document) || own(document, 'app') !== JSON_APP || own(document, 'format') !== JSON_FORMAT) {
    return refuse('The file is JSON, but not a history exported from Scoreline.');
  }
  const version = own(document, 'version');
  if (typeof version === 'number' && version > JSON_VERSION) {
    return refuse('The file was made by a newer version of Scoreline. Reload Scoreline to update it, then import the file again.');
  }
  if (version !== JSON_VERSION) return refuse('The file has a format version that Scoreline does not know.');
  const entries = own(document, 'readings');
  if (!Array.isArray(entries)) return refuse('The file has no list of readings.');
  if (entries.length > MAX_IMPORT_ROWS) return refuse(TOO_MANY_ROWS);

  const collector = new ReadingCollector('json', 'reading');
  entries.forEach((entry: unknown, index) => collector.add(index + 1, readingFromJson(entry, now)));
  return collector.result(tenantLabelsFromJson(own(document, 'tenants')));
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

function readingFromJson(entry: unknown, now: number): Checked<Reading> {
  if (!isRecord(entry)) return { ok: false, reason: 'is not an object with tenantId, time and score' };
  const time = own(entry, 'time');
  const score = own(entry, 'score');
  const tenantId = own(entry, 'tenantId');
  const note = own(entry, 'note');

  if (typeof time !== 'string') return { ok: false, reason: 'has no time text' };
  const checkedTime = checkTime(time, now);
  if (!checkedTime.ok) return checkedTime;
  if (typeof score !== 'number') return { ok: false, reason: 'has no numeric score' };
  const checkedScore = checkScore(score);
  if (!checkedScore.ok) return checkedScore;
  if (typeof tenantId !== 'string') return { ok: false, reason: 'has no tenantId text' };
  const checkedTenant = checkTenantId(tenantId);
  if (!checkedTenant.ok) return checkedTenant;
  if (note !== undefined && typeof note !== 'string') return { ok: false, reason: 'has a note that is not text' };
  const checkedNote = checkNote(note ?? '');
  if (!checkedNote.ok) return checkedNote;
  return { ok: true, value: withNote(checkedTenant.value, checkedTime.value, checkedScore.value, checkedNote.value) };
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

const NOT_OUR_CSV = 'The file is not a CSV exported from Scoreline: its first line must be time,score,tenant,note.';

function parseCsv(body: string, options: ImportOptions): ImportParse {
  const records = csvRecords(body);
  let header = records.next();
  while (!header.done && isBlank(header.value)) header = records.next();
  if (header.done || header.value.problem !== undefined || !isOurHeader(header.value.fields)) return refuse(NOT_OUR_CSV);
  const columnCount = header.value.fields.length;

  const collector = new ReadingCollector('csv', 'line');
  let rowCount = 0;
  for (const record of records) {
    if (isBlank(record)) continue;
    rowCount += 1;
    if (rowCount > MAX_IMPORT_ROWS) return refuse(TOO_MANY_ROWS);
    collector.add(record.line, readingFromCsv(record, columnCount, options));
  }
  return collector.result();
}

/** Our columns in our order; the note and label columns may be missing; any letter case. */
function isOurHeader(fields: readonly string[]): boolean {
  const expected = [...CSV_COLUMNS, CSV_LABEL_COLUMN];
  return fields.length >= 3 && fields.length <= expected.length && fields.every((field, index) => field.trim().toLowerCase() === expected[index]);
}

function readingFromCsv(record: CsvRecord, columnCount: number, options: ImportOptions): Checked<Reading> {
  if (record.problem !== undefined) return { ok: false, reason: record.problem };
  if (record.fields.length > columnCount) {
    return { ok: false, reason: 'has more cells than the header; a note with a comma must be in double quotes' };
  }
  // Missing trailing cells count as empty; the label column is only for people and is not read.
  const [time = '', score = '', tenant = '', note = ''] = record.fields;

  const checkedTime = checkTime(time.trim(), options.now);
  if (!checkedTime.ok) return checkedTime;
  const checkedScore = checkScoreText(score.trim());
  if (!checkedScore.ok) return checkedScore;
  const tenantText = removeFormulaGuard(tenant.trim());
  const checkedTenant = checkTenantId(tenantText === '' && options.defaultTenantId !== undefined ? options.defaultTenantId : tenantText);
  if (!checkedTenant.ok) return checkedTenant;
  const checkedNote = checkNote(removeFormulaGuard(note));
  if (!checkedNote.ok) return checkedNote;
  return { ok: true, value: withNote(checkedTenant.value, checkedTime.value, checkedScore.value, checkedNote.value) };
}

interface CsvRecord {
  /** The 1-based line where the record starts (a quoted cell can span lines). */
  line: number;
  fields: string[];
  problem?: string;
}

/** Spreadsheets save empty rows as `,,,`; they are skipped, not reported. */
function isBlank(record: CsvRecord): boolean {
  return record.problem === undefined && record.fields.every((field) => field.trim() === '');
}

/**
 * RFC 4180 records, one pass, no backtracking. Line ends may be CRLF, LF or CR. A quoted cell that
 * is never closed (a cut-off file) takes the rest of the file and makes its record invalid.
 */
function* csvRecords(text: string): Generator<CsvRecord, void, undefined> {
  let position = 0;
  let line = 1;
  while (position < text.length) {
    const record: CsvRecord = { line, fields: [] };
    for (;;) {
      if (text[position] === '"') {
        const quoted = readQuotedField(text, position);
        record.fields.push(quoted.value);
        line += quoted.lineBreaks;
        position = quoted.end;
        if (!quoted.closed) record.problem ??= 'the row is cut off: a quoted cell is never closed';
        else if (position < text.length && !isFieldEnd(text, position)) {
          record.problem ??= 'a quoted cell has text after its closing quote';
          position = nextFieldEnd(text, position);
        }
      } else {
        const end = nextFieldEnd(text, position);
        record.fields.push(text.slice(position, end));
        position = end;
      }
      if (text[position] !== ',') break;
      position += 1;
    }
    const afterLineBreak = skipLineBreak(text, position);
    if (afterLineBreak !== position) line += 1;
    position = afterLineBreak;
    yield record;
  }
}

function readQuotedField(text: string, start: number): { value: string; closed: boolean; end: number; lineBreaks: number } {
  const parts: string[] = [];
  let position = start + 1;
  let lineBreaks = 0;
  for (;;) {
    const quote = text.indexOf('"', position);
    if (quote === -1) {
      parts.push(text.slice(position));
      lineBreaks += countLineBreaks(text, position, text.length);
      return { value: parts.join(''), closed: false, end: text.length, lineBreaks };
    }
    parts.push(text.slice(position, quote));
    lineBreaks += countLineBreaks(text, position, quote);
    if (text[quote + 1] !== '"') return { value: parts.join(''), closed: true, end: quote + 1, lineBreaks };
    parts.push('"');
    position = quote + 2;
  }
}

function isFieldEnd(text: string, position: number): boolean {
  const character = text[position];
  return character === ',' || character === '\n' || character === '\r';
}

function nextFieldEnd(text: string, from: number): number {
  let position = from;
  while (position < text.length && !isFieldEnd(text, position)) position += 1;
  return position;
}

function skipLineBreak(text: string, position: number): number {
  if (text[position] === '\r') return text[position + 1] === '\n' ? position + 2 : position + 1;
  return text[position] === '\n' ? position + 1 : position;
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let position = from; position < to; position += 1) {
    const character = text[position];
    if (character === '\n' || (character === '\r' && text[position + 1] !== '\n')) count += 1;
  }
  return count;
}
