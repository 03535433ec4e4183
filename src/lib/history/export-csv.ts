// The CSV export: for spreadsheets, one row per run of any series. JSON is the lossless format.
import { nextTask } from '../util/next-task';
import { csvText, plainDecimal } from './csv-cells';
import { compareText, inOrder, isoTime, sortedNotes, sortedRuns, EXPORT_CHUNK_SIZE, type ChunkOptions, type ExportedRecords, type TenantLabel } from './export-common';
import { noteKey, type Note } from './note';
import { compareRuns, streamKey, type Run } from './run';
import { isGroupSeries, type SeriesName } from './series';
import { compareSeriesNames } from './series-store';

/**
 * Version 3's columns: one row per run. `series` says which series the row's run belongs to: `device score`
 * (the Secure Score for Devices, the only series with notes), `exposure` (the exposure score, 0–100), or a
 * device group's exposure by its series id — `group-id:<rbacGroupId>` where the API names the group's id,
 * `group-name:<rbacGroupName>` where it gives only the name. `group_name` is what the group was called when
 * the run began, where known (empty on the other rows). See csvLines for how notes are written.
 */
export const CSV_COLUMNS = ['first_seen', 'last_seen', 'score', 'tenant', 'series', 'group_name', 'note'] as const;
/** The columns of a CSV from version 2 (device score runs only), still imported. */
export const CSV_V2_COLUMNS = ['first_seen', 'last_seen', 'score', 'tenant', 'note'] as const;
/** The columns of a CSV from version 1 (one row per reading), still imported. */
export const CSV_V1_COLUMNS = ['time', 'score', 'tenant', 'note'] as const;
/** Written only when labels are given; for people reading the file, ignored on import. */
export const CSV_LABEL_COLUMN = 'tenant_label';
/** The `series` cell of the device score's rows (and of note lines); an empty cell is read as it too. */
export const DEVICE_SCORE_SERIES = 'device score';

const CSV_LINE_END = '\r\n';

/** Tenant names by tenant ID, for toCsv's label column. */
export function labelsByTenantId(tenants: readonly TenantLabel[]): ReadonlyMap<string, string> {
  return new Map(tenants.map((t) => [t.tenantId, t.label]));
}

/**
 * The CSV for spreadsheets, RFC 4180 with CRLF line ends: one row per run of every series, oldest first
 * (at one time the device score, then the exposure score, then the groups), the note at a device score
 * run's start in its `note` cell. With `tenantLabelById`, a `tenant_label` column follows the note so the
 * file is readable in a spreadsheet. The CSV stays simple: it leaves out when notes were edited, names a
 * group only as it was called at each run's start, and holds no recommendation changes — JSON is the
 * lossless format, with all of them.
 */
export function toCsv(records: ExportedRecords, tenantLabelById?: ReadonlyMap<string, string>): string {
  const groupNameAt = groupNames(records.seriesNames ?? []);
  const rows = [csvHeader(tenantLabelById)];
  for (const line of csvLines(records)) rows.push(csvRow(line, tenantLabelById, groupNameAt));
  return rows.join(CSV_LINE_END) + CSV_LINE_END;
}

/** The same text as toCsv, built a chunk of rows at a time so that a long history never holds the page. */
export async function toCsvInChunks(
  records: ExportedRecords,
  tenantLabelById?: ReadonlyMap<string, string>,
  { yieldToMain = nextTask }: ChunkOptions = {},
): Promise<string> {
  const groupNameAt = groupNames(records.seriesNames ?? []);
  const lines = csvLines(records);
  const parts = [csvHeader(tenantLabelById) + CSV_LINE_END];
  for (let start = 0; start < lines.length; start += EXPORT_CHUNK_SIZE) {
    if (start > 0) await yieldToMain();
    const rows = lines.slice(start, start + EXPORT_CHUNK_SIZE).map((line) => csvRow(line, tenantLabelById, groupNameAt));
    parts.push(rows.join(CSV_LINE_END) + CSV_LINE_END);
  }
  return parts.join('');
}

/**
 * One line of the CSV: a run of any series (a device score run with the note at its start), or a note that
 * no device score run starts at, on a line of its own with empty `last_seen` and `score` cells.
 *
 * Why not all of a run's notes in its cell: notes are kept by their time, and a cell has room for one note
 * (280 characters). A note written on a run's row in the table is at the run's start, so most files have
 * no note lines; notes from folded version 1 readings, or from another history, keep their own time on a
 * line of their own. Either way the CSV gives every note back at its time, and never claims a reading
 * that no one took.
 */
