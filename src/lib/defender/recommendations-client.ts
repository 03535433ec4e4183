// The recommendation list: read only for a tenant that chose to see recommendations, and at most every few
// hours, so its parsers load apart from the reads every refresh makes.
import type { Recommendation } from '../recommendations/recommendation';
import { err, ok, type Result } from '../util/result';
import type { ApiFailure } from './api-failure';
import { getJson, requestFor, type DefenderCall } from './defender-client';
import { nextPagePath } from './next-page-link';
import { parseRecommendationsPage, repeatedRecommendationProblem } from './recommendations-response';

/** A full read of the recommendation list, and when it arrived (the API says nothing of when it was computed). */
export interface RecommendationsAnswer {
  time: number;
  recommendations: Recommendation[];
}

const RECOMMENDATIONS_PATH = '/api/recommendations';
/** Ten pages of the API's largest page: far more recommendations than a tenant has, and a bound on the calls. */
export const MAX_RECOMMENDATION_PAGES = 10;

/**
 * GET /api/recommendations, every page of it (`$top` at the API's ceiling; `@odata.nextLink` followed only
 * on the same list and origin, at most MAX_RECOMMENDATION_PAGES calls), validated item by item.
 */
export async function getRecommendations(call: DefenderCall): Promise<Result<RecommendationsAnswer, ApiFailure>> {
  const invalid = (reason: string) => err<ApiFailure>({ kind: 'invalid-response', reason });
  const firstPath = `${RECOMMENDATIONS_PATH}?$top=10000`;
  const listRequest = { requestUrl: requestFor(firstPath, call).url, apiBaseUrl: call.apiBaseUrl, listPath: RECOMMENDATIONS_PATH };
  const recommendations: Recommendation[] = [];
  const pathsRead = new Set<string>();
  let path: string | undefined = firstPath;
  while (path !== undefined) {
    if (pathsRead.size >= MAX_RECOMMENDATION_PAGES) return invalid(`The recommendations answer has more than ${MAX_RECOMMENDATION_PAGES} pages; Scoreline stops there.`);
    pathsRead.add(path);
    const result = await getJson(path, call);
    if (!result.ok) return result;
    const page = parseRecommendationsPage(result.value, recommendations.length);
    if (!page.ok) return invalid(page.error);
    recommendations.push(...page.value.recommendations);
    path = undefined;
    if (page.value.nextLink !== undefined) {
      const next = nextPagePath(page.value.nextLink, listRequest);
      if (!next.ok) return invalid(next.error);
      if (pathsRead.has(next.value)) return invalid('The recommendations answer links back to a page already read.');
      path = next.value;
    }
  }
  const repeated = repeatedRecommendationProblem(recommendations);
  if (repeated) return invalid(repeated);
  return ok({ time: (call.now ?? Date.now)(), recommendations });
}
