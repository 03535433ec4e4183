// Microsoft Secure Score in the JSON export (format version 4): its days and its control changes, each checked
// whole on import; one field wrong and the entry is skipped, never kept in part.
import { checkTenantId } from '../history/reading-rules';
import { CATEGORIES, type Category, type ControlChange, type SecureScoreDay } from './secure-score-day';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_TEXT = 1_000;
const MAX_POINTS = 100_000;

/** What a file's secure score lists gave: the valid entries, and how many were skipped. */
export interface SecureScoreImport {
  days: SecureScoreDay[];
  changes: ControlChange[];
  skipped: number;
}

export function secureScoreFromJson(days: unknown, changes: unknown): SecureScoreImport | string {
  if (days !== undefined && !Array.isArray(days)) return "The file's secureScoreDays is not a list.";
  if (changes !== undefined && !Array.isArray(changes)) return "The file's secureScoreControls is not a list.";
  const result: SecureScoreImport = { days: [], changes: [], skipped: 0 };
  for (const entry of (days ?? []) as unknown[]) {
    const day = dayFromJson(entry);
    if (day) result.days.push(day);
    else result.skipped += 1;
  }
  for (const entry of (changes ?? []) as unknown[]) {
    const change = changeFromJson(entry);
    if (change) result.changes.push(change);
    else result.skipped += 1;
  }
  return result;
}

function dayFromJson(entry: unknown): SecureScoreDay | undefined {
  if (!isRecord(entry)) return undefined;
  const tenantId = tenant(entry.tenantId);
  const time = typeof entry.time === 'string' ? Date.parse(entry.time) : Number.NaN;
  const categories = isRecord(entry.categories) ? entry.categories : undefined;
  if (!tenantId || !isDay(entry.day) || !Number.isFinite(time) || !points(entry.currentScore) || !points(entry.maxScore) || !categories) return undefined;
  if (!average(entry.allTenantsAverage) || !average(entry.similarSizeAverage)) return undefined;
  const split = {} as Record<Category, number>;
  for (const category of CATEGORIES) {
    const value = categories[category];
    if (!points(value)) return undefined;
    split[category] = value;
  }
  return {
    tenantId, day: entry.day, time, currentScore: entry.currentScore, maxScore: entry.maxScore,
    allTenantsAverage: entry.allTenantsAverage, similarSizeAverage: entry.similarSizeAverage, categories: split,
  };
}

function changeFromJson(entry: unknown): ControlChange | undefined {
  if (!isRecord(entry)) return undefined;
  const tenantId = tenant(entry.tenantId);
  const score = entry.score === null || points(entry.score) ? entry.score : undefined;
  if (!tenantId || !isDay(entry.day) || score === undefined || !text(entry.control) || entry.control === '' || !text(entry.category) || !text(entry.description)) return undefined;
  return { tenantId, control: entry.control, day: entry.day, category: entry.category, score, description: entry.description };
}

/** The lists as the export writes them: times as ISO text, oldest first. */
export function secureScoreToJson(days: readonly SecureScoreDay[], changes: readonly ControlChange[]) {
  const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    secureScoreDays: [...days].sort((a, b) => byKey(a.day, b.day) || byKey(a.tenantId, b.tenantId)).map((d) => ({ ...d, time: new Date(d.time).toISOString() })),
    secureScoreControls: [...changes].sort((a, b) => byKey(a.day, b.day) || byKey(a.control, b.control) || byKey(a.tenantId, b.tenantId)),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isDay(value: unknown): value is string {
  return typeof value === 'string' && DAY.test(value) && Number.isFinite(Date.parse(`${value}T00:00:00Z`));
}
function points(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_POINTS;
}
function average(value: unknown): value is number | null {
  return value === null || (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100);
}
function text(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT && [...value].every((c) => c.charCodeAt(0) >= 0x20);
}
function tenant(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const checked = checkTenantId(value);
  return checked.ok ? checked.value : undefined;
}
