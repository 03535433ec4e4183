import type { HistoryRecords } from './history-store';
import { compareRuns, type Run } from './run';
import { compareNotes, noteKey, type Note } from './note';
import { nextTask } from '../util/next-task';
import { csvText, plainDecimal } from './csv-cells';

/** What identifies our JSON export; the importer refuses anything else. */
export const JSON_APP = 'Scoreline';
export const JSON_FORMAT = 'scoreline.history';
/** 2: runs and notes. 1 (readings, each with an optional note) is still imported, folded into runs. */
export const JSON_VERSION = 2;

/** The CSV's columns: one row per run. See csvLines for how notes are written. */
export const CSV_COLUMNS = ['first_seen', 'last_seen', 'score', 'tenant', 'note'] as const;
/** The columns of a CSV from version 1 (one row per reading), still imported. */
export const CSV_V1_COLUMNS = ['time', 'score', 'tenant', 'note'] as const;
/** Written only when labels are given; for people reading the file, ignored on import. */
export const CSV_LABEL_COLUMN = 'tenant_label';

const CSV_LINE_END = '\r\n';

export interface TenantLabel {
  tenantId: string;
  label: string;
}

/** Runs and notes, in any order: the exports sort them. */
export type ExportedRecords = HistoryRecords;

export interface HistoryExport extends HistoryRecords {
  tenants: readonly TenantLabel[];
}

export interface JsonRun {
  tenantId: string;
  firstSeen: string;
  lastSeen: string;
  score: number;
}

export interface JsonNote {
  tenantId: string;
  time: string;
  text: string;
  edited: string;
}

/** The JSON document as written: every run and every note as kept, times as ISO 8601 in UTC. */
export interface HistoryJsonDocument {
  app: typeof JSON_APP;
  format: typeof JSON_FORMAT;
  version: typeof JSON_VERSION;
  exportedAt: string;
  tenants: TenantLabel[];
  runs: JsonRun[];
  notes: JsonNote[];
}

export type ExportKind = 'csv' | 'json' | 'png';

export { exportFileName } from './export-file-name';

/** Tenant names by tenant ID, for toCsv's label column. */
export function labelsByTenantId(tenants: readonly TenantLabel[]): ReadonlyMap<string, string> {
  return new Map(tenants.map((t) => [t.tenantId, t.label]));
}

/**
 * The CSV for spreadsheets, RFC 4180 with CRLF line ends: one row per run, oldest first, the note at the
 * run's start in its `note` cell. With `tenantLabelById`, a `tenant_label` column follows the note so the
 * file is readable in a spreadsheet. JSON is the lossless format; the CSV leaves out when notes were edited.
 */
export function toCsv(records: ExportedRecords, tenantLabelById?: ReadonlyMap<string, string>): string {
  const lines = csvLines(records);
  const rows = [csvHeader(tenantLabelById)];
  for (const line of lines) rows.push(csvRow(line, tenantLabelById));
  return rows.join(CSV_LINE_END) + CSV_LINE_END;
}

/** The versioned JSON document, runs and notes oldest first, pretty-printed for people who open it. */
export function toJson(history: HistoryExport, exportedAt: number): string {
  const document: HistoryJsonDocument = {
    ...jsonHead(history, exportedAt),
    runs: sortedRuns(history.runs).map(jsonRun),
    notes: sortedNotes(history.notes).map(jsonNote),
  };
  return JSON.stringify(document, null, 2);
}

/** Rows or list elements written between two turns of the main thread by the `…InChunks` variants. */
export const EXPORT_CHUNK_SIZE = 5000;

export interface ChunkOptions {
  /** Resolves when the page has had its turn; by default the next task. */
  yieldToMain?: () => Promise<void>;
}

/** The same text as toCsv, built a chunk of rows at a time so that a long history never holds the page. */
export async function toCsvInChunks(
  records: ExportedRecords,
  tenantLabelById?: ReadonlyMap<string, string>,
  { yieldToMain = nextTask }: ChunkOptions = {},
): Promise<string> {
  const lines = csvLines(records);
  const parts = [csvHeader(tenantLabelById) + CSV_LINE_END];
  for (let start = 0; start < lines.length; start += EXPORT_CHUNK_SIZE) {
    if (start > 0) await yieldToMain();
    const rows = lines.slice(start, start + EXPORT_CHUNK_SIZE).map((line) => csvRow(line, tenantLabelById));
    parts.push(rows.join(CSV_LINE_END) + CSV_LINE_END);
  }
  return parts.join('');
}

/**
 * The same text as toJson, built a chunk of list elements at a time: the document without its runs and
 * notes is stringified as toJson would, and each element the way JSON.stringify indents an element of a
 * list in it.
 */
export async function toJsonInChunks(history: HistoryExport, exportedAt: number, { yieldToMain = nextTask }: ChunkOptions = {}): Promise<string> {
  const head = JSON.stringify(jsonHead(history, exportedAt), null, 2);
  const chunks = new ChunkTurns(yieldToMain);
  const runs = await jsonListInChunks(sortedRuns(history.runs), jsonRun, chunks);
  const notes = await jsonListInChunks(sortedNotes(history.notes), jsonNote, chunks);
  // The head always ends with its `tenants` list and the closing "\n}".
  return `${head.slice(0, -'\n}'.length)},\n  "runs": ${runs},\n  "notes": ${notes}\n}`;
}

