import type { GroupSummary } from '../history/series-summary';

/** The columns the device groups table sorts by. */
export type GroupSortKey = 'name' | 'exposure' | 'change';

export interface GroupSort {
  key: GroupSortKey;
  descending: boolean;
}

/** The order a table opens in: the most exposed group first. */
export const DEFAULT_GROUP_SORT: GroupSort = { key: 'exposure', descending: true };

/** What a click on a column's header does: the other direction of the same column, or a new column in its natural direction. */
export function nextGroupSort(current: GroupSort, key: GroupSortKey): GroupSort {
  if (current.key === key) return { key, descending: !current.descending };
  // Names read A to Z; numbers open with the largest (most exposed, most worsened) first.
  return { key, descending: key !== 'name' };
}

/** The groups in a table's order; ties (and equal names) keep a fixed order by name, then series. */
export function sortGroups(groups: readonly GroupSummary[], { key, descending }: GroupSort): GroupSummary[] {
  const value = (group: GroupSummary) => (key === 'exposure' ? group.latest.score : group.stats.change);
  const byName = (a: GroupSummary, b: GroupSummary) => a.name.localeCompare(b.name) || (a.series < b.series ? -1 : a.series > b.series ? 1 : 0);
  const sign = descending ? -1 : 1;
  return [...groups].sort((a, b) => (key === 'name' ? sign * byName(a, b) : sign * (value(a) - value(b)) || byName(a, b)));
}

/** The value of aria-sort for a column's header. */
export function ariaSort(current: GroupSort, key: GroupSortKey): 'ascending' | 'descending' | 'none' {
  if (current.key !== key) return 'none';
  return current.descending ? 'descending' : 'ascending';
}
