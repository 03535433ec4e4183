import type { CheckRecord, ScheduleInterval, WatchInterval } from '../watch/schedule';
import type { AlertKind, AlertRule } from '../watch/alert-rules';
import { EXPOSURE_HIGH_FROM } from '../watch/alert-rules';
import type { AlertLogEntry } from '../watch/alert-log';
import { PACE_WINDOW_DAYS, type GoalProgress } from '../watch/goal-progress';
import type { WatchStatus } from '../state/watch.svelte';
import { formatClock, formatDateTime, formatDay, formatDuration, formatPoints, formatRelative } from './format';

/** The interval choices as the settings name them. */
export const INTERVAL_LABELS: Record<WatchInterval, string> = {
  off: 'Off',
  hourly: 'Every hour',
  'every-4-hours': 'Every 4 hours',
  daily: 'Daily',
};

/** The kinds of rule as the settings offer them. */
export const RULE_KIND_LABELS: Record<AlertKind, string> = {
  'drop-points': 'The score drops by at least N points since the previous reading',
  'drop-percent': 'The score drops by at least X% from its highest of the previous 7 days',
  'below-threshold': 'The score falls below a threshold',
  'exposure-high': 'The exposure score enters “high”',
};

/** A rule in a few words: "A drop of at least 10 points". The log's entries are named with the limit they fired at. */
export function ruleName(kind: AlertKind, limit: number | undefined): string {
  const value = limit === undefined ? '…' : formatPoints(limit);
  switch (kind) {
    case 'drop-points':
      return `A drop of at least ${value} ${limit === 1 ? 'point' : 'points'}`;
    case 'drop-percent':
      return `A drop of at least ${value}% from the 7-day high`;
    case 'below-threshold':
      return `The score falling below ${value}`;
    case 'exposure-high':
      return `The exposure score entering “high” (${formatPoints(EXPOSURE_HIGH_FROM)} or more)`;
  }
}

/** The limit a rule is set at, or undefined for a rule without one. */
export function ruleLimit(rule: AlertRule): number | undefined {
  switch (rule.kind) {
    case 'drop-points':
      return rule.points;
    case 'drop-percent':
      return rule.percent;
    case 'below-threshold':
      return rule.threshold;
    case 'exposure-high':
      return undefined;
  }
}

/** What an alert says: the rule it fired on, the values before and after, and when. */
export function describeAlert(entry: AlertLogEntry): { title: string; body: string } {
  const title = ruleName(entry.kind, entry.kind === 'exposure-high' ? undefined : entry.threshold);
  const when = formatDateTime(entry.time);
  const before = formatPoints(entry.before);
  const after = formatPoints(entry.after);
  switch (entry.kind) {
    case 'drop-percent': {
      const percent = formatPoints(Math.round(((entry.before - entry.after) / entry.before) * 1000) / 10);
      return { title, body: `The score fell to ${after}, ${percent}% below its 7-day high of ${before}, at ${when}.` };
    }
    case 'exposure-high':
      return { title, body: `The exposure score went from ${before} to ${after} at ${when}.` };
    default:
      return { title, body: `The score went from ${before} to ${after} at ${when}.` };
  }
}

/** The goal's progress line: points to go, and when the recent pace (stated as a 30-day least-squares fit) would reach it. */
export function describeGoalProgress(progress: GoalProgress, goalBy: number | undefined, now: number): string {
  const target = formatPoints(progress.target);
  if (progress.latest === undefined) return `Goal: ${target} points. No reading yet to measure it against.`;
  if (progress.projection.kind === 'reached') return `Goal: ${target} points — reached (the score is ${formatPoints(progress.latest)}).`;
  const toGo = `Goal: ${target} points. ${formatPoints(progress.pointsToGo ?? 0)} ${progress.pointsToGo === 1 ? 'point' : 'points'} to go`;
  const pace = paceWords(progress);
  const by = goalBy === undefined ? '' : ` ${byWords(progress.byDate, goalBy, now)}`;
  switch (progress.projection.kind) {
    case 'on':
      return `${toGo}; at the recent pace (${pace}) reached around ${formatDay(progress.projection.date, now)}.${by}`;
    case 'not-at-this-pace':
      return `${toGo}; not reached at the recent pace (${pace}).${by}`;
    case 'not-enough-history':
      return `${toGo}; too little history yet for a pace (a least-squares fit over the last ${PACE_WINDOW_DAYS} days needs readings on two days).${by}`;
  }
}

function paceWords(progress: GoalProgress): string {
  const fit = `a least-squares fit over the last ${PACE_WINDOW_DAYS} days`;
  if (progress.pace.kind !== 'fitted') return fit;
  const perDay = Math.round(progress.pace.pointsPerDay * 100) / 100;
  return `${fit}: ${perDay > 0 ? '+' : perDay < 0 ? '\u2212' : '±'}${formatPoints(Math.abs(perDay))} ${Math.abs(perDay) === 1 ? 'point' : 'points'} a day`;
}

function byWords(outlook: GoalProgress['byDate'], by: number, now: number): string {
  const date = formatDay(by, now);
  switch (outlook) {
    case 'on-track':
      return `On track for ${date}.`;
    case 'behind':
      return `Behind for ${date}.`;
    case 'passed':
      return `The date (${date}) has passed.`;
    default:
      return `Due ${date}.`;
  }
}

/** "Last checked …": the newest reading of the tenant, whichever tab (or a click) took it. */
export function lastCheckedWords(record: CheckRecord, now: number): string {
  return record.lastReadingAt === undefined ? 'Not checked yet' : `Last checked ${formatRelative(record.lastReadingAt, now)} (${formatClock(record.lastReadingAt)})`;
}

/** "Next check …", or why there is none. */
export function nextCheckWords(status: WatchStatus, interval: ScheduleInterval, now: number): string {
  switch (status.kind) {
    case 'idle':
      return 'Automatic checks start once you are signed in';
    case 'checking':
      return 'Checking now…';
    case 'waiting':
      return `Next check ${status.until - now < 60_000 ? 'in under a minute' : `around ${formatClock(status.until)} (in ${formatDuration(status.until - now)})`}${testNote(interval)}`;
    case 'paused':
      switch (status.reason) {
        case 'off':
          return 'Automatic checks are off';
        case 'offline':
          return 'Automatic checks paused: offline. They resume once this device is back online';
        case 'needs-sign-in':
          return 'Automatic checks stopped: the sign-in needs you. Sign in again to keep watching';
        case 'throttled':
          return `Automatic checks paused until ${formatClock(status.until)}: the Defender API asked to wait`;
      }
  }
}

function testNote(interval: ScheduleInterval): string {
  return typeof interval === 'object' ? ` (test interval: every ${formatPoints(interval.testMs / 1000)} s)` : '';
}
