// The lists a version 3 JSON file adds: runs of the other series, group names, the recommendation change log
// and its reads. Each entry is checked whole; one field wrong and the entry is skipped, never kept in part.
import { err, ok, type Result } from '../util/result';
import type { RecommendationChange, RecommendationLabels, RecommendationRead } from '../recommendations/recommendation';
import { isRecord, jsonNumber, jsonTenant, jsonText, jsonTime, own } from './import-json-fields';
import { LAST_BEFORE_FIRST } from './import-rows';
import { checkCount, checkGroupName, checkImpact, checkRecommendationId, checkRecommendationText, checkSeriesId, checkSeriesValue } from './reading-rules';
import { isGroupSeries, type SeriesName } from './series';
import type { SeriesRun } from './series-store';

const LABEL_FIELDS = ['name', 'category', 'subCategory', 'remediationType'] as const satisfies readonly (keyof RecommendationLabels)[];

export function seriesRunFromJson(entry: unknown, now: number): Result<SeriesRun, string> {
  if (!isRecord(entry)) return err('is not an object with tenantId, series, firstSeen, lastSeen and score');
  const series = jsonText(entry, 'series', checkSeriesId);
  if (!series.ok) return series;
  const firstSeen = jsonTime(entry, 'firstSeen', now);
  if (!firstSeen.ok) return firstSeen;
  const lastSeen = jsonTime(entry, 'lastSeen', now);
  if (!lastSeen.ok) return lastSeen;
  if (lastSeen.value < firstSeen.value) return err(LAST_BEFORE_FIRST);
  const score = jsonNumber(entry, 'score', checkSeriesValue);
  if (!score.ok) return score;
  const tenantId = jsonTenant(entry);
  if (!tenantId.ok) return tenantId;
  return ok({ tenantId: tenantId.value, series: series.value, firstSeen: firstSeen.value, lastSeen: lastSeen.value, score: score.value });
}

export function seriesNameFromJson(entry: unknown, now: number): Result<SeriesName, string> {
  if (!isRecord(entry)) return err('is not an object with tenantId, series, time and name');
  const series = jsonText(entry, 'series', checkSeriesId);
  if (!series.ok) return series;
  if (!isGroupSeries(series.value)) return err('names a series that is not a device group');
  const time = jsonTime(entry, 'time', now);
  if (!time.ok) return time;
  const name = jsonText(entry, 'name', checkGroupName);
  if (!name.ok) return name;
  const tenantId = jsonTenant(entry);
  if (!tenantId.ok) return tenantId;
  return ok({ tenantId: tenantId.value, series: series.value, time: time.value, name: name.value });
}

/** A change: the absolute values, the labels the record has (each checked), or a removal and nothing else. */
export function changeFromJson(entry: unknown, now: number): Result<RecommendationChange, string> {
  if (!isRecord(entry)) return err('is not an object with tenantId, id, time and the values (or removed)');
  const id = jsonText(entry, 'id', checkRecommendationId);
  if (!id.ok) return id;
  const time = jsonTime(entry, 'time', now);
  if (!time.ok) return time;
  const tenantId = jsonTenant(entry);
  if (!tenantId.ok) return tenantId;
  const key = { tenantId: tenantId.value, id: id.value, time: time.value };
  const removed = own(entry, 'removed');
  if (removed === true) return ok({ ...key, removed: true });
  if (removed !== undefined) return err('has a removed that is not true');
  const configScoreImpact = jsonNumber(entry, 'configScoreImpact', checkImpact);
  if (!configScoreImpact.ok) return configScoreImpact;
  const exposureImpact = jsonNumber(entry, 'exposureImpact', checkImpact);
  if (!exposureImpact.ok) return exposureImpact;
  const exposedMachines = jsonNumber(entry, 'exposedMachines', checkCount);
  if (!exposedMachines.ok) return exposedMachines;
  const totalMachines = jsonNumber(entry, 'totalMachines', checkCount);
  if (!totalMachines.ok) return totalMachines;
  const status = jsonText(entry, 'status', (text) => checkRecommendationText(text, 'status'));
  if (!status.ok) return status;
  const labels: Partial<RecommendationLabels> = {};
  for (const field of LABEL_FIELDS) {
    const value = own(entry, field);
    if (value === undefined) continue;
    if (typeof value !== 'string') return err(`has a ${field} that is not text`);
    const label = checkRecommendationText(value, field);
    if (!label.ok) return label;
    labels[field] = label.value;
  }
  return ok({
    ...key,
    configScoreImpact: configScoreImpact.value,
    exposureImpact: exposureImpact.value,
    exposedMachines: exposedMachines.value,
    totalMachines: totalMachines.value,
    status: status.value,
    ...labels,
  });
}

export function readFromJson(entry: unknown, now: number): Result<RecommendationRead, string> {
  if (!isRecord(entry)) return err('is not an object with tenantId, time and count');
  const time = jsonTime(entry, 'time', now);
  if (!time.ok) return time;
  const count = jsonNumber(entry, 'count', checkCount);
  if (!count.ok) return count;
  const tenantId = jsonTenant(entry);
  if (!tenantId.ok) return tenantId;
  return ok({ tenantId: tenantId.value, time: time.value, count: count.value });
}
