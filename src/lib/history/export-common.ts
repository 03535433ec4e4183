import type { ControlChange, SecureScoreDay } from '../secure-score/secure-score-day';
// What the CSV and JSON exports share: their input, their chunking and their orders.
import type { HistoryRecords } from './history-store';
import { compareNotes, type Note } from './note';
import { compareRuns, type Run } from './run';

export type ExportKind = 'csv' | 'json' | 'png';

export interface TenantLabel {
  tenantId: string;
  label: string;
}

/** A tenant's records, in any order: the exports sort them. The lists besides runs and notes may be left out. */
export type ExportedRecords = HistoryRecords;

export interface HistoryExport extends HistoryRecords {
  tenants: readonly TenantLabel[];
  /** Microsoft Secure Score's days and control changes (JSON only), when the feature has kept some. */
  secureScore?: { days: readonly SecureScoreDay[]; changes: readonly ControlChange[] };
}

/** Rows or list elements written between two turns of the main thread by the `…InChunks` variants. */
export const EXPORT_CHUNK_SIZE = 5000;

export interface ChunkOptions {
  /** Resolves when the page has had its turn; by default the next task. */
  yieldToMain?: () => Promise<void>;
}

export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Notes of one time in two tenants need an order too, so that the same history always writes the same file. */
function compareNotesAndTenants(a: Note, b: Note): number {
  return compareNotes(a, b) || compareText(a.tenantId, b.tenantId);
}

export function sortedRuns(runs: readonly Run[]): readonly Run[] {
  return inOrder(runs, compareRuns);
}

export function sortedNotes(notes: readonly Note[]): readonly Note[] {
  return inOrder(notes, compareNotesAndTenants);
}

/** Records from the store are in order already: checking costs far less than sorting 100,000 of them. */
export function inOrder<T>(items: readonly T[], compare: (a: T, b: T) => number): readonly T[] {
  for (let i = 1; i < items.length; i += 1) {
    if (compare(items[i - 1]!, items[i]!) > 0) return items.slice().sort(compare);
  }
  return items;
}
