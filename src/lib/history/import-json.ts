// A JSON file of ours, of format version 1 (readings), 2 (runs and notes), 3 (also the other series and
// the recommendation log) or 4 (also Microsoft Secure Score).
import { err, ok, type Result } from '../util/result';
import { JSON_APP, JSON_FORMAT, JSON_VERSION } from './export-json';
import { isRecord, jsonScore, jsonTenant, jsonTime, own } from './import-json-fields';
import { changeFromJson, readFromJson, seriesNameFromJson, seriesRunFromJson } from './import-json-others';
import { alertFromJson, alertRuleFromJson, goalFromJson } from './import-json-watch';
import { secureScoreFromJson } from '../secure-score/secure-score-json';
import type { Note } from './note';
import { checkNote, checkTenantId } from './reading-rules';
import type { Run } from './run';
import { LAST_BEFORE_FIRST, MAX_IMPORT_ROWS, ReadingCollector, RunCollector, tooManyRows, type ParsedImport, type ReadingWithNote, type RowKind, type RowRecords } from './import-rows';

export function parseJson(body: string, now: number): Result<ParsedImport, string> {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    // Also catches a RangeError from absurdly deep nesting.
    return err('The file is truncated or is not JSON.');
  }
  if (!isRecord(document) || own(document, 'app') !== JSON_APP || own(document, 'format') !== JSON_FORMAT) {
    return err('The file is JSON, but not a history exported from Scoreline.');
  }
  const version = own(document, 'version');
  if (typeof version === 'number' && version > JSON_VERSION) {
    return err('The file was made by a newer version of Scoreline. Reload Scoreline to update it, then import the file again.');
  }
  const tenantLabels = tenantLabelsFromJson(own(document, 'tenants'));
  if (version === 1) return parseJsonReadings(document, now, tenantLabels);
  if (version === 2 || version === 3 || version === 4) return parseJsonRuns(document, version, now, tenantLabels);
  return err('The file has a format version that Scoreline does not know.');
}

function parseJsonReadings(document: Record<string, unknown>, now: number, tenantLabels: Record<string, string>): Result<ParsedImport, string> {
  const entries = own(document, 'readings');
  if (!Array.isArray(entries)) return err('The file has no list of readings.');
  if (entries.length > MAX_IMPORT_ROWS) return err(tooManyRows('readings'));
  const collector = new ReadingCollector('json', 'reading');
  entries.forEach((entry: unknown, index) => collector.add(index + 1, readingFromJson(entry, now)));
  return collector.result(tenantLabels);
}

/** The lists version 3 adds, in the order it writes them: each list's key, its entries' kind, and how one is read. */
const OTHER_LISTS: readonly { key: string; kind: RowKind; read: (entry: unknown, now: number) => Result<RowRecords, string> }[] = [
  { key: 'series', kind: 'series-run', read: (entry, now) => wrap(seriesRunFromJson(entry, now), (seriesRun) => ({ seriesRun })) },
  { key: 'seriesNames', kind: 'series-name', read: (entry, now) => wrap(seriesNameFromJson(entry, now), (seriesName) => ({ seriesName })) },
  { key: 'recommendationChanges', kind: 'recommendation-change', read: (entry, now) => wrap(changeFromJson(entry, now), (change) => ({ change })) },
  { key: 'recommendationReads', kind: 'recommendation-read', read: (entry, now) => wrap(readFromJson(entry, now), (read) => ({ read })) },
];

/** The lists of watching (goals, alert rules, the alert log): absent from files written before Scoreline kept them. */
const WATCH_LISTS: typeof OTHER_LISTS = [
  { key: 'goals', kind: 'goal', read: (entry, now) => wrap(goalFromJson(entry, now), (goal) => ({ goal })) },
  { key: 'alertRules', kind: 'alert-rule', read: (entry, now) => wrap(alertRuleFromJson(entry, now), (alertRule) => ({ alertRule })) },
  { key: 'alertLog', kind: 'alert', read: (entry, now) => wrap(alertFromJson(entry, now), (alert) => ({ alert })) },
];

