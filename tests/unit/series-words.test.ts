import { describe, expect, it } from 'vitest';
import type { Run } from '../../src/lib/history/run';
import { rangeStatistics } from '../../src/lib/history/ranges';
import { scoreRuns } from '../../src/lib/history/score-runs';
import { exposureLevel } from '../../src/lib/history/series';
import { formatDateTime } from '../../src/lib/ui/format';
import {
  describeExposureChange,
  describeSeriesChart,
  describeTrend,
  exposureDirection,
  inRange,
  LEVEL_BANDS,
  LEVEL_LABELS,
  noValueWords,
  overRange,
} from '../../src/lib/ui/series-words';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 1, 9);
const run = (firstSeen: number, lastSeen: number, score: number): Run => ({ tenantId: 't1', firstSeen, lastSeen, score });

describe('exposure in words', () => {
  it('names each band with its documented bounds', () => {
    for (const [score, label, band] of [[0, 'Low', '0–29'], [29.99, 'Low', '0–29'], [30, 'Medium', '30–69'], [69.5, 'Medium', '30–69'], [70, 'High', '70–100'], [100, 'High', '70–100']] as const) {
      const level = exposureLevel(score);
      expect([LEVEL_LABELS[level], LEVEL_BANDS[level]]).toEqual([label, band]);
    }
  });

  it('calls a fall better and a rise worse, since lower is better', () => {
    expect(exposureDirection(-0.5)).toBe('better');
    expect(exposureDirection(3)).toBe('worse');
    expect(exposureDirection(0)).toBe('steady');
    expect(describeExposureChange(-5.2)).toBe('down 5.2, better');
    expect(describeExposureChange(3)).toBe('up 3, worse');
    expect(describeExposureChange(0)).toBe('no change');
  });

  it('puts the range in a phrase', () => {
    expect(overRange('30 days')).toBe('over the last 30 days');
    expect(overRange('All')).toBe('over all time');
    expect(inRange('7 days')).toBe('in the last 7 days');
    expect(inRange('All')).toBe('at any time');
  });
});

describe('describeTrend', () => {
  it('gives the first, latest, lowest and highest value of the range', () => {
    const stats = rangeStatistics(scoreRuns([run(T0, T0, 45), run(T0 + DAY, T0 + DAY, 40), run(T0 + 2 * DAY, T0 + 2 * DAY, 47), run(T0 + 3 * DAY, T0 + 3 * DAY, 41.38)]))!;
    expect(describeTrend(stats, '30 days')).toBe('From 45 to 41.38 over the last 30 days; lowest 40, highest 47.');
  });

  it('says when the value held all along', () => {
    const stats = rangeStatistics(scoreRuns([run(T0, T0 + DAY, 33)]))!;
    expect(describeTrend(stats, '7 days')).toBe('Held at 33 over the last 7 days.');
  });
});

describe('describeSeriesChart', () => {
  it('says how many changes the line shows, from when and what to when and what, and its breaks', () => {
    const runs = scoreRuns([run(T0, T0 + DAY, 45), run(T0 + DAY + HOUR, T0 + 2 * DAY, 40), run(T0 + 5 * DAY, T0 + 6 * DAY, 38)]);
    expect(describeSeriesChart(runs, -Infinity, 1)).toBe(
      `2 changes from ${formatDateTime(T0)} (45) to ${formatDateTime(T0 + 6 * DAY)} (38). The line breaks once where nothing was checked.`,
    );
    expect(describeSeriesChart(runs, T0 + HOUR, 0)).toContain(`from ${formatDateTime(T0 + HOUR)} (45)`);
  });

  it('has words for one reading, a value that held, and nothing', () => {
    expect(describeSeriesChart(scoreRuns([run(T0, T0, 45)]), -Infinity, 0)).toBe(`One reading: 45 on ${formatDateTime(T0)}.`);
    expect(describeSeriesChart(scoreRuns([run(T0, T0 + DAY, 45)]), -Infinity, 0)).toBe(`Held at 45 from ${formatDateTime(T0)} (45) to ${formatDateTime(T0 + DAY)} (45).`);
    expect(describeSeriesChart([], -Infinity, 0)).toBe('No readings in this range.');
  });
});

describe('noValueWords', () => {
  const what = 'exposure reading';
  it('says that nothing was read yet, or not in this range, and what to do', () => {
    expect(noValueWords(what, { reading: false, failed: false, rangeLabel: undefined })).toBe('No exposure reading yet — Refresh to take one.');
    expect(noValueWords(what, { reading: false, failed: false, rangeLabel: 'All' })).toBe('No exposure reading yet — Refresh to take one.');
    expect(noValueWords(what, { reading: false, failed: false, rangeLabel: '7 days' })).toBe(
      'No exposure reading in the last 7 days — Refresh to take one, or choose a longer range.',
    );
  });

  it('says that the history is being read, or could not be', () => {
    expect(noValueWords(what, { reading: true, failed: false, rangeLabel: '7 days' })).toBe('Reading the stored exposure readings…');
    expect(noValueWords(what, { reading: true, failed: true, rangeLabel: '7 days' })).toBe('Scoreline could not read the stored exposure readings. Reload the page to try again.');
  });
});
