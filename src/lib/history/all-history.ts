import type { HistoryRecords, HistoryStore } from './history-store';

/** Every record of the named tenants, as one export holds them: read one tenant at a time. */
export async function readAllHistory(store: HistoryStore, tenantIds: readonly string[]): Promise<Required<HistoryRecords>> {
  const all: Required<HistoryRecords> = { runs: [], notes: [], seriesRuns: [], seriesNames: [], recommendationChanges: [], recommendationReads: [], goals: [], alertRules: [], alertLog: [] };
  // One tenant at a time: each read is the same as a single tenant's export, and a large portfolio never reads all at once.
  for (const tenantId of tenantIds) {
    const [runs, notes, seriesRuns, seriesNames, recommendationChanges, recommendationReads, goal, alertRules, alertLog] = await Promise.all([
      store.runsFor(tenantId),
      store.notesFor(tenantId),
      store.seriesRuns(tenantId),
      store.seriesNames(tenantId),
      store.recommendationChanges(tenantId),
      store.recommendationReads(tenantId),
      store.goalOf(tenantId),
      store.alertRules(tenantId),
      store.alertLog(tenantId),
    ]);
    const read = { runs, notes, seriesRuns, seriesNames, recommendationChanges, recommendationReads, goals: goal ? [goal] : [], alertRules, alertLog };
    for (const key of Object.keys(all) as (keyof typeof all)[]) for (const record of read[key]) (all[key] as unknown[]).push(record);
  }
  return all;
}
