import { GAP_LIMIT_MS, type Run } from '../history/run';
import { roundPoints } from '../history/reading';
import { runAt, scoreRuns, type ScoreRun } from '../history/score-runs';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A tenant's goal: a target score, and optionally the date to reach it by. */
export interface Goal {
  tenantId: string;
  target: number;
  /** The moment the goal falls due (epoch ms); the settings turn the chosen date into the end of that day. */
  by?: number | undefined;
}

/** The pace is fitted over this many days back from now. */
export const PACE_WINDOW_DAYS = 30;

/** A projection further out than this is no projection: the pace says it will not be reached. */
export const PROJECTION_HORIZON_DAYS = 730;

/** One sample of the history for the pace: the score held at `time`. */
export interface PaceSample {
  time: number;
  score: number;
}

/**
 * The recent pace: the slope of a least-squares line through the daily samples of the last 30 days, in
 * points per day — or too little history for one (fewer than two days sampled).
 */
export type Pace =
  | { kind: 'not-enough-history'; samples: number }
  | { kind: 'fitted'; pointsPerDay: number; samples: number; firstSample: number; lastSample: number };

/** When the target would be reached at the recent pace. */
export type Projection =
  | { kind: 'reached' }
  | { kind: 'on'; date: number }
  | { kind: 'not-at-this-pace' }
  | { kind: 'not-enough-history' };

/** For a goal with a date: reached already, on track to meet it, behind, or the date passed without it. */
export type GoalDateOutlook = 'reached' | 'on-track' | 'behind' | 'passed' | 'not-enough-history';

/** How a tenant stands against its goal (see goalProgress). */
export interface GoalProgress {
  target: number;
  /** The latest score; undefined without any history. */
  latest: number | undefined;
  /** How far the latest score is below the target (0 once reached); undefined without any history. */
  pointsToGo: number | undefined;
  pace: Pace;
  projection: Projection;
  /** Undefined for a goal without a date. */
  byDate: GoalDateOutlook | undefined;
}

/**
 * The history sampled once a day for the pace: the score held at now, now − 1 day, … now − 30 days. A
 * score that held for ten days gives ten samples and a change seen an hour ago shows in the latest, so each
 * score weighs as long as it held, whatever the number of checks behind it — a run counts for its time, not
 * its readings. The latest score holds until now while its last check is within the gap limit; a moment in a
 * gap (no check for longer than the gap limit) gives no sample.
 */
export function dailySamples(runs: readonly Run[], now: number): PaceSample[] {
  const shown = scoreRuns(runs);
  const latest = shown.at(-1);
  if (!latest) return [];
  const samples: PaceSample[] = [];
  for (let day = PACE_WINDOW_DAYS; day >= 0; day -= 1) {
    const time = now - day * DAY_MS;
    const run = heldAt(shown, latest, time, now);
    if (run) samples.push({ time, score: run.score });
  }
  return samples;
}

function heldAt(shown: readonly ScoreRun[], latest: ScoreRun, time: number, now: number): ScoreRun | undefined {
  if (time >= latest.firstSeen) return time <= latest.heldUntil || now - latest.lastSeen <= GAP_LIMIT_MS ? latest : undefined;
  return runAt(shown, time);
}

/** The recent pace from the daily samples of the last 30 days (a least-squares fit, points per day). */
export function recentPace(runs: readonly Run[], now: number): Pace {
  const samples = dailySamples(runs, now);
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last || samples.length < 2) return { kind: 'not-enough-history', samples: samples.length };
  return { kind: 'fitted', pointsPerDay: leastSquaresSlope(samples.map((s) => [(s.time - now) / DAY_MS, s.score])), samples: samples.length, firstSample: first.time, lastSample: last.time };
}

/** The slope of the least-squares line through points (x, y); the x of at least two points differ. */
export function leastSquaresSlope(points: readonly (readonly [number, number])[]): number {
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  for (const [x, y] of points) {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  }
  return covariance / variance;
}

/**
 * How a tenant stands against its goal: the points to go from the latest score, the recent pace, when
 * the target would be reached from now at that pace (or that it will not: the pace does not rise, or it
 * would take longer than two years), and for a dated goal whether the date would be met.
 */
export function goalProgress(runs: readonly Run[], goal: Goal, now: number): GoalProgress {
  const tenantRuns = runs.filter((run) => run.tenantId === goal.tenantId);
  const latest = scoreRuns(tenantRuns).at(-1)?.score;
  const pace = recentPace(tenantRuns, now);
  const pointsToGo = latest === undefined ? undefined : roundPoints(Math.max(0, goal.target - latest));
  const projection = project(latest, goal.target, pace, now);
  return { target: goal.target, latest, pointsToGo, pace, projection, byDate: goal.by === undefined ? undefined : outlook(projection, goal.by, now) };
}

function project(latest: number | undefined, target: number, pace: Pace, now: number): Projection {
  if (latest !== undefined && latest >= target) return { kind: 'reached' };
  if (latest === undefined || pace.kind === 'not-enough-history') return { kind: 'not-enough-history' };
  if (pace.pointsPerDay <= 0) return { kind: 'not-at-this-pace' };
  const days = (target - latest) / pace.pointsPerDay;
  return days > PROJECTION_HORIZON_DAYS ? { kind: 'not-at-this-pace' } : { kind: 'on', date: Math.round(now + days * DAY_MS) };
}

function outlook(projection: Projection, by: number, now: number): GoalDateOutlook {
  if (projection.kind === 'reached') return 'reached';
  if (by < now) return 'passed';
  if (projection.kind === 'not-enough-history') return 'not-enough-history';
  return projection.kind === 'on' && projection.date <= by ? 'on-track' : 'behind';
}
