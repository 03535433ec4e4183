import type { IDBPDatabase } from 'idb';
import { compareAlertLogEntries, mergeAlertLogs, type AlertLogEntry } from '../watch/alert-log';
import type { AlertRuleRecord, GoalRecord, ScorelineSchema } from './schema';
import { tenantIdKeys } from './tenant-keys';


export function goalOf(db: IDBPDatabase<ScorelineSchema>, tenantId: string): Promise<GoalRecord | undefined> {
  return db.get('goals', tenantId);
}

export async function alertRulesOf(db: IDBPDatabase<ScorelineSchema>, tenantId: string): Promise<AlertRuleRecord[]> {
  return db.getAll('alertRules', tenantIdKeys(tenantId));
}

export async function alertLogOf(db: IDBPDatabase<ScorelineSchema>, tenantId: string): Promise<AlertLogEntry[]> {
  return (await db.getAll('alertLog', tenantIdKeys(tenantId))).sort(compareAlertLogEntries);
}

/** Reads which ids are logged and adds the others in one readwrite transaction: IndexedDB runs such transactions on one store one after another. */
export async function logAlertsIn(db: IDBPDatabase<ScorelineSchema>, entries: readonly AlertLogEntry[]): Promise<AlertLogEntry[]> {
  const tx = db.transaction('alertLog', 'readwrite');
  const done = tx.done;
  const logged: AlertLogEntry[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const key = `${entry.tenantId}|${entry.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if ((await tx.store.count([entry.tenantId, entry.id])) > 0) continue;
    void tx.store.put(entry);
    logged.push(entry);
  }
  await done;
  return logged;
}

export async function dismissAlertIn(db: IDBPDatabase<ScorelineSchema>, tenantId: string, id: string, at: number): Promise<void> {
  const tx = db.transaction('alertLog', 'readwrite');
  const done = tx.done;
  const entry = await tx.store.get([tenantId, id]);
  if (entry) void tx.store.put(mergeAlertLogs([entry], [{ ...entry, dismissedAt: at }])[0]!);
  await done;
}
