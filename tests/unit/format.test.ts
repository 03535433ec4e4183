import { describe, expect, it } from 'vitest';
import { formatChanges, formatDay, formatDuration } from '../../src/lib/ui/format';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('formatChanges', () => {
  it('counts changes in words, with the locale’s digits', () => {
    expect(formatChanges(0)).toBe('No changes');
    expect(formatChanges(2, 'score')).toBe('2 score changes');
    expect(formatChanges(1)).toBe('1 change');
    expect(formatChanges(12)).toBe('12 changes');
    expect(formatChanges(1204)).toBe(`${new Intl.NumberFormat().format(1204)} changes`);
  });
});

describe('formatDuration', () => {
  it('names the largest fitting unit and rounds down, so it never claims more', () => {
    expect(formatDuration(4 * MINUTE + 59_000)).toBe('4 minutes');
    expect(formatDuration(HOUR)).toBe('1 hour');
    expect(formatDuration(36 * HOUR)).toBe('36 hours');
    expect(formatDuration(2 * DAY)).toBe('2 days');
    expect(formatDuration(3 * DAY + 23 * HOUR)).toBe('3 days');
    expect(formatDuration(90 * DAY)).toBe('3 months');
    expect(formatDuration(800 * DAY)).toBe('2 years');
  });

  it('says 0 minutes for no time rather than a negative', () => {
    expect(formatDuration(-5)).toBe('0 minutes');
  });
});

describe('formatDay', () => {
  const now = new Date(2026, 10, 28, 12).getTime();

  it('leaves out the year of now, and writes any other', () => {
    expect(formatDay(new Date(2026, 0, 5, 9).getTime(), now)).toBe('Jan 5');
    expect(formatDay(new Date(2025, 11, 31, 23).getTime(), now)).toBe('Dec 31, 2025');
  });
});
