import type { Reading } from './reading';
import type { Run } from './run';
import type { SeriesId, SeriesName } from './series';

/** A run of a series besides the device score. */
export type SeriesRun = Run & { series: SeriesId };

/** One value of a series besides the device score, as a refresh read it. */
export type SeriesReading = Reading & { series: SeriesId };

/** Where the exposure score and the device groups' exposure are kept, as runs like the device score. */
export interface SeriesStore {
  /** A tenant's runs of every series besides the device score that last to `since` or later (all without it), by start. */
  seriesRuns(tenantId: string, since?: number): Promise<SeriesRun[]>;
  /** What the tenant's device groups were called, and from when, oldest first. */
  seriesNames(tenantId: string): Promise<SeriesName[]>;
  /**
   * Folds one refresh's values into their series' runs (a repeated value confirms its run) and keeps the
   * names that are new for their series, in one transaction.
   */
  addSeriesReadings(readings: readonly SeriesReading[], names: readonly SeriesName[]): Promise<void>;
}

/** Names to keep: each one that differs from the name its series had just before it (stored or incoming). */
export function namesToPut(incoming: readonly SeriesName[], stored: readonly SeriesName[]): SeriesName[] {
  const all = [...stored.map((name) => ({ name, stored: true })), ...incoming.map((name) => ({ name, stored: false }))];
  all.sort((a, b) => compareSeriesNames(a.name, b.name) || Number(b.stored) - Number(a.stored));
  const puts: SeriesName[] = [];
  let previous: SeriesName | undefined;
  for (const { name, stored: isStored } of all) {
    const sameSeries = previous?.tenantId === name.tenantId && previous.series === name.series;
    const sameTime = sameSeries && previous?.time === name.time;
    if (!isStored && !sameTime && !(sameSeries && previous?.name === name.name)) puts.push(name);
    if (!sameTime) previous = name;
  }
  return puts;
}

/** By tenant, then series, then time. */
export function compareSeriesNames(a: SeriesName, b: SeriesName): number {
  return compareText(a.tenantId, b.tenantId) || compareText(a.series, b.series) || a.time - b.time;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
