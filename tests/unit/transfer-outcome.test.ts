import { describe, expect, it } from 'vitest';
import { transferOutcomeMessage } from '../../src/lib/ui/transfer-outcome';

describe('transferOutcomeMessage', () => {
  it('says how many score changes and notes an import added, in the user’s number format', () => {
    const count = (95_668).toLocaleString();
    expect(transferOutcomeMessage({ kind: 'imported', fileName: 'old.csv', added: 95_668, notesAdded: 2 })).toEqual({
      tone: 'ok',
      text: `Imported ${count} score changes and 2 notes from “old.csv”.`,
    });
    expect(transferOutcomeMessage({ kind: 'imported', fileName: 'one.csv', added: 1, notesAdded: 0 }).text).toBe('Imported 1 score change from “one.csv”.');
    expect(transferOutcomeMessage({ kind: 'imported', fileName: 'n.json', added: 0, notesAdded: 1 }).text).toBe('Imported 1 note from “n.json”.');
    // Another tab may have added the same history between the preview and the import.
    expect(transferOutcomeMessage({ kind: 'imported', fileName: 'same.json', added: 0, notesAdded: 0 }).text).toBe('Imported nothing new from “same.json”.');
  });

  it('says that a failed or cancelled import changed nothing', () => {
    expect(transferOutcomeMessage({ kind: 'import-failed', storage: 'quota' }).text).toBe(
      'Storage is full: nothing from the file was added, and your history is unchanged.',
    );
    expect(transferOutcomeMessage({ kind: 'import-failed', storage: 'unknown' }).text).toContain('nothing from the file was added');
    expect(transferOutcomeMessage({ kind: 'import-cancelled', fileName: 'big.csv' }).text).toContain('your history is unchanged');
  });

  it('names a refused file and why, and that nothing was imported', () => {
    expect(transferOutcomeMessage({ kind: 'file-too-large', fileName: 'huge.csv', maxBytes: 20 * 1024 * 1024 }).text).toBe(
      '“huge.csv” is larger than 20 MB, more than any Scoreline history. Nothing was imported.',
    );
    expect(transferOutcomeMessage({ kind: 'file-refused', fileName: 'x.json', problem: 'The file is truncated or is not JSON.' }).text).toBe(
      '“x.json” was not imported: The file is truncated or is not JSON.',
    );
  });

  it('words a delete with its count and tenant', () => {
    expect(transferOutcomeMessage({ kind: 'deleted', tenantLabel: 'contoso.example', deleted: 2 })).toEqual({
      tone: 'ok',
      text: 'Deleted the history of contoso.example from this browser: 2 score changes and their notes.',
    });
    expect(transferOutcomeMessage({ kind: 'delete-failed' }).tone).toBe('error');
  });
});
