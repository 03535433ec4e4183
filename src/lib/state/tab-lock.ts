/**
 * Takes a tenant's refresh lock across every tab of the app; a tab that finds it taken skips its call,
 * and gets the reading from the tab that made it (the history broadcasts new readings).
 */
export async function runAloneAcrossTabs(tenantId: string, run: () => Promise<void>): Promise<void> {
  if (typeof navigator === 'undefined' || !navigator.locks) return run();
  await navigator.locks.request(`scoreline-refresh-${tenantId}`, { ifAvailable: true }, async (lock) => {
    if (lock) await run();
  });
}
