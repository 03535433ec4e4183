import type { TenantImportSummary } from '../history/tenant-records';
import { formatChanges, formatCount, formatNotes } from './format';

/**
 * One line per tenant of an import file holding several: its name (or id), whether this browser knows it yet, and
 * what the file brings of it: "northwind.example (new here): 12 score changes, all new; 2 notes, 1 new".
 */
export function importTenantLines(tenants: readonly TenantImportSummary[]): string[] {
  if (tenants.length < 2) return [];
  return tenants.map((tenant) => {
    const name = tenant.label ? `${tenant.label}` : `Tenant ${tenant.tenantId}`;
    const parts = [
      tenant.runs.inFile > 0 ? `${formatChanges(tenant.runs.inFile, 'score')}, ${newOf(tenant.runs)}` : '',
      tenant.notes.inFile > 0 ? `${formatNotes(tenant.notes.inFile)}, ${newOf(tenant.notes)}` : '',
      tenant.others.inFile > 0 ? `${formatCount(tenant.others.inFile)} other ${tenant.others.inFile === 1 ? 'record' : 'records'}, ${newOf(tenant.others)}` : '',
    ].filter(Boolean);
    const secureScore = tenant.secureScore && secureScoreParts(tenant.secureScore);
    if (secureScore) parts.push(`Microsoft Secure Score (${secureScore})`);
    return `${name}${tenant.isNew ? ' (new here)' : ''}: ${parts.join('; ')}.`;
  });
}

function newOf({ inFile, toAdd }: { inFile: number; toAdd: number }): string {
  if (toAdd === inFile) return inFile === 1 ? 'new' : 'all new';
  if (toAdd === 0) return 'all already in your history';
  return `${formatCount(toAdd)} new`;
}

/** "10 days, 5 new; 2 control changes, all new": Microsoft Secure Score, a different score from the device score, named apart. */
function secureScoreParts({ days, changes }: NonNullable<TenantImportSummary['secureScore']>): string {
  return [
    days.inFile > 0 ? `${formatCount(days.inFile)} ${days.inFile === 1 ? 'day' : 'days'}, ${newOf(days)}` : '',
    changes.inFile > 0 ? `${formatCount(changes.inFile)} control ${changes.inFile === 1 ? 'change' : 'changes'}, ${newOf(changes)}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}
