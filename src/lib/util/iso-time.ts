// ISO 8601 with a zone, seconds optional fraction of up to 9 digits (the API sends 7, which a strict parser may refuse).
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an ISO 8601 instant to epoch milliseconds, or returns undefined if it is not one. */
export function parseIsoInstant(text: string): number | undefined {
  const match = ISO_INSTANT.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', zone] = match;
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  const normalised = `${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}${zone}`;
  const epochMs = Date.parse(normalised);
  if (!Number.isFinite(epochMs)) return undefined;
  // Date.parse rolls over impossible dates such as 02-30; refuse them.
  const check = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (check.getUTCMonth() !== Number(month) - 1 || check.getUTCDate() !== Number(day)) return undefined;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  return epochMs;
}
