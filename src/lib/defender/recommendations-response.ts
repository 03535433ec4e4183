import { MAX_RECOMMENDATION_ID_LENGTH, MAX_RECOMMENDATION_NAME_LENGTH, MAX_RECOMMENDATION_TEXT_LENGTH, checkRecommendationId, storableText } from '../history/reading-rules';
import * as v from 'valibot';
import type { Recommendation } from '../recommendations/recommendation';
import { err, ok, type Result } from '../util/result';
import { firstIssueMessage, isJsonObject, itemProblem, parseListPage } from './list-answer';

/** The most one page may hold: the API's own `$top` ceiling. */
export const MAX_RECOMMENDATIONS_PER_PAGE = 10_000;

/** One page of the recommendation list, validated, and the link to the next page if the answer names one. */
export interface RecommendationsPage {
  recommendations: Recommendation[];
  nextLink: string | undefined;
}

const WHAT = 'recommendations';

/** Microsoft leaves a describing text null or out; Scoreline keeps it as empty text. */
const text = (field: string) => v.nullish(v.string(`has a "${field}" that is not text`), '');

const finiteNumber = (field: string) =>
  v.pipe(v.number(`has no numeric "${field}"`), v.finite(`has a "${field}" that is not a finite number`));

const machineCount = (field: string) =>
  v.pipe(
    v.number(`has no numeric "${field}"`),
    v.integer(`has a "${field}" that is not a whole number`),
    v.minValue(0, `has a negative "${field}"`),
  );

const RecommendationItem = v.object({
  // The id keys the change log: one an import would refuse is refused here, never changed.
  id: v.pipe(
    v.string('has no "id" text'),
    v.nonEmpty('has an empty "id"'),
    v.check((id) => checkRecommendationId(id).ok, `has an "id" that is not 1 to ${MAX_RECOMMENDATION_ID_LENGTH} printable characters`),
  ),
  recommendationName: text('recommendationName'),
  recommendationCategory: text('recommendationCategory'),
  subCategory: text('subCategory'),
  remediationType: text('remediationType'),
  status: text('status'),
  configScoreImpact: finiteNumber('configScoreImpact'),
  exposureImpact: finiteNumber('exposureImpact'),
  totalMachineCount: machineCount('totalMachineCount'),
  exposedMachinesCount: machineCount('exposedMachinesCount'),
});

/**
 * Validates one page of /api/recommendations (already JSON-parsed) into Scoreline's Recommendation shape.
 * `firstIndex` is how many items earlier pages held, so the error names the item as counted over the whole list.
 * Validation stops at the first wrong item: its sentence names the item and why.
 */
export function parseRecommendationsPage(body: unknown, firstIndex = 0): Result<RecommendationsPage, string> {
  const page = parseListPage(body, WHAT, MAX_RECOMMENDATIONS_PER_PAGE);
  if (!page.ok) return page;
  const recommendations: Recommendation[] = [];
  for (const [index, item] of page.value.items.entries()) {
    const result = v.safeParse(RecommendationItem, item);
    if (!result.success) {
      const problem = isJsonObject(item) ? firstIssueMessage(result.issues) : 'is not a JSON object';
      return err(itemProblem(WHAT, firstIndex + index, labelOf(item), problem));
    }
    recommendations.push(toRecommendation(result.output));
  }
  return ok({ recommendations, nextLink: page.value.nextLink });
}

/** The first id listed twice, as a sentence: a change log keyed by id cannot hold both. */
export function repeatedRecommendationProblem(recommendations: readonly Recommendation[]): string | undefined {
  const seen = new Set<string>();
  for (const [index, recommendation] of recommendations.entries()) {
    if (seen.has(recommendation.id)) return itemProblem(WHAT, index, recommendation.id, 'repeats an id listed before it');
    seen.add(recommendation.id);
  }
  return undefined;
}

function toRecommendation(item: v.InferOutput<typeof RecommendationItem>): Recommendation {
  return {
    id: item.id,
    name: storableText(item.recommendationName, MAX_RECOMMENDATION_NAME_LENGTH),
    category: storableText(item.recommendationCategory, MAX_RECOMMENDATION_TEXT_LENGTH),
    subCategory: storableText(item.subCategory, MAX_RECOMMENDATION_TEXT_LENGTH),
    remediationType: storableText(item.remediationType, MAX_RECOMMENDATION_TEXT_LENGTH),
    status: storableText(item.status, MAX_RECOMMENDATION_TEXT_LENGTH),
    configScoreImpact: item.configScoreImpact,
    exposureImpact: item.exposureImpact,
    totalMachines: item.totalMachineCount,
    exposedMachines: item.exposedMachinesCount,
  };
}

function labelOf(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const { id, recommendationName } = item as Record<string, unknown>;
  if (typeof id === 'string' && id !== '') return id;
  return typeof recommendationName === 'string' && recommendationName !== '' ? recommendationName : undefined;
}
