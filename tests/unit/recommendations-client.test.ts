import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getRecommendations, MAX_RECOMMENDATION_PAGES } from '../../src/lib/defender/recommendations-client';
import { MAX_RECOMMENDATIONS_PER_PAGE, parseRecommendationsPage } from '../../src/lib/defender/recommendations-response';
import { nextPagePath } from '../../src/lib/defender/next-page-link';
import { API, call, fixture, NOW, routes } from './defender-fakes';

const FIRST = `${API}/api/recommendations?$top=10000`;
const json = (body: unknown) => () => new Response(JSON.stringify(body));

/** An item as the API sends it, with the fields Scoreline reads. */
function apiItem(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    recommendationName: `Fix ${id}`,
    recommendationCategory: 'OS',
    subCategory: 'Antivirus',
    remediationType: 'ConfigurationChange',
    status: 'Active',
    configScoreImpact: 1.5,
    exposureImpact: 0.2,
    totalMachineCount: 10,
    exposedMachinesCount: 3,
    ...overrides,
  };
}

describe('getRecommendations', () => {
  it('reads the documented answer with $top at the API’s ceiling, dated when it arrived', async () => {
    const api = routes({ [FIRST]: () => new Response(fixture('recommendations.200.json')) });
    const result = await getRecommendations(call(api.fetchImpl));
    expect(api.urls).toEqual([FIRST]);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.time).toBe(NOW);
    expect(result.value.recommendations).toHaveLength(7);
    expect(result.value.recommendations[0]).toEqual({
      id: 'sca-_-scid-2070',
      name: 'Turn on Microsoft Defender Firewall',
      category: 'Network',
      subCategory: 'Firewall',
      remediationType: 'ConfigurationChange',
      status: 'Active',
      configScoreImpact: 9.3,
      exposureImpact: 1.12,
      totalMachines: 240,
      exposedMachines: 12,
    });
    expect(result.value.recommendations.find((r) => r.id === 'sca-_-scid-4000')?.status).toBe('Exception');
  });

  it('follows @odata.nextLink on the same list and origin, through a relay too', async () => {
    const nextLink = `${API}/api/recommendations?$top=10000&$skip=10000`;
    const direct = routes({
      [FIRST]: json({ value: [apiItem('a')], '@odata.nextLink': nextLink }),
      [nextLink]: json({ value: [apiItem('b')] }),
    });
    const result = await getRecommendations(call(direct.fetchImpl));
    expect(result.ok && result.value.recommendations.map((r) => r.id)).toEqual(['a', 'b']);

    const relay = routes({
      'https://relay.contoso.example/api/recommendations?$top=10000': json({ value: [apiItem('a')], '@odata.nextLink': nextLink }),
      'https://relay.contoso.example/api/recommendations?$top=10000&$skip=10000': json({ value: [apiItem('b')] }),
    });
    const relayed = await getRecommendations(call(relay.fetchImpl, { relay: { url: 'https://relay.contoso.example', region: 'eu' } }));
    expect(relayed.ok && relayed.value.recommendations.map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('never sends the token to a next link on another host or path', async () => {
    for (const link of ['https://evil.example/api/recommendations?$skip=1', `${API}/api/machines?$skip=1`, 'javascript:alert(1)']) {
      const api = routes({ [FIRST]: json({ value: [apiItem('a')], '@odata.nextLink': link }) });
      const result = await getRecommendations(call(api.fetchImpl));
      expect(api.urls).toEqual([FIRST]);
      expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-response', reason: expect.stringContaining('does not follow it') } });
    }
  });

  it('stops at a link back to a page it read, and after a bounded number of pages', async () => {
    const loop = routes({ [FIRST]: json({ value: [apiItem('a')], '@odata.nextLink': FIRST }) });
    expect(await getRecommendations(call(loop.fetchImpl))).toMatchObject({ ok: false, error: { reason: expect.stringContaining('already read') } });
    expect(loop.urls).toHaveLength(1);

    let page = 0;
    const endless: typeof fetch = async () => {
      page += 1;
      return new Response(JSON.stringify({ value: [apiItem(`r${page}`)], '@odata.nextLink': `${API}/api/recommendations?$skip=${page}` }));
    };
    const result = await getRecommendations(call(endless));
    expect(page).toBe(MAX_RECOMMENDATION_PAGES);
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-response', reason: expect.stringContaining(`more than ${MAX_RECOMMENDATION_PAGES} pages`) } });
  });

  it('names the item that is wrong, counted over every page', async () => {
    const nextLink = `${API}/api/recommendations?$skip=2`;
    const api = routes({
      [FIRST]: json({ value: [apiItem('a'), apiItem('b')], '@odata.nextLink': nextLink }),
      [nextLink]: json({ value: [apiItem('c'), apiItem('d', { exposedMachinesCount: -1 })] }),
    });
    expect(await getRecommendations(call(api.fetchImpl))).toEqual({
      ok: false,
      error: { kind: 'invalid-response', reason: 'The recommendations answer\'s item 4 ("d") has a negative "exposedMachinesCount".' },
    });
  });

  it('refuses a list that names one id twice', async () => {
    const api = routes({ [FIRST]: json({ value: [apiItem('a'), apiItem('b'), apiItem('a')] }) });
    expect(await getRecommendations(call(api.fetchImpl))).toMatchObject({ ok: false, error: { reason: expect.stringContaining('item 3 ("a") repeats') } });
  });
});

describe('parseRecommendationsPage', () => {
  it('keeps null or missing texts as empty text', () => {
    const result = parseRecommendationsPage({ value: [withoutSubCategory(apiItem('x', { recommendationName: null, status: null }))] });
    expect(result.ok && result.value.recommendations[0]).toMatchObject({ name: '', subCategory: '', status: '' });
  });

  it.each([
    ['an id that is missing', { id: undefined }, 'has no "id"'],
    ['an impact that is text', { configScoreImpact: '9.3' }, 'no numeric "configScoreImpact"'],
    ['an impact that is null', { exposureImpact: null }, 'no numeric "exposureImpact"'],
    ['a device count with a fraction', { totalMachineCount: 2.5 }, '"totalMachineCount" that is not a whole number'],
    ['a name that is a number', { recommendationName: 7 }, '"recommendationName" that is not text'],
  ])('refuses %s, naming the item and the field', (_what, overrides, words) => {
    const result = parseRecommendationsPage({ value: [apiItem('ok'), apiItem('bad', overrides)] });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatch(/^The recommendations answer's item 2/);
      expect(result.error).toContain(words);
    }
  });

  it('refuses an item that is not an object, and an answer with no list', () => {
    expect(parseRecommendationsPage({ value: [apiItem('a'), 'b'] })).toEqual({ ok: false, error: "The recommendations answer's item 2 is not a JSON object." });
    expect(parseRecommendationsPage([apiItem('a')])).toEqual({ ok: false, error: 'The recommendations answer is not a JSON object.' });
  });

  it('refuses a page longer than the API’s ceiling without looking at its items', () => {
    const value = new Array<unknown>(MAX_RECOMMENDATIONS_PER_PAGE + 1).fill('not even an object');
    expect(parseRecommendationsPage({ value })).toEqual({
      ok: false,
      error: `The recommendations answer lists ${MAX_RECOMMENDATIONS_PER_PAGE + 1} items, more than the ${MAX_RECOMMENDATIONS_PER_PAGE} Scoreline reads.`,
    });
  });

  it('maps every valid item field for field, and refuses any one broken number', () => {
    const text = fc.option(fc.string({ maxLength: 30 }), { nil: null });
    const item = fc.record({
      id: fc.string({ minLength: 1, maxLength: 30 }),
      recommendationName: text,
      recommendationCategory: text,
      subCategory: text,
      remediationType: text,
      status: text,
      configScoreImpact: fc.double({ noNaN: true, noDefaultInfinity: true }),
      exposureImpact: fc.double({ noNaN: true, noDefaultInfinity: true }),
      totalMachineCount: fc.nat(),
      exposedMachinesCount: fc.nat(),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 20 }), fc.nat(), (items, pick) => {
        const result = parseRecommendationsPage({ value: items });
        expect(result).toEqual({
          ok: true,
          value: {
            nextLink: undefined,
            recommendations: items.map((i) => ({
              id: i.id,
              name: i.recommendationName ?? '',
              category: i.recommendationCategory ?? '',
              subCategory: i.subCategory ?? '',
              remediationType: i.remediationType ?? '',
              status: i.status ?? '',
              configScoreImpact: i.configScoreImpact,
              exposureImpact: i.exposureImpact,
              totalMachines: i.totalMachineCount,
              exposedMachines: i.exposedMachinesCount,
            })),
          },
        });
        if (items.length === 0) return;
        const broken = items.map((i, index) => (index === pick % items.length ? { ...i, exposureImpact: Number.POSITIVE_INFINITY } : i));
        const refused = parseRecommendationsPage({ value: broken });
        expect(refused.ok).toBe(false);
        if (!refused.ok) expect(refused.error).toContain(`item ${(pick % items.length) + 1} `);
      }),
    );
  });
});

describe('nextPagePath', () => {
  const from = { requestUrl: FIRST, apiBaseUrl: API, listPath: '/api/recommendations' };

  it('takes only the query of a link on the same list', () => {
    expect(nextPagePath(`${API}/api/Recommendations/?$skip=5`, from)).toEqual({ ok: true, value: '/api/recommendations?$skip=5' });
    expect(nextPagePath('?$skip=5', from)).toEqual({ ok: true, value: '/api/recommendations?$skip=5' });
  });

  it('refuses another origin, even one that only looks alike', () => {
    for (const link of ['https://api.security.microsoft.com.evil.example/api/recommendations', 'http://api.security.microsoft.com/api/recommendations']) {
      expect(nextPagePath(link, from).ok).toBe(false);
    }
  });
});

function withoutSubCategory(item: Record<string, unknown>): Record<string, unknown> {
  const { subCategory: _left, ...rest } = item;
  return rest;
}
