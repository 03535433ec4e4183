import { unwrap, type IDBPDatabase } from 'idb';
import { putSummaries } from './indexeddb-summaries';
import { readingWrites } from './reading-writes';
import type { ScorelineSchema } from './schema';
import { tenantSeriesKeys } from './tenant-keys';
import { EXPOSURE_SERIES, type SeriesId, type SeriesName } from './series';
import { compareSeriesNames, namesToPut, type SeriesReading, type SeriesRun } from './series-store';

/** Keys of one tenant's series runs by last confirmation, or of one tenant's series names by time. */
function seriesRange(tenantId: string, series: SeriesId, from = -Infinity, to = Infinity, excludeTo = false): IDBKeyRange {
  return IDBKeyRange.bound([tenantId, series, from], [tenantId, series, to], false, excludeTo);
}


export async function seriesRunsOf(db: IDBPDatabase<ScorelineSchema>, tenantId: string, since = -Infinity): Promise<SeriesRun[]> {
  const runs = await db.getAll('seriesRuns', tenantSeriesKeys(tenantId));
  return runs.filter((run) => run.lastSeen >= since).sort((a, b) => a.firstSeen - b.firstSeen || a.score - b.score);
}

export async function seriesNamesOf(db: IDBPDatabase<ScorelineSchema>, tenantId: string): Promise<SeriesName[]> {
  return (await db.getAll('seriesNames', tenantSeriesKeys(tenantId))).sort(compareSeriesNames);
}

/** Each reading joins the runs of its series near its time, as a device score reading does. */
export async function addSeriesReadingsTo(db: IDBPDatabase<ScorelineSchema>, readings: readonly SeriesReading[], names: readonly SeriesName[]): Promise<void> {
  const tx = db.transaction(['seriesRuns', 'seriesNames', 'runs', 'secureScoreDays', 'summaries'], 'readwrite');
  const runs = tx.objectStore('seriesRuns');
  const byLastSeen = runs.index('byLastSeen');
  const nameStore = tx.objectStore('seriesNames');
  const done = tx.done;
  for (const reading of readings) {
    const { tenantId, series, time } = reading;
    const [reachingIt, endingBefore] = await Promise.all([
      byLastSeen.getAll(seriesRange(tenantId, series, time)),
      byLastSeen.openCursor(seriesRange(tenantId, series, -Infinity, time, true), 'prev'),
    ]);
    const nearby: SeriesRun[] = reachingIt.filter((run) => run.firstSeen <= time);
    if (endingBefore) nearby.push(endingBefore.value);
    const writes = readingWrites(reading, nearby);
    for (const run of writes.deletes) void runs.delete([run.tenantId, series, run.firstSeen, run.score]);
    for (const run of writes.puts) void runs.put({ ...run, series });
  }
  const stored: SeriesName[] = [];
  for (const series of new Set(names.map((name) => `${name.tenantId}\n${name.series}`))) {
    const [tenantId, seriesId] = series.split('\n') as [string, SeriesId];
    stored.push(...(await nameStore.getAll(seriesRange(tenantId, seriesId))));
  }
  for (const name of namesToPut(names, stored)) void nameStore.put(name);
  // The summary carries the latest exposure score.
  putSummaries(unwrap(tx), readings.filter((reading) => reading.series === EXPOSURE_SERIES).map((reading) => reading.tenantId), Date.now());
  await done;
}
