import type { RecommendationChange, RecommendationRead } from '../recommendations/recommendation';
import type { HistoryRecords } from './history-store';
import { runWrites } from './run-join';
import type { SeriesName } from './series';
import { namesToPut, type SeriesRun } from './series-store';

/** What an import keeps of the other series and the recommendation log, given what is stored. */
export interface OtherWrites {
  seriesDeletes: SeriesRun[];
  seriesPuts: SeriesRun[];
  names: SeriesName[];
  changes: RecommendationChange[];
  reads: RecommendationRead[];
  /** Incoming records that told something new. */
  added: number;
}

/** The stored records an import of other records is joined with, for the tenants it names. */
export interface StoredOthers {
  seriesRuns: readonly SeriesRun[];
  seriesNames: readonly SeriesName[];
  /** changeKey of every stored recommendation change. */
  changeKeys: ReadonlySet<string>;
  /** readKey of every stored read. */
  readKeys: ReadonlySet<string>;
}

export function changeKey({ tenantId, id, time }: { tenantId: string; id: string; time: number }): string {
  return `${tenantId}|${id}|${time}`;
}

export function readKey({ tenantId, time }: { tenantId: string; time: number }): string {
  return `${tenantId}|${time}`;
}

/** The tenants whose stored other records an import must read. */
export function tenantsOfOthers(records: HistoryRecords): Set<string> {
  const tenants = new Set<string>();
  for (const list of [records.seriesRuns, records.seriesNames, records.recommendationChanges, records.recommendationReads]) {
    for (const record of list ?? []) tenants.add(record.tenantId);
  }
  return tenants;
}

/**
 * Joins the other records as the device score's are: series runs unite (runs only grow), names are a change
 * log, and recommendation changes and reads are sets (one key, one meaning), so only unknown ones are put.
 */
export function otherWrites(records: HistoryRecords, stored: StoredOthers): OtherWrites {
  const incomingRuns = records.seriesRuns ?? [];
  const join = runWrites(stored.seriesRuns, incomingRuns);
  const names = namesToPut(records.seriesNames ?? [], stored.seriesNames);
  const changes = unique(records.recommendationChanges ?? [], changeKey, stored.changeKeys);
  const reads = unique(records.recommendationReads ?? [], readKey, stored.readKeys);
  return {
    seriesDeletes: join.deletes as SeriesRun[],
    seriesPuts: join.puts as SeriesRun[],
    names,
    changes,
    reads,
    added: join.added + names.length + changes.length + reads.length,
  };
}

function unique<T>(records: readonly T[], key: (record: T) => string, stored: ReadonlySet<string>): T[] {
  const seen = new Set(stored);
  const kept: T[] = [];
  for (const record of records) {
    const k = key(record);
    if (!seen.has(k)) {
      seen.add(k);
      kept.push(record);
    }
  }
  return kept;
}
