import type { Reading } from './reading';
import type { SeriesId } from './series';

/**
 * A stretch of time at one score, as kept: the score was read at `firstSeen` and again at `lastSeen`,
 * and every check in between that this history knows of gave the same score. Readings that repeat the
 * score fold into a run instead of adding rows.
 *
 * Runs are observations, and observations only grow: joining two sets of runs unites the runs of each
 * score (a run's last confirmation is the later of two copies), so any order of joins gives the same runs.
 * Runs of different scores may overlap when one history saw a change that another did not (an import,
 * a sync); both are kept, and the history shown splits the longer run there (see score-runs.ts).
 */
export interface Run {
  tenantId: string;
  /** When the score was first read at this value (the API's time, epoch ms). */
  firstSeen: number;
  /** When the score was last confirmed at this value (epoch ms); never before firstSeen. */
  lastSeen: number;
  /** Exactly as the API sent it: runs fold only on equal numbers. */
  score: number;
  /** Absent for the Secure Score for Devices; the series of any other value kept as runs (series.ts). */
  series?: SeriesId;
}

/**
 * Checks further apart than this leave a gap: a score read again after longer does not extend its run
 * across the unchecked time, the chart breaks its line there and time-weighted statistics leave it out.
 */
export const GAP_LIMIT_MS = 36 * 60 * 60 * 1000;

/** A run of one reading. */
export function runOf({ tenantId, time, score, series }: Reading): Run {
  return series === undefined ? { tenantId, firstSeen: time, lastSeen: time, score } : { tenantId, series, firstSeen: time, lastSeen: time, score };
}

/** One text per tenant and series: the runs that can join or split each other share it. */
export function streamKey({ tenantId, series }: { tenantId: string; series?: SeriesId | undefined }): string {
  return series === undefined ? tenantId : `${tenantId}|${series}`;
}

/** Oldest first, then by score (two runs can start at once only in conflicting histories), then tenant and series. */
export function compareRuns(a: Run, b: Run): number {
  return a.firstSeen - b.firstSeen || a.score - b.score || compareText(streamKey(a), streamKey(b));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One text per run identity (tenant, series, start and score), for sets and maps. */
export function runKey(run: Run): string {
  return `${streamKey(run)}|${run.firstSeen}|${run.score}`;
}

/**
 * Folds readings in time order, per tenant: a reading at the same score as the one before it, and no
 * more than `gapLimit` later, extends that run; any other starts a new one. Used for readings from
 * before runs existed (a version 1 database or file). Readings may come in any order.
 */
export function foldReadings(readings: readonly Reading[], gapLimit = GAP_LIMIT_MS): Run[] {
  const sorted = [...readings].sort((a, b) => compareText(streamKey(a), streamKey(b)) || a.time - b.time || a.score - b.score);
  const runs: Run[] = [];
  let current: Run | undefined;
  for (const reading of sorted) {
    if (current && streamKey(current) === streamKey(reading) && current.score === reading.score && reading.time - current.lastSeen <= gapLimit) {
      current.lastSeen = reading.time;
    } else {
      current = runOf(reading);
      runs.push(current);
    }
  }
  return runs.sort(compareRuns);
}

/**
 * Every run of both sets, with the runs of one tenant and score that overlap or touch united into one.
 * Commutative, associative and idempotent: the same runs come out whatever the order of the joins.
 * Never bridges a gap between runs that do not touch: that is a claim no observation made.
 */
export function joinRuns(...sets: readonly (readonly Run[])[]): Run[] {
  const byTenantAndScore = new Map<string, Run[]>();
  for (const set of sets) {
    for (const run of set) {
      const key = `${streamKey(run)}|${run.score}`;
      const group = byTenantAndScore.get(key);
      if (group) group.push(run);
      else byTenantAndScore.set(key, [run]);
    }
  }
  const joined: Run[] = [];
  for (const group of byTenantAndScore.values()) {
    group.sort((a, b) => a.firstSeen - b.firstSeen);
    let current: Run | undefined;
    for (const run of group) {
      if (current && run.firstSeen <= current.lastSeen) current.lastSeen = Math.max(current.lastSeen, run.lastSeen);
      else joined.push((current = { ...run }));
    }
  }
  return joined.sort(compareRuns);
}

/**
 * Answers "does `stored` already hold everything this run says?" — whether one stored run of its tenant
 * and score spans it — in log time per question, for joins of many runs.
 */
export function coverageOf(stored: readonly Run[]): (run: Run) => boolean {
  // Stored runs of one tenant and score never overlap (they are joined), so sorted by start their ends rise too.
  const starts = new Map<string, Run[]>();
  for (const run of joinRuns(stored)) {
    const key = `${streamKey(run)}|${run.score}`;
    const group = starts.get(key);
    if (group) group.push(run);
    else starts.set(key, [run]);
  }
  return (run) => {
    const group = starts.get(`${streamKey(run)}|${run.score}`);
    if (!group) return false;
    let low = 0;
    let high = group.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (group[middle]!.firstSeen <= run.firstSeen) low = middle + 1;
      else high = middle;
    }
    const candidate = group[low - 1];
    return candidate !== undefined && candidate.lastSeen >= run.lastSeen;
  };
}

/**
 * What a new reading adds to a tenant's runs, given the stored runs near its time (those covering it and
 * the latest one that ends before it). A reading at the score of the latest run before it, within the gap
 * limit, confirms that run until its time; any other is a run of its own — inside a run of another score
 * it is a change that run's history did not see.
 */
export function runForReading(reading: Reading, nearby: readonly Run[], gapLimit = GAP_LIMIT_MS): Run {
  const { time, score } = reading;
  if (nearby.some((run) => run.firstSeen <= time && time <= run.lastSeen)) return runOf(reading);
  let latestBefore: Run | undefined;
  for (const run of nearby) {
    if (run.lastSeen < time && (!latestBefore || run.lastSeen > latestBefore.lastSeen)) latestBefore = run;
  }
  if (latestBefore && latestBefore.score === score && time - latestBefore.lastSeen <= gapLimit) {
    return { ...runOf(reading), firstSeen: latestBefore.lastSeen };
  }
  return runOf(reading);
}
