// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import ScoreCard from '../../src/lib/ui/ScoreCard.svelte';
import type { Run } from '../../src/lib/history/run';
import { scoreRuns } from '../../src/lib/history/score-runs';
import { formatDateTime } from '../../src/lib/ui/format';

const TENANT = 'aaaaaaaa-0000-4000-8000-000000000001';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 28, 12);
const run = (firstSeen: number, lastSeen: number, score: number): Run => ({ tenantId: TENANT, firstSeen, lastSeen, score });

describe('ScoreCard', () => {
  it('shows the score and its change since the previous score was last confirmed', () => {
    const [previous, latest] = scoreRuns([run(NOW - 3 * DAY, NOW - 2 * DAY, 412), run(NOW - 2 * DAY + HOUR, NOW - 60_000, 404)]);
    render(ScoreCard, { latest, previous, now: NOW });
    expect(screen.getByTestId('current-score')).toHaveTextContent('404');
    const change = screen.getByTestId('score-change');
    expect(change).toHaveTextContent('\u22128');
    expect(change).toHaveTextContent('down 8 points from 412');
    expect(change).toHaveTextContent(`since ${formatDateTime(NOW - 2 * DAY)}`);
  });

  it('says since when the score has held, for how long, and when it was last confirmed', () => {
    const [previous, latest] = scoreRuns([run(NOW - 3 * DAY, NOW - 2 * DAY - HOUR, 412), run(NOW - 2 * DAY, NOW - 5 * 60_000, 404)]);
    render(ScoreCard, { latest, previous, now: NOW });
    expect(screen.getByTestId('score-held')).toHaveTextContent(`Held since ${formatDateTime(NOW - 2 * DAY)} (47 hours)`);
    expect(screen.getByTestId('score-confirmed')).toHaveTextContent(`Last confirmed 5 minutes ago · ${formatDateTime(NOW - 5 * 60_000)}`);
  });

  it('says when a score was read once, without a held time', () => {
    const [latest] = scoreRuns([run(NOW - 60_000, NOW - 60_000, 340)]);
    render(ScoreCard, { latest, previous: undefined, now: NOW });
    expect(screen.getByTestId('score-change')).toHaveTextContent('First reading');
    expect(screen.getByTestId('score-confirmed')).toHaveTextContent('Read 1 minute ago');
    expect(screen.queryByTestId('score-held')).not.toBeInTheDocument();
  });

  it('says there is no reading yet', () => {
    render(ScoreCard, { latest: undefined, previous: undefined, now: NOW });
    expect(screen.getByText('No reading yet.')).toBeInTheDocument();
  });
});
