import type { HistoryStore } from './history-store';

/**
 * When each tenant's history was last deleted here (epoch ms), kept as a preference: a history synced from
 * another device loses everything older than it, and keeps what was read after.
 */
export const DELETIONS_PREF = 'deletedHistories';

export async function readDeletions(store: Pick<HistoryStore, 'getPref'>): Promise<Map<string, number>> {
  return deletionsOf(await store.getPref<unknown>(DELETIONS_PREF));
}

/** The deletions a stored preference holds, as far as it has the right shape. */
export function deletionsOf(stored: unknown): Map<string, number> {
  const deletions = new Map<string, number>();
  if (typeof stored !== 'object' || stored === null) return deletions;
  for (const [tenantId, at] of Object.entries(stored)) if (typeof at === 'number' && Number.isFinite(at)) deletions.set(tenantId, at);
  return deletions;
}

/** Keeps the later deletion time of each tenant. */
export async function recordDeletions(store: Pick<HistoryStore, 'getPref' | 'setPref'>, deletions: ReadonlyMap<string, number> | readonly [string, number][]): Promise<void> {
  const kept = await readDeletions(store);
  for (const [tenantId, at] of deletions) kept.set(tenantId, Math.max(at, kept.get(tenantId) ?? at));
  await store.setPref(DELETIONS_PREF, Object.fromEntries(kept));
}
