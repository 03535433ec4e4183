import type { ControlChange, SecureScoreDay } from './secure-score-day';

/** Microsoft Secure Score's records: days and control changes. */
export interface SecureScoreRecords {
  days: SecureScoreDay[];
  changes: ControlChange[];
}

/** How many of a kind a file holds, and how many of those this browser does not keep yet. */
export interface ImportCount {
  inFile: number;
  toAdd: number;
}

/** One tenant's Microsoft Secure Score in an import file. */
export interface TenantSecureScoreCounts {
  tenantId: string;
  days: ImportCount;
  changes: ImportCount;
}

const dayKey = (day: Pick<SecureScoreDay, 'tenantId' | 'day'>) => `${day.tenantId}\u0000${day.day}`;
const changeKey = (change: Pick<ControlChange, 'tenantId' | 'control' | 'day'>) => `${change.tenantId}\u0000${change.control}\u0000${change.day}`;

/**
 * The file's records the store does not keep yet, as the store would add them: a day is new unless one of its
 * tenant and date is kept (a kept day is never changed), a control change unless one of its tenant, control and
 * date is; the file's repeats count once.
 */
export function secureScoreToAdd(file: SecureScoreRecords, stored: SecureScoreRecords): SecureScoreRecords {
  const keptDays = new Set(stored.days.map(dayKey));
  const keptChanges = new Set(stored.changes.map(changeKey));
  const days = file.days.filter((day) => !keptDays.has(dayKey(day)) && (keptDays.add(dayKey(day)), true));
  const changes = file.changes.filter((change) => !keptChanges.has(changeKey(change)) && (keptChanges.add(changeKey(change)), true));
  return { days, changes };
}

/** Per tenant named in the file: its days and control changes in the file and those new here, by tenant id. */
export function secureScoreCountsByTenant(file: SecureScoreRecords, toAdd: SecureScoreRecords): TenantSecureScoreCounts[] {
  const byTenant = new Map<string, TenantSecureScoreCounts>();
  const countsOf = (tenantId: string) => {
    let counts = byTenant.get(tenantId);
    if (!counts) byTenant.set(tenantId, (counts = { tenantId, days: { inFile: 0, toAdd: 0 }, changes: { inFile: 0, toAdd: 0 } }));
    return counts;
  };
  for (const day of file.days) countsOf(day.tenantId).days.inFile += 1;
  for (const change of file.changes) countsOf(change.tenantId).changes.inFile += 1;
  for (const day of toAdd.days) countsOf(day.tenantId).days.toAdd += 1;
  for (const change of toAdd.changes) countsOf(change.tenantId).changes.toAdd += 1;
  return [...byTenant.values()].sort((a, b) => a.tenantId.localeCompare(b.tenantId));
}

/** The tenants a file's Microsoft Secure Score records name. */
export function tenantsOfSecureScore(file: SecureScoreRecords): string[] {
  return [...new Set([...file.days, ...file.changes].map((record) => record.tenantId))];
}
