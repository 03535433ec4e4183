// The JSON export: the lossless format, every record as the store keeps it.
import type { RecommendationChange, RecommendationLabels, RecommendationRead } from '../recommendations/recommendation';
import { nextTask } from '../util/next-task';
import { compareText, isoTime, inOrder, sortedNotes, sortedRuns, EXPORT_CHUNK_SIZE, type ChunkOptions, type HistoryExport, type TenantLabel } from './export-common';
import type { Note } from './note';
import type { Run } from './run';
import type { SeriesId, SeriesName } from './series';
import { compareSeriesNames, type SeriesRun } from './series-store';
import type { AlertRuleRecord, GoalRecord } from './schema';
import { compareAlertLogEntries, type AlertLogEntry } from '../watch/alert-log';
import type { ControlChange, SecureScoreDay } from '../secure-score/secure-score-day';
import { secureScoreToJson } from '../secure-score/secure-score-json';

/** What identifies our JSON export; the importer refuses anything else. */
export const JSON_APP = 'Scoreline';
export const JSON_FORMAT = 'scoreline.history';
/**
 * 4: also Microsoft Secure Score's days and control changes (`secureScoreDays`, `secureScoreControls`).
 * 3: runs and notes, the runs of the other series, group names, the recommendation change log and its reads,
 * and each tenant's goal, alert rules and alert log (lists a file may lack: it was written before them).
 * 2 (runs and notes) is still imported as it is; 1 (readings, each with an optional note) folded into runs.
 */
export const JSON_VERSION = 4;

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

export interface JsonSeriesRun extends JsonRun {
  series: SeriesId;
}

export interface JsonSeriesName {
  tenantId: string;
  series: SeriesId;
  time: string;
  name: string;
}

/** A change as kept (absolute values; labels only where the record has them), or a removal; its time as text. */
export type JsonRecommendationChange = WithTimeAsText<RecommendationChange>;

type WithTimeAsText<T> = T extends unknown ? Omit<T, 'time'> & { time: string } : never;

export interface JsonRecommendationRead {
  tenantId: string;
  time: string;
  count: number;
}

/** A goal as written: its date (if any) and its edit time as text. */
export type JsonGoal = Omit<GoalRecord, 'by' | 'edited'> & { by?: string; edited: string };
/** An alert rule as written: its edit time as text. */
export type JsonAlertRule = WithEditedAsText<AlertRuleRecord>;
/** An alert as written: its reading's time, when it fired and when it was dismissed as text. */
export type JsonAlert = Omit<AlertLogEntry, 'time' | 'firedAt' | 'dismissedAt'> & { time: string; firedAt: string; dismissedAt?: string };

type WithEditedAsText<T> = T extends unknown ? Omit<T, 'edited'> & { edited: string } : never;

/** The JSON document as written: every record as kept, times as ISO 8601 in UTC, each list oldest first. */
export interface HistoryJsonDocument {
  app: typeof JSON_APP;
  format: typeof JSON_FORMAT;
  version: typeof JSON_VERSION;
  exportedAt: string;
  tenants: TenantLabel[];
  runs: JsonRun[];
  notes: JsonNote[];
  /** Runs of the exposure score and of each device group's exposure, by tenant, series and start. */
  series: JsonSeriesRun[];
  seriesNames: JsonSeriesName[];
  recommendationChanges: JsonRecommendationChange[];
  recommendationReads: JsonRecommendationRead[];
  goals: JsonGoal[];
  alertRules: JsonAlertRule[];
  alertLog: JsonAlert[];
  /** Microsoft Secure Score (Graph): one record per tenant and day, its time as text. */
  secureScoreDays: (Omit<SecureScoreDay, 'time'> & { time: string })[];
  /** Microsoft Secure Score's control points, as changes only. */
  secureScoreControls: ControlChange[];
}

type ListKey = Exclude<keyof HistoryJsonDocument, 'app' | 'format' | 'version' | 'exportedAt' | 'tenants'>;

/** One list of the document: its key, and its elements as written, one at a time. */
interface JsonList {
  key: ListKey;
  length: number;
  element(index: number): unknown;
}

/** The versioned document, pretty-printed for people who open it. */
export function toJson(history: HistoryExport, exportedAt: number): string {
  const document: Record<string, unknown> = { ...jsonHead(history, exportedAt) };
  for (const list of jsonLists(history)) document[list.key] = Array.from({ length: list.length }, (_, index) => list.element(index));
  return JSON.stringify(document, null, 2);
}

/**
 * The same text as toJson, built a chunk of list elements at a time: the document without its lists is
 * stringified as toJson would, and each element the way JSON.stringify indents an element of a list in it.
 */
