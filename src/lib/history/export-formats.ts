import type { Reading } from './reading';
import { nextTask } from '../util/next-task';

/** What identifies our JSON export; the importer refuses anything else. */
export const JSON_APP = 'Scoreline';
export const JSON_FORMAT = 'scoreline.history';
export const JSON_VERSION = 1;

export const CSV_COLUMNS = ['time', 'score', 'tenant', 'note'] as const;
/** Written only when labels are given; for people reading the file, ignored on import. */
export const CSV_LABEL_COLUMN = 'tenant_label';

const CSV_LINE_END = '\r\n';

export interface TenantLabel {
  tenantId: string;
  label: string;
}

export interface HistoryExport {
  tenants: readonly TenantLabel[];
  readings: readonly Reading[];
}

/** The JSON document as written; `note` is left out when a reading has none. */
export interface HistoryJsonDocument {
  app: typeof JSON_APP;
  format: typeof JSON_FORMAT;
  version: typeof JSON_VERSION;
  exportedAt: string;
  tenants: TenantLabel[];
  readings: { tenantId: string; time: string; score: number; note?: string }[];
}

export type ExportKind = 'csv' | 'json' | 'png';

/** Tenant names by tenant ID, for toCsv's label column. */
export function labelsByTenantId(tenants: readonly TenantLabel[]): ReadonlyMap<string, string> {
  return new Map(tenants.map((t) => [t.tenantId, t.label]));
}

/**
 * One row per reading, oldest first, RFC 4180 with CRLF line ends. With `tenantLabelById`, a
 * `tenant_label` column follows the note so the file is readable in a spreadsheet.
 */
export function toCsv(readings: readonly Reading[], tenantLabelById?: ReadonlyMap<string, string>): string {
  const rows = [csvHeader(tenantLabelById)];
  for (const reading of oldestFirst(readings)) rows.push(csvRow(reading, tenantLabelById));
  return rows.join(CSV_LINE_END) + CSV_LINE_END;
}

/** The versioned JSON document, readings oldest first, pretty-printed for people who open it. */
export function toJson(history: HistoryExport, exportedAt: number): string {
  const document: HistoryJsonDocument = { ...jsonHead(history, exportedAt), readings: oldestFirst(history.readings).map(jsonReading) };
  return JSON.stringify(document, null, 2);
}

/** Readings written between two turns of the main thread by the `…InChunks` variants. */
export const EXPORT_CHUNK_SIZE = 5000;

export interface ChunkOptions {
  /** Resolves when the page has had its turn; by default the next task. */
  yieldToMain?: () => Promise<void>;
}

/** The same text as toCsv, built a chunk of readings at a time so that a long history never holds the page. */
export async function toCsvInChunks(readings: readonly Reading[], tenantLabelById?: ReadonlyMap<string, string>, { yieldToMain = nextTask }: ChunkOptions = {}): Promise<string> {
  const sorted = oldestFirst(readings);
  const parts = [csvHeader(tenantLabelById) + CSV_LINE_END];
  for (let start = 0; start < sorted.length; start += EXPORT_CHUNK_SIZE) {
    if (start > 0) await yieldToMain();
    const rows = sorted.slice(start, start + EXPORT_CHUNK_SIZE).map((reading) => csvRow(reading, tenantLabelById));
    parts.push(rows.join(CSV_LINE_END) + CSV_LINE_END);
  }
  return parts.join('');
}

/**
 * The same text as toJson, built a chunk of readings at a time: the document without its readings is
 * stringified as toJson would, and each reading the way JSON.stringify indents an element of `readings`.
 */
export async function toJsonInChunks(history: HistoryExport, exportedAt: number, { yieldToMain = nextTask }: ChunkOptions = {}): Promise<string> {
  const sorted = oldestFirst(history.readings);
  const empty = JSON.stringify({ ...jsonHead(history, exportedAt), readings: [] }, null, 2);
  if (sorted.length === 0) return empty;
  const emptyReadings = '[]\n}';
  const parts = [`${empty.slice(0, -emptyReadings.length)}[\n`];
  for (let start = 0; start < sorted.length; start += EXPORT_CHUNK_SIZE) {
    if (start > 0) await yieldToMain();
    const elements = sorted.slice(start, start + EXPORT_CHUNK_SIZE).map((reading) => `    ${JSON.stringify(jsonReading(reading), null, 2).replaceAll('\n', '\n    ')}`);
    parts.push(`${start > 0 ? ',\n' : ''}${elements.join(',\n')}`);
  }
  parts.push('\n  ]\n}');
  return parts.join('');
}

