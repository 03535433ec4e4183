import type { RecommendationState } from './change-log';

/** The recommendations known at one score reading, by id (e.g. `replayChanges` until the read that describes it). */
export type KnownRecommendations = ReadonlyMap<string, RecommendationState>;

/**
 * Why no recommendations describe a reading: `none` — nothing was read at or before it (it predates keeping
 * recommendations); `gap` — reads exist, but none close enough to the reading to describe it.
 */
export type MissingRecommendations = 'none' | 'gap';

/** One side of an explanation: the recommendations at a reading, or why they are not known. */
export type RecommendationsAtReading = KnownRecommendations | MissingRecommendations;

/**
 * How a recommendation changed between two readings:
 * - `fixed`: exposed on fewer devices (remediated there, or exposed devices left the tenant);
 * - `regressed`: exposed on more devices;
 * - `new`: appeared in the list; `resolved`: left it;
 * - `exception`: its status became Exception (its points count as gained); `exception-ended`: it was an
 *   Exception and no longer is;
 * - `reweighted`: its impact changed while its exposed and total device counts did not — Microsoft
 *   re-weighted it; nothing the admin did explains it;
 * - `devices-changed`: only the total device count changed (devices onboarded, offboarded or gone inactive).
 */
export type ExplanationKind = 'fixed' | 'regressed' | 'new' | 'resolved' | 'exception' | 'exception-ended' | 'reweighted' | 'devices-changed';

/** One line of an explanation: a recommendation that changed, and its effect on the scores. */
export interface ExplanationItem {
  id: string;
  /** The later name and category when the recommendation is still listed, else the earlier. */
  name: string;
  category: string;
  kind: ExplanationKind;
  /**
   * How many devices: fixed — fewer exposed; regressed — more exposed; new, exception, exception-ended —
   * exposed after; resolved — exposed before; devices-changed — the change of the total (negative when
   * devices left); undefined for reweighted.
   */
  devices: number | undefined;
  /**
   * Its effect on the Secure Score for Devices, exact (no rounding): the impact it held against the score
   * before minus the impact after. An Active recommendation holds its `configScoreImpact` against the score;
   * an Exception holds nothing (so an exception counts as points gained); one absent holds nothing. Any
   * status other than Exception is taken to count as Active does.
   */
  points: number;
  /**
   * The move it accounts for in the exposure score (lower is better, so negative is good), exact: the
   * `exposureImpact` held after minus before, counted like `points` (an Exception, or absence, holds none).
   */
  exposureChange: number;
}

/** What the data cannot explain about a score change, so that the page says so instead of guessing. */
export type ExplanationLimit =
  /** No recommendations were read at or before the earlier reading: it predates keeping them. */
  | { kind: 'no-recommendations-before' }
  /** No read close enough to this reading describes it (see READ_TOLERANCE_MS). */
  | { kind: 'gap'; side: 'before' | 'after' }
  /** Microsoft re-weighted these recommendations (largest effect first): their points are real, but no action of the admin's. */
  | { kind: 'reweighted'; ids: string[] }
  /** The items leave this much of the score change (after minus before) unaccounted for. */
  | { kind: 'partly'; unexplained: number };

/** What changed between two readings and how much of the score change it accounts for. */
export interface ScoreChangeExplanation {
  /** Largest effect on the device score first (then on exposure, then by id). */
  items: ExplanationItem[];
  /** The sum of the items' points, exact; round only to show it. */
  explained: number;
  /** scoreAfter − scoreBefore. */
  change: number;
  /** change − explained. */
  unexplained: number;
  limits: ExplanationLimit[];
}

/**
 * The points of score change an explanation may leave unaccounted for and still count as whole: the API's
 * score may come in whole points (Microsoft's example: 340) while impacts carry decimals, so rounding
 * alone can leave up to half a point on each reading; half a point is where a reader would start asking.
 */
export const EXPLAINED_TOLERANCE = 0.5;

const EXCEPTION = 'Exception';

/**
 * Explains the move of the device score between two readings by what changed in the recommendations
 * between the states that describe them. When either side is not known there are no items: the limits say
 * why. Swapping before and after swaps the kinds (fixed ↔ regressed, new ↔ resolved…) and negates every
 * item's points and exposure change.
 */
