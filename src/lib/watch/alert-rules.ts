import { joinRuns, runOf, type Run } from '../history/run';
import { roundPoints, type Reading } from '../history/reading';
import { scoreRuns, type ScoreRun } from '../history/score-runs';
import { exposureLevel } from '../history/series';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The kinds of alert rule, in the order the settings offer them. */
export const ALERT_KINDS = ['drop-points', 'drop-percent', 'below-threshold', 'exposure-high'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * An alert rule of one tenant. Each fires on a change that a new reading shows, judged against the
 * reading before it, so a score that stays where it is never fires again:
 * - `drop-points`: the score fell at least `points` since the previous reading;
 * - `drop-percent`: the score fell to at least `percent`% below the highest score of the previous 7 days,
 *   from a reading that was not (so it fires when the score falls that far, not on every reading while it stays there);
 * - `below-threshold`: the score crossed below `threshold` (the reading before was at or above it);
 * - `exposure-high`: the exposure score entered "high" (70 or more) from below.
 * A rule's id is unique within its tenant.
 */
export type AlertRule =
  | { id: string; tenantId: string; kind: 'drop-points'; points: number }
  | { id: string; tenantId: string; kind: 'drop-percent'; percent: number }
  | { id: string; tenantId: string; kind: 'below-threshold'; threshold: number }
  | { id: string; tenantId: string; kind: 'exposure-high' };

/** How far back `drop-percent` looks for the highest score. */
export const DROP_PERCENT_WINDOW_MS = 7 * DAY_MS;

/** Where the exposure score's "high" band begins (see exposureLevel). */
export const EXPOSURE_HIGH_FROM = 70;

/**
 * A rule that fired on a reading. The same reading and rule give the same id wherever and whenever it
 * is computed (two tabs, a reload), so an event is shown and logged once.
 */
export interface AlertEvent {
  id: string;
  tenantId: string;
  ruleId: string;
  kind: AlertKind;
  /** The time of the reading that fired the rule (epoch ms): the reading to mark on the chart and in the table. */
  time: number;
  /**
   * The value the change is measured from: the previous reading's score (the previous exposure score for
   * `exposure-high`), or for `drop-percent` the highest score of the previous 7 days.
   */
  before: number;
  /** The score (or exposure score) of the reading. */
  after: number;
  /** The rule's limit when it fired — points, percent, score or exposure level — so the log explains itself after the rule changes. */
  threshold: number;
}

/** The id of the event of one rule on one reading: the same from every tab and after every reload. */
export function alertEventId(tenantId: string, ruleId: string, time: number): string {
  return `alert:${encodeURIComponent(tenantId)}:${encodeURIComponent(ruleId)}:${time}`;
}

/** A tenant's rules, its history, and the new readings to judge against them. */
export interface AlertInput {
  tenantId: string;
  rules: readonly AlertRule[];
  /** The tenant's device score runs as stored; they may already hold the new readings or not. */
  deviceRuns: readonly Run[];
  /** The device score readings to judge (usually the one just taken). */
  readings: readonly Reading[];
  /** The tenant's exposure score runs, for `exposure-high`. */
  exposureRuns?: readonly Run[];
  /** The exposure score readings to judge. */
  exposureReadings?: readonly Reading[];
}

/**
 * The events the rules fire on the given readings, oldest first. Each reading is judged against the
 * history before its time only, so judging it again — after a reload, in another tab, with later readings
 * stored since — gives the same event. A tenant's first reading fires nothing: there is no change to judge.
 */
export function alertEvents(input: AlertInput): AlertEvent[] {
  const rules = distinctById(input.rules.filter((rule) => rule.tenantId === input.tenantId));
  const deviceRules = rules.filter((rule) => rule.kind !== 'exposure-high');
  const exposureRules = rules.filter((rule) => rule.kind === 'exposure-high');
  const events = [
    ...eventsOfSeries(input.tenantId, deviceRules, input.deviceRuns, input.readings),
    ...eventsOfSeries(input.tenantId, exposureRules, input.exposureRuns ?? [], input.exposureReadings ?? []),
  ];
  return events.sort((a, b) => a.time - b.time || compareText(a.ruleId, b.ruleId));
}

/** The events not yet known, each once: what to show and log now. */
export function newAlerts(events: readonly AlertEvent[], alreadyKnownIds: Iterable<string>): AlertEvent[] {
  const known = new Set(alreadyKnownIds);
  const fresh: AlertEvent[] = [];
  for (const event of events) {
    if (known.has(event.id)) continue;
    known.add(event.id);
    fresh.push(event);
  }
  return fresh;
}

function eventsOfSeries(tenantId: string, rules: readonly AlertRule[], runs: readonly Run[], readings: readonly Reading[]): AlertEvent[] {
  const judged = distinctTimes(readings.filter((reading) => reading.tenantId === tenantId));
  if (rules.length === 0 || judged.length === 0) return [];
  // Joining the readings in is idempotent: the same shown history whether or not they were stored already.
  const shown = scoreRuns(
    joinRuns(
      runs.filter((run) => run.tenantId === tenantId),
      judged.map(runOf),
    ),
  );
  const events: AlertEvent[] = [];
  for (const { time, score } of judged) {
    const previous = latestRunBefore(shown, time);
    if (!previous) continue;
    for (const rule of rules) {
      const fired = judge(rule, previous.score, score, () => highestHeld(shown, time - DROP_PERCENT_WINDOW_MS, time));
      if (fired) events.push({ id: alertEventId(tenantId, rule.id, time), tenantId, ruleId: rule.id, kind: rule.kind, time, ...fired });
    }
  }
  return events;
}

/** Whether a rule fires on a change from `previous` to `score`; the before, after and limit of its event if so. */
function judge(rule: AlertRule, previous: number, score: number, highOfWindow: () => number | undefined): Pick<AlertEvent, 'before' | 'after' | 'threshold'> | undefined {
  switch (rule.kind) {
    case 'drop-points':
      return score < previous && roundPoints(previous - score) >= rule.points ? { before: previous, after: score, threshold: rule.points } : undefined;
    case 'below-threshold':
      return previous >= rule.threshold && score < rule.threshold ? { before: previous, after: score, threshold: rule.threshold } : undefined;
    case 'exposure-high':
      return exposureLevel(previous) !== 'high' && exposureLevel(score) === 'high' ? { before: previous, after: score, threshold: EXPOSURE_HIGH_FROM } : undefined;
    case 'drop-percent': {
      const high = highOfWindow();
      if (high === undefined || high <= 0) return undefined;
      const farBelow = (value: number) => value < high && roundPoints(((high - value) / high) * 100) >= rule.percent;
      return farBelow(score) && !farBelow(previous) ? { before: high, after: score, threshold: rule.percent } : undefined;
    }
  }
}

/** The latest shown run that began before a time: the score the reading before that time gave. */
function latestRunBefore(shown: readonly ScoreRun[], time: number): ScoreRun | undefined {
  let low = 0;
  let high = shown.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (shown[middle]!.firstSeen < time) low = middle + 1;
    else high = middle;
  }
  return shown[low - 1];
}

/**
 * The highest score held at some moment of [from, to): a run read inside that time, or one that held into
 * it (until the next change, when no gap came between). Undefined when nothing was known then.
 */
function highestHeld(shown: readonly ScoreRun[], from: number, to: number): number | undefined {
  let highest: number | undefined;
  for (const run of shown) {
    if (run.firstSeen >= to) break;
    if (run.lastSeen >= from || run.heldUntil > from) highest = Math.max(highest ?? -Infinity, run.score);
  }
  return highest;
}

/** One reading per time (the lowest score, should two disagree), oldest first. */
function distinctTimes(readings: readonly Reading[]): Reading[] {
  const sorted = [...readings].sort((a, b) => a.time - b.time || a.score - b.score);
  return sorted.filter((reading, index) => index === 0 || reading.time !== sorted[index - 1]!.time);
}

function distinctById(rules: readonly AlertRule[]): AlertRule[] {
  const seen = new Set<string>();
  return rules.filter((rule) => !seen.has(rule.id) && (seen.add(rule.id), true));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
