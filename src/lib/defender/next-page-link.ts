import { err, ok, type Result } from '../util/result';

/** Longer query strings are not a page link Scoreline follows. */
const MAX_QUERY_LENGTH = 2_000;

/** Where a list was first asked for: the URL the request went to, the API it stands for, and the list's path. */
export interface ListRequest {
  /** The URL of the first page's request (the API's, or the relay's). */
  requestUrl: string;
  /** The API base the call stands for (a relay forwards to it): a next link may name its origin. */
  apiBaseUrl: string;
  /** The list's path below the API, e.g. "/api/recommendations". */
  listPath: string;
}

/**
 * The path and query of the next page to ask for, when an answer's `@odata.nextLink` names the same list
 * on the same origin; otherwise why Scoreline will not follow it. Only the query is taken from the link:
 * the request still goes where the first one went, so a link can never send the token anywhere else.
 */
export function nextPagePath(nextLink: string, from: ListRequest): Result<string, string> {
  let link: URL;
  let first: URL;
  try {
    first = new URL(from.requestUrl);
    link = new URL(nextLink, first);
  } catch {
    return err('The answer’s link to its next page is not a URL.');
  }
  const origins = new Set([first.origin, originOf(from.apiBaseUrl)]);
  const paths = new Set([normalisedPath(first.pathname), normalisedPath(from.listPath)]);
  if (!origins.has(link.origin) || !paths.has(normalisedPath(link.pathname))) {
    return err(`The answer’s link to its next page points elsewhere (${link.host}${link.pathname.slice(0, 100)}); Scoreline does not follow it.`);
  }
  if (link.search.length > MAX_QUERY_LENGTH) return err('The answer’s link to its next page is too long to follow.');
  return ok(`${from.listPath}${link.search}`);
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

// Defender paths are case-insensitive, and a trailing slash names the same list.
function normalisedPath(path: string): string {
  return path.replace(/\/+$/, '').toLowerCase();
}