function parseJsonRuns(document: Record<string, unknown>, version: 2 | 3 | 4, now: number, tenantLabels: Record<string, string>): Result<ParsedImport, string> {
  const runs = own(document, 'runs');
  const notes = own(document, 'notes');
  if (!Array.isArray(runs)) return err('The file has no list of runs.');
  if (!Array.isArray(notes)) return err('The file has no list of notes.');
  const others = version >= 3 ? OTHER_LISTS.map((list) => ({ ...list, entries: own(document, list.key) })) : [];
  const missing = others.find((list) => !Array.isArray(list.entries));
  if (missing) return err(`The file has no list of ${missing.key}.`);
  if (version >= 3) {
    for (const list of WATCH_LISTS) {
      const entries = own(document, list.key);
      if (entries !== undefined && !Array.isArray(entries)) return err(`The file's ${list.key} is not a list.`);
      if (entries !== undefined) others.push({ ...list, entries });
    }
  }
  const otherRows = others.reduce((sum, list) => sum + (list.entries as unknown[]).length, 0);
  if (runs.length + notes.length + otherRows > MAX_IMPORT_ROWS) return err(tooManyRows(version === 2 ? 'runs and notes' : 'runs, notes and other records'));
  const collector = new RunCollector('json', version);
  runs.forEach((entry: unknown, index) => {
    collector.add('run', index + 1, wrap(runFromJson(entry, now), (run) => ({ run })));
  });
  notes.forEach((entry: unknown, index) => {
    const note = noteFromJson(entry, now);
    // A note emptied to nothing is no note: skipped, as the note editor deletes it.
    if (!note.ok || note.value) collector.add('note', index + 1, note.ok ? ok({ note: note.value }) : note);
  });
  for (const { kind, read, entries } of others) {
    (entries as unknown[]).forEach((entry: unknown, index) => collector.add(kind, index + 1, read(entry, now)));
  }
  const parsed = collector.result(tenantLabels);
  if (version < 4 || !parsed.ok) return parsed;
  const secureScore = secureScoreFromJson(own(document, 'secureScoreDays'), own(document, 'secureScoreControls'));
  if (typeof secureScore === 'string') return err(secureScore);
  const empty = secureScore.days.length + secureScore.changes.length + secureScore.skipped === 0;
  return empty ? parsed : ok({ ...parsed.value, secureScore });
}

function wrap<T>(result: Result<T, string>, toRecords: (value: T) => RowRecords): Result<RowRecords, string> {
  return result.ok ? ok(toRecords(result.value)) : result;
}

const MAX_LABEL_LENGTH = 100;

/** The `tenants` list's names, each checked like a note; anything doubtful is left out, never refused. */
function tenantLabelsFromJson(tenants: unknown): Record<string, string> {
  const labels: Record<string, string> = {};
  if (!Array.isArray(tenants)) return labels;
  for (const tenant of tenants.slice(0, MAX_IMPORT_ROWS)) {
    if (!isRecord(tenant)) continue;
    const tenantId = own(tenant, 'tenantId');
    const label = own(tenant, 'label');
    if (typeof tenantId !== 'string' || typeof label !== 'string' || label.length > MAX_LABEL_LENGTH) continue;
    const checkedTenant = checkTenantId(tenantId);
    const checkedLabel = checkNote(label);
    if (checkedTenant.ok && checkedLabel.ok && checkedLabel.value && !checkedLabel.value.includes('\n')) {
      labels[checkedTenant.value] = checkedLabel.value;
    }
  }
  return labels;
}

function readingFromJson(entry: unknown, now: number): Result<ReadingWithNote, string> {
  if (!isRecord(entry)) return err('is not an object with tenantId, time and score');
  const time = jsonTime(entry, 'time', now);
  if (!time.ok) return time;
  const score = jsonScore(entry);
  if (!score.ok) return score;
  const tenantId = jsonTenant(entry);
  if (!tenantId.ok) return tenantId;
  const note = own(entry, 'note');
  if (note !== undefined && typeof note !== 'string') return err('has a note that is not text');
  const checkedNote = checkNote(note ?? '');
  if (!checkedNote.ok) return checkedNote;
  return ok({ tenantId: tenantId.value, time: time.value, score: score.value, note: checkedNote.value });
}

export function runFromJson(entry: unknown, now: number): Result<Run, string> {
  if (!isRecord(entry)) return err('is not an object with tenantId, firstSeen, lastSeen and score');
  const firstSeen = jsonTime(entry, 'firstSeen', now);
  if (!firstSeen.ok) return firstSeen;
  const lastSeen = jsonTime(entry, 'lastSeen', now);
  if (!lastSeen.ok) return lastSeen;
  if (lastSeen.value < firstSeen.value) return err(LAST_BEFORE_FIRST);
  const score = jsonScore(entry);
  if (!score.ok) return score;
  const tenantId = jsonTenant(entry);
  if (!tenantId.ok) return tenantId;
  return ok({ tenantId: tenantId.value, firstSeen: firstSeen.value, lastSeen: lastSeen.value, score: score.value });
}

/** A note, or undefined when its text is empty once trimmed. */
export function noteFromJson(entry: unknown, now: number): Result<Note | undefined, string> {
  if (!isRecord(entry)) return err('is not an object with tenantId, time, text and edited');
  const time = jsonTime(entry, 'time', now);
  if (!time.ok) return time;
  const tenantId = jsonTenant(entry);
  if (!tenantId.ok) return tenantId;
  const text = own(entry, 'text');
  if (typeof text !== 'string') return err('has no text');
  const checkedText = checkNote(text);
  if (!checkedText.ok) return checkedText;
  const edited = jsonTime(entry, 'edited', now);
  if (!edited.ok) return edited;
  if (checkedText.value === undefined) return ok(undefined);
  return ok({ tenantId: tenantId.value, time: time.value, text: checkedText.value, edited: edited.value });
}
