// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import ScoreCard from '../../src/lib/ui/ScoreCard.svelte';

const TENANT = 'aaaaaaaa-0000-4000-8000-000000000001';
const NOW = Date.UTC(2026, 10, 28, 12);

describe('ScoreCard', () => {
  it('shows the score and its change since the previous reading', () => {
    const previous = { tenantId: TENANT, time: NOW - 86_400_000, score: 412, change: undefined };
    const latest = { tenantId: TENANT, time: NOW - 60_000, score: 404, change: -8 };
    render(ScoreCard, { latest, previous, now: NOW });
    expect(screen.getByTestId('current-score')).toHaveTextContent('404');
    expect(screen.getByTestId('score-change')).toHaveTextContent('\u22128');
    expect(screen.getByTestId('score-change')).toHaveTextContent('down 8 points');
    expect(screen.getByText(/1 minute ago/)).toBeInTheDocument();
  });

  it('says when a reading is the first', () => {
    render(ScoreCard, { latest: { tenantId: TENANT, time: NOW, score: 340, change: undefined }, previous: undefined, now: NOW });
    expect(screen.getByTestId('score-change')).toHaveTextContent('First reading');
  });

  it('says there is no reading yet', () => {
    render(ScoreCard, { latest: undefined, previous: undefined, now: NOW });
    expect(screen.getByText('No reading yet.')).toBeInTheDocument();
  });
});
