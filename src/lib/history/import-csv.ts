// A CSV file of ours, of format version 1 (time,score,tenant,note), 2 (a row per device score run) or 3 (a
// row per run of any series, with its series).
import { err, ok, type Result } from '../util/result';
import { csvRecords, isBlankRecord, type CsvRecord } from './csv-records';
import { removeFormulaGuard } from './csv-cells';
import { CSV_COLUMNS, CSV_LABEL_COLUMN, CSV_V1_COLUMNS, CSV_V2_COLUMNS, DEVICE_SCORE_SERIES } from './export-csv';
import { checkGroupName, checkNote, checkScoreText, checkSeriesId, checkSeriesValueText, checkTenantId, checkTime } from './reading-rules';
import type { Run } from './run';
import { isGroupSeries, type SeriesId } from './series';
import { LAST_BEFORE_FIRST, MAX_IMPORT_ROWS, ReadingCollector, RunCollector, noteAt, tooManyRows, type FileVersion, type ImportOptions, type ParsedImport, type ReadingWithNote, type RowRecords } from './import-rows';

const NOT_OUR_CSV = `The file is not a CSV exported from Scoreline: its first line must be ${CSV_COLUMNS.join(',')} (or, from an older version, ${CSV_V2_COLUMNS.join(',')} or ${CSV_V1_COLUMNS.join(',')}).`;

const NOTES_ONLY_ON_DEVICE_SCORE = 'only device score rows have notes';
const NAMES_ONLY_ON_GROUPS = 'only device group rows have a group name';

export function parseCsv(body: string, options: ImportOptions): Result<ParsedImport, string> {
  const records = csvRecords(body);
  let header = records.next();
  while (!header.done && isBlankRecord(header.value)) header = records.next();
  if (header.done || header.value.problem !== undefined) return err(NOT_OUR_CSV);
  const version = csvVersion(header.value.fields);
  if (version === undefined) return err(NOT_OUR_CSV);
  const columnCount = header.value.fields.length;

  const readings = new ReadingCollector('csv', 'line');
  const runs = new RunCollector('csv', version === 3 ? 3 : 2);
  let rowCount = 0;
  for (const record of records) {
    if (isBlankRecord(record)) continue;
    rowCount += 1;
    if (rowCount > MAX_IMPORT_ROWS) return err(tooManyRows(version === 1 ? 'readings' : 'rows'));
    const cells = csvCells(record, columnCount);
    if (version === 1) readings.add(record.line, cells.ok ? readingFromCsv(cells.value, options) : cells);
    else runs.add('line', record.line, cells.ok ? runLineFromCsv(version === 3 ? v3Cells(cells.value) : v2Cells(cells.value), options) : cells);
  }
  return version === 1 ? readings.result() : runs.result();
}

/** Which version's columns, in their order; the columns after the tenant (3: after the series) may be missing; any letter case. */
function csvVersion(fields: readonly string[]): FileVersion | undefined {
  const names = fields.map((field) => field.trim().toLowerCase());
  if (hasColumns(names, CSV_COLUMNS, CSV_COLUMNS.indexOf('series') + 1)) return 3;
  if (hasColumns(names, CSV_V2_COLUMNS, CSV_V2_COLUMNS.indexOf('tenant') + 1)) return 2;
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

/** The cells of a run line, by column; a version 2 line has no series (the device score) and no group name. */
interface RunLineCells {
  firstSeen: string;
  lastSeen: string;
  score: string;
  tenant: string;
  series: string;
  groupName: string;
  note: string;
}

function v2Cells([firstSeen = '', lastSeen = '', score = '', tenant = '', note = '']: readonly string[]): RunLineCells {
  return { firstSeen, lastSeen, score, tenant, series: '', groupName: '', note };
}

function v3Cells([firstSeen = '', lastSeen = '', score = '', tenant = '', series = '', groupName = '', note = '']: readonly string[]): RunLineCells {
  return { firstSeen, lastSeen, score, tenant, series, groupName, note };
}

/**
 * A run line: a run of its series (a device score run with the note at its start, a group's run with the
 * group's name at its start), or (empty last_seen and score) a device score note on its own (see csvLines in
 * export-csv.ts). Its notes were written on the run's row in a spreadsheet, which keeps no edit time: they
 * never replace a copy kept in the browser.
 */
function runLineFromCsv(cells: RunLineCells, options: ImportOptions): Result<RowRecords, string> {
  const firstSeen = csvTime(cells.firstSeen, 'first_seen', options.now);
  if (!firstSeen.ok) return firstSeen;
  const series = csvSeries(cells.series);
  if (!series.ok) return series;
  const groupName = csvGroupName(cells.groupName, series.value);
  if (!groupName.ok) return groupName;
  if (cells.lastSeen.trim() === '' && cells.score.trim() === '') {
    const tenantId = csvTenant(cells.tenant, options);
    if (!tenantId.ok) return tenantId;
    const text = csvNote(cells.note);
    if (!text.ok) return text;
    if (text.value === undefined) return err('has no score');
    return series.value === undefined ? ok({ note: noteAt(tenantId.value, firstSeen.value, text.value) }) : err(NOTES_ONLY_ON_DEVICE_SCORE);
  }
  const lastSeen = csvTime(cells.lastSeen, 'last_seen', options.now);
  if (!lastSeen.ok) return lastSeen;
  if (lastSeen.value < firstSeen.value) return err(LAST_BEFORE_FIRST);
  const score = series.value === undefined ? checkScoreText(cells.score.trim()) : checkSeriesValueText(cells.score.trim());
  if (!score.ok) return score;
  const tenantId = csvTenant(cells.tenant, options);
  if (!tenantId.ok) return tenantId;
  const text = csvNote(cells.note);
  if (!text.ok) return text;
  const run: Run = { tenantId: tenantId.value, firstSeen: firstSeen.value, lastSeen: lastSeen.value, score: score.value };
  if (series.value === undefined) return ok(text.value === undefined ? { run } : { run, note: noteAt(run.tenantId, run.firstSeen, text.value) });
  if (text.value !== undefined) return err(NOTES_ONLY_ON_DEVICE_SCORE);
  const seriesRun = { ...run, series: series.value };
  if (groupName.value === undefined) return ok({ seriesRun });
  return ok({ seriesRun, seriesName: { tenantId: run.tenantId, series: series.value, time: run.firstSeen, name: groupName.value } });
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

/** undefined for the device score (`device score`, or an empty cell); a group's series id exactly as written. */
function csvSeries(cell: string): Result<SeriesId | undefined, string> {
  const text = removeFormulaGuard(cell);
  const word = text.trim().toLowerCase();
  if (word === '' || word === DEVICE_SCORE_SERIES) return ok(undefined);
  if (word === 'exposure') return ok('exposure');
  return checkSeriesId(text);
}

/**
 * The group's name at the run's start, exactly as written (a name may be spaces), on a group's row; undefined
 * when the cell is empty. Other rows have none: blank is fine there, text is a mistake.
 */
function csvGroupName(cell: string, series: SeriesId | undefined): Result<string | undefined, string> {
  const text = removeFormulaGuard(cell);
  if (series === undefined || !isGroupSeries(series)) return text.trim() === '' ? ok(undefined) : err(NAMES_ONLY_ON_GROUPS);
  return text === '' ? ok(undefined) : checkGroupName(text);
}
