import { err, ok, type Result } from '../util/result';
import { csvRecords, isBlankRecord, type CsvRecord } from './csv-records';
import { CSV_COLUMNS, CSV_LABEL_COLUMN, JSON_APP, JSON_FORMAT, JSON_VERSION, removeFormulaGuard } from './export-formats';
import { readingKey, tenantIdsOf, type Reading } from './reading';
import { checkNote, checkScore, checkScoreText, checkTenantId, checkTime } from './reading-rules';

/**
 * Checked against `text.length` (UTF-16 units, never more than the file's UTF-8 bytes) only as a
 * backstop: the UI should refuse a File whose `size` is larger before reading it into memory.
 */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 200_000;

export interface InvalidRow {
  /** CSV: the 1-based line in the file where the row starts. JSON: the 1-based position in `readings`. */
  line: number;
  /** Plain words, lower case, no full stop, e.g. "the time is in the future". */
  reason: string;
}

export interface ParsedImport {
  format: 'csv' | 'json';
  readings: Reading[];
  invalid: InvalidRow[];
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
 * Reads a file made by toCsv or toJson. Invalid rows are skipped and reported; the file as a whole is
 * refused, with a sentence saying why, only when it cannot be one of ours. Never throws. Readings
 * come back in file order.
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

  add(line: number, row: Result<Reading, string>): void {
    if (!row.ok) {
      this.#invalid.push({ line, reason: row.error });
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

  result(tenantLabels: Record<string, string> = {}): Result<ParsedImport, string> {
    return ok({ format: this.format, readings: this.#readings, invalid: this.#invalid, tenantIds: tenantIdsOf(this.#readings), tenantLabels });
  }
}

const TOO_MANY_ROWS = `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en')} readings; split it into smaller files.`;

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
  if (version !== JSON_VERSION) return err('The file has a format version that Scoreline does not know.');
  const entries = own(document, 'readings');
  if (!Array.isArray(entries)) return err('The file has no list of readings.');
  if (entries.length > MAX_IMPORT_ROWS) return err(TOO_MANY_ROWS);

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

function readingFromJson(entry: unknown, now: number): Result<Reading, string> {
  if (!isRecord(entry)) return err('is not an object with tenantId, time and score');
  const time = own(entry, 'time');
  const score = own(entry, 'score');
  const tenantId = own(entry, 'tenantId');
  const note = own(entry, 'note');

  if (typeof time !== 'string') return err('has no time text');
  const checkedTime = checkTime(time, now);
  if (!checkedTime.ok) return checkedTime;
  if (typeof score !== 'number') return err('has no numeric score');
  const checkedScore = checkScore(score);
  if (!checkedScore.ok) return checkedScore;
  if (typeof tenantId !== 'string') return err('has no tenantId text');
  const checkedTenant = checkTenantId(tenantId);
  if (!checkedTenant.ok) return checkedTenant;
  if (note !== undefined && typeof note !== 'string') return err('has a note that is not text');
  const checkedNote = checkNote(note ?? '');
  if (!checkedNote.ok) return checkedNote;
  return ok(withNote(checkedTenant.value, checkedTime.value, checkedScore.value, checkedNote.value));
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

function parseCsv(body: string, options: ImportOptions): Result<ParsedImport, string> {
  const records = csvRecords(body);
  let header = records.next();
  while (!header.done && isBlankRecord(header.value)) header = records.next();
  if (header.done || header.value.problem !== undefined || !isOurHeader(header.value.fields)) return err(NOT_OUR_CSV);
  const columnCount = header.value.fields.length;

  const collector = new ReadingCollector('csv', 'line');
  let rowCount = 0;
  for (const record of records) {
    if (isBlankRecord(record)) continue;
    rowCount += 1;
    if (rowCount > MAX_IMPORT_ROWS) return err(TOO_MANY_ROWS);
    collector.add(record.line, readingFromCsv(record, columnCount, options));
  }
  return collector.result();
}

/** Our columns in our order; the note and label columns may be missing; any letter case. */
function isOurHeader(fields: readonly string[]): boolean {
  const expected = [...CSV_COLUMNS, CSV_LABEL_COLUMN];
  return fields.length >= 3 && fields.length <= expected.length && fields.every((field, index) => field.trim().toLowerCase() === expected[index]);
}

function readingFromCsv(record: CsvRecord, columnCount: number, options: ImportOptions): Result<Reading, string> {
  if (record.problem !== undefined) return err(record.problem);
  if (record.fields.length > columnCount) {
    return err('has more cells than the header; a note with a comma must be in double quotes');
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
  return ok(withNote(checkedTenant.value, checkedTime.value, checkedScore.value, checkedNote.value));
}
