/** Key ranges over everything of one tenant in stores keyed by [tenantId, <text>, …]. */

/** Keys of everything of one tenant in a store keyed by [tenantId, series, …] ('' sorts before any series, '\uffff' after). */
export function tenantSeriesKeys(tenantId: string): IDBKeyRange {
  return IDBKeyRange.bound([tenantId, ''], [tenantId, '\uffff']);
}

/** Keys of all of one tenant's recommendation changes ([tenantId, id, time]). */
export function tenantChangeKeys(tenantId: string): IDBKeyRange {
  return tenantSeriesKeys(tenantId);
}

/** Keys of all of one tenant's alert rules or alert log entries ([tenantId, id]). */
export function tenantIdKeys(tenantId: string): IDBKeyRange {
  return tenantSeriesKeys(tenantId);
}
