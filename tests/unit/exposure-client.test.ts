import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getConfigurationScore, type DefenderCall } from '../../src/lib/defender/defender-client';
import { getExposureByMachineGroups, getExposureScore } from '../../src/lib/defender/exposure-client';
import { getRecommendations } from '../../src/lib/defender/recommendations-client';
import { parseMachineGroupsBody } from '../../src/lib/defender/machine-groups-response';
import { groupSeries } from '../../src/lib/history/series';
import { answer, call, fixture, hang, NOW } from './defender-fakes';

describe('getExposureScore', () => {
  it('reads the documented answer from /api/exposureScore', async () => {
    let url = '';
    const result = await getExposureScore(
      call(async (input) => {
        url = String(input);
        return new Response(fixture('exposureScore.200.json'));
      }),
    );
    expect(url).toBe('https://api.security.microsoft.com/api/exposureScore');
    expect(result).toEqual({ ok: true, value: { time: Date.UTC(2019, 11, 3, 7, 23, 53, 280), score: 33.491554051195706 } });
  });

  it.each([
    ['a score above 100', '{"time": "2019-12-03T07:23:53Z", "score": 100.5}', 'above 100'],
    ['a negative score', '{"time": "2019-12-03T07:23:53Z", "score": -0.1}', 'below 0'],
    ['a text score', '{"time": "2019-12-03T07:23:53Z", "score": "33"}', 'numeric'],
    ['a bad time', '{"time": "2019-13-03T07:23:53Z", "score": 33}', 'valid date'],
    ['an array', '[33]', 'not a JSON object'],
  ])('refuses an answer with %s, saying why', async (_what, body, words) => {
    const result = await getExposureScore(call(answer(body)));
    expect(result.ok).toBe(false);
    if (result.ok || result.error.kind !== 'invalid-response') throw new Error('expected an invalid response');
    expect(result.error.reason).toContain(words);
    expect(result.error.reason).toMatch(/^The exposure score answer /);
  });
});