/** Gives the page a turn before every chunk but the first, across the lists of one document. */
class ChunkTurns {
  #chunks = 0;

  constructor(readonly yieldToMain: () => Promise<void>) {}

  async beforeChunk(): Promise<void> {
    if (this.#chunks > 0) await this.yieldToMain();
    this.#chunks += 1;
  }
}

/** A list as JSON.stringify(…, null, 2) writes it as the value of a top-level key. */
async function jsonListInChunks<T>(items: readonly T[], toJsonValue: (item: T) => unknown, chunks: ChunkTurns): Promise<string> {
  if (items.length === 0) return '[]';
  const parts: string[] = [];
  for (let start = 0; start < items.length; start += EXPORT_CHUNK_SIZE) {
    await chunks.beforeChunk();
    const elements = items.slice(start, start + EXPORT_CHUNK_SIZE).map((item) => `    ${JSON.stringify(toJsonValue(item), null, 2).replaceAll('\n', '\n    ')}`);
    parts.push(elements.join(',\n'));
  }
  return `[\n${parts.join(',\n')}\n  ]`;
}

/**
 * One line of the CSV: a run, with the note at its start, or a note that no run starts at, on a line of its
 * own with empty `last_seen` and `score` cells.
 *
 * Why not all of a run's notes in its cell: notes are kept by their time, and a cell has room for one note
 * (280 characters). A note written on a run's row in the table is at the run's start, so most files have
 * no note lines; notes from folded version 1 readings, or from another history, keep their own time on a
 * line of their own. Either way the CSV gives every note back at its time, and never claims a reading
 * that no one took.
 */
export type CsvLine = { run: Run; note: Note | undefined } | { run: undefined; note: Note };

/** Runs and notes as the CSV's lines, oldest first; a run comes before a note line at the same time. */
export function csvLines({ runs, notes }: ExportedRecords): CsvLine[] {
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
  const lines: CsvLine[] = sorted.map((run) => ({ run, note: noteOfRun.get(run) }));
  return noteLines.length === 0 ? lines : lines.concat(noteLines).sort(compareCsvLines);
}

function lineTime(line: CsvLine): number {
  return line.run ? line.run.firstSeen : line.note.time;
}

function compareCsvLines(a: CsvLine, b: CsvLine): number {
  const byTime = lineTime(a) - lineTime(b);
  if (byTime !== 0) return byTime;
  if (a.run && b.run) return compareRuns(a.run, b.run);
  if (a.run || b.run) return a.run ? -1 : 1;
  return compareText(a.note.tenantId, b.note.tenantId);
}

function csvHeader(tenantLabelById: ReadonlyMap<string, string> | undefined): string {
  return (tenantLabelById ? [...CSV_COLUMNS, CSV_LABEL_COLUMN] : CSV_COLUMNS).join(',');
}

function csvRow(line: CsvLine, tenantLabelById: ReadonlyMap<string, string> | undefined): string {
  const tenantId = line.run ? line.run.tenantId : line.note.tenantId;
  const cells = line.run
    ? [isoTime(line.run.firstSeen), isoTime(line.run.lastSeen), plainDecimal(line.run.score)]
    : [isoTime(line.note.time), '', ''];
  cells.push(csvText(tenantId), csvText(line.note?.text ?? ''));
  if (tenantLabelById) cells.push(csvText(tenantLabelById.get(tenantId) ?? ''));
  return cells.join(',');
}

function jsonHead(history: HistoryExport, exportedAt: number): Omit<HistoryJsonDocument, 'runs' | 'notes'> {
  return {
    app: JSON_APP,
    format: JSON_FORMAT,
    version: JSON_VERSION,
    exportedAt: isoTime(exportedAt),
    tenants: history.tenants.map(({ tenantId, label }) => ({ tenantId, label })),
  };
}

function jsonRun({ tenantId, firstSeen, lastSeen, score }: Run): JsonRun {
  return { tenantId, firstSeen: isoTime(firstSeen), lastSeen: isoTime(lastSeen), score };
}

function jsonNote({ tenantId, time, text, edited }: Note): JsonNote {
  return { tenantId, time: isoTime(time), text, edited: isoTime(edited) };
}

function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Notes of one time in two tenants need an order too, so that the same history always writes the same file. */
function compareNotesAndTenants(a: Note, b: Note): number {
  return compareNotes(a, b) || compareText(a.tenantId, b.tenantId);
}

function sortedRuns(runs: readonly Run[]): readonly Run[] {
  return inOrder(runs, compareRuns);
}

function sortedNotes(notes: readonly Note[]): readonly Note[] {
  return inOrder(notes, compareNotesAndTenants);
}

/** Records from the store are in order already: checking costs far less than sorting 100,000 of them. */
function inOrder<T>(items: readonly T[], compare: (a: T, b: T) => number): readonly T[] {
  for (let i = 1; i < items.length; i += 1) {
    if (compare(items[i - 1]!, items[i]!) > 0) return items.slice().sort(compare);
  }
  return items;
}
