// A Chart.js date adapter on the browser's own Intl and Date, in local time. A full date library
// (date-fns, luxon) would add ~12 KB gzip for the few operations a time axis needs.
import type { TimeUnit } from 'chart.js';

type Unit = TimeUnit | 'isoWeek';

const FORMATS: Record<TimeUnit | 'datetime', Intl.DateTimeFormatOptions> = {
  datetime: { dateStyle: 'medium', timeStyle: 'short' },
  millisecond: { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 },
  second: { hour: '2-digit', minute: '2-digit', second: '2-digit' },
  minute: { hour: '2-digit', minute: '2-digit' },
  hour: { hour: 'numeric', minute: '2-digit' },
  day: { month: 'short', day: 'numeric' },
  week: { month: 'short', day: 'numeric' },
  month: { month: 'short', year: 'numeric' },
  quarter: { month: 'short', year: 'numeric' },
  year: { year: 'numeric' },
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(format: string): Intl.DateTimeFormat {
  let formatter = formatters.get(format);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(undefined, FORMATS[format as TimeUnit] ?? FORMATS.datetime);
    formatters.set(format, formatter);
  }
  return formatter;
}

const FIXED_MS: Partial<Record<TimeUnit, number>> = {
  millisecond: 1,
  second: 1_000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};

export function add(timestamp: number, amount: number, unit: TimeUnit): number {
  switch (unit) {
    case 'day':
    case 'week': {
      // Calendar days keep the wall-clock time: a day across a clock change is 23 or 25 hours.
      const date = new Date(timestamp);
      date.setDate(date.getDate() + amount * (unit === 'week' ? 7 : 1));
      return date.getTime();
    }
    case 'month':
      return addMonths(timestamp, amount);
    case 'quarter':
      return addMonths(timestamp, amount * 3);
    case 'year':
      return addMonths(timestamp, amount * 12);
    default:
      return timestamp + amount * (FIXED_MS[unit] ?? 1);
  }
}

/** Whole months later, on the same day or the month's last (31 January + 1 month = 28 or 29 February). */
function addMonths(timestamp: number, months: number): number {
  const date = new Date(timestamp);
  const day = date.getDate();
  date.setDate(1);
  date.setMonth(date.getMonth() + months);
  const daysInMonth = new Date(date.getFullYear(), date.getMonth() + 1, 0).getDate();
  date.setDate(Math.min(day, daysInMonth));
  return date.getTime();
}

/** The moment's wall-clock time counted as if it were UTC: days between two of them ignore clock changes. */
function wallClockMs(timestamp: number): number {
  return timestamp - new Date(timestamp).getTimezoneOffset() * 60_000;
}

/** Whole units from b to a (negative when a is earlier): elapsed time up to hours, calendar time from days on. */
export function diff(a: number, b: number, unit: TimeUnit): number {
  const fixed = FIXED_MS[unit];
  if (fixed) return unit === 'day' || unit === 'week' ? Math.trunc((wallClockMs(a) - wallClockMs(b)) / fixed) : Math.trunc((a - b) / fixed);
  const months = wholeMonths(a, b);
  if (unit === 'month') return months;
  if (unit === 'quarter') return Math.trunc(months / 3);
  return Math.trunc(months / 12);
}

function wholeMonths(a: number, b: number): number {
  const from = new Date(b);
  const to = new Date(a);
  let months = (to.getFullYear() - from.getFullYear()) * 12 + (to.getMonth() - from.getMonth());
  // The last month counts only once it is complete: 31 January to 27 February is not yet a month.
  if (months > 0 && addMonths(b, months) > a) months -= 1;
  else if (months < 0 && addMonths(b, months) < a) months += 1;
  return months;
}

export function startOf(timestamp: number, unit: Unit, weekday?: number | boolean): number {
  const date = new Date(timestamp);
  switch (unit) {
    case 'millisecond':
      return timestamp;
    case 'second':
      date.setMilliseconds(0);
      break;
    case 'minute':
      date.setSeconds(0, 0);
      break;
    case 'hour':
      date.setMinutes(0, 0, 0);
      break;
    case 'day':
      date.setHours(0, 0, 0, 0);
      break;
    case 'week':
    case 'isoWeek': {
      const firstDay = unit === 'isoWeek' ? (typeof weekday === 'number' ? weekday % 7 : 1) : 0;
      date.setHours(0, 0, 0, 0);
      date.setDate(date.getDate() - ((date.getDay() - firstDay + 7) % 7));
      break;
    }
    case 'month':
      date.setHours(0, 0, 0, 0);
      date.setDate(1);
      break;
    case 'quarter':
      date.setHours(0, 0, 0, 0);
      date.setMonth(date.getMonth() - (date.getMonth() % 3), 1);
      break;
    case 'year':
      date.setHours(0, 0, 0, 0);
      date.setMonth(0, 1);
      break;
  }
  return date.getTime();
}

export function endOf(timestamp: number, unit: TimeUnit): number {
  return add(startOf(timestamp, unit), 1, unit) - 1;
}

export const intlDateAdapter = {
  formats: () => Object.fromEntries(Object.keys(FORMATS).map((key) => [key, key])) as Record<TimeUnit | 'datetime', string>,
  parse: (value: unknown) => {
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (value instanceof Date) return value.getTime();
    return null;
  },
  format: (timestamp: number, format: string) => formatterFor(format).format(timestamp),
  add,
  diff,
  startOf,
  endOf,
};
