import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { TenantRecord } from './history-store';
import type { Note } from './note';
import { foldReadings, type Run } from './run';
import type { SeriesId, SeriesName } from './series';
import type { RecommendationChange, RecommendationRead } from '../recommendations/recommendation';
import type { ChangeEntry, RecommendationHistory, RecommendationTouch } from './recommendation-histories';
import type { AlertLogEntry } from '../watch/alert-log';
import type { AlertRule } from '../watch/alert-rules';
import type { Goal } from '../watch/goal-progress';
import type { ControlChange, SecureScoreDay } from '../secure-score/secure-score-day';
import type { TenantSummary } from './tenant-summary';
import type { Tombstone } from './tombstone';

/** A goal as kept: with when it was last edited, so copies from two places merge by the later edit. */
export type GoalRecord = Goal & { edited: number };
/** An alert rule as kept: with when it was last edited. */
export type AlertRuleRecord = AlertRule & { edited: number };

export const DB_NAME = 'scoreline';
export const DB_VERSION = 4;

/** A reading as version 1 kept it: one row per check, its note on the row. Read only to migrate. */
export interface ReadingRowV1 {
  tenantId: string;
  time: number;
  score: number;
  note?: string;
}

export interface ScorelineSchema extends DBSchema {
  /** Version 1 only: deleted by the step to version 2, once folded into runs. */
  readings: { key: [string, number]; value: ReadingRowV1 };
  runs: { key: [string, number, number]; value: Run; indexes: { byLastSeen: [string, number] } };
  notes: { key: [string, number]; value: Note };
  /** Version 3: the runs of every series besides the device score (exposure, device groups). */
  seriesRuns: { key: [string, SeriesId, number, number]; value: Run & { series: SeriesId }; indexes: { byLastSeen: [string, SeriesId, number] } };
  /** Version 3: what each device group was called from a time on. */
  seriesNames: { key: [string, SeriesId, number]; value: SeriesName };
  /** Version 3 only: each recommendation's changes, one record each; moved into recommendationHistories by version 4. */
  recommendationChanges: { key: [string, string, number]; value: RecommendationChange; indexes: { byTime: [string, number] } };
  /** Version 4: each recommendation's changes, as absolute values, one record per tenant and recommendation. */
  recommendationHistories: { key: [string, string]; value: RecommendationHistory };
  /** Version 4: which recommendations changed at each time, by tenant and time. */
  recommendationTouches: { key: [string, number]; value: RecommendationTouch };
  /** Version 3: when the whole recommendation list was read. */
  recommendationReads: { key: [string, number]; value: RecommendationRead };
  /** Version 3: each tenant's score goal (a target and an optional date), by tenant. */
  goals: { key: string; value: GoalRecord };
  /** Version 3: each tenant's alert rules. */
  alertRules: { key: [string, string]; value: AlertRuleRecord };
  /** Version 3: every alert that fired, kept and exported with the history. */
  alertLog: { key: [string, string]; value: AlertLogEntry };
  /** Version 4: Microsoft Secure Score (Graph), one record per tenant and day. */
  secureScoreDays: { key: [string, string]; value: SecureScoreDay };
  /** Version 4: Microsoft Secure Score's control points, kept only when they change, by tenant, control and day. */
  secureScoreControls: { key: [string, string, string]; value: ControlChange };
  /** Version 4: each tenant's summary (latest score, recent trend, exposure), what the overview of every tenant reads. */
  summaries: { key: string; value: TenantSummary };
  /** Version 4: notes, goals and alert rules deleted one by one, so a synced copy edited before does not bring them back. */
  tombstones: { key: [string, string, string]; value: Tombstone };
  tenants: { key: string; value: TenantRecord };
  prefs: { key: string; value: unknown };
}

type UpgradeTransaction = IDBPTransaction<ScorelineSchema, StoreNames<ScorelineSchema>[], 'versionchange'>;

/**
 * Migrations, oldest first. Each step takes the database from one version to the next and must keep
 * every observation: add a step here (never edit one that shipped) and a test that upgrades a database
 * with data. The upgrade is one transaction: if a step fails, the database stays as it was.
 */
export async function migrate(db: IDBPDatabase<ScorelineSchema>, oldVersion: number, tx: UpgradeTransaction): Promise<void> {
  if (oldVersion < 1) {
    db.createObjectStore('readings', { keyPath: ['tenantId', 'time'] });
    db.createObjectStore('tenants', { keyPath: 'tenantId' });
    db.createObjectStore('prefs');
  }
  if (oldVersion < 2) await foldReadingsIntoRuns(db, tx);
  if (oldVersion < 3) addSeriesAndRecommendations(db);
  if (oldVersion < 4) await addVersion4Stores(db, tx);
}

