// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import GroupTable from '../../src/lib/ui/GroupTable.svelte';
import type { SeriesId, SeriesName } from '../../src/lib/history/series';
import type { SeriesRun } from '../../src/lib/history/series-store';
import { groupOverview, runsBySeries, seriesRangeStart } from '../../src/lib/history/series-summary';
import { formatDay } from '../../src/lib/ui/format';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 28, 12);
const run = (series: SeriesId, days: number, score: number): SeriesRun => ({ tenantId: 't', series, firstSeen: NOW - days * DAY, lastSeen: NOW - days * DAY, score });
const named = (series: SeriesId, days: number, name: string): SeriesName => ({ tenantId: 't', series, time: NOW - days * DAY, name });

const runs = runsBySeries([
  run('group-id:1', 20, 60),
  run('group-id:1', 0, 41.38),
  run('group-id:2', 20, 20),
  run('group-id:2', 0, 27.4),
  run('group-id:3', 20, 75),
  run('group-id:3', 2, 80),
  run('group-name:Lab', 0, 35),
]);
const names = [named('group-id:1', 20, 'Servers'), named('group-id:1', 5, 'Datacenter'), named('group-id:2', 20, 'Workstations'), named('group-id:3', 20, 'Kiosks'), named('group-id:9', 200, 'Retired')];
const overview = groupOverview(runs, names, '30d', NOW);
const props = { overview, chosen: undefined, onchoose: () => {}, rangeStart: seriesRangeStart('30d', NOW), rangeLabel: '30 days', empty: 'No device group reading yet — Refresh to take one.', now: NOW };
const bodyRows = () => screen.getAllByRole('row').slice(1);
/** The groups' names, as the rows list them (a row's header starts with the name; former names and words follow). */
const firstCells = () => bodyRows().map((row) => within(row).getByRole('rowheader').firstElementChild?.textContent);

describe('GroupTable', () => {
  it('lists each group with its exposure now and its level in words, its change and its trend, the most exposed first', () => {
    render(GroupTable, props);
    expect(screen.getByRole('heading', { name: 'Device groups' })).toBeInTheDocument();
    const [kiosks, datacenter, lab, workstations] = bodyRows();
    expect(firstCells()).toEqual(['Kiosks', 'Datacenter', 'Lab', 'Workstations']);
    expect(screen.getAllByRole('columnheader').map((cell) => cell.textContent?.trim())).toEqual(['Group', 'Exposure now▼', 'Change', 'Trend', 'Chart']);
    const cells = within(datacenter!).getAllByRole('cell');
    expect(cells[0]).toHaveTextContent('41.38 Medium');
    expect(cells[1]).toHaveTextContent('down 18.62, better');
    expect(within(cells[2]!).getByRole('img')).toHaveAccessibleName('From 60 to 41.38 over the last 30 days; lowest 41.38, highest 60.');
    expect(within(kiosks!).getAllByRole('cell')[0]).toHaveTextContent('80 High');
    expect(within(workstations!).getAllByRole('cell')[1]).toHaveTextContent('up 7.4, worse');
    expect(within(lab!).getAllByRole('cell')[1]).toHaveTextContent('no change');
  });

  it('says a group’s former names, and that a group gone from the latest read keeps its history', () => {
    render(GroupTable, props);
    const [kiosks, datacenter] = bodyRows();
    expect(within(datacenter!).getByRole('rowheader')).toHaveTextContent(`formerly Servers (until ${formatDay(NOW - 5 * DAY, NOW)})`);
    expect(within(kiosks!).getByRole('rowheader')).toHaveTextContent('removed — history kept');
    expect(within(datacenter!).getByRole('rowheader')).not.toHaveTextContent('removed');
  });

  it('says that a group known by name starts a new row when renamed, and names groups without readings in the range', () => {
    render(GroupTable, props);
    expect(screen.getByTestId('groups-keyed-by-name')).toHaveTextContent('a renamed group starts a new row');
    expect(screen.getByTestId('groups-out-of-range')).toHaveTextContent('No reading in the last 30 days for Retired');
  });

  it('sorts by a column header, with aria-sort saying which way, from the keyboard too', async () => {
    render(GroupTable, props);
    const header = screen.getByRole('columnheader', { name: /Group/ });
    expect(header).toHaveAttribute('aria-sort', 'none');
    expect(screen.getByRole('columnheader', { name: /Exposure now/ })).toHaveAttribute('aria-sort', 'descending');
    await fireEvent.click(within(header).getByRole('button', { name: 'Group' }));
    expect(header).toHaveAttribute('aria-sort', 'ascending');
    expect(firstCells()).toEqual(['Datacenter', 'Kiosks', 'Lab', 'Workstations']);
    await fireEvent.click(within(screen.getByRole('columnheader', { name: /Change/ })).getByRole('button'));
    expect(firstCells()).toEqual(['Workstations', 'Kiosks', 'Lab', 'Datacenter']);
  });

  it('offers a Chart button per group that says whether the group is charted', async () => {
    const onchoose = vi.fn();
    const { rerender } = render(GroupTable, { ...props, onchoose });
    const button = screen.getByRole('button', { name: 'Chart Datacenter' });
    expect(button).toHaveAttribute('aria-pressed', 'false');
    await fireEvent.click(button);
    expect(onchoose).toHaveBeenLastCalledWith('group-id:1');
    await rerender({ ...props, onchoose, chosen: 'group-id:1' });
    expect(screen.getByRole('button', { name: 'Chart Datacenter' })).toHaveAttribute('aria-pressed', 'true');
    await fireEvent.click(screen.getByRole('button', { name: 'Chart Datacenter' }));
    expect(onchoose).toHaveBeenLastCalledWith(undefined);
  });

  it('says what is missing when no group has a reading', () => {
    render(GroupTable, { ...props, overview: groupOverview(new Map(), [], '30d', NOW) });
    expect(screen.getByText('No device group reading yet — Refresh to take one.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByTestId('groups-keyed-by-name')).not.toBeInTheDocument();
  });
});
