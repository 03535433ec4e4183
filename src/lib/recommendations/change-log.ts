import type { Recommendation, RecommendationChange, RecommendationLabels, RecommendationValues } from './recommendation';

/**
 * A recommendation as last known: its latest values and its latest labels. The same shape as a read gives,
 * so a replayed state and a fresh snapshot compare directly.
 */
export type RecommendationState = Recommendation;

const VALUE_FIELDS = ['configScoreImpact', 'exposureImpact', 'exposedMachines', 'totalMachines', 'status'] as const satisfies readonly (keyof RecommendationValues)[];
const LABEL_FIELDS = ['name', 'category', 'subCategory', 'remediationType'] as const satisfies readonly (keyof RecommendationLabels)[];

/**
 * A snapshot keyed by id. The API should never list an id twice; if it does, the later entry wins, as a
 * later line of the same answer is the one a reader would see last.
 */
export function snapshotById(snapshot: readonly Recommendation[]): Map<string, Recommendation> {
  const byId = new Map<string, Recommendation>();
  for (const recommendation of snapshot) byId.set(recommendation.id, recommendation);
  return byId;
}

/**
 * What a read of the recommendation list adds to the tenant's change log, given the state before it (the
 * recommendations present, e.g. `replayChanges` of the log so far): one record per recommendation that is
 * new or whose values or labels changed, carrying its absolute values and — only when it is new or one of
 * them changed — its labels; and a removal record for each one present before that the read no longer lists.
 * Records come in the snapshot's order, removals after in the order of `previous`. An unchanged read adds
 * nothing (its `RecommendationRead` still says the state was confirmed at `time`).
 */
export function recommendationChanges(
  tenantId: string,
  time: number,
  previous: ReadonlyMap<string, RecommendationState>,
  snapshot: readonly Recommendation[],
): RecommendationChange[] {
  const current = snapshotById(snapshot);
  const changes: RecommendationChange[] = [];
  for (const [id, now] of current) {
    const before = previous.get(id);
    const labelsChanged = before === undefined || LABEL_FIELDS.some((field) => before[field] !== now[field]);
    if (!labelsChanged && VALUE_FIELDS.every((field) => Object.is(before[field], now[field]))) continue;
    changes.push({ tenantId, id, time, ...valuesOf(now), ...(labelsChanged ? labelsOf(now) : {}) });
  }
  for (const id of previous.keys()) {
    if (!current.has(id)) changes.push({ tenantId, id, time, removed: true });
  }
  return changes;
}

/**
 * The recommendations present at `until` (by default after every change), replayed from a tenant's change
 * log, keyed by id. Changes may come in any order and more than once (the union of two logs): they are
 * applied in the order `compareChanges` gives, so the result depends only on the set of records. A record
 * without labels keeps the labels last known for its id, even from before a removal; an id whose labels were
 * never seen (a log cut short) is named by its id, with empty category, sub-category and remediation type.
 *
 * A union is exact wherever its logs agree; it cannot undo what no log recorded: when one device saw a value
 * come and go between two reads of another, and that other's later read found its own earlier value again
 * (so it recorded nothing), the union shows the value in between until the next read made against the
 * merged state records the return.
 *
 * `base` is the state before the first change given (e.g. a state kept at a checkpoint), for replaying only
 * the changes after it; it is not modified.
 */
export function replayChanges(
  changes: readonly RecommendationChange[],
  until = Infinity,
  base: ReadonlyMap<string, RecommendationState> = new Map(),
): Map<string, RecommendationState> {
  const present = new Map<string, RecommendationState>();
  const labels = new Map<string, RecommendationLabels>();
  for (const [id, state] of base) {
    present.set(id, { ...state });
    labels.set(id, labelsOf(state));
  }
  const applied = changes.filter((change) => change.time <= until).sort(compareChanges);
  for (const change of applied) {
    if (change.removed) {
      present.delete(change.id);
      continue;
    }
    const known = labels.get(change.id) ?? { name: change.id, category: '', subCategory: '', remediationType: '' };
    const label = { ...known };
    for (const field of LABEL_FIELDS) {
      const value = change[field];
      if (value !== undefined) label[field] = value;
    }
    labels.set(change.id, label);
    present.set(change.id, { id: change.id, ...label, ...valuesOf(change) });
  }
  return present;
}

/**
 * The order a log is replayed in: by time; at one time, by id; for one id and time (two logs that disagree),
 * a record without labels before one with them, then by values and labels, and a removal last. A total
 * order on the content of a record, so equal records are interchangeable and any input order replays alike.
 * A store that keeps one record per tenant, id and time should keep the later of two in this order.
 */
export function compareChanges(a: RecommendationChange, b: RecommendationChange): number {
  const byPlace = a.time - b.time || compareText(a.id, b.id) || compareText(a.tenantId, b.tenantId);
  if (byPlace !== 0) return byPlace;
  if (a.removed || b.removed) return (a.removed ? 1 : 0) - (b.removed ? 1 : 0);
  return compareRecords(a, b);
}

type ValueRecord = Exclude<RecommendationChange, { removed: true }>;

function compareRecords(a: ValueRecord, b: ValueRecord): number {
  const aLabelled = LABEL_FIELDS.some((field) => a[field] !== undefined);
  const bLabelled = LABEL_FIELDS.some((field) => b[field] !== undefined);
  if (aLabelled !== bLabelled) return aLabelled ? 1 : -1;
  for (const field of VALUE_FIELDS) {
    const order = compareValue(a[field], b[field]);
    if (order !== 0) return order;
  }
  for (const field of LABEL_FIELDS) {
    const order = compareValue(a[field], b[field]);
    if (order !== 0) return order;
  }
  return 0;
}

function valuesOf(source: RecommendationValues): RecommendationValues {
  const { configScoreImpact, exposureImpact, exposedMachines, totalMachines, status } = source;
  return { configScoreImpact, exposureImpact, exposedMachines, totalMachines, status };
}

function labelsOf(source: RecommendationLabels): RecommendationLabels {
  const { name, category, subCategory, remediationType } = source;
  return { name, category, subCategory, remediationType };
}

/** Numbers before texts before nothing; numbers by value (NaN last, −0 before 0), texts by code unit. */
function compareValue(a: number | string | undefined, b: number | string | undefined): number {
  if (typeof a === 'number' && typeof b === 'number') return compareNumber(a, b);
  if (typeof a === 'string' && typeof b === 'string') return compareText(a, b);
  return rankOf(a) - rankOf(b);
}

function rankOf(value: number | string | undefined): number {
  return typeof value === 'number' ? 0 : typeof value === 'string' ? 1 : 2;
}

function compareNumber(a: number, b: number): number {
  if (Object.is(a, b)) return 0;
  if (Number.isNaN(a)) return 1;
  if (Number.isNaN(b)) return -1;
  if (a === b) return Object.is(a, -0) ? -1 : 1;
  return a < b ? -1 : 1;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
