const MINUS = '\u2212';

const pointsFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const countFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** A count of things in the user's locale: "100,002", "100.002" or "100 002". */
export function formatCount(count: number): string {
  return countFormat.format(count);
}

/** "1 reading", "95,668 readings"; with `adjective`, "1 new reading". */
export function formatReadings(count: number, adjective?: string): string {
  return formatCounted(count, adjective, 'reading', 'readings');
}

export function formatPoints(points: number): string {
  return pointsFormat.format(points);
}

/** "+15", "−8" (a true minus sign), "±0"; an empty string when there is no previous reading. */
export function formatChange(change: number | undefined): string {
  if (change === undefined) return '';
  if (change === 0) return '±0';
  return change > 0 ? `+${pointsFormat.format(change)}` : `${MINUS}${pointsFormat.format(-change)}`;
}

/** Words for screen readers, where "+15" alone is ambiguous. */
export function describeChange(change: number | undefined): string {
  if (change === undefined) return 'first reading';
  if (change === 0) return 'no change';
  return `${change > 0 ? 'up' : 'down'} ${pointsFormat.format(Math.abs(change))} points`;
}

export function formatDateTime(epochMs: number): string {
  return dateTimeFormat.format(epochMs);
}

const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const dayWithYearFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const clockFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** "Nov 28"; "Nov 28, 2025" when that is not the year of `now`. For tables, where every character counts. */
export function formatDay(epochMs: number, now: number): string {
  const sameYear = new Date(epochMs).getFullYear() === new Date(now).getFullYear();
  return (sameYear ? dayFormat : dayWithYearFormat).format(epochMs);
}

/** "10:36 AM" or "10:36", as the locale writes a time of day. */
export function formatClock(epochMs: number): string {
  return clockFormat.format(epochMs);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "5 minutes ago", "yesterday", "just now". */
export function formatRelative(epochMs: number, now: number): string {
  const elapsed = epochMs - now;
  for (const [unit, size] of UNITS) {
    if (Math.abs(elapsed) >= size) return relativeFormat.format(Math.round(elapsed / size), unit);
  }
  return 'just now';
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const durationFormats = new Map<string, Intl.NumberFormat>();

/**
 * How long something lasted, rounded down so it never claims more: "4 minutes", "36 hours", "3 days",
 * "5 months", "2 years". Hours up to two days, where "1 day" would hide half a day.
 */
export function formatDuration(ms: number): string {
  const [unit, size]: [string, number] =
    ms < HOUR_MS ? ['minute', 60_000] : ms < 2 * DAY_MS ? ['hour', HOUR_MS] : ms < 60 * DAY_MS ? ['day', DAY_MS] : ms < 730 * DAY_MS ? ['month', 30 * DAY_MS] : ['year', 365 * DAY_MS];
  let format = durationFormats.get(unit);
  if (!format) durationFormats.set(unit, (format = new Intl.NumberFormat(undefined, { style: 'unit', unit, unitDisplay: 'long' })));
  return format.format(Math.floor(Math.max(0, ms) / size));
}

/** "1 min 05 s" style countdown text. */
export function formatCountdown(ms: number): string {
  const totalSeconds = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return minutes > 0 ? `${minutes} min ${String(seconds).padStart(2, '0')} s` : `${seconds} s`;
}

/** "1 change", "365 changes"; with `adjective`, "365 score changes". A change is a run: the score from one reading on. */
export function formatChanges(count: number, adjective?: string): string {
  if (count === 0) return ['No', adjective, 'changes'].filter(Boolean).join(' ');
  return formatCounted(count, adjective, 'change', 'changes');
}

/** "1 note", "12 notes"; with `adjective`, "2 new notes". */
export function formatNotes(count: number, adjective?: string): string {
  return formatCounted(count, adjective, 'note', 'notes');
}

/** "1 tenant", "2 tenants". */
export function formatTenants(count: number): string {
  return formatCounted(count, undefined, 'tenant', 'tenants');
}

function formatCounted(count: number, adjective: string | undefined, one: string, many: string): string {
  return [formatCount(count), adjective, count === 1 ? one : many].filter(Boolean).join(' ');
}
