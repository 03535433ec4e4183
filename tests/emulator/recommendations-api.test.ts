// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { callCounts } from '../../emulator/control-client.mjs';
import { AVERY_ADMIN as AVERY, CONTOSO, FABIAN_OPS as FABIAN, FABRIKAM } from '../../emulator/demo.mjs';
import { API_SCOPE, REQUESTED_SCOPE } from './oauth-helpers';
import { RECOMMENDATIONS_SCOPE, useEmulator, type ApiRecommendation } from './harness';

const emu = useEmulator();

const fixture = JSON.parse(readFileSync(new URL('../fixtures/recommendations.200.json', import.meta.url), 'utf8')) as {
  '@odata.context': string;
  value: Record<string, unknown>[];
};
const CATEGORIES = ['Accounts', 'Application', 'Network', 'OS', 'SecurityControls'];
const SCORE_ENDPOINTS = ['/api/configurationScore', '/api/exposureScore', '/api/exposureScore/ByMachineGroups'];

describe('GET /api/recommendations', () => {
  it('answers in the documented shape: the same context and the same fields, in the same order, as Microsoft’s example', async () => {
    const response = await emu.api('/api/recommendations', await emu.token(AVERY.oid));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body['@odata.context']).toBe(fixture['@odata.context']);
    const documentedFields = Object.keys(fixture.value[0] ?? {});
    expect(body.value.length).toBeGreaterThan(0);
    for (const record of body.value) expect(Object.keys(record)).toEqual(documentedFields);
  });

  it('lists security configurations that hold points, software updates that hold none, and an exception', async () => {
    await emu.control.consent(['Score.Read', 'SecurityRecommendation.Read'], FABRIKAM.id);
    for (const account of [AVERY, FABIAN]) {
      const list = await emu.recommendations(await emu.token(account.oid));
      const configurations = list.filter((r) => r.id.startsWith('sca-_-scid-'));
      const software = list.filter((r) => r.id.startsWith('va-_-'));
      expect(configurations.length + software.length).toBe(list.length);
      expect(configurations.length).toBeGreaterThanOrEqual(30);
      expect(configurations.length).toBeLessThanOrEqual(40);
      expect(software.length).toBeGreaterThan(0);
      for (const r of configurations) {
        expect(r.id).toMatch(/^sca-_-scid-\d+$/);
        expect(r).toMatchObject({ remediationType: 'ConfigurationChange', status: expect.stringMatching(/^(Active|Exception)$/) });
        expect(r.configScoreImpact).toBeGreaterThan(0);
        expect(r.exposedMachinesCount).toBeGreaterThan(0);
        expect(r.exposedMachinesCount).toBeLessThanOrEqual(r.totalMachineCount);
        expect(r.recommendationName.length).toBeGreaterThan(10);
      }
      for (const r of software) {
        expect(r.id).toMatch(/^va-_-[a-z]+-_-[a-z0-9_]+$/);
        expect(r).toMatchObject({ configScoreImpact: 0, recommendationCategory: 'Application', status: 'Active' });
        expect(r.exposureImpact).toBeGreaterThan(0);
      }
      expect(new Set(list.map((r) => r.recommendationCategory))).toEqual(new Set(CATEGORIES));
      expect(list.filter((r) => r.status === 'Exception').length).toBeGreaterThanOrEqual(1);
      expect(new Set(list.map((r) => r.id)).size).toBe(list.length);
    }
  });

  it('gives each tenant its own list, the same after every reset', async () => {
    await emu.control.consent(['Score.Read', 'SecurityRecommendation.Read'], FABRIKAM.id);
    const contoso = await emu.recommendations(await emu.token(AVERY.oid));
    const fabrikam = await emu.recommendations(await emu.token(FABIAN.oid));
    expect(contoso).not.toEqual(fabrikam);
    await emu.control.remediate({ id: (contoso[1] as ApiRecommendation).id, devices: 1 });
    await emu.control.reset();
    expect(await emu.recommendations(await emu.token(AVERY.oid))).toEqual(contoso);
  });

  it('honours $top and $skip, up to 10,000, and refuses other values with the documented error shape', async () => {
    const token = await emu.token(AVERY.oid);
    const all = await emu.recommendations(token);
    const page = async (query: string) => ((await (await emu.api(`/api/recommendations?${query}`, token)).json()) as { value: ApiRecommendation[] }).value;
    const pages = [...(await page('$top=7')), ...(await page('$top=7&$skip=7')), ...(await page('$skip=14&$top=10000'))];
    expect(pages).toEqual(all);
    expect(await page('$top=0')).toEqual([]);
    expect(await page(`$skip=${all.length}`)).toEqual([]);
    expect(await page('%24top=3')).toEqual(all.slice(0, 3));

    for (const query of ['$top=10001', '$top=-1', '$top=ten', '$skip=1.5']) {
      const refused = await emu.api(`/api/recommendations?${query}`, token);
      expect(refused.status, query).toBe(400);
      expect((await refused.json()).error).toMatchObject({ code: 'BadRequest', message: expect.stringMatching(/\$(top|skip)/), target: expect.any(String) });
    }
  });
});

