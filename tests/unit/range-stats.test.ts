// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import RangeStats from '../../src/lib/ui/RangeStats.svelte';
import type { Run } from '../../src/lib/history/run';
import { scoreRuns } from '../../src/lib/history/score-runs';
import { rangeStatistics } from '../../src/lib/history/ranges';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 1, 9);
const run = (firstSeen: number, lastSeen: number, score: number): Run => ({ tenantId: 't1', firstSeen, lastSeen, score });
const valueOf = (term: string) => screen.getByText(term, { selector: 'dt' }).nextElementSibling;

describe('RangeStats', () => {
  it('labels the average as time-weighted and counts the changes', () => {
    // 400 for three days, then 412 for one: time-weighted 403, where a plain average would say 406.
    const runs = scoreRuns([run(T0, T0 + 3 * DAY - HOUR, 400), run(T0 + 3 * DAY, T0 + 4 * DAY, 412)]);
    render(RangeStats, { stats: rangeStatistics(runs), rangeLabel: '7 days' });
    expect(screen.getByRole('heading', { name: 'Over the last 7 days' })).toBeInTheDocument();
    expect(valueOf('Average')).toHaveTextContent('403');
    expect(valueOf('Average')?.nextElementSibling).toHaveTextContent('time-weighted');
    expect(valueOf('Latest')).toHaveTextContent('412');
    expect(valueOf('Lowest')).toHaveTextContent('400');
    expect(valueOf('Highest')).toHaveTextContent('412');
    expect(valueOf('Change')).toHaveTextContent('up 12 points');
    expect(valueOf('Changes')).toHaveTextContent('1');
    expect(screen.queryByTestId('unchecked-time')).not.toBeInTheDocument();
  });

  it('says how long the range went unchecked, and that the average leaves it out', () => {
    const runs = scoreRuns([run(T0, T0 + DAY, 400), run(T0 + 4 * DAY, T0 + 5 * DAY, 410)]);
    render(RangeStats, { stats: rangeStatistics(runs), rangeLabel: 'All' });
    expect(screen.getByRole('heading', { name: 'Over all time' })).toBeInTheDocument();
    expect(valueOf('Average')).toHaveTextContent('405');
    expect(screen.getByTestId('unchecked-time')).toHaveTextContent('Not checked for 3 days of this range; the average leaves that time out.');
  });

  it('shows no change for a single score', () => {
    const runs = scoreRuns([run(T0, T0 + DAY, 400)]);
    render(RangeStats, { stats: rangeStatistics(runs), rangeLabel: '30 days' });
    expect(valueOf('Change')).toHaveTextContent('none');
    expect(valueOf('Changes')).toHaveTextContent('0');
  });

  it('says when the range is empty, and when it is still being read', () => {
    const { unmount } = render(RangeStats, { stats: undefined, rangeLabel: '7 days' });
    expect(screen.getByText('No readings in this range.')).toBeInTheDocument();
    unmount();
    render(RangeStats, { stats: undefined, rangeLabel: '7 days', reading: true });
    expect(screen.getByText('Reading the stored history…')).toBeInTheDocument();
  });
});

describe('RangeStats with single readings days apart', () => {
  it('calls the average a plain one when no time could be weighed', () => {
    const runs = scoreRuns([run(T0, T0, 400), run(T0 + 4 * DAY, T0 + 4 * DAY, 410)]);
    render(RangeStats, { stats: rangeStatistics(runs), rangeLabel: 'All' });
    expect(valueOf('Average')).toHaveTextContent('405');
    expect(valueOf('Average')?.nextElementSibling).toHaveTextContent('of the readings');
  });
});