function csvHeader(tenantLabelById: ReadonlyMap<string, string> | undefined): string {
  return (tenantLabelById ? [...CSV_COLUMNS, CSV_LABEL_COLUMN] : CSV_COLUMNS).join(',');
}

function csvRow(reading: Reading, tenantLabelById: ReadonlyMap<string, string> | undefined): string {
  const cells = [new Date(reading.time).toISOString(), plainDecimal(reading.score), csvText(reading.tenantId), csvText(reading.note ?? '')];
  if (tenantLabelById) cells.push(csvText(tenantLabelById.get(reading.tenantId) ?? ''));
  return cells.join(',');
}

function jsonHead(history: HistoryExport, exportedAt: number): Omit<HistoryJsonDocument, 'readings'> {
  return {
    app: JSON_APP,
    format: JSON_FORMAT,
    version: JSON_VERSION,
    exportedAt: new Date(exportedAt).toISOString(),
    tenants: history.tenants.map(({ tenantId, label }) => ({ tenantId, label })),
  };
}

function jsonReading({ tenantId, time, score, note }: Reading): HistoryJsonDocument['readings'][number] {
  return { tenantId, time: new Date(time).toISOString(), score, ...(note === undefined ? {} : { note }) };
}

const MAX_FILE_LABEL_LENGTH = 60;

/** e.g. `scoreline-contoso.example-2026-11-28.csv`, dated in the user's time zone (the day they see). */
export function exportFileName(tenantLabel: string, kind: ExportKind, now: number): string {
  return `scoreline-${fileNameLabel(tenantLabel)}-${localDate(now)}.${kind}`;
}

function fileNameLabel(label: string): string {
  const safe = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // é → e rather than a dash
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .slice(0, MAX_FILE_LABEL_LENGTH)
    // Leading dots would hide the file on some systems; trailing ones confuse the extension.
    .replace(/^[.-]+|[.-]+$/g, '');
  return safe || 'tenant';
}

function localDate(epochMs: number): string {
  const date = new Date(epochMs);
  const twoDigits = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${twoDigits(date.getMonth() + 1)}-${twoDigits(date.getDate())}`;
}

// Spreadsheets run a cell that starts with one of these as a formula (OWASP "CSV injection").
const FORMULA_STARTS = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * Whether a text cell gets a `'` in front. Text that already starts with quotes before a formula
 * character gets one more, so that removing exactly one on import always gives the original back.
 */
function needsFormulaGuard(text: string): boolean {
  let index = 0;
  while (text[index] === "'") index += 1;
  const next = text[index];
  return next !== undefined && FORMULA_STARTS.has(next);
}

export function guardAgainstFormula(text: string): string {
  return needsFormulaGuard(text) ? `'${text}` : text;
}

/** The inverse of guardAgainstFormula, for the importer. */
export function removeFormulaGuard(text: string): string {
  return text.startsWith("'") && needsFormulaGuard(text.slice(1)) ? text.slice(1) : text;
}

function csvText(text: string): string {
  const guarded = guardAgainstFormula(text);
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/**
 * The number without exponent notation (String gives `1e-7` below 0.000001), which the importer
 * refuses as not a plain number. The digits are the shortest that round-trip, so Number() gives it back.
 */
export function plainDecimal(value: number): string {
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = '', lead = '', rest = '', exponentText = '0'] = match;
  const digits = lead + rest;
  const point = 1 + Number(exponentText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function compareOldestFirst(a: Reading, b: Reading): number {
  return a.time - b.time || (a.tenantId < b.tenantId ? -1 : a.tenantId > b.tenantId ? 1 : 0);
}

/** Readings from the store are in order already: checking costs far less than sorting 100,000 of them. */
function oldestFirst(readings: readonly Reading[]): readonly Reading[] {
  for (let i = 1; i < readings.length; i += 1) {
    if (compareOldestFirst(readings[i - 1]!, readings[i]!) > 0) return readings.slice().sort(compareOldestFirst);
  }
  return readings;
}
