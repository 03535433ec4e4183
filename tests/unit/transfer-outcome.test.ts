import { describe, expect, it } from 'vitest';
import { transferOutcomeMessage } from '../../src/lib/ui/transfer-outcome';

const NO_OTHERS = { othersAdded: 0, otherKinds: { series: false, recommendations: false, watch: false } };
const BOTH = { series: true, recommendations: true, watch: false };

describe('transferOutcomeMessage', () => {
  it('says how many score changes and notes an import added, in the user’s number format', () => {
    const count = (95_668).toLocaleString();
    expect(transferOutcomeMessage({ kind: 'imported', fileName: 'old.csv', added: 95_668, notesAdded: 2, ...NO_OTHERS })).toEqual({
      tone: 'ok',
      text: `Imported ${count} score changes and 2 notes from “old.csv”.`,
    });
    expect(transferOutcomeMessage({ kind: 'imported', fileName: 'one.csv', added: 1, notesAdded: 0, ...NO_OTHERS }).text).toBe('Imported 1 score change from “one.csv”.');
    expect(transferOutcomeMessage({ kind: 'imported', fileName: 'n.json', added: 0, notesAdded: 1, ...NO_OTHERS }).text).toBe('Imported 1 note from “n.json”.');
    // Another tab may have added the same history between the preview and the import.
    expect(transferOutcomeMessage({ kind: 'imported', fileName: 'same.json', added: 0, notesAdded: 0, othersAdded: 0, otherKinds: BOTH }).text).toBe(
      'Imported nothing new from “same.json”.',
    );
  });

  it('counts the exposure and recommendation records an import added, named by what the file held', () => {
    const imported = (added: number, notesAdded: number, othersAdded: number, otherKinds = BOTH) =>
      transferOutcomeMessage({ kind: 'imported', fileName: 'x.json', added, notesAdded, othersAdded, otherKinds }).text;
    expect(imported(12, 1, 340)).toBe('Imported 12 score changes, 1 note and 340 exposure and recommendation records from “x.json”.');
    expect(imported(0, 0, 1, { series: true, recommendations: false, watch: false })).toBe('Imported 1 exposure record from “x.json”.');
    expect(imported(3, 0, 20, { series: false, recommendations: true, watch: false })).toBe('Imported 3 score changes and 20 recommendation records from “x.json”.');
    expect(imported(0, 2, (4_321))).toBe(`Imported 2 notes and ${(4_321).toLocaleString()} exposure and recommendation records from “x.json”.`);
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
      text: 'Deleted the history of contoso.example from this browser: 2 score changes and their notes, with its exposure, device group and recommendation history, its goal, alert rules and alert log.',
    });
    expect(transferOutcomeMessage({ kind: 'delete-failed' }).tone).toBe('error');
  });
});
