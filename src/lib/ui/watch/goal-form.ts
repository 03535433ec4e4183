/** The end of the chosen day (local time) for a date field's "YYYY-MM-DD": when a goal with that date falls due. */
export function endOfDay(dateText: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateText);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const end = new Date(year, month - 1, day, 23, 59, 59, 999);
  return end.getFullYear() === year && end.getMonth() === month - 1 && end.getDate() === day ? end.getTime() : undefined;
}

/** A moment as a date field shows it (local time): "YYYY-MM-DD". */
export function dateFieldValue(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A typed number for a goal or a rule, if it is one within bounds. */
export function parseLimit(text: string, { min, max }: { min: number; max: number }): number | undefined {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(value) && value >= min && value <= max ? value : undefined;
}
