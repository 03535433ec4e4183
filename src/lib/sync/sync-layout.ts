// Where each record lives in the app folder: one file per tenant per month of history, one per tenant for
// its notes, its goal and alert rules (each with those deleted one by one), and its alert log, and one list
// of tenants and deletions. Files are flat in the folder, so one listing shows every file's eTag.
import { emptyRecords, type SyncRecords } from './sync-records';

export type SyncFileKind = 'history' | 'notes' | 'goals' | 'alert-log' | 'tenants';

export interface SyncFileName {
  kind: SyncFileKind;
  /** Absent only for the tenants file. */
  tenantId?: string;
  /** `YYYY-MM` (UTC), history files only. */
  month?: string;
}

export const TENANTS_FILE = 'tenants.json';

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const HISTORY_NAME = new RegExp(`^history-(${GUID})-(\\d{4}-\\d{2})\\.json$`);
const TENANT_NAME = new RegExp(`^(notes|goals|alert-log)-(${GUID})\\.json$`);

export function fileNameOf({ kind, tenantId, month }: SyncFileName): string {
  if (kind === 'tenants') return TENANTS_FILE;
  return kind === 'history' ? `history-${tenantId}-${month}.json` : `${kind}-${tenantId}.json`;
}

/** What a name in the folder is, or undefined for a file that is not ours (left alone). */
export function parseFileName(name: string): SyncFileName | undefined {
  if (name === TENANTS_FILE) return { kind: 'tenants' };
  const history = HISTORY_NAME.exec(name);
  if (history) {
    const month = Number(history[2]!.slice(5));
    return month >= 1 && month <= 12 ? { kind: 'history', tenantId: history[1]!, month: history[2]! } : undefined;
  }
  const other = TENANT_NAME.exec(name);
  return other ? { kind: other[1] as SyncFileKind, tenantId: other[2]! } : undefined;
}

export function monthOf(time: number): string {
  return new Date(time).toISOString().slice(0, 7);
}

/**
 * The records split into the files that hold them, by name: a run goes in the month it began, a group's
 * name in the month it was first given. Every record is in exactly one file.
 */
export function filesOf(records: SyncRecords): Map<string, SyncRecords> {
  const files = new Map<string, SyncRecords>();
  const fileFor = (name: SyncFileName) => {
    const fileName = fileNameOf(name);
    let file = files.get(fileName);
    if (!file) files.set(fileName, (file = emptyRecords()));
    return file;
  };
  const tenants = fileFor({ kind: 'tenants' });
  tenants.tenants.push(...records.tenants);
  for (const [tenantId, at] of records.deleted) tenants.deleted.set(tenantId, at);
  for (const run of records.runs) fileFor({ kind: 'history', tenantId: run.tenantId, month: monthOf(run.firstSeen) }).runs.push(run);
  for (const name of records.seriesNames) fileFor({ kind: 'history', tenantId: name.tenantId, month: monthOf(name.time) }).seriesNames.push(name);
  for (const note of records.notes) fileFor({ kind: 'notes', tenantId: note.tenantId }).notes.push(note);
  for (const goal of records.goals) fileFor({ kind: 'goals', tenantId: goal.tenantId }).goals.push(goal);
  for (const rule of records.alertRules) fileFor({ kind: 'goals', tenantId: rule.tenantId }).alertRules.push(rule);
  for (const tombstone of records.tombstones) fileFor({ kind: tombstone.kind === 'note' ? 'notes' : 'goals', tenantId: tombstone.tenantId }).tombstones.push(tombstone);
  for (const entry of records.alertLog) fileFor({ kind: 'alert-log', tenantId: entry.tenantId }).alertLog.push(entry);
  return files;
}
