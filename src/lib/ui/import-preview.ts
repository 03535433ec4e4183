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
  if (invalid.length > 0) lines.push(`${formatCount(invalid.length)} invalid, skipped.`);
  return lines;
}

/** "all are new", "3 are new, 5 already in your history", "it is already in your history". */
function newOf(added: number, total: number): string {
  if (added === total) return total === 1 ? 'it is new' : 'all are new';
  if (added === 0) return total === 1 ? 'it is already in your history' : 'all are already in your history';
  return `${formatCount(added)} ${added === 1 ? 'is' : 'are'} new, ${formatCount(total - added)} already in your history`;
}

/** The import button's name: what it adds (the other records by their number only), or that there is nothing to add. */
export function importConfirmLabel({ toAdd }: ImportPreview): string {
  const others = otherCount(toAdd);
  const parts = [
    toAdd.runs.length > 0 ? formatChanges(toAdd.runs.length) : '',
    toAdd.notes.length > 0 ? formatNotes(toAdd.notes.length) : '',
    others > 0 ? `${formatCount(others)} other ${others === 1 ? 'record' : 'records'}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? `Add ${listInWords(parts)}` : 'Nothing to add';
}

/** How many records the import would write: 0 when the stored history holds the whole file. */
export function importAddCount({ toAdd }: ImportPreview): number {
  return toAdd.runs.length + toAdd.notes.length + otherCount(toAdd);
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
