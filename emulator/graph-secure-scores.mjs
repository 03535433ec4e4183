/**
 * `GET /v1.0/security/secureScores` (delegated SecurityEvents.Read.All): 90 daily records, newest first, `$top` and
 * `$skip` honoured, pages cut at PAGE_SIZE with an `@odata.nextLink`, as Graph does for long lists.
 */
import { sendJson } from './http-utils.mjs';
import { graphError } from './graph-bodies.mjs';
import { keptRecords, newestDayAt } from './secure-score-history.mjs';

/** Records per page; a longer `$top` is answered in pages. */
export const PAGE_SIZE = 30;

/** @type {import('./graph-api.mjs').GraphRoute} */
export const SECURE_SCORES_ROUTE = {
  endpoint: 'secureScores',
  path: /^\/security\/securescores\/?$/i,
  methods: ['GET'],
  permissions: ['SecurityEvents.Read.All', 'SecurityEvents.ReadWrite.All'],
  answer: ({ state, tenantId, res, url, baseUrl, headers }) => {
    const top = wholeNumber(url.searchParams.get('$top'));
    const skip = wholeNumber(url.searchParams.get('$skip'));
    if (top === null || skip === null) {
      sendJson(res, 400, graphError('BadRequest', 'Invalid value for $top or $skip: it must be a whole number.'), headers);
      return 400;
    }
    const records = keptRecords(tenantId, newestSecureScoreDay(state, tenantId));
    const wanted = records.slice(skip ?? 0, top === undefined ? undefined : (skip ?? 0) + top);
    const page = wanted.slice(0, PAGE_SIZE);
    const next = new URLSearchParams({ ...(top === undefined ? {} : { $top: String(top - page.length) }), $skip: String((skip ?? 0) + page.length) });
    sendJson(res, 200, {
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#security/secureScores',
      ...(wanted.length > page.length ? { '@odata.nextLink': `${baseUrl}/security/secureScores?${next}` } : {}),
      value: page,
    }, headers);
    return 200;
  },
};

/**
 * The newest day Graph has for the tenant: yesterday, plus the days the control surface moved it on.
 * @param {import('./state.mjs').EmulatorState} state
 * @param {string} tenantId
 */
export function newestSecureScoreDay(state, tenantId) {
  return state.secureScoreNewestDay.get(tenantId) ?? newestDayAt(Date.now());
}

/** @param {string | null} text @returns {number | undefined | null} null when not a whole number */
function wholeNumber(text) {
  if (text === null) return undefined;
  return /^\d{1,4}$/.test(text) ? Number(text) : null;
}
