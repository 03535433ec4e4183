// The lists of a version 3 JSON file that watching keeps: goals, alert rules and the alert log. Each entry is
// checked whole; one field wrong and the entry is skipped, never kept in part.
import { err, ok, type Result } from '../util/result';
import { parseIsoInstant } from '../util/iso-time';
import { ALERT_KINDS, alertEventId, type AlertKind, type AlertRule } from '../watch/alert-rules';
import type { AlertLogEntry } from '../watch/alert-log';
import { isRecord, jsonNumber, jsonTenant, jsonText, jsonTime, own } from './import-json-fields';
import { checkRecommendationId, checkScore, EARLIEST_READING_TIME, MAX_SCORE } from './reading-rules';
import type { AlertRuleRecord, GoalRecord } from './schema';

/** A goal's date may lie years ahead, but not past this. */
const LATEST_GOAL_DATE = Date.UTC(2200, 0, 1);

export function goalFromJson(entry: unknown, now: number): Result<GoalRecord, string> {
  if (!isRecord(entry)) return err('is not an object with tenantId, target and edited');
  const target = jsonNumber(entry, 'target', checkScore);
  if (!target.ok) return target;
  const by = own(entry, 'by');
  let due: number | undefined;
  if (by !== undefined) {
    const time = typeof by === 'string' ? parseIsoInstant(by) : undefined;
    if (time === undefined || time < EARLIEST_READING_TIME || time > LATEST_GOAL_DATE) return err('has a by that is not a date and time between 2015 and 2200');
    due = time;
  }
  const edited = jsonTime(entry, 'edited', now);
  if (!edited.ok) return edited;
  const tenantId = jsonTenant(entry);
  if (!tenantId.ok) return tenantId;
  return ok({ tenantId: tenantId.value, target: target.value, edited: edited.value, ...(due === undefined ? {} : { by: due }) });
}

export function alertRuleFromJson(entry: unknown, now: number): Result<AlertRuleRecord, string> {
  if (!isRecord(entry)) return err('is not an object with tenantId, id, kind and edited');
  const id = jsonText(entry, 'id', checkRecommendationId);
  if (!id.ok) return id;
  const kind = jsonKind(entry);
  if (!kind.ok) return kind;
  const edited = jsonTime(entry, 'edited', now);
  if (!edited.ok) return edited;
  const tenantId = jsonTenant(entry);
  if (!tenantId.ok) return tenantId;
  const base = { tenantId: tenantId.value, id: id.value, edited: edited.value };
  const rule = ruleOfKind(entry, kind.value);
  return rule.ok ? ok({ ...rule.value, ...base } as AlertRuleRecord) : rule;
}

/** The kind's own limit: points and percent above 0, a threshold as a score. */
function ruleOfKind(entry: Record<string, unknown>, kind: AlertKind): Result<Omit<AlertRule, 'id' | 'tenantId'>, string> {
  switch (kind) {
    case 'drop-points': {
      const points = jsonNumber(entry, 'points', (value) => limit(value, 'points', MAX_SCORE));
      return points.ok ? ok({ kind, points: points.value }) : points;
    }
    case 'drop-percent': {
      const percent = jsonNumber(entry, 'percent', (value) => limit(value, 'percent', 100));
      return percent.ok ? ok({ kind, percent: percent.value }) : percent;
    }
    case 'below-threshold': {
      const threshold = jsonNumber(entry, 'threshold', checkScore);
      return threshold.ok ? ok({ kind, threshold: threshold.value }) : threshold;
    }
    case 'exposure-high':
      return ok({ kind });
  }
}

export function alertFromJson(entry: unknown, now: number): Result<AlertLogEntry, string> {
  if (!isRecord(entry)) return err('is not an object with tenantId, id, ruleId, kind, time, before, after, threshold and firedAt');
  const ruleId = jsonText(entry, 'ruleId', checkRecommendationId);
  if (!ruleId.ok) return ruleId;
  const kind = jsonKind(entry);
  if (!kind.ok) return kind;
  const time = jsonTime(entry, 'time', now);
  if (!time.ok) return time;
  const values: number[] = [];
  for (const field of ['before', 'after', 'threshold']) {
    const value = jsonNumber(entry, field, (number) => (checkScore(number).ok ? ok(number + 0) : err(`the ${field} is not a number from 0 to ${MAX_SCORE}`)));
    if (!value.ok) return value;
    values.push(value.value);
  }
  const firedAt = jsonTime(entry, 'firedAt', now);
  if (!firedAt.ok) return firedAt;
  const dismissed = own(entry, 'dismissedAt') === undefined ? undefined : jsonTime(entry, 'dismissedAt', now);
  if (dismissed && !dismissed.ok) return dismissed;
  const tenantId = jsonTenant(entry);
  if (!tenantId.ok) return tenantId;
  // The id is the event's: the same tenant, rule and reading give it, and nothing else may.
  const id = alertEventId(tenantId.value, ruleId.value, time.value);
  if (own(entry, 'id') !== id) return err('has an id that is not the one of its tenant, rule and time');
  const [before, after, threshold] = values as [number, number, number];
  return ok({
    id,
    tenantId: tenantId.value,
    ruleId: ruleId.value,
    kind: kind.value,
    time: time.value,
    before,
    after,
    threshold,
    firedAt: firedAt.value,
    ...(dismissed ? { dismissedAt: dismissed.value } : {}),
  });
}

function jsonKind(entry: Record<string, unknown>): Result<AlertKind, string> {
  const kind = own(entry, 'kind');
  return typeof kind === 'string' && (ALERT_KINDS as readonly string[]).includes(kind) ? ok(kind as AlertKind) : err(`has a kind that is not one of ${ALERT_KINDS.join(', ')}`);
}

function limit(value: number, field: string, max: number): Result<number, string> {
  return Number.isFinite(value) && value > 0 && value <= max ? ok(value) : err(`the ${field} is not a number above 0 and at most ${max}`);
}
