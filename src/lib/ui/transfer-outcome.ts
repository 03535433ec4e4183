import type { OtherRecordKinds, TransferOutcome } from '../state/data-transfer.svelte';
import { formatChanges, formatCount, formatNotes } from './format';

export interface OutcomeMessage {
  tone: 'ok' | 'error';
  text: string;
}

/** How an export, import or delete ended, in words that say what changed and what to do next. */
export function transferOutcomeMessage(outcome: TransferOutcome): OutcomeMessage {
  switch (outcome.kind) {
    case 'file-too-large':
      return {
        tone: 'error',
        text: `“${outcome.fileName}” is larger than ${outcome.maxBytes / 1024 / 1024} MB, more than any Scoreline history. Nothing was imported.`,
      };
    case 'file-unreadable':
      return { tone: 'error', text: `“${outcome.fileName}” could not be read. Nothing was imported.` };
    case 'file-refused':
      return { tone: 'error', text: `“${outcome.fileName}” was not imported: ${outcome.problem}` };
    case 'history-unreadable':
      return { tone: 'error', text: 'The stored history could not be read to compare with the file. Nothing was imported; reload and try again.' };
    case 'imported':
      return { tone: 'ok', text: `Imported ${importedWhat(outcome)} from “${outcome.fileName}”.` };
    case 'import-cancelled':
      return { tone: 'ok', text: `The import of “${outcome.fileName}” was cancelled. Nothing from the file was added, and your history is unchanged.` };
    case 'import-failed':
      return {
        tone: 'error',
        text:
          outcome.storage === 'quota'
            ? 'Storage is full: nothing from the file was added, and your history is unchanged.'
            : 'The import failed: nothing from the file was added, and your history is unchanged.',
      };
    case 'exported':
      return { tone: 'ok', text: `Saved “${outcome.fileName}” to your downloads.` };
    case 'export-failed':
      return { tone: 'error', text: 'The stored history could not be read, so nothing was exported. Reload and try again.' };
    case 'no-chart':
      return { tone: 'error', text: 'The chart is not on screen yet, so there is no image to save.' };
    case 'deleted':
      return { tone: 'ok', text: `Deleted the history of ${outcome.tenantLabel} from this browser: ${formatChanges(outcome.deleted, 'score')} and their notes, with its exposure, device group and recommendation history, its goal, alert rules and alert log.` };
    case 'delete-failed':
      return { tone: 'error', text: 'The history could not be deleted: the browser’s storage refused. Nothing was changed; reload and try again.' };
  }
}

/**
 * "3 score changes and 1 note", "12 score changes, 1 note and 340 exposure and recommendation records";
 * "nothing new" when the history held it all by the time it was written.
 */
function importedWhat({ added, notesAdded, othersAdded, otherKinds, secureScoreDaysAdded = 0 }: Extract<TransferOutcome, { kind: 'imported' }>): string {
  const parts = [
    added > 0 ? formatChanges(added, 'score') : '',
    notesAdded > 0 ? formatNotes(notesAdded) : '',
    othersAdded > 0 ? formatOtherRecords(othersAdded, otherKinds) : '',
    secureScoreDaysAdded > 0 ? `${formatCount(secureScoreDaysAdded)} ${secureScoreDaysAdded === 1 ? 'day' : 'days'} of Microsoft Secure Score` : '',
  ].filter(Boolean);
  return parts.length > 0 ? listInWords(parts) : 'nothing new';
}

/** "340 exposure and recommendation records", "1 exposure record", "3 goal and alert records". */
export function formatOtherRecords(count: number, kinds: OtherRecordKinds): string {
  const named = [kinds.series ? 'exposure' : '', kinds.recommendations ? 'recommendation' : '', kinds.watch ? 'goal and alert' : ''].filter(Boolean);
  const what = named.length === 0 ? 'other' : named.length === 3 ? 'exposure, recommendation, goal and alert' : named.join(' and ');
  return `${formatCount(count)} ${what} ${count === 1 ? 'record' : 'records'}`;
}

/** "a", "a and b", "a, b and c". */
export function listInWords(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
