import {
  StorageFailure,
  WRITE_CHUNK_SIZE,
  notesToPut,
  readingWrites,
  spansByTenant,
  type AddCounts,
  type AddHistoryOptions,
  type AddOutcome,
  type HistoryRecords,
  type HistoryStore,
  type RunWrites,
  type TenantRecord,
} from './history-store';
import { compareNotes, noteKey, type Note } from './note';
import type { Reading } from './reading';
import { runKey, type Run } from './run';
import { runWrites } from './run-join';
import { nextTask } from '../util/next-task';

/** Keeps the history for this session only, when the browser offers no IndexedDB. */
export class MemoryStore implements HistoryStore {
  readonly #runs = new Map<string, Run>();
  readonly #notes = new Map<string, Note>();
  readonly #tenants = new Map<string, TenantRecord>();
  readonly #prefs = new Map<string, unknown>();

  async runsFor(tenantId: string, since = -Infinity): Promise<Run[]> {
    return this.#runsOf(tenantId).filter((r) => r.lastSeen >= since);
  }

  async latestRuns(tenantId: string, count: number, before = Infinity): Promise<Run[]> {
    if (count <= 0) return [];
    return this.#runsOf(tenantId)
      .filter((r) => r.lastSeen < before)
      .sort((a, b) => a.lastSeen - b.lastSeen)
      .slice(-count);
  }

  async runsBetween(tenantId: string, from: number, to: number): Promise<Run[]> {
    return this.#runsOf(tenantId).filter((r) => r.lastSeen >= from && r.firstSeen <= to);
  }

  async countRuns(tenantId: string): Promise<number> {
    return this.#runsOf(tenantId).length;
  }

  async notesFor(tenantId: string, since = -Infinity): Promise<Note[]> {
    return [...this.#notes.values()].filter((n) => n.tenantId === tenantId && n.time >= since).sort(compareNotes);
  }

  async addReading(reading: Reading): Promise<AddOutcome> {
    const runs = this.#runsOf(reading.tenantId);
    const nearby = runs.filter((r) => r.firstSeen <= reading.time && r.lastSeen >= reading.time);
    const endingBefore = runs.filter((r) => r.lastSeen < reading.time).sort((a, b) => a.lastSeen - b.lastSeen).at(-1);
    if (endingBefore) nearby.push(endingBefore);
    const writes = readingWrites(reading, nearby);
    this.#apply(writes, []);
    return writes.outcome;
  }

  /** As IndexedDB does it: chunk by chunk with the page getting its turn between them, kept only at the end. */
  async addHistory({ runs, notes }: HistoryRecords, { onProgress, signal }: AddHistoryOptions = {}): Promise<AddCounts> {
    signal?.throwIfAborted();
    const stored: Run[] = [];
    for (const [tenantId, { from, to }] of spansByTenant(runs)) stored.push(...(await this.runsBetween(tenantId, from, to)));
    const plan = runWrites(stored, runs.map(storable));
    const notePuts = notesToPut(notes, (tenantId, time) => this.#notes.get(noteKey(tenantId, time)));
    const total = runs.length + notePuts.length;
    for (let done = 0; done < total; ) {
      if (done > 0) await nextTask();
      signal?.throwIfAborted();
      done = Math.min(done + WRITE_CHUNK_SIZE, total);
      try {
        onProgress?.(done, total);
      } catch (error) {
        throw new StorageFailure('unknown', error);
      }
    }
    signal?.throwIfAborted();
    this.#apply(plan, notePuts);
    return { added: plan.added, present: plan.present, notesAdded: notePuts.length };
  }

  async putNote(note: Note): Promise<void> {
    this.#notes.set(noteKey(note.tenantId, note.time), { ...note });
  }

  async deleteNote(tenantId: string, time: number): Promise<void> {
    this.#notes.delete(noteKey(tenantId, time));
  }

  async deleteTenantHistory(tenantId: string): Promise<number> {
    const runs = this.#runsOf(tenantId);
    for (const run of runs) this.#runs.delete(runKey(run));
    for (const note of await this.notesFor(tenantId)) this.#notes.delete(noteKey(note.tenantId, note.time));
    return runs.length;
  }

  async tenants(): Promise<TenantRecord[]> {
    return [...this.#tenants.values()];
  }

  async rememberTenant(tenant: TenantRecord): Promise<void> {
    this.#tenants.set(tenant.tenantId, { ...tenant });
  }

  async getPref<T>(key: string): Promise<T | undefined> {
    return this.#prefs.get(key) as T | undefined;
  }

  async setPref(key: string, value: unknown): Promise<void> {
    this.#prefs.set(key, value);
  }

  #apply(writes: RunWrites, notes: readonly Note[]): void {
    for (const run of writes.deletes) this.#runs.delete(runKey(run));
    for (const run of writes.puts) this.#runs.set(runKey(run), { ...run });
    for (const note of notes) this.#notes.set(noteKey(note.tenantId, note.time), { ...note });
  }

  #runsOf(tenantId: string): Run[] {
    return [...this.#runs.values()].filter((r) => r.tenantId === tenantId).sort((a, b) => a.firstSeen - b.firstSeen || a.score - b.score);
  }
}

/** The run, or a StorageFailure for one IndexedDB would refuse: its key must be a string and two numbers. */
function storable(run: Run): Run {
  if (typeof run.tenantId !== 'string' || [run.firstSeen, run.score].some((n) => typeof n !== 'number' || Number.isNaN(n))) {
    throw new StorageFailure('unknown', new DOMException('The run has no valid key.', 'DataError'));
  }
  return run;
}
