import type { InvalidRow, RowKind } from '../history/import-parser';
import { otherRecordCounts, type ImportPreview } from '../state/data-transfer.svelte';
import { formatChanges, formatCount, formatNotes, formatReadings, formatTenants } from './format';
import { formatOtherRecords, listInWords } from './transfer-outcome';

/** What an import file holds and how much of it is new, in sentences for the preview. */
export function importPreviewLines(preview: ImportPreview): string[] {
  const { file, toAdd, invalid } = preview;
  const tenants = formatTenants(file.tenantCount);
  const runs = formatChanges(file.runCount, 'score');
  const holds =
    file.runCount === 0
      ? `The file holds no ${file.readingCount === undefined ? 'score changes' : 'readings'}.`
      : file.readingCount === undefined
        ? `The file holds ${runs} from ${tenants}; ${newOf(toAdd.runs.length, file.runCount)}.`
        : `The file holds ${formatReadings(file.readingCount)} from ${tenants} (${runs} once folded); ${newOf(toAdd.runs.length, file.runCount)}.`;
  const lines = [holds];
  if (file.noteCount > 0) lines.push(`It also holds ${formatNotes(file.noteCount)}; ${newOf(toAdd.notes.length, file.noteCount)}.`);
  const others = file.seriesRecordCount + file.recommendationRecordCount + file.watchRecordCount;
  if (others > 0) {
    const kinds = { series: file.seriesRecordCount > 0, recommendations: file.recommendationRecordCount > 0, watch: file.watchRecordCount > 0 };
    const also = file.runCount + file.noteCount > 0 ? ' also' : '';
    lines.push(`It${also} holds ${formatOtherRecords(others, kinds)}; ${newOf(otherCount(toAdd), others)}.`);
  }
  const secureScore = secureScoreLine(preview);
  if (secureScore) lines.push(secureScore);
  if (invalid.length > 0) lines.push(`${formatCount(invalid.length)} invalid, skipped.`);
  return lines;
}

/**
 * "It also holds Microsoft Secure Score: 90 days and 14 control changes; 88 days and 14 control changes are new": a
 * different score from the device score, named in full.
 */
function secureScoreLine({ secureScore, file }: ImportPreview): string | undefined {
  if (!secureScore || secureScore.days + secureScore.changes === 0) return undefined;
  const { days, changes } = secureScore.toAdd;
  const added = days.length + changes.length;
  const also = file.runCount + file.noteCount > 0 ? ' also' : '';
  const news =
    added === secureScore.days + secureScore.changes
      ? 'all are new'
      : added === 0
        ? 'all are already in your history'
        : `${daysAndChanges(days.length, changes.length)} ${added === 1 ? 'is' : 'are'} new`;
  return `It${also} holds Microsoft Secure Score: ${daysAndChanges(secureScore.days, secureScore.changes)}; ${news}.`;
}

/** "90 days and 14 control changes", "1 day", "2 control changes". */
function daysAndChanges(days: number, changes: number): string {
  return listInWords([days > 0 ? formatSecureScoreDays(days) : '', changes > 0 ? formatControlChanges(changes) : ''].filter(Boolean));
}

function formatSecureScoreDays(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'day' : 'days'}`;
}

function formatControlChanges(count: number): string {
  return `${formatCount(count)} control ${count === 1 ? 'change' : 'changes'}`;
}

/** "all are new", "3 are new, 5 already in your history", "it is already in your history". */
function newOf(added: number, total: number): string {
  if (added === total) return total === 1 ? 'it is new' : 'all are new';
  if (added === 0) return total === 1 ? 'it is already in your history' : 'all are already in your history';
  return `${formatCount(added)} ${added === 1 ? 'is' : 'are'} new, ${formatCount(total - added)} already in your history`;
}

/** The import button's name: what it adds (the other records by their number only), or that there is nothing to add. */
export function importConfirmLabel({ toAdd, secureScore }: ImportPreview): string {
  const others = otherCount(toAdd);
  const secureDays = secureScore?.toAdd.days.length ?? 0;
  const secureChanges = secureScore?.toAdd.changes.length ?? 0;
  const parts = [
    toAdd.runs.length > 0 ? formatChanges(toAdd.runs.length) : '',
    toAdd.notes.length > 0 ? formatNotes(toAdd.notes.length) : '',
    others > 0 ? `${formatCount(others)} other ${others === 1 ? 'record' : 'records'}` : '',
    // Its control changes come with its days; alone (the days are kept already), they are named.
    secureDays > 0 ? `${formatSecureScoreDays(secureDays)} of Microsoft Secure Score` : secureChanges > 0 ? `${formatControlChanges(secureChanges)} of Microsoft Secure Score` : '',
  ].filter(Boolean);
  return parts.length > 0 ? `Add ${listInWords(parts)}` : 'Nothing to add';
}

/** How many records the import would write: 0 when the stored history holds the whole file. */
export function importAddCount({ toAdd, secureScore }: ImportPreview): number {
  return toAdd.runs.length + toAdd.notes.length + otherCount(toAdd) + (secureScore ? secureScore.toAdd.days.length + secureScore.toAdd.changes.length : 0);
}

function otherCount(records: ImportPreview['toAdd']): number {
  const { series, recommendations, watch } = otherRecordCounts(records);
  return series + recommendations + watch;
}

const ROW_NAMES: Record<RowKind, string> = {
  line: 'Line',
  reading: 'Reading',
  run: 'Run',
  note: 'Note',
  'series-run': 'Series run',
  'series-name': 'Series name',
  'recommendation-change': 'Recommendation change',
  'recommendation-read': 'Recommendation read',
  goal: 'Goal',
  'alert-rule': 'Alert rule',
  alert: 'Alert',
};

/**
 * "Line 4: the time is in the future", "Note 2: has no text", "Recommendation change 7: the id is longer than
 * 200 characters": where in the file (a JSON file's entries by their list and place in it), and why it was skipped.
 */
export function describeInvalidRow({ kind, line, reason }: InvalidRow): string {
  return `${ROW_NAMES[kind]} ${line}: ${reason}`;
}
