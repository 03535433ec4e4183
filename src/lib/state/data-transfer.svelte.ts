import type { ExportKind } from '../history/export-formats';
import type { HistoryRecords } from '../history/history-store';
import { tenantIdsOfRecords, type HistoryState } from './history.svelte';
import type { ControlChange, SecureScoreDay } from '../secure-score/secure-score-day';
import { tenantImportSummaries } from '../history/tenant-records';
import type { SecureScoreRecords } from '../secure-score/secure-score-import';

export type { ImportFileContents, ImportPreview, ImportProgress, TransferOutcome, OtherRecordKinds } from './transfer-outcome-types';
export { otherRecordCounts } from './transfer-outcome-types';
import { otherRecordCounts, type ImportPreview, type ImportProgress, type TransferOutcome } from './transfer-outcome-types';

export interface TransferDependencies {
  /** Told when an import added exposure, device group or recommendation records, whose views then read the store again. */
  onOthersAdded?: () => void;
  /** Hands a file the app made to the user (a download). */
  save(fileName: string, blob: Blob): void;
  now(): number;
  /** Microsoft Secure Score's kept records, for the JSON export; without it the export has none. */
  secureScoreRecords?(): Promise<{ days: SecureScoreDay[]; changes: ControlChange[] }>;
  /** Keeps Microsoft Secure Score records an imported file brought (days already kept stay); resolves to the days added. */
  keepSecureScore?(days: readonly SecureScoreDay[], changes: readonly ControlChange[]): Promise<number>;
  /** The Microsoft Secure Score records kept of these tenants, to tell which of a file's are new. */
  storedSecureScore?(tenantIds: readonly string[]): Promise<SecureScoreRecords>;
}

/** Export, import and delete of the stored history: the verbs behind the "Your data" card. */
export class DataTransferState {
  preview = $state.raw<ImportPreview | undefined>();
  /** Set while an import is being written; it can still be cancelled until it commits. */
  progress = $state.raw<ImportProgress | undefined>();
  busy = $state(false);
  outcome = $state.raw<TransferOutcome | undefined>();
  /** Set while the user is asked to confirm deleting the tenant's history. */
  deleteRequest = $state.raw<{ tenantLabel: string; count: number } | undefined>();

  readonly #history: HistoryState;
  readonly #deps: TransferDependencies;
  #cancelImport: AbortController | undefined;

  constructor(history: HistoryState, deps: TransferDependencies) {
    this.#history = history;
    this.#deps = deps;
  }

