// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import ExposureCard from '../../src/lib/ui/ExposureCard.svelte';
import type { SeriesRun } from '../../src/lib/history/series-store';
import { runsBySeries, seriesRangeStart, summarizeSeries } from '../../src/lib/history/series-summary';
import { formatDateTime } from '../../src/lib/ui/format';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 28, 12);
const run = (firstSeen: number, lastSeen: number, score: number): SeriesRun => ({ tenantId: 't', series: 'exposure', firstSeen, lastSeen, score });
const summaryOf = (runs: SeriesRun[], range: '30d' | '7d' = '30d') => summarizeSeries(runsBySeries(runs).get('exposure') ?? [], range, NOW);
const EMPTY = 'No exposure reading yet — Refresh to take one.';

describe('ExposureCard', () => {
  it('shows the exposure now, its band in words, that lower is better, and a fall as better', () => {
    const summary = summaryOf([run(NOW - 40 * DAY, NOW - 10 * DAY, 52.5), run(NOW - 10 * DAY + HOUR, NOW - 5 * 60_000, 33.49)]);
    render(ExposureCard, { summary, rangeStart: seriesRangeStart('30d', NOW), rangeLabel: '30 days', empty: EMPTY, now: NOW });
    expect(screen.getByRole('heading', { name: 'Exposure score' })).toBeInTheDocument();
    expect(screen.getByTestId('exposure-score')).toHaveTextContent('33.49');
    expect(screen.getByTestId('exposure-level')).toHaveTextContent('Medium 30–69 · lower is better');
    const change = screen.getByTestId('exposure-change');
    expect(change).toHaveTextContent('\u221219.01');
    expect(change).toHaveTextContent('down 19.01, better');
    expect(change).toHaveTextContent('better over the last 30 days');
    expect(screen.getByTestId('exposure-confirmed')).toHaveTextContent(`Last confirmed 5 minutes ago · ${formatDateTime(NOW - 5 * 60_000)}`);
  });

  it('calls a rise worse, measured from the first reading when it came inside the range', () => {
    const summary = summaryOf([run(NOW - 3 * DAY, NOW - 3 * DAY, 65), run(NOW - DAY, NOW - DAY, 71)]);
    render(ExposureCard, { summary, rangeStart: seriesRangeStart('30d', NOW), rangeLabel: '30 days', empty: EMPTY, now: NOW });
    expect(screen.getByTestId('exposure-level')).toHaveTextContent('High 70–100');
    expect(screen.getByTestId('exposure-change')).toHaveTextContent(`up 6, worse`);
    expect(screen.getByTestId('exposure-change')).toHaveTextContent(`worse since ${formatDateTime(NOW - 3 * DAY)}`);
    expect(screen.getByTestId('exposure-confirmed')).toHaveTextContent('Read yesterday');
  });

  it('says when the value held over the whole range', () => {
    const summary = summaryOf([run(NOW - 40 * DAY, NOW - HOUR, 12)], '7d');
    render(ExposureCard, { summary, rangeStart: seriesRangeStart('7d', NOW), rangeLabel: '7 days', empty: EMPTY, now: NOW });
    expect(screen.getByTestId('exposure-level')).toHaveTextContent('Low 0–29');
    expect(screen.getByTestId('exposure-change')).toHaveTextContent('Unchanged over the last 7 days');
  });

  it('says when a value was read once', () => {
    const summary = summaryOf([run(NOW - HOUR, NOW - HOUR, 33.49)]);
    render(ExposureCard, { summary, rangeStart: seriesRangeStart('30d', NOW), rangeLabel: '30 days', empty: EMPTY, now: NOW });
    expect(screen.getByTestId('exposure-change')).toHaveTextContent('First reading');
    expect(screen.getByTestId('exposure-confirmed')).toHaveTextContent('Read 1 hour ago');
  });

  it('says what is missing and what the score means when there is none', () => {
    render(ExposureCard, { summary: undefined, rangeStart: undefined, rangeLabel: 'All', empty: EMPTY, now: NOW });
    expect(screen.getByText(EMPTY)).toBeInTheDocument();
    expect(screen.getByText(/lower is better \(Low 0–29, Medium 30–69, High 70–100\)/)).toBeInTheDocument();
    expect(screen.queryByTestId('exposure-score')).not.toBeInTheDocument();
  });
});
