import { firstIndexInRange, rangeStartTime, rangeStatistics, type RangeKey, type RangeStatistics } from './ranges';
import { scoreRuns, type ScoreRun } from './score-runs';
import { exposureLevel, isGroupSeries, type ExposureLevel, type SeriesId, type SeriesName } from './series';
import type { SeriesRun } from './series-store';

const HOUR_MS = 3_600_000;

/** A device group's series: keyed by the group's id, or by its name when Microsoft gave no id. */
export type GroupSeriesId = `group-id:${string}` | `group-name:${string}`;

/**
 * The time a range of the other series is measured to: `now` rounded down to the hour, so that what
 * depends on it (the range start, the changes over the range) moves hourly, not with every clock tick.
 */
export function seriesClock(now: number): number {
  return Math.floor(now / HOUR_MS) * HOUR_MS;
}

/** Where a range of the other series starts (undefined for "all"): what to read, and where the chart begins. */
export function seriesRangeStart(range: RangeKey, now: number): number | undefined {
  return rangeStartTime(range, seriesClock(now));
}

/** A tenant's stored runs of the other series, split by series, each as the history shows it (oldest first). */
export function runsBySeries(runs: readonly SeriesRun[]): Map<SeriesId, ScoreRun[]> {
  const stored = new Map<SeriesId, SeriesRun[]>();
  for (const run of runs) {
    const list = stored.get(run.series);
    if (list) list.push(run);
    else stored.set(run.series, [run]);
  }
  return new Map([...stored].map(([series, list]) => [series, scoreRuns(list)]));
}

/** One series (the exposure score or a group's exposure) over a range. */
export interface SeriesSummary {
  /** The newest run: the value now. */
  latest: ScoreRun;
  /** The band the latest value is in. */
  level: ExposureLevel;
  /** The runs that hold some of the range, oldest first: what the chart draws and the table lists. */
  inRange: ScoreRun[];
  /** Latest, lowest, highest, and the change over the range (latest minus the value at its start). */
  stats: RangeStatistics;
  /** What the change is measured from: the range start, or the first reading when it came later. */
  changeSince: number;
}

/** A series over a range (runs oldest first, as runsBySeries gives them); undefined when none holds some of it. */
export function summarizeSeries(runs: readonly ScoreRun[], range: RangeKey, now: number): SeriesSummary | undefined {
  const clock = seriesClock(now);
  const rangeStart = rangeStartTime(range, clock);
  const inRange = runs.slice(firstIndexInRange(runs, range, clock));
  const stats = rangeStatistics(inRange, rangeStart);
  if (!stats) return undefined;
  return {
    latest: stats.latest,
    level: exposureLevel(stats.latest.score),
    inRange,
    stats,
    changeSince: Math.max(stats.first.firstSeen, rangeStart ?? -Infinity),
  };
}

/** A name a group had before the one it has now. */
export interface FormerName {
  name: string;
  /** When the group was first read under the name that followed (epoch ms). */
  until: number;
}

/** A device group with readings in the range: one row of the groups table. */
export interface GroupSummary extends SeriesSummary {
  series: GroupSeriesId;
  /** 'name' when Microsoft gave no group id: a renamed group then starts a new series. */
  keyedBy: 'id' | 'name';
  /** What the group was called when last read. */
  name: string;
  /** Earlier names of the group, newest first, each once (only a group kept by id can have any). */
  formerNames: FormerName[];
  /** The group was not in the latest read of the groups: it was removed (or renamed, when kept by name). */
  removed: boolean;
}

/** A group known to the history that has no reading in the range. */
export interface GroupOutOfRange {
  series: GroupSeriesId;
  name: string;
}

/** The device groups of a tenant over a range. */
export interface GroupOverview {
  /** The groups with readings in the range, by name. */
  groups: GroupSummary[];
  /** Groups known by name whose readings all lie before the range, by name. */
  outOfRange: GroupOutOfRange[];
  /** When the groups were last read (epoch ms): a group not in that read is gone. */
  latestRead: number | undefined;
  /** Some group is kept by name because Microsoft's answer gave it no id. */
  anyKeyedByName: boolean;
}

/** The device groups over a range, from the runs of every series (runsBySeries) and the dated names. */
export function groupOverview(runs: ReadonlyMap<SeriesId, readonly ScoreRun[]>, names: readonly SeriesName[], range: RangeKey, now: number): GroupOverview {
  const namesBySeries = new Map<GroupSeriesId, SeriesName[]>();
  for (const name of names) {
    if (!isGroupSeries(name.series)) continue;
    const list = namesBySeries.get(name.series);
    if (list) list.push(name);
    else namesBySeries.set(name.series, [name]);
  }
  const groupSeries = new Set<GroupSeriesId>(namesBySeries.keys());
  let latestRead: number | undefined;
  for (const [series, list] of runs) {
    if (!isGroupSeries(series)) continue;
    groupSeries.add(series);
    const last = list.at(-1);
    if (last && (latestRead === undefined || last.lastSeen > latestRead)) latestRead = last.lastSeen;
  }

  const groups: GroupSummary[] = [];
  const outOfRange: GroupOutOfRange[] = [];
  for (const series of groupSeries) {
    const dated = [...(namesBySeries.get(series) ?? [])].sort((a, b) => a.time - b.time);
    const name = dated.at(-1)?.name ?? fallbackName(series);
    const summary = summarizeSeries(runs.get(series) ?? [], range, now);
    if (!summary) {
      outOfRange.push({ series, name });
      continue;
    }
    groups.push({
      ...summary,
      series,
      keyedBy: series.startsWith('group-id:') ? 'id' : 'name',
      name,
      formerNames: formerNames(dated),
      removed: summary.latest.lastSeen < (latestRead ?? -Infinity),
    });
  }
  const byName = (a: { name: string; series: string }, b: { name: string; series: string }) => a.name.localeCompare(b.name) || (a.series < b.series ? -1 : a.series > b.series ? 1 : 0);
  return {
    groups: groups.sort(byName),
    outOfRange: outOfRange.sort(byName),
    latestRead,
    anyKeyedByName: [...groupSeries].some((series) => series.startsWith('group-name:')),
  };
}

/** A group's earlier names from its dated names (oldest first), newest first, without its name now and each once. */
function formerNames(dated: readonly SeriesName[]): FormerName[] {
  const current = dated.at(-1)?.name;
  const former: FormerName[] = [];
  for (let index = dated.length - 2; index >= 0; index -= 1) {
    const { name } = dated[index]!;
    if (name !== current && !former.some((f) => f.name === name)) former.push({ name, until: dated[index + 1]!.time });
  }
  return former;
}

/** The name in a name-keyed series; for an id-keyed group whose name was never kept, its id. */
function fallbackName(series: GroupSeriesId): string {
  return series.startsWith('group-name:') ? series.slice('group-name:'.length) : `Group ${series.slice('group-id:'.length)}`;
}
