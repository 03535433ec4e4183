// How a CSV of ours writes a cell, and how the importer reads one back.

// Spreadsheets run a cell that starts with one of these as a formula (OWASP "CSV injection").
const FORMULA_STARTS = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * Whether a text cell gets a `'` in front. Text that already starts with quotes before a formula
 * character gets one more, so that removing exactly one on import always gives the original back.
 */
function needsFormulaGuard(text: string): boolean {
  let index = 0;
  while (text[index] === "'") index += 1;
  const next = text[index];
  return next !== undefined && FORMULA_STARTS.has(next);
}

export function guardAgainstFormula(text: string): string {
  return needsFormulaGuard(text) ? `'${text}` : text;
}

/** The inverse of guardAgainstFormula, for the importer. */
export function removeFormulaGuard(text: string): string {
  return text.startsWith("'") && needsFormulaGuard(text.slice(1)) ? text.slice(1) : text;
}

/** A text cell: formula-guarded, quoted when it holds a quote, comma or line break. */
export function csvText(text: string): string {
  const guarded = guardAgainstFormula(text);
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/**
 * The number without exponent notation (String gives `1e-7` below 0.000001), which the importer
 * refuses as not a plain number. The digits are the shortest that round-trip, so Number() gives it back.
 */
export function plainDecimal(value: number): string {
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = '', lead = '', rest = '', exponentText = '0'] = match;
  const digits = lead + rest;
  const point = 1 + Number(exponentText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
