import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RANGES, rangeStartTime } from '../../src/lib/history/ranges';
import type { SeriesId, SeriesName } from '../../src/lib/history/series';
import type { SeriesRun } from '../../src/lib/history/series-store';
import { groupOverview, runsBySeries, seriesClock, seriesRangeStart, summarizeSeries } from '../../src/lib/history/series-summary';

const TENANT = 'aaaaaaaa-0000-4000-8000-000000000001';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 28, 12, 40);
const CLOCK = Date.UTC(2026, 10, 28, 12);

const run = (series: SeriesId, firstSeen: number, lastSeen: number, score: number): SeriesRun => ({ tenantId: TENANT, series, firstSeen, lastSeen, score });
const named = (series: SeriesId, time: number, name: string): SeriesName => ({ tenantId: TENANT, series, time, name });

describe('seriesClock and seriesRangeStart', () => {
  it('measure a range to the hour, so that it moves hourly', () => {
    expect(seriesClock(NOW)).toBe(CLOCK);
    expect(seriesRangeStart('7d', NOW)).toBe(CLOCK - 7 * DAY);
    expect(seriesRangeStart('all', NOW)).toBeUndefined();
  });

  it('start at most an hour before the exact range start, never after it, and never move back as time passes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * DAY }), fc.integer({ min: 0, max: 5 * HOUR }), fc.constantFrom(...RANGES), (offset, later, range) => {
        const now = Date.UTC(2026, 0, 1) + offset;
        const start = seriesRangeStart(range, now);
        const exact = rangeStartTime(range, now);
        if (start === undefined || exact === undefined) {
          expect(start).toBe(exact);
        } else {
          expect(start).toBeLessThanOrEqual(exact);
          expect(exact - start).toBeLessThan(HOUR);
          expect(seriesRangeStart(range, now + later)!).toBeGreaterThanOrEqual(start);
        }
      }),
    );
  });
});

describe('runsBySeries', () => {
  it('splits the runs by series and shows each as a history: changes, gaps, held until', () => {
    const runs = runsBySeries([
      run('exposure', 0, DAY, 40),
      run('group-id:1', 0, 0, 30),
      run('exposure', DAY + HOUR, 2 * DAY, 35),
      run('exposure', 5 * DAY, 5 * DAY, 35),
    ]);
    expect([...runs.keys()]).toEqual(['exposure', 'group-id:1']);
    const exposure = runs.get('exposure')!;
    expect(exposure.map(({ score, change, afterGap }) => ({ score, change, afterGap }))).toEqual([
      { score: 40, change: undefined, afterGap: false },
      { score: 35, change: -5, afterGap: false },
      { score: 35, change: 0, afterGap: true },
    ]);
    expect(exposure[0]!.heldUntil).toBe(DAY + HOUR);
    expect(runs.get('group-id:1')).toHaveLength(1);
  });
});

describe('summarizeSeries', () => {
  it('gives the value now, its band, and its change over the range from the value held at its start', () => {
    const runs = runsBySeries([run('exposure', NOW - 40 * DAY, NOW - 20 * DAY, 72), run('exposure', NOW - 20 * DAY + HOUR, NOW - 10 * DAY, 55), run('exposure', NOW - 10 * DAY + HOUR, NOW - HOUR, 28.5)]).get('exposure')!;
    const month = summarizeSeries(runs, '30d', NOW)!;
    expect(month.latest.score).toBe(28.5);
    expect(month.level).toBe('low');
    expect(month.stats.change).toBe(28.5 - 72);
    expect(month.inRange.map((r) => r.score)).toEqual([72, 55, 28.5]);
    expect(month.changeSince).toBe(CLOCK - 30 * DAY);

    const week = summarizeSeries(runs, '7d', NOW)!;
    expect(week.inRange.map((r) => r.score)).toEqual([28.5]);
    expect(week.stats.change).toBe(0);
    expect(week.stats.count).toBe(1);
  });

  it('measures the change from the first reading when the series began inside the range', () => {
    const runs = runsBySeries([run('exposure', NOW - 3 * DAY, NOW - 2 * DAY, 50), run('exposure', NOW - 2 * DAY + HOUR, NOW, 61)]).get('exposure')!;
    const summary = summarizeSeries(runs, '30d', NOW)!;
    expect(summary.changeSince).toBe(NOW - 3 * DAY);
    expect(summary.stats.change).toBe(11);
    expect(summary.level).toBe('medium');
  });

  it('is undefined when no run holds some of the range', () => {
    expect(summarizeSeries([], 'all', NOW)).toBeUndefined();
    const old = runsBySeries([run('exposure', NOW - 40 * DAY, NOW - 39 * DAY, 72)]).get('exposure')!;
    expect(summarizeSeries(old, '7d', NOW)).toBeUndefined();
    expect(summarizeSeries(old, 'all', NOW)?.latest.score).toBe(72);
  });
});

