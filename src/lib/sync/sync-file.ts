// One file of the app folder as text: JSON a person can read (one record a line, times as ISO text, the
// format's version inside), and read back all or nothing: one doubtful entry and the whole file is
// skipped with its reason, never merged half-way.
import { jsonAlert, jsonAlertRule, jsonGoal, jsonNote, jsonRun, jsonSeriesName, jsonSeriesRun } from '../history/export-json';
import { isoTime } from '../history/export-common';
import { isRecord, jsonText, own } from '../history/import-json-fields';
import { noteFromJson, runFromJson } from '../history/import-json';
import { seriesNameFromJson, seriesRunFromJson } from '../history/import-json-others';
import { alertFromJson, alertRuleFromJson, goalFromJson } from '../history/import-json-watch';
import { checkNote, checkRecommendationId, checkTenantId } from '../history/reading-rules';
import type { Run } from '../history/run';
import type { SeriesRun } from '../history/series-store';
import { goalTombstone, noteTombstone, ruleTombstone, type Tombstone, type TombstoneKind } from '../history/tombstone';
import { err, ok, type Result } from '../util/result';
import { parseIsoInstant } from '../util/iso-time';
import type { SyncFileName } from './sync-layout';
import { emptyRecords, type SyncRecords } from './sync-records';

export const SYNC_FORMAT = 'scoreline.sync';
/**
 * 1: the first layout (history by tenant and month, notes, goals and rules, alert log, tenants and deletions).
 * 2: notes, goals and rules deleted one by one, beside the notes, goals and rules (read from version 1 files as none).
 */
export const SYNC_VERSION = 2;

type ListKey = Exclude<keyof SyncRecords, 'deleted' | 'tombstones'> | 'deleted' | TombstoneList;
type TombstoneList = 'deletedNotes' | 'deletedGoals' | 'deletedRules';

const TOMBSTONE_KINDS: Record<TombstoneList, TombstoneKind> = { deletedNotes: 'note', deletedGoals: 'goal', deletedRules: 'alertRule' };

const LISTS: Record<SyncFileName['kind'], readonly ListKey[]> = {
  history: ['runs', 'seriesNames'],
  notes: ['notes', 'deletedNotes'],
  goals: ['goals', 'alertRules', 'deletedGoals', 'deletedRules'],
  'alert-log': ['alertLog'],
  tenants: ['tenants', 'deleted'],
};

/** Lists a file of an older version has not got: read as empty. */
const SINCE_VERSION_2: readonly ListKey[] = ['deletedNotes', 'deletedGoals', 'deletedRules'];

/** The file's text: the same records always give the same text, so an unchanged file is never uploaded again. */
export function fileText(name: SyncFileName, records: SyncRecords): string {
  const head = { format: SYNC_FORMAT, version: SYNC_VERSION, kind: name.kind, ...(name.tenantId ? { tenantId: name.tenantId } : {}), ...(name.month ? { month: name.month } : {}) };
  const lines = Object.entries(head).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  for (const key of LISTS[name.kind]) {
    const items = jsonItems(records, key);
    lines.push(items.length === 0 ? `  ${JSON.stringify(key)}: []` : `  ${JSON.stringify(key)}: [\n${items.map((item) => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`);
  }
  return `{\n${lines.join(',\n')}\n}\n`;
}

function jsonItems(records: SyncRecords, key: ListKey): unknown[] {
  switch (key) {
    case 'runs':
      return records.runs.map((run) => (run.series === undefined ? jsonRun(run) : jsonSeriesRun(run as SeriesRun)));
    case 'seriesNames':
      return records.seriesNames.map(jsonSeriesName);
    case 'notes':
      return records.notes.map(jsonNote);
    case 'goals':
      return records.goals.map(jsonGoal);
    case 'alertRules':
      return records.alertRules.map(jsonAlertRule);
    case 'alertLog':
      return records.alertLog.map(jsonAlert);
    case 'tenants':
      // Only the name: when a tenant was last looked at is this device's own, and would rewrite the file at every look.
      return records.tenants.map(({ tenantId, label }) => ({ tenantId, label }));
    case 'deletedNotes':
    case 'deletedGoals':
    case 'deletedRules':
      return records.tombstones.filter((tombstone) => tombstone.kind === TOMBSTONE_KINDS[key]).map(jsonTombstone);
    case 'deleted':
      return [...records.deleted].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([tenantId, at]) => ({ tenantId, deletedAt: isoTime(at) }));
  }
}

/** The file's records, or why it cannot be merged (in plain words, naming the list and entry). */
export function parseFile(name: SyncFileName, text: string, now: number): Result<SyncRecords, string> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return err('it is not JSON');
  }
  if (!isRecord(document) || own(document, 'format') !== SYNC_FORMAT) return err('it is not a Scoreline sync file');
  const version = own(document, 'version');
  if (typeof version !== 'number' || version > SYNC_VERSION) return err('it was written by a newer version of Scoreline; update this one');
  if (version !== 1 && version !== SYNC_VERSION) return err(`its format version ${String(version)} is not one Scoreline knows`);
  if (own(document, 'kind') !== name.kind || own(document, 'tenantId') !== name.tenantId || own(document, 'month') !== name.month) return err('what it says it holds does not match its name');
  const records = emptyRecords();
  for (const key of LISTS[name.kind]) {
    const list = version < 2 && SINCE_VERSION_2.includes(key) ? [] : own(document, key);
    if (!Array.isArray(list)) return err(`it has no ${key} list`);
    for (const [index, entry] of list.entries()) {
      const added = addEntry(records, key, entry, now);
      if (!added.ok) return err(`entry ${index + 1} of ${key} ${added.error}`);
      if (name.tenantId !== undefined && added.value !== name.tenantId) return err(`entry ${index + 1} of ${key} is of another tenant`);
    }
  }
  return ok(records);
}

