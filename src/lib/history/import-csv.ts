// A CSV file of ours, of format version 1 (time,score,tenant,note) or 2 (a row per run).
import { err, ok, type Result } from '../util/result';
import { csvRecords, isBlankRecord, type CsvRecord } from './csv-records';
import { removeFormulaGuard } from './csv-cells';
import { CSV_COLUMNS, CSV_LABEL_COLUMN, CSV_V1_COLUMNS } from './export-formats';
import type { Note } from './note';
import { checkNote, checkScoreText, checkTenantId, checkTime } from './reading-rules';
import type { Run } from './run';
import { LAST_BEFORE_FIRST, MAX_IMPORT_ROWS, ReadingCollector, RunCollector, noteAt, tooManyRows, type FileVersion, type ImportOptions, type ParsedImport, type ReadingWithNote } from './import-rows';

const NOT_OUR_CSV = `The file is not a CSV exported from Scoreline: its first line must be ${CSV_COLUMNS.join(',')} (or, from an older version, ${CSV_V1_COLUMNS.join(',')}).`;

export function parseCsv(body: string, options: ImportOptions): Result<ParsedImport, string> {
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
