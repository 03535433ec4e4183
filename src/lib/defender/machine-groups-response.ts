import { MAX_GROUP_ID_LENGTH, MAX_GROUP_NAME_LENGTH, checkSeriesId, storableText } from '../history/reading-rules';
import * as v from 'valibot';
import { groupSeries } from '../history/series';
import { parseIsoInstant } from '../util/iso-time';
import { err, ok, type Result } from '../util/result';
import { EXPOSURE_MAX, EXPOSURE_MIN } from './exposure-response';
import { firstIssueMessage, isJsonObject, itemProblem, parseListPage } from './list-answer';

/** One device group's exposure score as the API gave it. */
export interface MachineGroupExposure {
  /** The group's id, when the answer names it: a renamed group keeps its id (Microsoft's own example has none). */
  rbacGroupId?: number | string;
  rbacGroupName: string;
  /** 0–100, lower is better. */
  score: number;
  /** When the API read it (epoch ms). */
  time: number;
}

/** Every device group's exposure from one answer, and one time for all of them. */
export interface MachineGroupsSample {
  /** The latest of the groups' times; the time the answer arrived when it lists no group. */
  time: number;
  groups: MachineGroupExposure[];
}

/** Far more device groups than a tenant can have: an answer longer than this is refused unread. */
export const MAX_MACHINE_GROUPS = 5_000;

const WHAT = 'device group exposure';

const GroupItem = v.object({
  time: v.string('has no "time" text'),
  score: v.pipe(
    v.number('has no numeric "score"'),
    v.finite('has a "score" that is not a finite number'),
    v.minValue(EXPOSURE_MIN, 'has a "score" below 0'),
    v.maxValue(EXPOSURE_MAX, 'has a "score" above 100'),
  ),
  rbacGroupName: v.nullish(v.string('has an "rbacGroupName" that is not text')),
  rbacGroupId: v.nullish(
    v.union(
      [
        v.pipe(v.number(), v.integer('has an "rbacGroupId" that is not a whole number')),
        v.pipe(
          v.string(),
          v.nonEmpty('has an empty "rbacGroupId"'),
          // The id keys the group's series: one an import would refuse is refused here, never changed.
          v.check((id) => checkSeriesId(`group-id:${id}`).ok, `has an "rbacGroupId" that is not 1 to ${MAX_GROUP_ID_LENGTH} printable characters`),
        ),
      ],
      'has an "rbacGroupId" that is neither a whole number nor a text',
    ),
  ),
});

/**
 * Validates a /api/exposureScore/ByMachineGroups body (already JSON-parsed). Each group needs a name or an id
 * (the key its history is kept under), and no two groups may share that key. `arrivedAt` is the time for an
 * empty list. The error is a sentence naming the first wrong item and why.
 */
export function parseMachineGroupsBody(body: unknown, arrivedAt: number): Result<MachineGroupsSample, string> {
  const page = parseListPage(body, WHAT, MAX_MACHINE_GROUPS);
  if (!page.ok) return page;
  const groups: MachineGroupExposure[] = [];
  // Two groups under one series key would write over each other's history.
  const seenKeys = new Set<string>();
  for (const [index, item] of page.value.items.entries()) {
    const parsed = parseGroup(item);
    if (!parsed.ok) return err(itemProblem(WHAT, index, labelOf(item), parsed.error));
    const key = groupSeries(parsed.value);
    if (seenKeys.has(key)) return err(itemProblem(WHAT, index, labelOf(item), 'repeats a group listed before it'));
    seenKeys.add(key);
    groups.push(parsed.value);
  }
  if (page.value.nextLink !== undefined) return err(`The ${WHAT} answer has more pages; Scoreline reads only one.`);
  const time = groups.length > 0 ? Math.max(...groups.map((g) => g.time)) : arrivedAt;
  return ok({ time, groups });
}

function parseGroup(item: unknown): Result<MachineGroupExposure, string> {
  const result = v.safeParse(GroupItem, item);
  if (!result.success) return err(isJsonObject(item) ? firstIssueMessage(result.issues) : 'is not a JSON object');
  const { time: timeText, score, rbacGroupName, rbacGroupId } = result.output;
  const time = parseIsoInstant(timeText);
  if (time === undefined) return err('has a "time" that is not a valid date and time');
  const name = storableText(rbacGroupName ?? '', MAX_GROUP_NAME_LENGTH);
  if (rbacGroupId === null || rbacGroupId === undefined) {
    if (name === '') return err('has neither an "rbacGroupId" nor an "rbacGroupName"');
    return ok({ rbacGroupName: name, score, time });
  }
  return ok({ rbacGroupId, rbacGroupName: name, score, time });
}

function labelOf(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const { rbacGroupName, rbacGroupId } = item as Record<string, unknown>;
  if (typeof rbacGroupName === 'string' && rbacGroupName !== '') return rbacGroupName;
  return typeof rbacGroupId === 'string' || typeof rbacGroupId === 'number' ? String(rbacGroupId) : undefined;
}