describe('groupOverview', () => {
  const t = (days: number) => NOW - days * DAY;

  it('names each group as it was last called, with its former names, newest first and each once', () => {
    const runs = runsBySeries([run('group-id:7', t(20), t(0), 41)]);
    const names = [named('group-id:7', t(20), 'Servers'), named('group-id:7', t(10), 'DC servers'), named('group-id:7', t(5), 'Servers'), named('group-id:7', t(2), 'Datacenter')];
    const [group] = groupOverview(runs, names, '30d', NOW).groups;
    expect(group!.name).toBe('Datacenter');
    expect(group!.keyedBy).toBe('id');
    expect(group!.formerNames).toEqual([
      { name: 'Servers', until: t(2) },
      { name: 'DC servers', until: t(5) },
    ]);
  });

  it('says which groups were not in the latest read: removed, with their history kept', () => {
    const runs = runsBySeries([
      run('exposure', t(3), t(0), 40),
      run('group-id:1', t(3), t(0), 30),
      run('group-id:2', t(3), t(1), 50),
      run('group-name:Lab', t(3), t(0), 70),
    ]);
    const overview = groupOverview(runs, [named('group-id:1', t(3), 'Servers'), named('group-id:2', t(3), 'Laptops')], '30d', NOW);
    expect(overview.latestRead).toBe(t(0));
    expect(overview.groups.map(({ name, removed, keyedBy, level }) => ({ name, removed, keyedBy, level }))).toEqual([
      { name: 'Lab', removed: false, keyedBy: 'name', level: 'high' },
      { name: 'Laptops', removed: true, keyedBy: 'id', level: 'medium' },
      { name: 'Servers', removed: false, keyedBy: 'id', level: 'medium' },
    ]);
    expect(overview.anyKeyedByName).toBe(true);
  });

  it('lists groups known by name but without a reading in the range apart, and never takes the exposure score for a group', () => {
    const runs = runsBySeries([run('exposure', t(1), t(0), 40), run('group-id:1', t(1), t(0), 30)]);
    const names = [named('group-id:1', t(100), 'Servers'), named('group-id:9', t(100), 'Retired')];
    const overview = groupOverview(runs, names, '7d', NOW);
    expect(overview.groups.map((g) => g.series)).toEqual(['group-id:1']);
    expect(overview.outOfRange).toEqual([{ series: 'group-id:9', name: 'Retired' }]);
    expect(overview.anyKeyedByName).toBe(false);
  });

  it('names a group from its series when no name was kept for it', () => {
    const runs = runsBySeries([run('group-id:42', t(1), t(0), 30), run('group-name:Kiosks', t(1), t(0), 20)]);
    expect(groupOverview(runs, [], 'all', NOW).groups.map((g) => g.name)).toEqual(['Group 42', 'Kiosks']);
  });

  it('is empty without groups', () => {
    expect(groupOverview(new Map(), [], '30d', NOW)).toEqual({ groups: [], outOfRange: [], latestRead: undefined, anyKeyedByName: false });
  });

  it('for any groups: each is in the table or apart, once; removed exactly when its last reading is older than the latest read', () => {
    const groupRuns = fc.array(
      fc.record({ id: fc.integer({ min: 1, max: 6 }), day: fc.integer({ min: 0, max: 60 }), score: fc.integer({ min: 0, max: 100 }) }),
      { maxLength: 40 },
    );
    const groupNames = fc.array(fc.record({ id: fc.integer({ min: 1, max: 8 }), day: fc.integer({ min: 0, max: 90 }), name: fc.constantFrom('A', 'B', 'C') }), { maxLength: 20 });
    fc.assert(
      fc.property(groupRuns, groupNames, fc.constantFrom(...RANGES), (readings, dated, range) => {
        const stored = readings.map(({ id, day, score }) => run(`group-id:${id}`, t(day), t(day), score));
        const runs = runsBySeries(stored);
        const overview = groupOverview(runs, dated.map(({ id, day, name }) => named(`group-id:${id}`, t(day), name)), range, NOW);
        const known = new Set([...readings.map((r) => `group-id:${r.id}`), ...dated.map((d) => `group-id:${d.id}`)]);
        const listed = [...overview.groups.map((g) => g.series), ...overview.outOfRange.map((g) => g.series)];
        expect(listed.sort()).toEqual([...known].sort());
        const latest = Math.max(...stored.map((r) => r.lastSeen));
        for (const group of overview.groups) {
          expect(group.removed).toBe(group.latest.lastSeen < latest);
          expect(group.stats.change).toBeCloseTo(group.latest.score - group.inRange[0]!.score, 9);
          expect(group.formerNames.map((f) => f.name)).not.toContain(group.name);
        }
      }),
      { numRuns: 200 },
    );
  });
});
