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
  return [formatCount(count), adjective, count === 1 ? 'reading' : 'readings'].filter(Boolean).join(' ');
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

/** "1 min 05 s" style countdown text. */
export function formatCountdown(ms: number): string {
  const totalSeconds = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return minutes > 0 ? `${minutes} min ${String(seconds).padStart(2, '0')} s` : `${seconds} s`;
}

/** "1 change", "365 changes"; with `adjective`, "365 score changes". A change is a run: the score from one reading on. */
export function formatChanges(count: number, adjective?: string): string {
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
