import type { Recommendation } from './recommendation';
import { snapshotById } from './change-log';

/** The categories Microsoft documents, in the order the page shows them; any other follows, alphabetically. */
export const CATEGORY_ORDER: readonly string[] = ['Accounts', 'Application', 'Network', 'OS', 'SecurityControls'];

/** The points still available in one category. */
export interface CategoryPoints {
  category: string;
  /** The sum of the category's ranked recommendations' `configScoreImpact`, exact. */
  points: number;
  /** How many ranked recommendations it holds. */
  count: number;
}

/** What the Secure Score for Devices could still gain, from one read of the recommendations. */
export interface PointsToGain {
  /** Active recommendations with a `configScoreImpact` above 0 (security configuration), most points first. */
  ranked: Recommendation[];
  /** The sum of the ranked recommendations' impact, exact: the points still available. */
  total: number;
  /** The ranked points by category: the documented five always (0 when empty), then any other present, by name. */
  byCategory: CategoryPoints[];
  /** Recommendations whose status is Exception, most impact first: points the tenant chose not to take. */
  exceptions: Recommendation[];
  /** The sum of the exceptions' `configScoreImpact`, exact. */
  exceptionPoints: number;
  /** Recommendations not in exception that move no device-score points (`configScoreImpact` 0: software, moving only exposure). */
  software: number;
  /** Recommendations with points whose status is neither Active nor Exception (a status Microsoft may add): left out of the points. */
  otherStatus: number;
}

/**
 * Ranks a read of the recommendations by the device-score points each would gain if remediated. An id
 * listed twice counts once (the later entry, as the change log takes it). Sums are exact; round only to show.
 */
export function pointsToGain(recommendations: readonly Recommendation[]): PointsToGain {
  const ranked: Recommendation[] = [];
  const exceptions: Recommendation[] = [];
  let software = 0;
  let otherStatus = 0;
  for (const recommendation of snapshotById(recommendations).values()) {
    if (recommendation.status === 'Exception') exceptions.push(recommendation);
    else if (!(recommendation.configScoreImpact > 0)) software += 1;
    else if (recommendation.status === 'Active') ranked.push(recommendation);
    else otherStatus += 1;
  }
  ranked.sort(byImpact);
  exceptions.sort(byImpact);
  return {
    ranked,
    total: sumOfImpact(ranked),
    byCategory: pointsByCategory(ranked),
    exceptions,
    exceptionPoints: sumOfImpact(exceptions),
    software,
    otherStatus,
  };
}

function pointsByCategory(ranked: readonly Recommendation[]): CategoryPoints[] {
  const byCategory = new Map<string, CategoryPoints>(CATEGORY_ORDER.map((category) => [category, { category, points: 0, count: 0 }]));
  for (const { category, configScoreImpact } of ranked) {
    const entry = byCategory.get(category) ?? { category, points: 0, count: 0 };
    entry.points += configScoreImpact;
    entry.count += 1;
    byCategory.set(category, entry);
  }
  return [...byCategory.values()].sort((a, b) => categoryRank(a.category) - categoryRank(b.category) || compareText(a.category, b.category));
}

function categoryRank(category: string): number {
  const index = CATEGORY_ORDER.indexOf(category);
  return index === -1 ? CATEGORY_ORDER.length : index;
}

/** Most impact first; on a tie, by name then id, so the order is the same on every read. */
function byImpact(a: Recommendation, b: Recommendation): number {
  return b.configScoreImpact - a.configScoreImpact || compareText(a.name, b.name) || compareText(a.id, b.id);
}

function sumOfImpact(recommendations: readonly Recommendation[]): number {
  return recommendations.reduce((sum, r) => sum + r.configScoreImpact, 0);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
