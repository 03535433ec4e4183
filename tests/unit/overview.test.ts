import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { summarize, type TenantSummary } from '../../src/lib/history/tenant-summary';
import type { Run } from '../../src/lib/history/run';
import { overviewRow, tenantState, type OverviewRow, type TenantStatus } from '../../src/lib/overview/overview-rows';
import { portfolio, tableRows, type SortKey, type TableView } from '../../src/lib/overview/overview-table';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 29, 12);
const signedIn: TenantStatus = { label: 'contoso.example', signedIn: true, throttledUntil: undefined, failure: undefined, signInNeeded: false };

const run = (tenantId: string, fromDaysAgo: number, toDaysAgo: number, score: number): Run => ({ tenantId, firstSeen: NOW - fromDaysAgo * DAY, lastSeen: NOW - toDaysAgo * DAY, score });

function row(tenantId: string, label: string, runs: Run[], status: Partial<TenantStatus> = {}, exposure?: number): OverviewRow {
  const exposureRuns = exposure === undefined ? [] : [run(tenantId, 1, 0, exposure)];
  return overviewRow(summarize(tenantId, runs, exposureRuns, NOW), { ...signedIn, label, ...status }, NOW);
}

describe('overview rows', () => {
  it('gives the latest score, its change over 7 and 30 days relative to now, exposure and the last read', () => {
    const r = row('a', 'Contoso', [run('a', 60, 31, 280), run('a', 31, 8, 290), run('a', 8, 2, 300), run('a', 2, 0.5, 305)], {}, 72);
    expect(r).toMatchObject({ score: 305, change7: 5, change30: 15, lastRead: NOW - 0, exposure: { score: 72, level: 'high' }, state: { kind: 'up-to-date' } });
    expect(r.trend[0]).toEqual({ time: NOW - 30 * DAY, score: 290 });
    expect(r.trend.at(-1)).toEqual({ time: NOW - 2 * DAY, score: 305 });
  });

  it('has no change over a span the history does not reach back to', () => {
    expect(row('a', 'New', [run('a', 3, 0, 300)])).toMatchObject({ change7: undefined, change30: undefined, score: 300 });
  });

  it('the same summary a week later compares with the score a week later', () => {
    const summary: TenantSummary = summarize('a', [run('a', 20, 3, 300), run('a', 3, 0, 320)], [], NOW);
    expect(overviewRow(summary, signedIn, NOW).change7).toBe(20);
    expect(overviewRow(summary, signedIn, NOW + 5 * DAY).change7).toBe(0);
  });

  it('gives Microsoft Secure Score as points and a percentage of its own maximum, sorted by the percentage; none where not tracked', () => {
    const day = (currentScore: number, maxScore: number) => ({ tenantId: 'x', day: '2026-11-28', time: NOW - DAY, currentScore, maxScore, allTenantsAverage: null, similarSizeAverage: null, categories: { Identity: 0, Data: 0, Device: 0, Apps: 0, Infrastructure: 0 } });
    const tracked = (id: string, currentScore: number, maxScore: number) => overviewRow(summarize(id, [run(id, 2, 0, 300)], [], NOW, { ...day(currentScore, maxScore), tenantId: id }), { ...signedIn, label: id }, NOW);
    const small = tracked('small', 300, 400);
    const large = tracked('large', 400, 800);
    const untracked = row('none', 'none', [run('none', 2, 0, 300)]);
    expect(small.secureScore).toEqual({ points: 300, maxScore: 400, percent: 75, day: '2026-11-28' });
    expect(untracked.secureScore).toBeUndefined();
    // More points is not a better score when the maximum is larger: 75% comes before 50%.
    const view = { sort: 'secureScore', direction: 'descending', text: '', state: 'all' } as const;
    expect(tableRows([untracked, large, small], view).map((r) => r.tenantId)).toEqual(['small', 'large', 'none']);
    expect(tableRows([untracked, large, small], { ...view, direction: 'ascending' }).map((r) => r.tenantId)).toEqual(['large', 'small', 'none']);
  });

  it('names the state: a Retry-After still running first, then a failure, then a missing sign-in', () => {
    const failure = { source: 'api' as const, failure: { kind: 'server' as const, status: 503, detail: undefined } };
    expect(tenantState({ ...signedIn, throttledUntil: NOW + 1, failure }, NOW)).toEqual({ kind: 'throttled', until: NOW + 1 });
    expect(tenantState({ ...signedIn, throttledUntil: NOW - 1, failure }, NOW)).toEqual({ kind: 'failed', problem: failure });
    expect(tenantState({ ...signedIn, signedIn: false }, NOW)).toEqual({ kind: 'needs-sign-in' });
    expect(tenantState({ ...signedIn, signInNeeded: true }, NOW)).toEqual({ kind: 'needs-sign-in' });
    expect(tenantState(signedIn, NOW)).toEqual({ kind: 'up-to-date' });
  });
});