/** Version 4: the stores this version adds, each feature's together. */
async function addVersion4Stores(db: IDBPDatabase<ScorelineSchema>, tx: UpgradeTransaction): Promise<void> {
  // The recommendation log, one record per recommendation instead of one per change.
  await gatherRecommendationChanges(db, tx);
  // Microsoft Secure Score (Graph): its days, and its controls' changes.
  db.createObjectStore('secureScoreDays', { keyPath: ['tenantId', 'day'] });
  db.createObjectStore('secureScoreControls', { keyPath: ['tenantId', 'control', 'day'] });
  // The overview of every tenant: one summary per tenant (those of tenants kept before are worked out when first shown).
  db.createObjectStore('summaries', { keyPath: 'tenantId' });
  // History sync: when each note, goal and alert rule deleted one by one was deleted.
  db.createObjectStore('tombstones', { keyPath: ['tenantId', 'kind', 'key'] });
}

/**
 * Version 4: the recommendation log's records are gathered by recommendation, with an index of what changed
 * when; every change is kept as it was, and the store of single changes is deleted.
 */
async function gatherRecommendationChanges(db: IDBPDatabase<ScorelineSchema>, tx: UpgradeTransaction): Promise<void> {
  const histories = db.createObjectStore('recommendationHistories', { keyPath: ['tenantId', 'id'] });
  const touches = db.createObjectStore('recommendationTouches', { keyPath: ['tenantId', 'time'] });
  const byRecommendation = new Map<string, RecommendationHistory>();
  const byTime = new Map<string, RecommendationTouch>();
  // In key order: by tenant, id and time, so each recommendation's changes come oldest first.
  for (const { tenantId, id, ...entry } of await tx.objectStore('recommendationChanges').getAll()) {
    const history = byRecommendation.get(`${tenantId}|${id}`) ?? { tenantId, id, changes: [] };
    history.changes.push(entry as ChangeEntry);
    byRecommendation.set(`${tenantId}|${id}`, history);
    const touch = byTime.get(`${tenantId}|${entry.time}`) ?? { tenantId, time: entry.time, ids: [] };
    touch.ids.push(id);
    byTime.set(`${tenantId}|${entry.time}`, touch);
  }
  for (const history of byRecommendation.values()) settled(histories.put(history));
  for (const touch of byTime.values()) settled(touches.put(touch));
  db.deleteObjectStore('recommendationChanges');
}

/**
 * Version 3: stores for the series besides the device score, the recommendation change log, and what
 * watching the score keeps (goals, alert rules, the alert log). The
 * device score's runs and the notes stay where they are, untouched: version 2 rows are version 3 rows.
 */
function addSeriesAndRecommendations(db: IDBPDatabase<ScorelineSchema>): void {
  db.createObjectStore('seriesRuns', { keyPath: ['tenantId', 'series', 'firstSeen', 'score'] }).createIndex('byLastSeen', ['tenantId', 'series', 'lastSeen']);
  db.createObjectStore('seriesNames', { keyPath: ['tenantId', 'series', 'time'] });
  db.createObjectStore('recommendationChanges', { keyPath: ['tenantId', 'id', 'time'] }).createIndex('byTime', ['tenantId', 'time']);
  db.createObjectStore('recommendationReads', { keyPath: ['tenantId', 'time'] });
  db.createObjectStore('goals', { keyPath: 'tenantId' });
  db.createObjectStore('alertRules', { keyPath: ['tenantId', 'id'] });
  db.createObjectStore('alertLog', { keyPath: ['tenantId', 'id'] });
}

/** Version 2: unchanged readings fold into runs (first and last confirmation kept), notes become records. */
async function foldReadingsIntoRuns(db: IDBPDatabase<ScorelineSchema>, tx: UpgradeTransaction): Promise<void> {
  const runs = db.createObjectStore('runs', { keyPath: ['tenantId', 'firstSeen', 'score'] });
  runs.createIndex('byLastSeen', ['tenantId', 'lastSeen']);
  const notes = db.createObjectStore('notes', { keyPath: ['tenantId', 'time'] });
  const rows = await tx.objectStore('readings').getAll();
  for (const run of foldReadings(rows)) settled(runs.put(run));
  for (const { tenantId, time, note } of rows) {
    // When a version 1 note was written is not known; its reading's time is the earliest it can have been.
    if (note) settled(notes.put({ tenantId, time, text: note, edited: time }));
  }
  db.deleteObjectStore('readings');
}

/** A write whose failure aborts the upgrade transaction, and is reported by that: its own promise may be left. */
function settled(write: Promise<unknown>): void {
  write.catch(() => undefined);
}