export async function toJsonInChunks(history: HistoryExport, exportedAt: number, { yieldToMain = nextTask }: ChunkOptions = {}): Promise<string> {
  const head = JSON.stringify(jsonHead(history, exportedAt), null, 2);
  const chunks = new ChunkTurns(yieldToMain);
  const parts: string[] = [];
  for (const list of jsonLists(history)) parts.push(`,\n  ${JSON.stringify(list.key)}: ${await jsonListInChunks(list, chunks)}`);
  // The head always ends with its `tenants` list and the closing "\n}".
  return `${head.slice(0, -'\n}'.length)}${parts.join('')}\n}`;
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
async function jsonListInChunks(list: JsonList, chunks: ChunkTurns): Promise<string> {
  if (list.length === 0) return '[]';
  const parts: string[] = [];
  for (let start = 0; start < list.length; start += EXPORT_CHUNK_SIZE) {
    await chunks.beforeChunk();
    const elements: string[] = [];
    for (let index = start; index < Math.min(start + EXPORT_CHUNK_SIZE, list.length); index += 1) {
      elements.push(`    ${JSON.stringify(list.element(index), null, 2).replaceAll('\n', '\n    ')}`);
    }
    parts.push(elements.join(',\n'));
  }
  return `[\n${parts.join(',\n')}\n  ]`;
}

function jsonHead(history: HistoryExport, exportedAt: number): Pick<HistoryJsonDocument, 'app' | 'format' | 'version' | 'exportedAt' | 'tenants'> {
  return {
    app: JSON_APP,
    format: JSON_FORMAT,
    version: JSON_VERSION,
    exportedAt: isoTime(exportedAt),
    tenants: history.tenants.map(({ tenantId, label }) => ({ tenantId, label })),
  };
}

/** The document's lists in the order they are written, each sorted. */
function jsonLists(history: HistoryExport): JsonList[] {
  return [
    jsonList('runs', sortedRuns(history.runs), jsonRun),
    jsonList('notes', sortedNotes(history.notes), jsonNote),
    jsonList('series', inOrder(history.seriesRuns ?? [], compareSeriesRuns), jsonSeriesRun),
    jsonList('seriesNames', inOrder(history.seriesNames ?? [], compareSeriesNames), jsonSeriesName),
    jsonList('recommendationChanges', inOrder(history.recommendationChanges ?? [], compareChangeKeys), jsonChange),
    jsonList('recommendationReads', inOrder(history.recommendationReads ?? [], compareReads), jsonRead),
    jsonList('goals', inOrder(history.goals ?? [], (a, b) => compareText(a.tenantId, b.tenantId)), jsonGoal),
    jsonList('alertRules', inOrder(history.alertRules ?? [], (a, b) => compareText(a.tenantId, b.tenantId) || compareText(a.id, b.id)), jsonAlertRule),
    jsonList('alertLog', inOrder(history.alertLog ?? [], (a, b) => compareAlertLogEntries(a, b) || compareText(a.tenantId, b.tenantId)), jsonAlert),
    ...secureScoreLists(history),
  ];
}

function secureScoreLists(history: HistoryExport): JsonList[] {
  const { secureScoreDays, secureScoreControls } = secureScoreToJson(history.secureScore?.days ?? [], history.secureScore?.changes ?? []);
  return [jsonList('secureScoreDays', secureScoreDays, (day) => day), jsonList('secureScoreControls', secureScoreControls, (change) => change)];
}

function jsonList<T>(key: ListKey, items: readonly T[], toJsonValue: (item: T) => unknown): JsonList {
  return { key, length: items.length, element: (index) => toJsonValue(items[index]!) };
}

export function jsonRun({ tenantId, firstSeen, lastSeen, score }: Run): JsonRun {
  return { tenantId, firstSeen: isoTime(firstSeen), lastSeen: isoTime(lastSeen), score };
}

export function jsonNote({ tenantId, time, text, edited }: Note): JsonNote {
  return { tenantId, time: isoTime(time), text, edited: isoTime(edited) };
}

export function jsonSeriesRun({ tenantId, series, firstSeen, lastSeen, score }: SeriesRun): JsonSeriesRun {
  return { tenantId, series, firstSeen: isoTime(firstSeen), lastSeen: isoTime(lastSeen), score };
}

export function jsonSeriesName({ tenantId, series, time, name }: SeriesName): JsonSeriesName {
  return { tenantId, series, time: isoTime(time), name };
}

const LABEL_FIELDS = ['name', 'category', 'subCategory', 'remediationType'] as const satisfies readonly (keyof RecommendationLabels)[];

function jsonChange(change: RecommendationChange): JsonRecommendationChange {
  const key = { tenantId: change.tenantId, id: change.id, time: isoTime(change.time) };
  if (change.removed) return { ...key, removed: true };
  const { configScoreImpact, exposureImpact, exposedMachines, totalMachines, status } = change;
  const labels: Partial<RecommendationLabels> = {};
  for (const field of LABEL_FIELDS) if (change[field] !== undefined) labels[field] = change[field];
  return { ...key, configScoreImpact, exposureImpact, exposedMachines, totalMachines, status, ...labels };
}

function jsonRead({ tenantId, time, count }: RecommendationRead): JsonRecommendationRead {
  return { tenantId, time: isoTime(time), count };
}

export function jsonGoal({ tenantId, target, by, edited }: GoalRecord): JsonGoal {
  return { tenantId, target, ...(by === undefined ? {} : { by: isoTime(by) }), edited: isoTime(edited) };
}

export function jsonAlertRule(rule: AlertRuleRecord): JsonAlertRule {
  return { ...rule, edited: isoTime(rule.edited) };
}

export function jsonAlert({ id, tenantId, ruleId, kind, time, before, after, threshold, firedAt, dismissedAt }: AlertLogEntry): JsonAlert {
  const dismissed = dismissedAt === undefined ? {} : { dismissedAt: isoTime(dismissedAt) };
  return { id, tenantId, ruleId, kind, time: isoTime(time), before, after, threshold, firedAt: isoTime(firedAt), ...dismissed };
}

/** By tenant, series, start and score: each series' runs together, as IndexedDB keeps them. */
function compareSeriesRuns(a: SeriesRun, b: SeriesRun): number {
  return compareText(a.tenantId, b.tenantId) || compareText(a.series, b.series) || a.firstSeen - b.firstSeen || a.score - b.score;
}

/** Oldest first, then by id and tenant: one record per tenant, id and time. */
function compareChangeKeys(a: RecommendationChange, b: RecommendationChange): number {
  return a.time - b.time || compareText(a.id, b.id) || compareText(a.tenantId, b.tenantId);
}

function compareReads(a: RecommendationRead, b: RecommendationRead): number {
  return a.time - b.time || compareText(a.tenantId, b.tenantId);
}