describe('permissions: each endpoint asks for its own', () => {
  it('answers recommendations 403 to a Score.Read-only token, naming the missing permission, while the scores still answer', async () => {
    const scoreOnly = await emu.token(AVERY.oid, REQUESTED_SCOPE);
    const refused = await emu.api('/api/recommendations', scoreOnly);
    expect(refused.status).toBe(403);
    const body = await refused.json();
    expect(body.error).toMatchObject({ code: 'Forbidden', message: 'Missing delegated permissions. API required scopes: SecurityRecommendation.Read' });
    expect(body.error.target).toMatch(/^[0-9a-f-]{36}$/);
    for (const path of SCORE_ENDPOINTS) expect((await emu.api(path, scoreOnly)).status, path).toBe(200);
  });

  it('answers the scores 403 to a token with only the recommendations permission', async () => {
    const recommendationsOnly = await emu.token(AVERY.oid, `${RECOMMENDATIONS_SCOPE} openid`);
    expect((await emu.api('/api/recommendations', recommendationsOnly)).status).toBe(200);
    for (const path of SCORE_ENDPOINTS) {
      const refused = await emu.api(path, recommendationsOnly);
      expect(refused.status, path).toBe(403);
      expect((await refused.json()).error.message).toBe('Missing delegated permissions. API required scopes: Score.Read');
    }
  });

  it('serves both from one token that carries both permissions', async () => {
    const both = await emu.token(AVERY.oid);
    for (const path of [...SCORE_ENDPOINTS, '/api/recommendations']) expect((await emu.api(path, both)).status, path).toBe(200);
  });

  it('checks the token before anything else: none gets 401', async () => {
    expect((await emu.api('/api/recommendations')).status).toBe(401);
  });
});

describe('faults on the recommendations endpoint alone', () => {
  it('fails recommendations only, once, and leaves the three score endpoints answering', async () => {
    const token = await emu.token(AVERY.oid);
    await emu.control.fault({ endpoint: 'recommendations', status: 503 });
    const failed = await emu.api('/api/recommendations', token);
    expect(failed.status).toBe(503);
    expect((await failed.json()).error.code).toBe('ServiceUnavailable');
    for (const path of SCORE_ENDPOINTS) expect((await emu.api(path, token)).status, path).toBe(200);
    expect((await emu.api('/api/recommendations', token)).status).toBe(200);
  });

  it('throttles recommendations with its own Retry-After while the score answers', async () => {
    const token = await emu.token(AVERY.oid);
    await emu.control.fault({ endpoint: 'recommendations', status: 429, times: 'always' });
    const throttled = await emu.api('/api/recommendations', token);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('40');
    expect((await emu.api('/api/configurationScore', token)).status).toBe(200);
    expect((await emu.api('/api/recommendations', token)).status).toBe(429);
  });

  it('names the recommendations permission in a 403 fault, and slows, drops or garbles the list on request', async () => {
    const token = await emu.token(AVERY.oid);
    await emu.control.fault({ endpoint: 'recommendations', status: 403 });
    expect((await (await emu.api('/api/recommendations', token)).json()).error.message).toContain('SecurityRecommendation.Read.All');

    await emu.control.fault({ endpoint: 'recommendations', malformed: true });
    const garbled = await (await emu.api('/api/recommendations', token)).text();
    expect(() => JSON.parse(garbled)).toThrow();

    await emu.control.fault({ endpoint: 'recommendations', drop: true });
    await expect(emu.api('/api/recommendations', token)).rejects.toThrow(TypeError);
    expect((await emu.api('/api/configurationScore', token)).status).toBe(200);
  });

  it('a score endpoint’s fault leaves recommendations answering', async () => {
    const token = await emu.token(AVERY.oid);
    await emu.control.fault({ endpoint: 'configurationScore', status: 500, times: 'always' });
    expect((await emu.api('/api/configurationScore', token)).status).toBe(500);
    expect((await emu.api('/api/recommendations', token)).status).toBe(200);
  });
});

describe('the call log', () => {
  it('counts calls per endpoint and tenant, recommendations included', async () => {
    const avery = await emu.token(AVERY.oid);
    const fabian = await emu.token(FABIAN.oid, `${API_SCOPE} openid`);
    await emu.control.clearLog();
    await emu.api('/api/configurationScore', avery);
    await emu.api('/api/recommendations', avery);
    await emu.api('/api/recommendations', avery);
    await emu.api('/api/recommendations', fabian);
    await emu.api('/api/exposureScore/ByMachineGroups', avery);

    const log = await emu.control.log();
    expect(log.counts.api.recommendations).toEqual({ total: 3, byTenant: { [CONTOSO.id]: 2, [FABRIKAM.id]: 1 } });
    expect(log.api.filter((entry) => entry.endpoint === 'recommendations').map((entry) => entry.status)).toEqual([200, 200, 403]);
    expect(callCounts(log).apiByEndpoint).toEqual({ configurationScore: 1, recommendations: 3, exposureScoreByMachineGroups: 1 });
    expect(await emu.control.apiCalls('recommendations')).toBe(3);
    expect(await emu.control.apiCalls('exposureScore')).toBe(0);
  });
});
