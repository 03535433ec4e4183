// The local history as the sync reads and joins it: every tenant's records from the store, and records read
// from the folder joined in: first their deletions (tenants' and single records'), in one transaction that
// keeps what is newer, then their records with the store's own all-or-nothing join (addHistory). Either step
// failing leaves the folder's files to be read again at the next sync, and nothing is lost.
import type { HistoryRecords, HistoryStore } from '../history/history-store';
import { readDeletions } from '../history/deletions';
import type { SeriesRun } from '../history/series-store';
import type { SyncLocal } from './sync-engine';
import { emptyRecords, joinRecords, type SyncRecords } from './sync-records';

export function historySyncLocal(store: HistoryStore): SyncLocal {
  return {
    async read() {
      const deleted = await readDeletions(store);
      const tenants = await store.tenants();
      const all = [emptyRecords()];
      for (const { tenantId } of tenants) all.push(await tenantRecords(store, tenantId));
      return joinRecords(...all, { ...emptyRecords(), tenants: tenants.map((tenant) => ({ ...tenant, lastUsed: 0 })), deleted });
    },
    async merge(incoming) {
      // A newer deletion from another device: what this device kept before it goes, what it kept after stays.
      await store.applyDeletions({ tenants: incoming.deleted, tombstones: incoming.tombstones });
      // What the folder holds that this device deleted later than it was edited stays deleted (addHistory skips it too).
      const joined = joinRecords(incoming, { ...emptyRecords(), deleted: await readDeletions(store) });
      await store.addHistory(historyRecords(joined));
      const known = new Set((await store.tenants()).map((tenant) => tenant.tenantId));
      for (const tenant of joined.tenants) if (!known.has(tenant.tenantId)) await store.rememberTenant(tenant);
    },
  };
}

async function tenantRecords(store: HistoryStore, tenantId: string): Promise<SyncRecords> {
  const [runs, seriesRuns, seriesNames, notes, goal, alertRules, alertLog, tombstones] = await Promise.all([
    store.runsFor(tenantId),
    store.seriesRuns(tenantId),
    store.seriesNames(tenantId),
    store.notesFor(tenantId),
    store.goalOf(tenantId),
    store.alertRules(tenantId),
    store.alertLog(tenantId),
    store.tombstones(tenantId),
  ]);
  return { ...emptyRecords(), runs: [...runs, ...seriesRuns], seriesNames, notes, goals: goal ? [goal] : [], alertRules, alertLog, tombstones };
}

function historyRecords(records: SyncRecords): HistoryRecords {
  return {
    runs: records.runs.filter((run) => run.series === undefined),
    seriesRuns: records.runs.filter((run): run is SeriesRun => run.series !== undefined),
    seriesNames: records.seriesNames,
    notes: records.notes,
    goals: records.goals,
    alertRules: records.alertRules,
    alertLog: records.alertLog,
  };
}
