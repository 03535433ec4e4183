/**
 * The series Scoreline keeps besides the Secure Score for Devices. Each is kept as runs (run.ts), like
 * the device score: a repeated value confirms a run, it does not add a row. Device score runs carry no
 * series (the shape schema 2 and export version 2 kept); every other run names its series.
 *
 * - `exposure`: the exposure score, 0–100, lower is better.
 * - `group-id:<rbacGroupId>`: a device group's exposure, when the API names the group's id (a renamed
 *   group keeps its history).
 * - `group-name:<rbacGroupName>`: a device group's exposure when the API gives only its name (a renamed
 *   group then starts a new series).
 */
export type SeriesId = 'exposure' | `group-id:${string}` | `group-name:${string}`;

export const EXPOSURE_SERIES: SeriesId = 'exposure';

export function groupSeries(group: { rbacGroupId?: number | string | undefined; rbacGroupName: string }): SeriesId {
  return group.rbacGroupId !== undefined ? `group-id:${group.rbacGroupId}` : `group-name:${group.rbacGroupName}`;
}

export function isGroupSeries(series: string): series is `group-id:${string}` | `group-name:${string}` {
  return series.startsWith('group-id:') || series.startsWith('group-name:');
}

/** What a group was called from `time` on (a change log: the latest entry at or before a time names it then). */
export interface SeriesName {
  tenantId: string;
  series: SeriesId;
  time: number;
  name: string;
}

/** Exposure bands as Microsoft documents them: low 0–29, medium 30–69, high 70–100. */
export type ExposureLevel = 'low' | 'medium' | 'high';

export function exposureLevel(score: number): ExposureLevel {
  return score < 30 ? 'low' : score < 70 ? 'medium' : 'high';
}
