import {
  StorageFailure,
  WRITE_CHUNK_SIZE,
  notesToPut,
  type AddCounts,
  type AddHistoryOptions,
  type AddOutcome,
  type Deletions,
  type HistoryRecords,
  type HistoryStore,
  spansByTenant,
  type RunWrites,
  type TenantRecord,
} from './history-store';
import { compareNotes, noteKey, type Note } from './note';
import { readingWrites } from './reading-writes';
import type { Reading } from './reading';
import { runKey, type Run } from './run';
import { runWrites } from './run-join';
import { nextTask } from '../util/next-task';
import type { Recommendation, RecommendationChange, RecommendationRead } from '../recommendations/recommendation';
import { MemoryRecommendationLog } from './memory-recommendation-log';
import { otherWrites, type OtherWrites } from './other-records';
import { EXPOSURE_SERIES, type SeriesName } from './series';
import { summarize, type TenantSummary } from './tenant-summary';
import { compareSeriesNames, namesToPut, type SeriesReading, type SeriesRun } from './series-store';
import { MemoryWatchStore } from './memory-watch-store';
import type { AlertRuleRecord, GoalRecord } from './schema';
import type { AlertLogEntry } from '../watch/alert-log';
import { DELETIONS_PREF, readDeletions } from './deletions';
import { clipRun, deletionTime } from './tenant-deletion';
import { goalTombstone, latestTombstones, noteTombstone, ruleTombstone, withoutBuried, type Tombstone } from './tombstone';
import { MemoryTombstones } from './memory-tombstones';

