import { compareAlertLogEntries, mergeAlertLogs, type AlertLogEntry } from '../watch/alert-log';
import type { AlertRuleRecord, GoalRecord } from './schema';
import { deletionTime } from './tenant-deletion';
import type { Tombstone } from './tombstone';
import { tenantsOfWatch, watchRecordKey, watchWrites, type WatchRecords, type WatchStore } from './watch-store';

/** The goals, alert rules and alert log of a MemoryStore: for this session only. */
export class MemoryWatchStore implements WatchStore {
  readonly #goals = new Map<string, GoalRecord>();
  readonly #rules = new Map<string, AlertRuleRecord>();
  readonly #log = new Map<string, AlertLogEntry>();

  async goalOf(tenantId: string): Promise<GoalRecord | undefined> {
    const goal = this.#goals.get(tenantId);
    return goal && { ...goal };
  }

  async putGoal(goal: GoalRecord): Promise<void> {
    this.#goals.set(goal.tenantId, { ...goal });
  }

  async deleteGoal(tenantId: string): Promise<void> {
    this.#goals.delete(tenantId);
  }

  async alertRules(tenantId: string): Promise<AlertRuleRecord[]> {
    return [...this.#rules.values()].filter((rule) => rule.tenantId === tenantId).sort((a, b) => compareText(a.id, b.id));
  }

  async putAlertRule(rule: AlertRuleRecord): Promise<void> {
    this.#rules.set(watchRecordKey(rule), { ...rule });
  }

  async deleteAlertRule(tenantId: string, id: string): Promise<void> {
    this.#rules.delete(watchRecordKey({ tenantId, id }));
  }

  async alertLog(tenantId: string): Promise<AlertLogEntry[]> {
    return [...this.#log.values()].filter((entry) => entry.tenantId === tenantId).sort(compareAlertLogEntries);
  }

  async logAlerts(entries: readonly AlertLogEntry[]): Promise<AlertLogEntry[]> {
    const logged: AlertLogEntry[] = [];
    for (const entry of entries) {
      const key = watchRecordKey(entry);
      if (this.#log.has(key)) continue;
      this.#log.set(key, { ...entry });
      logged.push(entry);
    }
    return logged;
  }

  async dismissAlert(tenantId: string, id: string, at: number): Promise<void> {
    const key = watchRecordKey({ tenantId, id });
    const entry = this.#log.get(key);
    if (entry) this.#log.set(key, mergeAlertLogs([entry], [{ ...entry, dismissedAt: at }])[0]!);
  }

  /** What an import of these records would write, and how to write it (at the end, with the rest of the import). */
  planImport(records: WatchRecords): { added: number; apply(): void } {
    const tenants = tenantsOfWatch(records);
    const ofTenants = <T extends { tenantId: string }>(map: Map<string, T>) => [...map.values()].filter((record) => tenants.has(record.tenantId));
    const writes = watchWrites(records, { goals: ofTenants(this.#goals), alertRules: ofTenants(this.#rules), alertLog: ofTenants(this.#log) });
    return {
      added: writes.added,
      apply: () => {
        for (const goal of writes.goals) this.#goals.set(goal.tenantId, { ...goal });
        for (const rule of writes.alertRules) this.#rules.set(watchRecordKey(rule), { ...rule });
        for (const entry of writes.alertLog) this.#log.set(watchRecordKey(entry), { ...entry });
      },
    };
  }

  /** Deletes the goal or rule of the tombstone if it was edited at or before it. */
  bury(tombstone: Tombstone): void {
    const key = tombstone.kind === 'goal' ? tombstone.tenantId : watchRecordKey({ tenantId: tombstone.tenantId, id: tombstone.key });
    const map: Map<string, { edited: number }> = tombstone.kind === 'goal' ? this.#goals : this.#rules;
    const record = map.get(key);
    if (tombstone.kind !== 'note' && record && record.edited <= tombstone.deletedAt) map.delete(key);
  }

  /** Deletes what of the tenant a deletion of its history at `at` covers: goal and rules edited, alerts fired, by then. */
  clipTenant(tenantId: string, at: number): void {
    const goal = this.#goals.get(tenantId);
    if (goal && deletionTime.goal(goal) <= at) this.#goals.delete(tenantId);
    for (const [key, rule] of this.#rules) if (rule.tenantId === tenantId && deletionTime.alertRule(rule) <= at) this.#rules.delete(key);
    for (const [key, entry] of this.#log) if (entry.tenantId === tenantId && deletionTime.alert(entry) <= at) this.#log.delete(key);
  }

  deleteTenant(tenantId: string): void {
    this.#goals.delete(tenantId);
    for (const map of [this.#rules, this.#log] as Map<string, { tenantId: string }>[]) {
      for (const [key, record] of map) if (record.tenantId === tenantId) map.delete(key);
    }
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
