import type { ApiFailure } from '../defender/api-failure';
import { getJson, requestFor } from '../defender/defender-client';
import { nextPagePath } from '../defender/next-page-link';
import { err, ok, type Result } from '../util/result';
import type { FetchedDay } from './secure-score-day';
import { parseSecureScoresPage } from './secure-scores-response';

const LIST_PATH = '/v1.0/security/secureScores';
/** Far more pages than 90 days take, and a bound on the calls a read makes. */
export const MAX_PAGES = 20;

export interface GraphCall {
  graphBaseUrl: string;
  accessToken: string;
  tenantId: string;
  fetchImpl?: typeof fetch;
  isOnline?: () => boolean;
  now?: () => number;
  timeoutMs?: number;
}

/** The days a read brought, page by page, and how many calls it made. */
export interface SecureScoresRead {
  pages: FetchedDay[][];
  calls: number;
}

/**
 * GET /security/secureScores for the newest `days` records (newest first, as Graph answers), following
 * `@odata.nextLink` only on the same list and origin, at most MAX_PAGES calls; every page validated.
 */
export async function readSecureScores(call: GraphCall, days: number): Promise<Result<SecureScoresRead, ApiFailure>> {
  const defenderCall = { apiBaseUrl: call.graphBaseUrl, accessToken: call.accessToken, ...pick(call) };
  const firstPath = `${LIST_PATH}?$top=${days}`;
  const listRequest = { requestUrl: requestFor(firstPath, defenderCall).url, apiBaseUrl: call.graphBaseUrl, listPath: LIST_PATH };
  const pages: FetchedDay[][] = [];
  const pathsRead = new Set<string>();
  let path: string | undefined = firstPath;
  while (path !== undefined) {
    if (pathsRead.has(path)) return err({ kind: 'invalid-response', reason: 'Microsoft Graph linked back to a page it had already given.' });
    if (pathsRead.size >= MAX_PAGES) return err({ kind: 'invalid-response', reason: `Microsoft Graph gave more than ${MAX_PAGES} pages for ${days} days.` });
    pathsRead.add(path);
    const answer = await getJson(path, defenderCall);
    if (!answer.ok) return answer;
    const page = parseSecureScoresPage(answer.value, call.tenantId);
    if (!page.ok) return err({ kind: 'invalid-response', reason: page.error });
    pages.push(page.value.days);
    if (page.value.nextLink === undefined) break;
    const next = nextPagePath(page.value.nextLink, listRequest);
    if (!next.ok) return err({ kind: 'invalid-response', reason: next.error });
    path = next.value;
  }
  return ok({ pages, calls: pathsRead.size });
}

function pick({ fetchImpl, isOnline, now, timeoutMs }: GraphCall) {
  return { ...(fetchImpl && { fetchImpl }), ...(isOnline && { isOnline }), ...(now && { now }), ...(timeoutMs !== undefined && { timeoutMs }) };
}
