import type { FileVersion, InvalidRow } from '../history/import-parser';
import type { HistoryRecords, StorageFailureKind } from '../history/history-store';
import type { TenantImportSummary } from '../history/tenant-records';
import type { SecureScoreRecords } from '../secure-score/secure-score-import';

// What export and import show: a file's preview, an import's progress and outcome, and the other records a file holds.

/** What an import file holds, counted for the preview. */
export interface ImportFileContents {
  format: 'csv' | 'json';
  version: FileVersion;
  /** The valid readings of a version 1 file, before they were folded into runs; undefined for later versions. */
  readingCount: number | undefined;
  runCount: number;
  noteCount: number;
  /** Runs of the exposure score and the device groups, and group names (version 3). */
  seriesRecordCount: number;
  /** Recommendation changes and reads of the whole list (version 3 JSON). */
  recommendationRecordCount: number;
  /** Goals, alert rules and alerts (version 3 JSON). */
  watchRecordCount: number;
  tenantCount: number;
}

/** An import file read and compared with the stored history, waiting for the user's word. */
export interface ImportPreview {
  fileName: string;
  file: ImportFileContents;
  /** The file's records that the stored history does not hold yet; the rest is kept already. */
  toAdd: Required<HistoryRecords>;
  invalid: InvalidRow[];
  /** Names for tenants, from a JSON file. */
  tenantLabels: Record<string, string>;
  /** Microsoft Secure Score's days and control changes of a version 4 JSON file: how many it holds, and those not kept yet. */
  secureScore?: { days: number; changes: number; toAdd: SecureScoreRecords };
  /** What each tenant of the file brings, and whether this browser knows it yet. */
  tenants: TenantImportSummary[];
}

export interface ImportProgress {
  written: number;
  total: number;
}

/** How the last export, import or delete ended; the view puts it in words. */
export type TransferOutcome =
  | { kind: 'file-too-large'; fileName: string; maxBytes: number }
  | { kind: 'file-unreadable'; fileName: string }
  | { kind: 'file-refused'; fileName: string; problem: string }
  | { kind: 'history-unreadable' }
  | {
      kind: 'imported';
      fileName: string;
      /** Device score runs (score changes) that told something new. */
      added: number;
      notesAdded: number;
      /**
       * Records of the other series and of the recommendation log that told something new: when it is more
       * than 0, the views of exposure, device groups and recommendations have something new to read.
       */
      othersAdded: number;
      /** Which kinds of other records the file added to, to name them in words. */
      otherKinds: OtherRecordKinds;
      /** Days of Microsoft Secure Score added, when any were. */
      secureScoreDaysAdded?: number;
    }
  | { kind: 'import-cancelled'; fileName: string }
  | { kind: 'import-failed'; storage: StorageFailureKind }
  | { kind: 'exported'; fileName: string }
  | { kind: 'export-failed' }
  | { kind: 'no-chart' }
  | { kind: 'deleted'; tenantLabel: string; deleted: number }
  | { kind: 'delete-failed' };

/** Whether records of the other series (exposure, device groups), of the recommendation log, of watching, or of several were imported. */
export interface OtherRecordKinds {
  series: boolean;
  recommendations: boolean;
  /** Goals, alert rules and alerts. */
  watch: boolean;
}

/**
 * How many records of the other series (runs and group names), of the recommendation log (changes and reads)
 * and of watching (goals, alert rules and alerts) the records hold.
 */
export function otherRecordCounts(records: HistoryRecords): { series: number; recommendations: number; watch: number } {
  return {
    series: (records.seriesRuns?.length ?? 0) + (records.seriesNames?.length ?? 0),
    recommendations: (records.recommendationChanges?.length ?? 0) + (records.recommendationReads?.length ?? 0),
    watch: (records.goals?.length ?? 0) + (records.alertRules?.length ?? 0) + (records.alertLog?.length ?? 0),
  };
}
