// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import ExposureSection from '../../src/lib/ui/ExposureSection.svelte';
import { SeriesState } from '../../src/lib/state/series.svelte';
import { MemoryStore } from '../../src/lib/history/memory-store';
import type { SeriesId } from '../../src/lib/history/series';

vi.mock('../../src/lib/ui/chart/trend-chart', () => ({
  createTrendChart: () => ({ update: () => {}, toPng: async () => undefined, destroy: () => {} }),
}));

const TENANT = 'aaaaaaaa-0000-4000-8000-000000000001';
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 28, 12);
const value = (series: SeriesId, days: number, score: number) => ({ tenantId: TENANT, series, time: NOW - days * DAY, score });

beforeEach(() => {
  vi.stubGlobal('matchMedia', () => ({ matches: false, addEventListener: () => {}, removeEventListener: () => {} }));
});

async function seriesWith(readings: ReturnType<typeof value>[], names: { series: SeriesId; name: string }[] = []) {
  const store = new MemoryStore();
  await store.addSeriesReadings(readings, names.map(({ series, name }) => ({ tenantId: TENANT, series, time: NOW - 60 * DAY, name })));
  const series = new SeriesState({ store: () => store, now: () => NOW });
  await series.show({ tenantId: TENANT, range: '30d' });
  return series;
}

describe('ExposureSection', () => {
  it('charts a chosen group below the table, and closing the chart returns focus to its button', async () => {
    const series = await seriesWith(
      [value('exposure', 10, 40), value('exposure', 1, 35), value('group-id:1', 10, 50), value('group-id:1', 1, 45), value('group-id:2', 1, 20)],
      [
        { series: 'group-id:1', name: 'Servers' },
        { series: 'group-id:2', name: 'Kiosks' },
      ],
    );
    render(ExposureSection, { series, now: NOW });
    expect(screen.getByTestId('exposure-score')).toHaveTextContent('35');
    expect(screen.getByRole('heading', { name: 'Exposure trend' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Exposure of Servers' })).not.toBeInTheDocument();

    await fireEvent.click(screen.getByRole('button', { name: 'Chart Servers' }));
    expect(screen.getByRole('heading', { name: 'Exposure of Servers' })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: /Exposure of Servers: each change/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Chart Servers' })).toHaveAttribute('aria-pressed', 'true');

    await fireEvent.click(screen.getByRole('button', { name: 'Close the chart of Servers' }));
    expect(screen.queryByRole('heading', { name: 'Exposure of Servers' })).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Chart Servers' })).toHaveFocus());
  });

  it('says in words that nothing was read yet, everywhere a value would be', async () => {
    const series = new SeriesState({ store: () => new MemoryStore(), now: () => NOW });
    await series.show({ tenantId: TENANT, range: 'all' });
    render(ExposureSection, { series, now: NOW });
    expect(screen.getAllByText('No exposure reading yet — Refresh to take one.')).toHaveLength(2);
    expect(screen.getByText('No device group reading yet — Refresh to take one.')).toBeInTheDocument();
  });

  it('says when the chosen group has no reading in a shorter range', async () => {
    const series = await seriesWith([value('exposure', 1, 35), value('group-id:1', 20, 45), value('group-id:1', 1, 45), value('group-id:2', 20, 60)], [
      { series: 'group-id:1', name: 'Servers' },
      { series: 'group-id:2', name: 'Old lab' },
    ]);
    series.choose('group-id:2');
    render(ExposureSection, { series, now: NOW });
    expect(screen.getByRole('heading', { name: 'Exposure of Old lab' })).toBeInTheDocument();
    await series.show({ tenantId: TENANT, range: '7d' });
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Old lab has no reading in the last 7 days.'));
  });
});