export type CsvLine = { run: Run; note: Note | undefined } | { run: undefined; note: Note };

/** Runs of every series and notes as the CSV's lines, oldest first; a run comes before a note line at the same time. */
export function csvLines({ runs, notes, seriesRuns = [] }: ExportedRecords): CsvLine[] {
  const sorted = sortedRuns(runs);
  const firstRunStartingAt = new Map<string, Run>();
  for (const run of sorted) {
    const key = noteKey(run.tenantId, run.firstSeen);
    if (!firstRunStartingAt.has(key)) firstRunStartingAt.set(key, run);
  }
  const noteOfRun = new Map<Run, Note>();
  const noteLines: CsvLine[] = [];
  for (const note of sortedNotes(notes)) {
    const run = firstRunStartingAt.get(noteKey(note.tenantId, note.time));
    if (run && !noteOfRun.has(run)) noteOfRun.set(run, note);
    else noteLines.push({ run: undefined, note });
  }
  const allRuns = seriesRuns.length === 0 ? sorted : merged(sorted, inOrder(seriesRuns, compareCsvRuns), compareCsvRuns);
  const lines: CsvLine[] = allRuns.map((run) => ({ run, note: noteOfRun.get(run) }));
  return noteLines.length === 0 ? lines : lines.concat(noteLines).sort(compareCsvLines);
}

/** At one time: the device score, the exposure score, then the groups by series id. Device score runs alone sort as compareRuns does. */
function compareCsvRuns(a: Run, b: Run): number {
  return a.firstSeen - b.firstSeen || seriesRank(a) - seriesRank(b) || compareText(a.series ?? '', b.series ?? '') || compareRuns(a, b);
}

function seriesRank({ series }: Run): number {
  return series === undefined ? 0 : series === 'exposure' ? 1 : 2;
}

/** Two sorted lists as one, in linear time: a year of device score runs is not sorted again for a few exposure runs. */
function merged<T>(a: readonly T[], b: readonly T[], compare: (x: T, y: T) => number): T[] {
  const all: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) all.push(compare(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!);
  while (i < a.length) all.push(a[i++]!);
  while (j < b.length) all.push(b[j++]!);
  return all;
}

function lineTime(line: CsvLine): number {
  return line.run ? line.run.firstSeen : line.note.time;
}

function compareCsvLines(a: CsvLine, b: CsvLine): number {
  const byTime = lineTime(a) - lineTime(b);
  if (byTime !== 0) return byTime;
  if (a.run && b.run) return compareCsvRuns(a.run, b.run);
  if (a.run || b.run) return a.run ? -1 : 1;
  return compareText(a.note.tenantId, b.note.tenantId);
}

/** What a group was called at a run's start: the latest name of its series at or before it; '' where none is known. */
function groupNames(names: readonly SeriesName[]): (run: Run) => string {
  const bySeries = new Map<string, SeriesName[]>();
  for (const name of inOrder(names, compareSeriesNames)) {
    const key = streamKey(name);
    const list = bySeries.get(key);
    if (list) list.push(name);
    else bySeries.set(key, [name]);
  }
  return (run) => {
    const list = run.series !== undefined && isGroupSeries(run.series) ? bySeries.get(streamKey(run)) : undefined;
    if (!list) return '';
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (list[middle]!.time <= run.firstSeen) low = middle + 1;
      else high = middle;
    }
    return list[low - 1]?.name ?? '';
  };
}

function csvHeader(tenantLabelById: ReadonlyMap<string, string> | undefined): string {
  return (tenantLabelById ? [...CSV_COLUMNS, CSV_LABEL_COLUMN] : CSV_COLUMNS).join(',');
}

function csvRow(line: CsvLine, tenantLabelById: ReadonlyMap<string, string> | undefined, groupNameAt: (run: Run) => string): string {
  const { run, note } = line;
  const tenantId = run ? run.tenantId : note.tenantId;
  const cells = run ? [isoTime(run.firstSeen), isoTime(run.lastSeen), plainDecimal(run.score)] : [isoTime(note.time), '', ''];
  cells.push(csvText(tenantId), csvText(run?.series ?? DEVICE_SCORE_SERIES), run ? csvText(groupNameAt(run)) : '', csvText(note?.text ?? ''));
  if (tenantLabelById) cells.push(csvText(tenantLabelById.get(tenantId) ?? ''));
  return cells.join(',');
}
