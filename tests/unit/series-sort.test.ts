import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { SeriesRun } from '../../src/lib/history/series-store';
import { groupOverview, runsBySeries, type GroupSummary } from '../../src/lib/history/series-summary';
import { ariaSort, DEFAULT_GROUP_SORT, nextGroupSort, sortGroups, type GroupSort } from '../../src/lib/ui/series-sort';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 28, 12);

/** Groups named by their id, each read at `start` and then at `now` with these values. */
function groups(values: readonly { name: string; start: number; now: number }[]): GroupSummary[] {
  const runs: SeriesRun[] = values.flatMap(({ start, now }, index) => [
    { tenantId: 't', series: `group-id:${index}`, firstSeen: NOW - 2 * HOUR, lastSeen: NOW - 2 * HOUR, score: start },
    { tenantId: 't', series: `group-id:${index}`, firstSeen: NOW - HOUR, lastSeen: NOW - HOUR, score: now },
  ]);
  const names = values.map(({ name }, index) => ({ tenantId: 't', series: `group-id:${index}` as const, time: 0, name }));
  return groupOverview(runsBySeries(runs), names, 'all', NOW).groups;
}

const sample = groups([
  { name: 'Servers', start: 40, now: 45 },
  { name: 'Laptops', start: 60, now: 30 },
  { name: 'Kiosks', start: 45, now: 45 },
]);
const names = (sorted: readonly GroupSummary[]) => sorted.map((group) => group.name);

describe('sortGroups', () => {
  it('opens with the most exposed group first; equal values keep name order', () => {
    expect(names(sortGroups(sample, DEFAULT_GROUP_SORT))).toEqual(['Kiosks', 'Servers', 'Laptops']);
  });

  it('sorts by name and by change over the range, either way', () => {
    expect(names(sortGroups(sample, { key: 'name', descending: false }))).toEqual(['Kiosks', 'Laptops', 'Servers']);
    expect(names(sortGroups(sample, { key: 'name', descending: true }))).toEqual(['Servers', 'Laptops', 'Kiosks']);
    expect(names(sortGroups(sample, { key: 'change', descending: true }))).toEqual(['Servers', 'Kiosks', 'Laptops']);
    expect(names(sortGroups(sample, { key: 'change', descending: false }))).toEqual(['Laptops', 'Kiosks', 'Servers']);
  });

  it('for any groups, gives the same groups in the order of the chosen column', () => {
    const value = fc.integer({ min: 0, max: 100 });
    const sort = fc.record({ key: fc.constantFrom('name' as const, 'exposure' as const, 'change' as const), descending: fc.boolean() });
    fc.assert(
      fc.property(fc.array(fc.record({ name: fc.constantFrom('A', 'B', 'C', 'D'), start: value, now: value }), { maxLength: 12 }), sort, (values, chosen: GroupSort) => {
        const all = groups(values);
        const sorted = sortGroups(all, chosen);
        expect([...sorted].map((g) => g.series).sort()).toEqual(all.map((g) => g.series).sort());
        const key = (group: GroupSummary) => (chosen.key === 'exposure' ? group.latest.score : chosen.key === 'change' ? group.stats.change : 0);
        for (let index = 1; index < sorted.length; index += 1) {
          const [a, b] = [sorted[index - 1]!, sorted[index]!];
          if (chosen.key === 'name') expect(a.name.localeCompare(b.name) * (chosen.descending ? -1 : 1)).toBeLessThanOrEqual(0);
          else expect((key(a) - key(b)) * (chosen.descending ? -1 : 1)).toBeLessThanOrEqual(0);
        }
      }),
    );
  });
});

describe('nextGroupSort and ariaSort', () => {
  it('turns a column around on a second click, and opens a new column in its natural direction', () => {
    expect(nextGroupSort({ key: 'exposure', descending: true }, 'exposure')).toEqual({ key: 'exposure', descending: false });
    expect(nextGroupSort({ key: 'exposure', descending: true }, 'name')).toEqual({ key: 'name', descending: false });
    expect(nextGroupSort({ key: 'name', descending: false }, 'change')).toEqual({ key: 'change', descending: true });
  });

  it('tells assistive technology which column sorts, and which way', () => {
    expect(ariaSort({ key: 'name', descending: false }, 'name')).toBe('ascending');
    expect(ariaSort({ key: 'name', descending: true }, 'name')).toBe('descending');
    expect(ariaSort({ key: 'name', descending: true }, 'change')).toBe('none');
  });
});