/** Checks one entry and adds it; gives its tenant. */
function addEntry(records: SyncRecords, key: ListKey, entry: unknown, now: number): Result<string, string> {
  const keep = <T extends { tenantId: string }>(result: Result<T, string>, list: T[]): Result<string, string> => {
    if (!result.ok) return result;
    list.push(result.value);
    return ok(result.value.tenantId);
  };
  switch (key) {
    case 'runs':
      return isRecord(entry) && own(entry, 'series') !== undefined ? keep<Run>(seriesRunFromJson(entry, now), records.runs) : keep(runFromJson(entry, now), records.runs);
    case 'seriesNames':
      return keep(seriesNameFromJson(entry, now), records.seriesNames);
    case 'notes': {
      const note = noteFromJson(entry, now);
      if (!note.ok) return note;
      return note.value === undefined ? err('has an empty text') : keep(ok(note.value), records.notes);
    }
    case 'goals':
      return keep(goalFromJson(entry, now), records.goals);
    case 'alertRules':
      return keep(alertRuleFromJson(entry, now), records.alertRules);
    case 'alertLog':
      return keep(alertFromJson(entry, now), records.alertLog);
    case 'tenants':
      return keep(tenantFromJson(entry), records.tenants);
    case 'deletedNotes':
    case 'deletedGoals':
    case 'deletedRules':
      return keep(tombstoneFromJson(entry, TOMBSTONE_KINDS[key], now), records.tombstones);
    case 'deleted': {
      const deleted = deletionFromJson(entry, now);
      if (!deleted.ok) return deleted;
      records.deleted.set(deleted.value.tenantId, Math.max(deleted.value.deletedAt, records.deleted.get(deleted.value.tenantId) ?? 0));
      return ok(deleted.value.tenantId);
    }
  }
}

const MAX_LABEL_LENGTH = 100;

function tenantFromJson(entry: unknown): Result<{ tenantId: string; label: string; lastUsed: number }, string> {
  if (!isRecord(entry)) return err('is not an object with tenantId and label');
  const tenantId = checkTenantId(String(own(entry, 'tenantId') ?? ''));
  if (!tenantId.ok) return tenantId;
  const label = own(entry, 'label');
  const checkedLabel = typeof label === 'string' && label.length <= MAX_LABEL_LENGTH ? checkNote(label) : err('');
  if (!checkedLabel.ok || !checkedLabel.value || checkedLabel.value.includes('\n')) return err(`has a label that is not one line of text up to ${MAX_LABEL_LENGTH} characters`);
  return ok({ tenantId: tenantId.value, label: checkedLabel.value, lastUsed: 0 });
}

function deletionFromJson(entry: unknown, now: number): Result<{ tenantId: string; deletedAt: number }, string> {
  if (!isRecord(entry)) return err('is not an object with tenantId and deletedAt');
  const tenantId = checkTenantId(String(own(entry, 'tenantId') ?? ''));
  if (!tenantId.ok) return tenantId;
  const deletedAt = timeOf(entry, 'deletedAt', now);
  return deletedAt.ok ? ok({ tenantId: tenantId.value, deletedAt: deletedAt.value }) : deletedAt;
}

/** A note's by its time, a rule's by its id, a goal's by its tenant alone. */
function jsonTombstone({ tenantId, kind, key, deletedAt }: Tombstone): Record<string, unknown> {
  const which = kind === 'note' ? { time: isoTime(Number(key)) } : kind === 'alertRule' ? { id: key } : {};
  return { tenantId, ...which, deletedAt: isoTime(deletedAt) };
}

function tombstoneFromJson(entry: unknown, kind: TombstoneKind, now: number): Result<Tombstone, string> {
  if (!isRecord(entry)) return err('is not an object with tenantId and deletedAt');
  const tenantId = checkTenantId(String(own(entry, 'tenantId') ?? ''));
  if (!tenantId.ok) return tenantId;
  const deletedAt = timeOf(entry, 'deletedAt', now);
  if (!deletedAt.ok) return deletedAt;
  if (kind === 'goal') return ok(goalTombstone(tenantId.value, deletedAt.value));
  if (kind === 'note') {
    const time = timeOf(entry, 'time', now);
    return time.ok ? ok(noteTombstone(tenantId.value, time.value, deletedAt.value)) : time;
  }
  const id = jsonText(entry, 'id', checkRecommendationId);
  return id.ok ? ok(ruleTombstone(tenantId.value, id.value, deletedAt.value)) : id;
}

function timeOf(entry: Record<string, unknown>, key: string, now: number): Result<number, string> {
  const text = own(entry, key);
  const time = typeof text === 'string' ? parseIsoInstant(text) : undefined;
  return time !== undefined && time <= now + 24 * 60 * 60 * 1000 ? ok(time) : err(`has a ${key} that is not a date and time with a zone`);
}
