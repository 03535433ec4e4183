import { describe, expect, it } from 'vitest';
import type { ImportFileContents, ImportPreview } from '../../src/lib/state/data-transfer.svelte';
import type { Note } from '../../src/lib/history/note';
import type { Run } from '../../src/lib/history/run';
import { describeInvalidRow, importConfirmLabel, importPreviewLines } from '../../src/lib/ui/import-preview';

const TENANT = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const runs = (count: number): Run[] => Array.from({ length: count }, (_, i) => ({ tenantId: TENANT, firstSeen: i, lastSeen: i, score: i }));
const notes = (count: number): Note[] => Array.from({ length: count }, (_, i) => ({ tenantId: TENANT, time: i, text: 'n', edited: i }));
const n = (count: number) => count.toLocaleString();

function preview(file: Partial<ImportFileContents>, newRuns: number, newNotes = 0, invalid = 0): ImportPreview {
  return {
    fileName: 'history.csv',
    file: { format: 'csv', version: 2, readingCount: undefined, runCount: 0, noteCount: 0, tenantCount: 1, ...file },
    toAdd: { runs: runs(newRuns), notes: notes(newNotes) },
    invalid: Array.from({ length: invalid }, (_, i) => ({ kind: 'line' as const, line: i + 2, reason: 'has no score' })),
    tenantLabels: {},
  };
}

describe('importPreviewLines', () => {
  it('says how many readings a version 1 file holds, how many score changes they fold into, and how many are new', () => {
    expect(importPreviewLines(preview({ version: 1, readingCount: 8_760, runCount: 365 }, 365))).toEqual([
      `The file holds ${n(8_760)} readings from 1 tenant (365 score changes once folded); all are new.`,
    ]);
  });

  it('says how many score changes a version 2 file holds, how many are new and how many already kept', () => {
    expect(importPreviewLines(preview({ runCount: 1_200, tenantCount: 2 }, 200))).toEqual([
      `The file holds ${n(1_200)} score changes from 2 tenants; 200 are new, ${n(1_000)} already in your history.`,
    ]);
    expect(importPreviewLines(preview({ runCount: 3 }, 0))).toEqual(['The file holds 3 score changes from 1 tenant; all are already in your history.']);
    expect(importPreviewLines(preview({ runCount: 1 }, 1))).toEqual(['The file holds 1 score change from 1 tenant; it is new.']);
    expect(importPreviewLines(preview({ runCount: 2 }, 1))).toEqual(['The file holds 2 score changes from 1 tenant; 1 is new, 1 already in your history.']);
  });

  it('adds the notes, and the rows skipped as invalid, only when there are any', () => {
    expect(importPreviewLines(preview({ runCount: 5, noteCount: 3 }, 5, 1, 2))).toEqual([
      'The file holds 5 score changes from 1 tenant; all are new.',
      'It also holds 3 notes; 1 is new, 2 already in your history.',
      '2 invalid, skipped.',
    ]);
  });

  it('says so when a file holds nothing', () => {
    expect(importPreviewLines(preview({ version: 1, readingCount: 0, tenantCount: 0 }, 0, 0, 1))).toEqual(['The file holds no readings.', '1 invalid, skipped.']);
    expect(importPreviewLines(preview({ tenantCount: 0 }, 0))).toEqual(['The file holds no score changes.']);
  });
});

describe('importConfirmLabel', () => {
  it('names what the import adds, or that there is nothing to add', () => {
    expect(importConfirmLabel(preview({ runCount: 365 }, 365))).toBe('Add 365 changes');
    expect(importConfirmLabel(preview({ runCount: 1, noteCount: 2 }, 1, 2))).toBe('Add 1 change and 2 notes');
    expect(importConfirmLabel(preview({ noteCount: 1 }, 0, 1))).toBe('Add 1 note');
    expect(importConfirmLabel(preview({ runCount: 4 }, 0))).toBe('Nothing to add');
    expect(importConfirmLabel(preview({ runCount: 12_345 }, 12_345))).toBe(`Add ${n(12_345)} changes`);
  });
});

describe('describeInvalidRow', () => {
  it('says where in the file the row is, in the file’s own terms, and why it was skipped', () => {
    expect(describeInvalidRow({ kind: 'line', line: 4, reason: 'the time is in the future' })).toBe('Line 4: the time is in the future');
    expect(describeInvalidRow({ kind: 'reading', line: 2, reason: 'has no numeric score' })).toBe('Reading 2: has no numeric score');
    expect(describeInvalidRow({ kind: 'run', line: 1, reason: 'has no firstSeen text' })).toBe('Run 1: has no firstSeen text');
    expect(describeInvalidRow({ kind: 'note', line: 3, reason: 'duplicate of note 1' })).toBe('Note 3: duplicate of note 1');
  });
});
