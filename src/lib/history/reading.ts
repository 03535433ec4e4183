/** One stored reading of a tenant's Secure Score for Devices. */
export interface Reading {
  tenantId: string;
  /** The `time` the API gave with the score (when it answered), epoch milliseconds. With tenantId, the key. */
  time: number;
  score: number;
  note?: string;
}

export interface ReadingWithChange extends Reading {
  /** Score minus the previous reading's score; undefined for the first reading. */
  change: number | undefined;
}

/** Adds the change since the previous reading to readings sorted oldest first. */
export function withChanges(readingsOldestFirst: readonly Reading[]): ReadingWithChange[] {
  return readingsOldestFirst.map((reading, index) => {
    const previous = readingsOldestFirst[index - 1];
    return { ...reading, change: previous === undefined ? undefined : roundPoints(reading.score - previous.score) };
  });
}

/** Score arithmetic in floating point leaves dust such as 0.30000000000000004. */
export function roundPoints(points: number): number {
  return Math.round(points * 100) / 100;
}

export function compareByTime(a: Reading, b: Reading): number {
  return a.time - b.time;
}

/** The tenants a set of readings belongs to, each once. */
export function tenantIdsOf(readings: readonly Reading[]): string[] {
  return [...new Set(readings.map((r) => r.tenantId))];
}

/** One text per reading identity (tenant and time), for sets and maps. A number's text never holds "|", so no two collide. */
export function readingKey(tenantId: string, time: number): string {
  return `${tenantId}|${time}`;
}
