import type { InvalidRow, RowKind } from '../history/import-parser';
import type { ImportPreview } from '../state/data-transfer.svelte';
import { formatChanges, formatCount, formatNotes, formatReadings, formatTenants } from './format';

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
  if (invalid.length > 0) lines.push(`${formatCount(invalid.length)} invalid, skipped.`);
  return lines;
}

/** "all are new", "3 are new, 5 already in your history", "it is already in your history". */
function newOf(added: number, total: number): string {
  if (added === total) return total === 1 ? 'it is new' : 'all are new';
  if (added === 0) return total === 1 ? 'it is already in your history' : 'all are already in your history';
  return `${formatCount(added)} ${added === 1 ? 'is' : 'are'} new, ${formatCount(total - added)} already in your history`;
}

/** The import button's name: what it adds, or that there is nothing to add. */
export function importConfirmLabel({ toAdd }: ImportPreview): string {
  const parts = [toAdd.runs.length > 0 ? formatChanges(toAdd.runs.length) : '', toAdd.notes.length > 0 ? formatNotes(toAdd.notes.length) : ''].filter(Boolean);
  return parts.length > 0 ? `Add ${parts.join(' and ')}` : 'Nothing to add';
}

const ROW_NAMES: Record<RowKind, string> = { line: 'Line', reading: 'Reading', run: 'Run', note: 'Note' };

/** "Line 4: the time is in the future", "Note 2: has no text": where in the file, and why it was skipped. */
export function describeInvalidRow({ kind, line, reason }: InvalidRow): string {
  return `${ROW_NAMES[kind]} ${line}: ${reason}`;
}
