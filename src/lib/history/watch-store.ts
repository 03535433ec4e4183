import { compareAlertLogEntries, mergeAlertLogs, type AlertLogEntry } from '../watch/alert-log';
import type { HistoryRecords } from './history-store';
import type { AlertRuleRecord, GoalRecord } from './schema';

export type { AlertRuleRecord, GoalRecord };

/** Where each tenant's goal, alert rules and alert log are kept, beside its history. */
export interface WatchStore {
  /** The tenant's goal, if one is set. */
  goalOf(tenantId: string): Promise<GoalRecord | undefined>;
  /** Sets the tenant's goal, replacing the one it had. */
  putGoal(goal: GoalRecord): Promise<void>;
  /** Deletes the goal and keeps when, in one transaction. */
  deleteGoal(tenantId: string, deletedAt: number): Promise<void>;
  /** The tenant's alert rules, by id. */
  alertRules(tenantId: string): Promise<AlertRuleRecord[]>;
  /** Writes a rule, replacing the tenant's rule of the same id. */
  putAlertRule(rule: AlertRuleRecord): Promise<void>;
  /** Deletes the rule and keeps when, in one transaction. */
  deleteAlertRule(tenantId: string, id: string, deletedAt: number): Promise<void>;
  /** The tenant's alert log, oldest reading first. */
  alertLog(tenantId: string): Promise<AlertLogEntry[]>;
  /**
   * Logs the entries whose id is not logged yet, in one transaction, and resolves to those it logged: of two
   * tabs judging one reading, only one logs (and so shows and notifies) its alert.
   */
  logAlerts(entries: readonly AlertLogEntry[]): Promise<AlertLogEntry[]>;
  /** Marks a logged alert dismissed at `at` (an earlier dismissal is kept as the later of the two); nothing when it is not logged. */
  dismissAlert(tenantId: string, id: string, at: number): Promise<void>;
}

/** The goals, rules and log entries an import brings, beside the history. */
export type WatchRecords = Pick<HistoryRecords, 'goals' | 'alertRules' | 'alertLog'>;

/** What is stored of the tenants an import's goals, rules and log name. */
export interface StoredWatch {
  goals: readonly GoalRecord[];
  alertRules: readonly AlertRuleRecord[];
  alertLog: readonly AlertLogEntry[];
}

/** The writes that join an import's goals, rules and log into the stored ones. */
export interface WatchWrites {
  goals: GoalRecord[];
  alertRules: AlertRuleRecord[];
  alertLog: AlertLogEntry[];
  /** Incoming records that told something new: a later edit, an unknown alert, a dismissal not known. */
  added: number;
}

/** Keys of one rule or log entry in its tenant: for sets and maps ("|" never appears in a tenant ID). */
export function watchRecordKey({ tenantId, id }: { tenantId: string; id: string }): string {
  return `${tenantId}|${id}`;
}

/** The tenants whose stored goals, rules and log an import must read. */
export function tenantsOfWatch(records: WatchRecords): Set<string> {
  const tenants = new Set<string>();
  for (const list of [records.goals, records.alertRules, records.alertLog]) for (const record of list ?? []) tenants.add(record.tenantId);
  return tenants;
}

/**
 * Joins goals and rules by the later edit (the stored copy on a tie), and the log by mergeAlertLogs (one
 * entry per alert: the first fired, dismissed when any copy was). Only what changes is written.
 */
export function watchWrites(records: WatchRecords, stored: StoredWatch): WatchWrites {
  const goals = laterEdits(records.goals ?? [], stored.goals, (goal) => goal.tenantId);
  const alertRules = laterEdits(records.alertRules ?? [], stored.alertRules, watchRecordKey);
  const storedLog = new Map(stored.alertLog.map((entry) => [watchRecordKey(entry), entry]));
  const merged = mergeLogsPerTenant([...stored.alertLog], [...(records.alertLog ?? [])]);
  const alertLog = merged.filter((entry) => !sameEntry(storedLog.get(watchRecordKey(entry)), entry));
  return { goals, alertRules, alertLog, added: goals.length + alertRules.length + alertLog.length };
}

/** mergeAlertLogs keys by id alone; ids already name their tenant, but the store keys by both. */
function mergeLogsPerTenant(...logs: AlertLogEntry[][]): AlertLogEntry[] {
  const byTenant = new Map<string, AlertLogEntry[][]>();
  for (const [index, log] of logs.entries()) {
    for (const entry of log) {
      const lists = byTenant.get(entry.tenantId) ?? logs.map(() => []);
      lists[index]!.push(entry);
      byTenant.set(entry.tenantId, lists);
    }
  }
  return [...byTenant.values()].flatMap((lists) => mergeAlertLogs(...lists)).sort(compareAlertLogEntries);
}

function laterEdits<T extends { edited: number }>(incoming: readonly T[], stored: readonly T[], key: (record: T) => string): T[] {
  const kept = new Map(stored.map((record) => [key(record), record]));
  const winners = new Map<string, T>();
  for (const record of incoming) {
    const k = key(record);
    const current = winners.get(k) ?? kept.get(k);
    if (!current || record.edited > current.edited) winners.set(k, record);
  }
  return [...winners.values()];
}

function sameEntry(a: AlertLogEntry | undefined, b: AlertLogEntry): boolean {
  return a !== undefined && JSON.stringify(entryFields(a)) === JSON.stringify(entryFields(b));
}

function entryFields({ id, tenantId, ruleId, kind, time, before, after, threshold, firedAt, dismissedAt }: AlertLogEntry): unknown[] {
  return [id, tenantId, ruleId, kind, time, before, after, threshold, firedAt, dismissedAt];
}
