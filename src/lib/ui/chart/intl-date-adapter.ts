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
  const date = new Date(timestamp);
  switch (unit) {
    case 'day':
      date.setDate(date.getDate() + amount);
      return date.getTime();
    case 'week':
      date.setDate(date.getDate() + amount * 7);
      return date.getTime();
    case 'month':
      date.setMonth(date.getMonth() + amount);
      return date.getTime();
    case 'quarter':
      date.setMonth(date.getMonth() + amount * 3);
      return date.getTime();
    case 'year':
      date.setFullYear(date.getFullYear() + amount);
      return date.getTime();
    default:
      return timestamp + amount * (FIXED_MS[unit] ?? 1);
  }
}

export function diff(a: number, b: number, unit: TimeUnit): number {
  const fixed = FIXED_MS[unit];
  if (fixed) return Math.trunc((a - b) / fixed);
  const from = new Date(b);
  const to = new Date(a);
  const months = (to.getFullYear() - from.getFullYear()) * 12 + (to.getMonth() - from.getMonth());
  if (unit === 'month') return months;
  if (unit === 'quarter') return Math.trunc(months / 3);
  return Math.trunc(months / 12);
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