/** Keeps the history for this session only, when the browser offers no IndexedDB. */
export class MemoryStore implements HistoryStore {
  readonly #runs = new Map<string, Run>();
  readonly #notes = new Map<string, Note>();
  readonly #tenants = new Map<string, TenantRecord>();
  readonly #prefs = new Map<string, unknown>();
  readonly #seriesRuns = new Map<string, SeriesRun>();
  readonly #seriesNames: SeriesName[] = [];
  readonly #recommendations = new MemoryRecommendationLog();
  readonly #watch = new MemoryWatchStore();
  readonly #tombstones = new MemoryTombstones();

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
  async addHistory(records: HistoryRecords, { onProgress, signal }: AddHistoryOptions = {}): Promise<AddCounts> {
    const unburied = withoutBuried(records, this.#tombstones.all());
    const { runs, notes } = unburied;
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
    const others = otherWrites(records, {
      seriesRuns: [...this.#seriesRuns.values()],
      seriesNames: this.#seriesNames,
      ...this.#recommendations.keys(),
    });
    const watchAdded = this.#watch.planImport(unburied);
    this.#apply(plan, notePuts);
    this.#applyOthers(others);
    watchAdded.apply();
    return { added: plan.added, present: plan.present, notesAdded: notePuts.length, othersAdded: others.added + watchAdded.added };
  }

  async putNote(note: Note): Promise<void> {
    this.#notes.set(noteKey(note.tenantId, note.time), { ...note });
  }

  async deleteNote(tenantId: string, time: number, deletedAt: number): Promise<void> {
    this.#notes.delete(noteKey(tenantId, time));
    this.#tombstones.keep(noteTombstone(tenantId, time, deletedAt));
  }

  async tombstones(tenantId: string): Promise<Tombstone[]> {
    return this.#tombstones.ofTenant(tenantId);
  }

  async applyDeletions({ tenants, tombstones }: Deletions): Promise<void> {
    const known = await readDeletions(this);
    for (const [tenantId, at] of tenants) {
      if (at <= (known.get(tenantId) ?? -Infinity)) continue;
      known.set(tenantId, at);
      this.#clipTenant(tenantId, at);
    }
    await this.setPref(DELETIONS_PREF, Object.fromEntries(known));
    for (const tombstone of latestTombstones(tombstones).values()) {
      if (tombstone.deletedAt <= (known.get(tombstone.tenantId) ?? -Infinity) || !this.#tombstones.keep(tombstone)) continue;
      const note = this.#notes.get(noteKey(tombstone.tenantId, Number(tombstone.key)));
      if (tombstone.kind === 'note' && note && note.edited <= tombstone.deletedAt) this.#notes.delete(noteKey(note.tenantId, note.time));
      this.#watch.bury(tombstone);
    }
  }

  #clipTenant(tenantId: string, at: number): void {
    const clip = <T extends Run>(map: Map<string, T>) => {
      for (const [key, run] of map) {
        if (run.tenantId !== tenantId || run.firstSeen > at) continue;
        map.delete(key);
        for (const kept of clipRun(run, at)) map.set(runKey(kept), kept);
      }
    };
    clip(this.#runs);
    clip(this.#seriesRuns);
    this.#seriesNames.splice(0, Infinity, ...this.#seriesNames.filter((name) => name.tenantId !== tenantId || deletionTime.seriesName(name) > at));
    for (const [key, note] of this.#notes) if (note.tenantId === tenantId && deletionTime.note(note) <= at) this.#notes.delete(key);
    this.#recommendations.deleteTenant(tenantId, at);
    this.#tombstones.deleteTenant(tenantId, at);
    this.#watch.clipTenant(tenantId, at);
  }

  async deleteTenantHistory(tenantId: string): Promise<number> {
    const runs = this.#runsOf(tenantId);
    for (const run of runs) this.#runs.delete(runKey(run));
    for (const note of await this.notesFor(tenantId)) this.#notes.delete(noteKey(note.tenantId, note.time));
    for (const [key, run] of this.#seriesRuns) if (run.tenantId === tenantId) this.#seriesRuns.delete(key);
    this.#recommendations.deleteTenant(tenantId);
    this.#seriesNames.splice(0, Infinity, ...this.#seriesNames.filter((name) => name.tenantId !== tenantId));
    this.#watch.deleteTenant(tenantId);
    this.#tombstones.deleteTenant(tenantId);
    return runs.length;
  }

  async seriesRuns(tenantId: string, since = -Infinity): Promise<SeriesRun[]> {
    return [...this.#seriesRuns.values()]
      .filter((run) => run.tenantId === tenantId && run.lastSeen >= since)
      .sort((a, b) => a.firstSeen - b.firstSeen || a.score - b.score);
  }

  async seriesNames(tenantId: string): Promise<SeriesName[]> {
    return this.#seriesNames.filter((name) => name.tenantId === tenantId).sort(compareSeriesNames);
  }

  async addSeriesReadings(readings: readonly SeriesReading[], names: readonly SeriesName[]): Promise<void> {
    for (const reading of readings) {
      const runs = [...this.#seriesRuns.values()].filter((run) => run.tenantId === reading.tenantId && run.series === reading.series);
      const nearby = runs.filter((run) => run.firstSeen <= reading.time && run.lastSeen >= reading.time);
      const endingBefore = runs.filter((run) => run.lastSeen < reading.time).sort((a, b) => a.lastSeen - b.lastSeen).at(-1);
      if (endingBefore) nearby.push(endingBefore);
      const writes = readingWrites(reading, nearby);
      for (const run of writes.deletes) this.#seriesRuns.delete(runKey(run));
      for (const run of writes.puts) this.#seriesRuns.set(runKey(run), { ...run, series: reading.series });
    }
    this.#seriesNames.push(...namesToPut(names, this.#seriesNames));
  }

  // Worked out on each read: a history kept in memory is this session's only, and small.
  async tenantSummaries(): Promise<TenantSummary[]> {
    return this.summarize(await this.tenantsWithHistory());
  }

  async summarize(tenantIds: readonly string[]): Promise<TenantSummary[]> {
    const exposureOf = (tenantId: string) => [...this.#seriesRuns.values()].filter((run) => run.tenantId === tenantId && run.series === EXPOSURE_SERIES);
    const summaries = tenantIds.map((tenantId) => summarize(tenantId, this.#runsOf(tenantId), exposureOf(tenantId), Date.now()));
    return summaries.filter((summary) => summary.latest || summary.exposure);
  }

  async tenantsWithHistory(): Promise<string[]> {
    const exposure = [...this.#seriesRuns.values()].filter((run) => run.series === EXPOSURE_SERIES);
    return [...new Set([...this.#runs.values(), ...exposure].map((run) => run.tenantId))];
  }

  async addRecommendationRead(tenantId: string, time: number, recommendations: readonly Recommendation[]): Promise<number> {
    return this.#recommendations.addRead(tenantId, time, recommendations);
  }

  async recommendationReads(tenantId: string, since = -Infinity): Promise<RecommendationRead[]> {
    return this.#recommendations.reads(tenantId, since);
  }

  async recommendationChanges(tenantId: string, { after = -Infinity, until = Infinity }: { after?: number; until?: number } = {}): Promise<RecommendationChange[]> {
    return this.#recommendations.changes(tenantId, after, until);
  }

  async recommendationChangesOf(tenantId: string, ids: readonly string[]): Promise<RecommendationChange[]> {
    return this.#recommendations.changesOf(tenantId, ids);
  }

  goalOf(tenantId: string): Promise<GoalRecord | undefined> {
    return this.#watch.goalOf(tenantId);
  }

  putGoal(goal: GoalRecord): Promise<void> {
    return this.#watch.putGoal(goal);
  }

  async deleteGoal(tenantId: string, deletedAt: number): Promise<void> {
    await this.#watch.deleteGoal(tenantId);
    this.#tombstones.keep(goalTombstone(tenantId, deletedAt));
  }

  alertRules(tenantId: string): Promise<AlertRuleRecord[]> {
    return this.#watch.alertRules(tenantId);
  }

  putAlertRule(rule: AlertRuleRecord): Promise<void> {
    return this.#watch.putAlertRule(rule);
  }

  async deleteAlertRule(tenantId: string, id: string, deletedAt: number): Promise<void> {
    await this.#watch.deleteAlertRule(tenantId, id);
    this.#tombstones.keep(ruleTombstone(tenantId, id, deletedAt));
  }

  alertLog(tenantId: string): Promise<AlertLogEntry[]> {
    return this.#watch.alertLog(tenantId);
  }

  logAlerts(entries: readonly AlertLogEntry[]): Promise<AlertLogEntry[]> {
    return this.#watch.logAlerts(entries);
  }

  dismissAlert(tenantId: string, id: string, at: number): Promise<void> {
    return this.#watch.dismissAlert(tenantId, id, at);
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

  #applyOthers(others: OtherWrites): void {
    for (const run of others.seriesDeletes) this.#seriesRuns.delete(runKey(run));
    for (const run of others.seriesPuts) this.#seriesRuns.set(runKey(run), { ...run });
    this.#seriesNames.push(...others.names);
    this.#recommendations.add(others.changes, others.reads);
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
