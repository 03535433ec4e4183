import { readingKey, type Reading } from './reading';

export interface ImportSummary {
  toAdd: Reading[];
  /** Readings whose tenant and time are already stored (or repeat an earlier one in the list). */
  alreadyPresent: number;
}

/** Splits parsed readings into new ones and ones already kept; a stored reading always wins, note and all. */
export function summariseImport(parsed: readonly Reading[], existingKeys: (tenantId: string, time: number) => boolean): ImportSummary {
  const seen = new Set<string>();
  const toAdd: Reading[] = [];
  let alreadyPresent = 0;
  for (const reading of parsed) {
    const key = readingKey(reading.tenantId, reading.time);
    if (seen.has(key) || existingKeys(reading.tenantId, reading.time)) alreadyPresent += 1;
    else toAdd.push(reading);
    seen.add(key);
  }
  return { toAdd, alreadyPresent };
}
