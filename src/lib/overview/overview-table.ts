import type { OverviewRow, TenantState } from './overview-rows';

export type SortKey = 'name' | 'score' | 'change7' | 'change30' | 'exposure' | 'secureScore' | 'lastRead' | 'state';
export type SortDirection = 'ascending' | 'descending';
/** Which tenants to list: all, or those that need something done. */
export type StateFilter = 'all' | 'attention' | TenantState['kind'];

export interface TableView {
  sort: SortKey;
  direction: SortDirection;
  /** Text a tenant's name or id must contain (any case). */
  text: string;
  state: StateFilter;
}

/** How urgent a state is, for sorting by state: the ones that need something done first. */
const STATE_ORDER: Record<TenantState['kind'], number> = { failed: 0, 'needs-sign-in': 1, throttled: 2, 'up-to-date': 3 };

/** The numbers the numeric columns sort by; a row may have none. */
const NUMBER: Partial<Record<SortKey, (row: OverviewRow) => number | undefined>> = {
  score: (row) => row.score,
  change7: (row) => row.change7,
  change30: (row) => row.change30,
  exposure: (row) => row.exposure?.score,
  // By percentage: each tenant's maximum differs with its licences.
  secureScore: (row) => row.secureScore?.percent,
  lastRead: (row) => row.lastRead,
};

const byName = (a: OverviewRow, b: OverviewRow) => a.label.localeCompare(b.label, undefined, { sensitivity: 'base' });

function compare(key: SortKey, a: OverviewRow, b: OverviewRow): number {
  if (key === 'name') return byName(a, b);
  if (key === 'state') return STATE_ORDER[a.state.kind] - STATE_ORDER[b.state.kind];
  return (NUMBER[key]!(a) ?? 0) - (NUMBER[key]!(b) ?? 0);
}

/**
 * The rows to show: filtered, then sorted by the chosen column (rows without a value last in either
 * direction, then by name, so the order is stable).
 */
export function tableRows(rows: readonly OverviewRow[], view: TableView): OverviewRow[] {
  const text = view.text.trim().toLowerCase();
  const shown = rows.filter((row) => matchesState(row, view.state) && (!text || row.label.toLowerCase().includes(text) || row.tenantId.includes(text)));
  const sign = view.direction === 'ascending' ? 1 : -1;
  return shown.sort((a, b) => {
    const value = NUMBER[view.sort];
    const missing = value ? Number(value(a) === undefined) - Number(value(b) === undefined) : 0;
    return missing || sign * compare(view.sort, a, b) || byName(a, b) || a.tenantId.localeCompare(b.tenantId);
  });
}

function matchesState(row: OverviewRow, filter: StateFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'attention') return row.state.kind !== 'up-to-date';
  return row.state.kind === filter;
}

/** The portfolio at a glance: the average latest score and the biggest moves of the last 7 days. */
export interface Portfolio {
  tenants: number;
  average: number | undefined;
  /** Change of the average over 7 days, from the tenants with a score then. */
  averageChange7: number | undefined;
  rises: OverviewRow[];
  falls: OverviewRow[];
}

export function portfolio(rows: readonly OverviewRow[], movers = 3): Portfolio {
  const scored = rows.filter((row) => row.score !== undefined);
  const average = mean(scored.map((row) => row.score!));
  const withChange = scored.filter((row) => row.change7 !== undefined);
  const averageChange7 = mean(withChange.map((row) => row.change7!));
  const byChange = [...withChange].sort((a, b) => b.change7! - a.change7! || byName(a, b));
  return {
    tenants: rows.length,
    average: average === undefined ? undefined : Math.round(average * 10) / 10,
    averageChange7: averageChange7 === undefined ? undefined : Math.round(averageChange7 * 10) / 10,
    rises: byChange.filter((row) => row.change7! > 0).slice(0, movers),
    falls: byChange.filter((row) => row.change7! < 0).reverse().slice(0, movers),
  };
}

function mean(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : values.reduce((sum, value) => sum + value, 0) / values.length;
}
