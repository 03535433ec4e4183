// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import ExposureTrend from '../../src/lib/ui/ExposureTrend.svelte';
import type { SeriesRun } from '../../src/lib/history/series-store';
import { runsBySeries } from '../../src/lib/history/series-summary';
import type { ValueScale } from '../../src/lib/ui/chart/trend-chart';
import type { StepPoint } from '../../src/lib/ui/chart/step-points';
import { formatDateTime } from '../../src/lib/ui/format';

// Chart.js needs a canvas jsdom does not draw: the chart module is replaced by one that records what it was asked.
const charts = vi.hoisted(() => ({ created: [] as { points: readonly StepPoint[]; scale: ValueScale | undefined; destroyed: boolean }[] }));
vi.mock('../../src/lib/ui/chart/trend-chart', () => ({
  createTrendChart: (_canvas: HTMLCanvasElement, points: readonly StepPoint[], _colours: unknown, scale?: ValueScale) => {
    const chart = { points, scale, destroyed: false };
    charts.created.push(chart);
    return {
      update: (next: readonly StepPoint[]) => (chart.points = next),
      toPng: async () => undefined,
      destroy: () => (chart.destroyed = true),
    };
  },
}));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 28, 12);
const run = (firstSeen: number, lastSeen: number, score: number): SeriesRun => ({ tenantId: 't', series: 'exposure', firstSeen, lastSeen, score });
const runs = runsBySeries([run(NOW - 10 * DAY, NOW - 9 * DAY, 52.5), run(NOW - 9 * DAY + HOUR, NOW - 4 * DAY, 40), run(NOW - DAY, NOW, 33.49)]).get('exposure')!;
const props = { heading: 'Exposure trend', label: 'Exposure score', runs, rangeStart: NOW - 30 * DAY, now: NOW, empty: 'No exposure reading yet — Refresh to take one.' };

beforeEach(() => {
  charts.created.length = 0;
  // jsdom has no media queries: the page is light and stays so.
  vi.stubGlobal('matchMedia', () => ({ matches: false, addEventListener: () => {}, removeEventListener: () => {} }));
});

describe('ExposureTrend', () => {
  it('draws the series on a 0–100 axis of its own, never the points axis', async () => {
    render(ExposureTrend, props);
    await waitFor(() => expect(charts.created).toHaveLength(1));
    const [chart] = charts.created;
    expect(chart!.scale).toMatchObject({ label: 'Exposure score', min: 0, max: 100, axisTitle: 'Exposure (lower is better)' });
    expect(chart!.points.filter((point) => point.kind === 'start').map((point) => point.y)).toEqual([52.5, 40, 33.49]);
  });

  it('describes the chart in words and says where every change is listed', () => {
    render(ExposureTrend, props);
    const image = screen.getByRole('img');
    expect(image).toHaveAccessibleName(
      `Exposure score, 0 to 100, lower is better. 2 changes from ${formatDateTime(NOW - 10 * DAY)} (52.5) to ${formatDateTime(NOW)} (33.49). The line breaks once where nothing was checked. Every change is listed in the table below.`,
    );
  });

  it('offers a table of every change, newest first, with its level and its change in words', () => {
    render(ExposureTrend, props);
    expect(screen.getByText('Changes as a table')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: /Exposure score: each change, newest first/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    const newest = within(rows[0]!).getAllByRole('cell');
    expect(newest[2]).toHaveTextContent('33.49 Medium');
    expect(newest[3]).toHaveTextContent('down 6.51, better');
    expect(newest[0]).toHaveTextContent('after 3 days unchecked');
    expect(within(rows[2]!).getAllByRole('cell')[3]).toHaveTextContent('first reading');
  });

  it('shows more rows on request', async () => {
    const many = runsBySeries(Array.from({ length: 25 }, (_, index) => run(NOW - (25 - index) * HOUR, NOW - (25 - index) * HOUR, 30 + index))).get('exposure')!;
    render(ExposureTrend, { ...props, runs: many });
    const table = screen.getByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(21);
    expect(screen.getByText('Showing 20 of 25')).toBeInTheDocument();
    screen.getByRole('button', { name: 'Show more' }).click();
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(26));
    expect(screen.queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument();
  });

  it('says what is missing instead of an empty chart, and lets its chart go', async () => {
    const { rerender } = render(ExposureTrend, props);
    await waitFor(() => expect(charts.created).toHaveLength(1));
    await rerender({ ...props, runs: [] });
    expect(screen.getByText('No exposure reading yet — Refresh to take one.')).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(charts.created[0]!.destroyed).toBe(true);
  });
});