const rowsArbitrary = fc.uniqueArray(
  fc.record({ id: fc.stringMatching(/^[0-9a-f]{4,8}$/), label: fc.string({ maxLength: 6 }), scores: fc.array(fc.integer({ min: 100, max: 500 }), { minLength: 1, maxLength: 5 }), signedIn: fc.boolean() }),
  { selector: (r) => r.id, maxLength: 12 },
).map((tenants) => tenants.map((t) => row(t.id, t.label, t.scores.map((score, i) => run(t.id, 40 - i * 8, 39 - i * 8, score)), { signedIn: t.signedIn })));

describe('sorting, filtering and the portfolio', () => {
  const view = (partial: Partial<TableView>): TableView => ({ sort: 'name', direction: 'ascending', text: '', state: 'all', ...partial });

  it('sorts by any column in either direction, rows without a value last (property)', () => {
    const keys: SortKey[] = ['name', 'score', 'change7', 'change30', 'exposure', 'secureScore', 'lastRead', 'state'];
    fc.assert(
      fc.property(rowsArbitrary, fc.constantFrom(...keys), fc.constantFrom('ascending' as const, 'descending' as const), (rows, sort, direction) => {
        const sorted = tableRows(rows, view({ sort, direction }));
        expect(sorted).toHaveLength(rows.length);
        const value = (r: OverviewRow) => ({ score: r.score, change7: r.change7, change30: r.change30, exposure: r.exposure?.score, lastRead: r.lastRead })[sort as 'score'];
        if (sort === 'name' || sort === 'state') return;
        const values = sorted.map(value);
        const present = values.filter((v) => v !== undefined) as number[];
        expect(values.slice(present.length).every((v) => v === undefined)).toBe(true);
        const ordered = [...present].sort((a, b) => (direction === 'ascending' ? a - b : b - a));
        expect(present).toEqual(ordered);
      }),
    );
  });

  it('filters by name or id text and by state', () => {
    const rows = [row('a1', 'Contoso', [run('a1', 2, 0, 300)]), row('b2', 'Fabrikam', [run('b2', 2, 0, 200)], { signedIn: false })];
    expect(tableRows(rows, view({ text: 'fab' })).map((r) => r.label)).toEqual(['Fabrikam']);
    expect(tableRows(rows, view({ text: 'a1' })).map((r) => r.label)).toEqual(['Contoso']);
    expect(tableRows(rows, view({ state: 'attention' })).map((r) => r.label)).toEqual(['Fabrikam']);
    expect(tableRows(rows, view({ state: 'up-to-date' })).map((r) => r.label)).toEqual(['Contoso']);
    expect(tableRows(rows, view({ sort: 'score', direction: 'descending' })).map((r) => r.label)).toEqual(['Contoso', 'Fabrikam']);
  });

  it('averages the latest scores and lists the biggest rises and falls of 7 days', () => {
    const rows = [
      row('a', 'Up a lot', [run('a', 10, 5, 300), run('a', 5, 0, 320)]),
      row('b', 'Up a little', [run('b', 10, 5, 300), run('b', 5, 0, 301)]),
      row('c', 'Down', [run('c', 10, 5, 300), run('c', 5, 0, 290)]),
      row('d', 'New', [run('d', 2, 0, 100)]),
    ];
    const figures = portfolio(rows);
    expect(figures.average).toBe(252.8);
    expect(figures.averageChange7).toBe(3.7);
    expect(figures.rises.map((r) => r.label)).toEqual(['Up a lot', 'Up a little']);
    expect(figures.falls.map((r) => r.label)).toEqual(['Down']);
    expect(portfolio([]).average).toBeUndefined();
  });
});
