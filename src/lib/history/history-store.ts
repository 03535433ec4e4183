import type { Reading } from './reading';
import type { Run } from './run';
import { laterEdit, noteKey, type Note } from './note';
import type { RecommendationStore } from './recommendation-store';
import type { SeriesRun, SeriesStore } from './series-store';
import type { SeriesName } from './series';
import type { RecommendationChange, RecommendationRead } from '../recommendations/recommendation';
import type { WatchStore } from './watch-store';
import type { SummaryStore } from './summary-store';
import type { AlertRuleRecord, GoalRecord } from './schema';
import type { AlertLogEntry } from '../watch/alert-log';
import type { Tombstone } from './tombstone';

/** A tenant the user has signed in to, remembered so its history can be found again. */
export interface TenantRecord {
  tenantId: string;
  /** What the user sees, e.g. the domain of the account they signed in with. */
  label: string;
  lastUsed: number;
}

/** What a new reading did: began a run, confirmed the run it belongs to until later, or told nothing new. */
export type AddOutcome = 'added' | 'confirmed' | 'present';

/** Why the store could not do what was asked, in a form the UI can explain. */
export type StorageFailureKind = 'unavailable' | 'quota' | 'blocked' | 'closed' | 'unknown';

export class StorageFailure extends Error {
  constructor(
    readonly kind: StorageFailureKind,
    cause?: unknown,
  ) {
    super(`storage ${kind}`, { cause });
    this.name = 'StorageFailure';
  }
}

export interface AddHistoryOptions {
  /** Called after each chunk of writes with how many of the writes are done so far, of how many. */
  onProgress?: (written: number, total: number) => void;
  /** Aborting it before the history is committed writes none of it and rejects with its reason. */
  signal?: AbortSignal;
}

/** Runs and notes to keep, such as an imported file's, with the other series, the recommendation log, the goals, alert rules and alert log when it has them. */
export interface HistoryRecords {
  runs: readonly Run[];
  notes: readonly Note[];
  seriesRuns?: readonly SeriesRun[];
  seriesNames?: readonly SeriesName[];
  recommendationChanges?: readonly RecommendationChange[];
  recommendationReads?: readonly RecommendationRead[];
  goals?: readonly GoalRecord[];
  alertRules?: readonly AlertRuleRecord[];
  alertLog?: readonly AlertLogEntry[];
}

export interface AddCounts {
  /** Runs that told something new: a score, a time or a later confirmation not kept before. */
  added: number;
  /** Runs that told nothing new. */
  present: number;
  /** Notes added, or replacing a copy edited earlier. */
  notesAdded: number;
  /** Runs of the other series, names, recommendation changes and reads, goals, alert rules and log entries that told something new. */
  othersAdded: number;
}

/**
 * Where runs, notes and preferences are kept, with the other series and the recommendation log. IndexedDB
 * normally; memory when the browser allows none.
 */
export interface HistoryStore extends SeriesStore, RecommendationStore, WatchStore, SummaryStore {
  /** A tenant's stored runs that last to `since` or later (all of them without it), by start. */
  runsFor(tenantId: string, since?: number): Promise<Run[]>;
  /** The `count` runs of a tenant confirmed last (with `before`, of those last confirmed strictly before it), oldest first. */
  latestRuns(tenantId: string, count: number, before?: number): Promise<Run[]>;
  /** The stored runs of a tenant that share some time with `from` to `to` (both included). */
  runsBetween(tenantId: string, from: number, to: number): Promise<Run[]>;
  countRuns(tenantId: string): Promise<number>;
  /** A tenant's notes at or after `since` (all without it), oldest first. */
  notesFor(tenantId: string, since?: number): Promise<Note[]>;
  /** Folds a new reading into the tenant's runs, in one transaction. */
  addReading(reading: Reading): Promise<AddOutcome>;
  /**
   * Joins runs and notes into the stored ones in one transaction, all or nothing: runs of a score unite,
   * nothing stored is lost, and of two copies of a note the later edit is kept. Rejects with a
   * StorageFailure, or with the signal's reason when it was aborted first.
   */
  addHistory(history: HistoryRecords, options?: AddHistoryOptions): Promise<AddCounts>;
  /** Writes a note, replacing the one at its tenant and time. */
  putNote(note: Note): Promise<void>;
  /** Deletes a note and keeps when (a tombstone), in one transaction: a copy edited before then, synced in, stays deleted. */
  deleteNote(tenantId: string, time: number, deletedAt: number): Promise<void>;
  /** The tenant's notes, goal and alert rules deleted one by one, and when. */
  tombstones(tenantId: string): Promise<Tombstone[]>;
  /**
   * Applies deletions from elsewhere in one transaction, all or nothing: a tenant's history deleted later than
   * it was here loses what is older and keeps what is newer (a run that went on keeps its part after); each
   * tombstone later than the one kept is kept, and deletes its note, goal or rule if edited at or before it.
   */
  applyDeletions(deletions: Deletions): Promise<void>;
  /** Deletes a tenant's runs, notes, other series, recommendation log, goal, alert rules and alert log; resolves to the number of device score runs deleted. */
  deleteTenantHistory(tenantId: string): Promise<number>;
  tenants(): Promise<TenantRecord[]>;
  rememberTenant(tenant: TenantRecord): Promise<void>;
  getPref<T>(key: string): Promise<T | undefined>;
  setPref(key: string, value: unknown): Promise<void>;
}

/** Deletions to apply: when tenants' histories were deleted (epoch ms), and notes, goals and rules deleted one by one. */
export interface Deletions {
  tenants: ReadonlyMap<string, number>;
  tombstones: readonly Tombstone[];
}

/** How many writes a bulk add issues at a time: small enough that no chunk holds the main thread for long. */
export const WRITE_CHUNK_SIZE = 500;

/** The earliest start and latest confirmation of each tenant's runs in a list: the spans a join reads. */
export function spansByTenant(runs: readonly Run[]): Map<string, { from: number; to: number }> {
  const spans = new Map<string, { from: number; to: number }>();
  for (const { tenantId, firstSeen, lastSeen } of runs) {
    const span = spans.get(tenantId);
    if (!span) spans.set(tenantId, { from: firstSeen, to: lastSeen });
    else {
      span.from = Math.min(span.from, firstSeen);
      span.to = Math.max(span.to, lastSeen);
    }
  }
  return spans;
}

/** The writes that join runs into the stored ones they share time with: what to delete, what to put. */
export interface RunWrites {
  deletes: Run[];
  puts: Run[];
  added: number;
  present: number;
}

/** The notes to write so that each kept note is the later edit of its copies; `stored` finds the kept copy. */
export function notesToPut(incoming: readonly Note[], stored: (tenantId: string, time: number) => Note | undefined): Note[] {
  const winners = new Map<string, Note>();
  for (const note of incoming) {
    const key = noteKey(note.tenantId, note.time);
    const kept = winners.get(key) ?? stored(note.tenantId, note.time);
    if (!kept || laterEdit(kept, note) !== kept) winners.set(key, note);
  }
  return [...winners.values()];
}