export function explainScoreChange(input: {
  before: RecommendationsAtReading;
  after: RecommendationsAtReading;
  scoreBefore: number;
  scoreAfter: number;
  /** Defaults to EXPLAINED_TOLERANCE. */
  tolerance?: number;
}): ScoreChangeExplanation {
  const { before, after, scoreBefore, scoreAfter, tolerance = EXPLAINED_TOLERANCE } = input;
  const change = scoreAfter - scoreBefore;
  if (typeof before === 'string' || typeof after === 'string') {
    const limits: ExplanationLimit[] = [];
    if (before === 'none') limits.push({ kind: 'no-recommendations-before' });
    else if (before === 'gap') limits.push({ kind: 'gap', side: 'before' });
    if (typeof after === 'string' && before !== 'none') limits.push({ kind: 'gap', side: 'after' });
    return { items: [], explained: 0, change, unexplained: change, limits };
  }
  const items = itemsBetween(before, after);
  const explained = items.reduce((sum, item) => sum + item.points, 0);
  const unexplained = change - explained;
  const limits: ExplanationLimit[] = [];
  const reweighted = items.filter((item) => item.kind === 'reweighted' && item.points !== 0).map((item) => item.id);
  if (reweighted.length > 0) limits.push({ kind: 'reweighted', ids: reweighted });
  if (Math.abs(unexplained) > tolerance) limits.push({ kind: 'partly', unexplained });
  return { items, explained, change, unexplained, limits };
}

/** Every recommendation whose values differ between the two states, as explanation items, sorted. */
export function itemsBetween(before: KnownRecommendations, after: KnownRecommendations): ExplanationItem[] {
  const items: ExplanationItem[] = [];
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const item = itemFor(before.get(id), after.get(id));
    if (item) items.push(item);
  }
  return items.sort(compareItems);
}

function itemFor(before: RecommendationState | undefined, after: RecommendationState | undefined): ExplanationItem | undefined {
  const shown = after ?? before;
  if (!shown) return undefined;
  const kindAndDevices = classify(before, after);
  if (!kindAndDevices) return undefined;
  return {
    id: shown.id,
    name: shown.name,
    category: shown.category,
    ...kindAndDevices,
    points: held(before, 'configScoreImpact') - held(after, 'configScoreImpact'),
    exposureChange: held(after, 'exposureImpact') - held(before, 'exposureImpact'),
  };
}

function classify(
  before: RecommendationState | undefined,
  after: RecommendationState | undefined,
): Pick<ExplanationItem, 'kind' | 'devices'> | undefined {
  if (!before) return after && { kind: 'new', devices: after.exposedMachines };
  if (!after) return { kind: 'resolved', devices: before.exposedMachines };
  const wasException = before.status === EXCEPTION;
  const isException = after.status === EXCEPTION;
  if (!wasException && isException) return { kind: 'exception', devices: after.exposedMachines };
  if (wasException && !isException) return { kind: 'exception-ended', devices: after.exposedMachines };
  const exposedChange = after.exposedMachines - before.exposedMachines;
  if (exposedChange < 0) return { kind: 'fixed', devices: -exposedChange };
  if (exposedChange > 0) return { kind: 'regressed', devices: exposedChange };
  if (after.totalMachines !== before.totalMachines) return { kind: 'devices-changed', devices: after.totalMachines - before.totalMachines };
  const reweighted = after.configScoreImpact !== before.configScoreImpact || after.exposureImpact !== before.exposureImpact;
  return reweighted ? { kind: 'reweighted', devices: undefined } : undefined;
}

/** What a recommendation holds against a score: its impact while it is not an Exception; nothing when absent. */
function held(state: RecommendationState | undefined, impact: 'configScoreImpact' | 'exposureImpact'): number {
  return state === undefined || state.status === EXCEPTION ? 0 : state[impact];
}

function compareItems(a: ExplanationItem, b: ExplanationItem): number {
  return Math.abs(b.points) - Math.abs(a.points) || Math.abs(b.exposureChange) - Math.abs(a.exposureChange) || compareText(a.id, b.id);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