describe('getExposureByMachineGroups', () => {
  it('reads Microsoft’s example, which names groups only by name', async () => {
    let url = '';
    const result = await getExposureByMachineGroups(
      call(async (input) => {
        url = String(input);
        return new Response(fixture('exposureScoreByMachineGroups.200.json'));
      }),
    );
    expect(url).toBe('https://api.security.microsoft.com/api/exposureScore/ByMachineGroups');
    expect(result).toEqual({
      ok: true,
      value: {
        time: Date.UTC(2019, 11, 3, 9, 51, 28, 214),
        groups: [
          { rbacGroupName: 'GroupOne', score: 41.38041766305988, time: Date.UTC(2019, 11, 3, 9, 51, 28, 214) },
          { rbacGroupName: 'GroupTwo', score: 37.403726933165366, time: Date.UTC(2019, 11, 3, 9, 51, 28, 214) },
        ],
      },
    });
  });

  it('keeps the group id when the answer has one, as a number or a text', () => {
    const body = {
      value: [
        { time: '2026-11-28T10:00:00Z', score: 12, rbacGroupName: 'Servers', rbacGroupId: 4711 },
        { time: '2026-11-28T11:00:00Z', score: 80, rbacGroupName: null, rbacGroupId: 'g-2' },
      ],
    };
    const result = parseMachineGroupsBody(body, NOW);
    expect(result).toEqual({
      ok: true,
      value: {
        time: Date.UTC(2026, 10, 28, 11),
        groups: [
          { rbacGroupId: 4711, rbacGroupName: 'Servers', score: 12, time: Date.UTC(2026, 10, 28, 10) },
          { rbacGroupId: 'g-2', rbacGroupName: '', score: 80, time: Date.UTC(2026, 10, 28, 11) },
        ],
      },
    });
    if (result.ok) expect(result.value.groups.map(groupSeries)).toEqual(['group-id:4711', 'group-id:g-2']);
  });

  it('dates an empty list by the time the answer arrived', () => {
    expect(parseMachineGroupsBody({ value: [] }, NOW)).toEqual({ ok: true, value: { time: NOW, groups: [] } });
  });

  it.each([
    ['a group with neither name nor id', [{ time: '2026-11-28T10:00:00Z', score: 1 }], 'item 1 has neither'],
    ['a score above 100', [{ time: '2026-11-28T10:00:00Z', score: 101, rbacGroupName: 'A' }], 'item 1 ("A") has a "score" above 100'],
    ['an id that is a fraction', [{ time: '2026-11-28T10:00:00Z', score: 1, rbacGroupName: 'A', rbacGroupId: 1.5 }], '"rbacGroupId"'],
    [
      'two groups under one name',
      [
        { time: '2026-11-28T10:00:00Z', score: 1, rbacGroupName: 'A' },
        { time: '2026-11-28T10:00:00Z', score: 2, rbacGroupName: 'A' },
      ],
      'item 2 ("A") repeats',
    ],
    ['a bad time in the second group', [{ time: '2026-11-28T10:00:00Z', score: 1, rbacGroupName: 'A' }, { time: 'later', score: 1, rbacGroupName: 'B' }], 'item 2 ("B")'],
  ])('refuses %s, naming the item', (_what, value, words) => {
    const result = parseMachineGroupsBody({ value }, NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(words);
  });

  it('refuses an answer with no list', () => {
    expect(parseMachineGroupsBody({ groups: [] }, NOW)).toMatchObject({ ok: false, error: expect.stringContaining('"value"') });
  });

  it('accepts every well-formed list and keeps each group apart', () => {
    const group = fc.record({
      rbacGroupName: fc.string({ minLength: 1, maxLength: 20 }),
      score: fc.double({ min: 0, max: 100, noNaN: true }),
      time: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(group, { selector: (g) => g.rbacGroupName, maxLength: 30 }), (groups) => {
        const body = { value: groups.map((g) => ({ ...g, time: new Date(g.time).toISOString() })) };
        const result = parseMachineGroupsBody(body, NOW);
        expect(result).toEqual({
          ok: true,
          value: { time: groups.length ? Math.max(...groups.map((g) => g.time)) : NOW, groups: groups.map((g) => ({ rbacGroupName: g.rbacGroupName, score: g.score, time: g.time })) },
        });
      }),
    );
  });
});

const ENDPOINTS: [string, (c: DefenderCall) => Promise<{ ok: boolean }>][] = [
  ['configurationScore', getConfigurationScore],
  ['exposureScore', getExposureScore],
  ['exposureScore/ByMachineGroups', getExposureByMachineGroups],
  ['recommendations', getRecommendations],
];

describe.each(ENDPOINTS)('%s names each failure as the score does', (_name, get) => {
  it.each([
    [401, 'error.401.no-license.json', { kind: 'unauthorized', detail: { code: 'Unauthorized' } }],
    [403, 'error.403.missing-role.json', { kind: 'forbidden', detail: { code: 'Forbidden' } }],
    [404, undefined, { kind: 'not-found' }],
    [500, undefined, { kind: 'server', status: 500 }],
    [503, undefined, { kind: 'server', status: 503 }],
  ])('HTTP %i', async (status, body, failure) => {
    const result = await get(call(answer(body ? fixture(body) : '<html></html>', status)));
    expect(result).toMatchObject({ ok: false, error: failure });
  });

  it('429 with its Retry-After', async () => {
    const result = await get(call(answer(fixture('error.429.json'), 429, { 'Retry-After': '40' })));
    expect(result).toMatchObject({ ok: false, error: { kind: 'throttled', retryAt: NOW + 40_000 } });
  });

  it('a timeout, offline, an unreachable host and a body that is not JSON', async () => {
    expect(await get(call(hang, { timeoutMs: 10 }))).toEqual({ ok: false, error: { kind: 'timeout', host: 'api.security.microsoft.com', afterMs: 10 } });
    expect(await get(call(answer('{}'), { isOnline: () => false }))).toEqual({ ok: false, error: { kind: 'offline' } });
    expect(await get(call(async () => Promise.reject(new TypeError('Failed to fetch'))))).toEqual({
      ok: false,
      error: { kind: 'unreachable', host: 'api.security.microsoft.com' },
    });
    expect(await get(call(answer('{"value": [')))).toMatchObject({ ok: false, error: { kind: 'invalid-response' } });
  });
});
