import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { add, diff, endOf, startOf } from '../../src/lib/ui/chart/intl-date-adapter';

// The adapter works in the browser's local time zone. Node follows process.env.TZ when it changes, so
// each zone below is the process's zone while its tests run.
const ORIGINAL_TZ = process.env.TZ;
afterAll(() => {
  if (ORIGINAL_TZ === undefined) delete process.env.TZ;
  else process.env.TZ = ORIGINAL_TZ;
});

/** A moment given in the zone's wall-clock time (month 1–12). */
const at = (year: number, month: number, day: number, hour = 0, minute = 0) => new Date(year, month - 1, day, hour, minute).getTime();

/** The zone's wall-clock time of a moment, e.g. "2024-02-29 10:30". */
function wallClock(timestamp: number): string {
  const date = new Date(timestamp);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

const iso = (timestamp: number) => new Date(timestamp).toISOString();

const HOUR = 3_600_000;

/** Days on which the clocks change, and the instants (UTC) at which those days start and end there. */
const ZONES = [
  {
    zone: 'Europe/Berlin',
    // Last Sunday of March: 02:00 → 03:00, a 23-hour day. Last Sunday of October: 03:00 → 02:00, 25 hours.
    spring: { day: [2025, 3, 30], starts: '2025-03-29T23:00:00.000Z', nextDayStarts: '2025-03-30T22:00:00.000Z' },
    autumn: { day: [2025, 10, 26], starts: '2025-10-25T22:00:00.000Z', nextDayStarts: '2025-10-26T23:00:00.000Z' },
  },
  {
    zone: 'America/New_York',
    // Second Sunday of March and first Sunday of November.
    spring: { day: [2025, 3, 9], starts: '2025-03-09T05:00:00.000Z', nextDayStarts: '2025-03-10T04:00:00.000Z' },
    autumn: { day: [2025, 11, 2], starts: '2025-11-02T04:00:00.000Z', nextDayStarts: '2025-11-03T05:00:00.000Z' },
  },
] as const;

describe.each(ZONES)('the Intl date adapter in $zone', ({ zone, spring, autumn }) => {
  beforeAll(() => {
    process.env.TZ = zone;
  });

  it('runs in that zone', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone);
  });

  describe.each([
    { change: 'the 23-hour day in spring', ...spring, hours: 23 },
    { change: 'the 25-hour day in autumn', ...autumn, hours: 25 },
  ])('on $change', ({ day: [year, month, date], starts, nextDayStarts, hours }) => {
    const noon = () => at(year, month, date, 12);

    it('starts the day at local midnight', () => {
      expect(iso(startOf(noon(), 'day'))).toBe(starts);
      expect(wallClock(startOf(noon(), 'day'))).toBe(`${year}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')} 00:00`);
    });

    it('adds a day as the next local midnight, not 24 hours', () => {
      expect(iso(add(startOf(noon(), 'day'), 1, 'day'))).toBe(nextDayStarts);
      expect(iso(add(Date.parse(nextDayStarts), -1, 'day'))).toBe(starts);
      expect(wallClock(add(noon(), 1, 'day'))).toMatch(/ 12:00$/);
    });

    it('ends the day just before the next one starts', () => {
      expect(endOf(noon(), 'day')).toBe(Date.parse(nextDayStarts) - 1);
    });

    it('counts that day as one day, and its real length in hours', () => {
      const start = Date.parse(starts);
      const next = Date.parse(nextDayStarts);
      expect(next - start).toBe(hours * HOUR);
      expect(diff(next, start, 'day')).toBe(1);
      expect(diff(start, next, 'day')).toBe(-1);
      expect(diff(next, start, 'hour')).toBe(hours);
      expect(diff(next - 1, start, 'day')).toBe(0);
    });

    it('counts a week across the change as seven days and one week', () => {
      const before = at(year, month, date - 3, 9);
      const after = add(before, 1, 'week');
      expect(wallClock(after)).toBe(wallClock(at(year, month, date + 4, 9)));
      expect(diff(after, before, 'day')).toBe(7);
      expect(diff(after, before, 'week')).toBe(1);
      expect(diff(after - 1, before, 'week')).toBe(0);
    });
  });

  describe('month ends', () => {
    it('adds a month to 31 January as the last day of February, in a leap year too', () => {
      expect(wallClock(add(at(2025, 1, 31, 10, 30), 1, 'month'))).toBe('2025-02-28 10:30');
      expect(wallClock(add(at(2024, 1, 31, 10, 30), 1, 'month'))).toBe('2024-02-29 10:30');
      expect(wallClock(add(at(2025, 3, 31), -1, 'month'))).toBe('2025-02-28 00:00');
      expect(wallClock(add(at(2025, 5, 31), 1, 'month'))).toBe('2025-06-30 00:00');
    });

    it('adds quarters and years the same way', () => {
      expect(wallClock(add(at(2025, 11, 30), 1, 'quarter'))).toBe('2026-02-28 00:00');
      expect(wallClock(add(at(2024, 2, 29), 1, 'year'))).toBe('2025-02-28 00:00');
      expect(wallClock(add(at(2024, 2, 29), 4, 'year'))).toBe('2028-02-29 00:00');
    });

    it('keeps the wall-clock time when a month crosses a clock change', () => {
      expect(wallClock(add(at(2025, 3, 1, 12), 1, 'month'))).toBe('2025-04-01 12:00');
      expect(wallClock(add(at(2025, 10, 15, 12), 1, 'month'))).toBe('2025-11-15 12:00');
    });

    it('counts whole months only', () => {
      expect(diff(at(2025, 2, 28), at(2025, 1, 31), 'month')).toBe(1);
      expect(diff(at(2025, 2, 27), at(2025, 1, 31), 'month')).toBe(0);
      expect(diff(at(2025, 3, 1), at(2025, 1, 31), 'month')).toBe(1);
      expect(diff(at(2025, 1, 31), at(2025, 3, 1), 'month')).toBe(-1);
      expect(diff(at(2025, 4, 14, 23), at(2025, 1, 15), 'quarter')).toBe(0);
      expect(diff(at(2025, 4, 15), at(2025, 1, 15), 'quarter')).toBe(1);
      expect(diff(at(2025, 2, 28), at(2024, 2, 29), 'year')).toBe(1);
      expect(diff(at(2025, 2, 27), at(2024, 2, 29), 'year')).toBe(0);
    });

    it('starts and ends months, quarters and years at local midnight', () => {
      const leapDay = at(2024, 2, 29, 15);
      expect(wallClock(startOf(leapDay, 'month'))).toBe('2024-02-01 00:00');
      expect(endOf(leapDay, 'month')).toBe(at(2024, 3, 1) - 1);
      expect(wallClock(startOf(at(2025, 8, 20, 15), 'quarter'))).toBe('2025-07-01 00:00');
      expect(wallClock(startOf(at(2025, 8, 20, 15), 'year'))).toBe('2025-01-01 00:00');
      expect(endOf(at(2024, 12, 31, 23, 59), 'year')).toBe(at(2025, 1, 1) - 1);
    });
  });

  it('starts a week on Sunday, an ISO week on Monday or the day asked for', () => {
    const wednesday = at(2025, 10, 29, 15);
    expect(wallClock(startOf(wednesday, 'week'))).toBe('2025-10-26 00:00');
    expect(wallClock(startOf(wednesday, 'isoWeek'))).toBe('2025-10-27 00:00');
    expect(wallClock(startOf(wednesday, 'isoWeek', 3))).toBe('2025-10-29 00:00');
    expect(wallClock(startOf(wednesday, 'isoWeek', 7))).toBe('2025-10-26 00:00');
  });
});