  /** Reads a file and compares it with the stored history; nothing is written until confirmImport. */
  async previewFile(file: File): Promise<void> {
    this.outcome = undefined;
    this.preview = undefined;
    const [{ MAX_IMPORT_BYTES, parseImportFile }, { recordsToAdd }] = await Promise.all([importParser(), importSummary()]);
    if (file.size > MAX_IMPORT_BYTES) {
      this.outcome = { kind: 'file-too-large', fileName: file.name, maxBytes: MAX_IMPORT_BYTES };
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      this.outcome = { kind: 'file-unreadable', fileName: file.name };
      return;
    }
    const parsed = parseImportFile(file.name, text, { now: this.#deps.now(), defaultTenantId: this.#history.tenantId });
    if (!parsed.ok) {
      this.outcome = { kind: 'file-refused', fileName: file.name, problem: parsed.error };
      return;
    }
    const { format, version, readingCount, invalid, tenantIds, tenantLabels } = parsed.value;
    const { runs, notes, seriesRuns, seriesNames, recommendationChanges, recommendationReads, goals, alertRules, alertLog } = parsed.value;
    const records = { runs, notes, seriesRuns, seriesNames, recommendationChanges, recommendationReads, goals, alertRules, alertLog };
    const lookup = await this.#history.storedLookup(records);
    if (!lookup.ok) {
      this.outcome = { kind: 'history-unreadable' };
      return;
    }
    const others = otherRecordCounts(records);
    const toAdd = recordsToAdd(records, lookup.value);
    const secureScore = parsed.value.secureScore && (await this.#secureScoreToAdd(parsed.value.secureScore));
    if (secureScore === 'unreadable') {
      this.outcome = { kind: 'history-unreadable' };
      return;
    }
    this.preview = {
      fileName: file.name,
      file: {
        format,
        version,
        readingCount,
        runCount: runs.length,
        noteCount: notes.length,
        seriesRecordCount: others.series,
        recommendationRecordCount: others.recommendations,
        watchRecordCount: others.watch,
        tenantCount: tenantIds.length,
      },
      toAdd,
      ...(secureScore ? { secureScore: secureScore.preview } : {}),
      invalid,
      tenantLabels,
      tenants: tenantImportSummaries(records, toAdd, tenantLabels, Object.fromEntries(this.#history.tenants.map((t) => [t.tenantId, t.label])), secureScore?.byTenant),
    };
  }

  /** A file's Microsoft Secure Score records against those kept: what it adds, in all and per tenant. */
  async #secureScoreToAdd(file: SecureScoreRecords) {
    const { secureScoreCountsByTenant, secureScoreToAdd, tenantsOfSecureScore } = await import('../secure-score/secure-score-import');
    const kept = this.#deps.storedSecureScore?.(tenantsOfSecureScore(file)) ?? Promise.resolve({ days: [], changes: [] });
    const stored = await kept.catch(() => undefined);
    if (!stored) return 'unreadable' as const;
    const toAdd = secureScoreToAdd(file, stored);
    return { preview: { days: file.days.length, changes: file.changes.length, toAdd }, byTenant: secureScoreCountsByTenant(file, toAdd) };
  }

  /** Writes the previewed records, all of them or none. */
  async confirmImport(): Promise<void> {
    const preview = this.preview;
    if (!preview || this.busy) return;
    this.busy = true;
    const cancel = (this.#cancelImport = new AbortController());
    this.progress = { written: 0, total: preview.toAdd.runs.length + preview.toAdd.notes.length };
    const labelFor = (tenantId: string) => preview.tenantLabels[tenantId] ?? `Imported tenant ${tenantId.slice(0, 8)}`;
    const written = await this.#history.addImported(preview.toAdd, labelFor, {
      onProgress: (done, total) => (this.progress = { written: done, total }),
      signal: cancel.signal,
    });
    let secureScoreDaysAdded = 0;
    if (written.ok && preview.secureScore && this.#deps.keepSecureScore) {
      // Its own store: a failure there is not the device history's, which is written already.
      secureScoreDaysAdded = await this.#deps.keepSecureScore(preview.secureScore.toAdd.days, preview.secureScore.toAdd.changes).catch(() => 0);
    }
    if (written.ok) {
      const { added, notesAdded, othersAdded } = written.value;
      const others = otherRecordCounts(preview.toAdd);
      const otherKinds = { series: others.series > 0, recommendations: others.recommendations > 0, watch: others.watch > 0 };
      this.outcome = { kind: 'imported', fileName: preview.fileName, added, notesAdded, othersAdded, otherKinds, ...(secureScoreDaysAdded > 0 ? { secureScoreDaysAdded } : {}) };
      if (othersAdded > 0) this.#deps.onOthersAdded?.();
    } else if (cancel.signal.aborted) this.outcome = { kind: 'import-cancelled', fileName: preview.fileName };
    else this.outcome = { kind: 'import-failed', storage: written.error.kind };
    this.#cancelImport = undefined;
    this.progress = undefined;
    this.preview = undefined;
    this.busy = false;
  }

  /** Closes the preview; an import being written is stopped before it commits, leaving the history as it was. */
  cancelImport(): void {
    if (this.#cancelImport) this.#cancelImport.abort();
    else this.preview = undefined;
  }

  /** Exports the tenant on screen, or the tenants named (one file for all of them). */
  async exportCsv(tenantIds?: readonly string[]): Promise<void> {
    await this.#export('csv', tenantIds, async (records) => {
      const { labelsByTenantId, toCsvInChunks } = await exportFormats();
      const text = await toCsvInChunks(records, labelsByTenantId(this.#history.tenants));
      return new Blob([text], { type: 'text/csv;charset=utf-8' });
    });
  }

  async exportJson(tenantIds?: readonly string[]): Promise<void> {
    await this.#export('json', tenantIds, async (records) => {
      const tenantIds = tenantIdsOfRecords(records);
      const tenants = this.#history.tenants.filter((t) => tenantIds.includes(t.tenantId)).map(({ tenantId, label }) => ({ tenantId, label }));
      const { toJsonInChunks } = await exportFormats();
      const secureScore = await this.#deps.secureScoreRecords?.().catch(() => undefined);
      return new Blob([await toJsonInChunks({ tenants, ...records, ...(secureScore ? { secureScore } : {}) }, this.#deps.now())], { type: 'application/json' });
    });
  }

  /** Saves the chart as drawn on screen; `image` is undefined when the chart has not been drawn yet. */
  async saveChartImage(image: Blob | undefined): Promise<void> {
    if (!image) {
      this.outcome = { kind: 'no-chart' };
      return;
    }
    const { exportFileName } = await exportFormats();
    const fileName = exportFileName(this.#history.tenantLabel, 'png', this.#deps.now());
    this.#deps.save(fileName, image);
    this.outcome = { kind: 'exported', fileName };
  }

  /** Asks for the user's word before deleting, saying how many runs (score changes) would go. */
  async askToDelete(): Promise<void> {
    this.outcome = undefined;
    const count = await this.#history.countRuns();
    if (count.ok) this.deleteRequest = { tenantLabel: this.#history.tenantLabel, count: count.value };
    else this.outcome = { kind: 'delete-failed' };
  }

  cancelDelete(): void {
    this.deleteRequest = undefined;
  }

  /** Deletes the stored history of the tenant on screen, and nothing else. */
  async deleteTenantHistory(): Promise<void> {
    const tenantLabel = this.#history.tenantLabel;
    this.busy = true;
    const deleted = await this.#history.deleteTenantHistory();
    this.outcome = deleted.ok ? { kind: 'deleted', tenantLabel, deleted: deleted.value } : { kind: 'delete-failed' };
    this.deleteRequest = undefined;
    this.busy = false;
  }

  /**
   * Reads the whole history of the tenant on screen, or of the tenants named (the screen may hold only a range of
   * it) — every series and the recommendation log — and builds the file a chunk at a time.
   */
  async #export(kind: ExportKind, tenantIds: readonly string[] | undefined, build: (records: HistoryRecords) => Promise<Blob>): Promise<void> {
    if (this.busy) return;
    this.outcome = undefined;
    this.busy = true;
    const records = await this.#history.allHistory(tenantIds);
    if (records.ok) {
      const { exportFileName } = await exportFormats();
      const label = tenantIds && tenantIds.length !== 1 ? `${tenantIds.length} tenants` : (this.#history.tenants.find((t) => t.tenantId === tenantIds?.[0])?.label ?? this.#history.tenantLabel);
      const fileName = exportFileName(label, kind, this.#deps.now());
      this.#deps.save(fileName, await build(records.value));
      this.outcome = { kind: 'exported', fileName };
    } else {
      this.outcome = { kind: 'export-failed' };
    }
    this.busy = false;
  }
}

// Import and export load when first used, never on the stored history's path at start-up.
const importParser = () => import('../history/import-parser');
const importSummary = () => import('../history/import-summary');
const exportFormats = () => import('../history/export-formats');
