import type { SeriesId } from './series';

/** One reading of a tenant's Secure Score for Devices, as the API answered it. Stored folded into runs (run.ts). */
export interface Reading {
  tenantId: string;
  /** The `time` the API gave with the score (when it answered), epoch milliseconds. */
  time: number;
  score: number;
  /** Absent for the Secure Score for Devices; names any other series (series.ts). */
  series?: SeriesId;
}

/** Score arithmetic in floating point leaves dust such as 0.30000000000000004. */
export function roundPoints(points: number): number {
  return Math.round(points * 100) / 100;
}

/** The tenants of a list of records, each once, in order of first appearance. */
export function tenantIdsOf(records: readonly { tenantId: string }[]): string[] {
  return [...new Set(records.map((r) => r.tenantId))];
}

/** One text per reading identity (tenant and time), for sets and maps. A number's text never holds "|", so no two collide. */
export function readingKey(tenantId: string, time: number): string {
  return `${tenantId}|${time}`;
}
