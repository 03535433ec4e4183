import type { HistoryRecords } from './history-store';
import type { ImportCount, TenantSecureScoreCounts } from '../secure-score/secure-score-import';

/** One tenant's share of an import: what the file holds of it and what of that is new here. */
export interface TenantImportSummary {
  tenantId: string;
  /** The file's name for it, the stored one, or none. */
  label: string | undefined;
  /** No history of this tenant is stored in this browser yet. */
  isNew: boolean;
  runs: { inFile: number; toAdd: number };
  notes: { inFile: number; toAdd: number };
  /** Exposure and device-group runs and names, recommendation records, goals, alert rules and alerts. */
  others: { inFile: number; toAdd: number };
  /** Microsoft Secure Score's days and control changes, when the file holds some of this tenant. */
  secureScore?: { days: ImportCount; changes: ImportCount };
}

type TenantKeyed = { tenantId: string };
const OTHER_LISTS = ['seriesRuns', 'seriesNames', 'recommendationChanges', 'recommendationReads', 'goals', 'alertRules', 'alertLog'] as const;

/**
 * Per tenant of an import file: its counts in the file and those new to this browser, in the order of their names
 * (unnamed ones last, by id). `labels` are the file's names, `stored` the tenants this browser keeps, by id → name.
 */
export function tenantImportSummaries(
  file: HistoryRecords,
  toAdd: HistoryRecords,
  labels: Readonly<Record<string, string>>,
  stored: Readonly<Record<string, string>>,
  secureScore: readonly TenantSecureScoreCounts[] = [],
): TenantImportSummary[] {
  const summaries = new Map<string, TenantImportSummary>();
  const summaryOf = (tenantId: string): TenantImportSummary => {
    let summary = summaries.get(tenantId);
    if (!summary) {
      const label = labels[tenantId] ?? stored[tenantId];
      summary = { tenantId, label, isNew: !Object.hasOwn(stored, tenantId), runs: { inFile: 0, toAdd: 0 }, notes: { inFile: 0, toAdd: 0 }, others: { inFile: 0, toAdd: 0 } };
      summaries.set(tenantId, summary);
    }
    return summary;
  };
  const count = (records: HistoryRecords, side: 'inFile' | 'toAdd') => {
    for (const run of records.runs) summaryOf(run.tenantId).runs[side] += 1;
    for (const note of records.notes) summaryOf(note.tenantId).notes[side] += 1;
    for (const list of OTHER_LISTS) for (const record of (records[list] ?? []) as readonly TenantKeyed[]) summaryOf(record.tenantId).others[side] += 1;
  };
  count(file, 'inFile');
  count(toAdd, 'toAdd');
  for (const { tenantId, days, changes } of secureScore) summaryOf(tenantId).secureScore = { days, changes };
  return [...summaries.values()].sort((a, b) => (a.label === undefined ? 1 : 0) - (b.label === undefined ? 1 : 0) || (a.label ?? a.tenantId).localeCompare(b.label ?? b.tenantId));
}
