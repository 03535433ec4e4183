import { describe, expect, it } from 'vitest';
import type { ImportFileContents, ImportPreview } from '../../src/lib/state/data-transfer.svelte';
import type { Note } from '../../src/lib/history/note';
import type { Run } from '../../src/lib/history/run';
import { describeInvalidRow, importAddCount, importConfirmLabel, importPreviewLines } from '../../src/lib/ui/import-preview';
import type { RecommendationRead } from '../../src/lib/recommendations/recommendation';
import type { SeriesRun } from '../../src/lib/history/series-store';

const TENANT = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const runs = (count: number): Run[] => Array.from({ length: count }, (_, i) => ({ tenantId: TENANT, firstSeen: i, lastSeen: i, score: i }));
const notes = (count: number): Note[] => Array.from({ length: count }, (_, i) => ({ tenantId: TENANT, time: i, text: 'n', edited: i }));
const seriesRuns = (count: number): SeriesRun[] => runs(count).map((run) => ({ ...run, series: 'exposure' }));
const reads = (count: number): RecommendationRead[] => Array.from({ length: count }, (_, i) => ({ tenantId: TENANT, time: i, count: 1 }));
const n = (count: number) => count.toLocaleString();

function preview(file: Partial<ImportFileContents>, newRuns: number, newNotes = 0, invalid = 0, newSeriesRuns = 0, newReads = 0): ImportPreview {
  return {
    fileName: 'history.csv',
    file: { format: 'csv', version: 2, readingCount: undefined, runCount: 0, noteCount: 0, seriesRecordCount: 0, recommendationRecordCount: 0, watchRecordCount: 0, tenantCount: 1, ...file },
    toAdd: { runs: runs(newRuns), notes: notes(newNotes), seriesRuns: seriesRuns(newSeriesRuns), seriesNames: [], recommendationChanges: [], recommendationReads: reads(newReads), goals: [], alertRules: [], alertLog: [] },
    invalid: Array.from({ length: invalid }, (_, i) => ({ kind: 'line' as const, line: i + 2, reason: 'has no score' })),
    tenantLabels: {},
    tenants: [],
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

describe('importPreviewLines with the other records of a version 3 file', () => {
  it('counts the exposure and recommendation records, and how many are new', () => {
    expect(importPreviewLines(preview({ version: 3, format: 'json', runCount: 2, seriesRecordCount: 300, recommendationRecordCount: 40 }, 2, 0, 0, 12, 3))).toEqual([
      'The file holds 2 score changes from 1 tenant; all are new.',
      'It also holds 340 exposure and recommendation records; 15 are new, 325 already in your history.',
    ]);
    expect(importPreviewLines(preview({ version: 3, runCount: 1, seriesRecordCount: 1 }, 0, 0, 0, 1))).toEqual([
      'The file holds 1 score change from 1 tenant; it is already in your history.',
      'It also holds 1 exposure record; it is new.',
    ]);
    expect(importPreviewLines(preview({ version: 3, format: 'json', recommendationRecordCount: 2 }, 0))).toEqual([
      'The file holds no score changes.',
      'It holds 2 recommendation records; all are already in your history.',
    ]);
  });
});

describe('importConfirmLabel', () => {
  it('names what the import adds, or that there is nothing to add', () => {
    expect(importConfirmLabel(preview({ runCount: 365 }, 365))).toBe('Add 365 changes');
    expect(importConfirmLabel(preview({ runCount: 1, noteCount: 2 }, 1, 2))).toBe('Add 1 change and 2 notes');
    expect(importConfirmLabel(preview({ noteCount: 1 }, 0, 1))).toBe('Add 1 note');
    expect(importConfirmLabel(preview({ runCount: 4 }, 0))).toBe('Nothing to add');
    expect(importConfirmLabel(preview({ runCount: 12_345 }, 12_345))).toBe(`Add ${n(12_345)} changes`);
    expect(importConfirmLabel(preview({ runCount: 12, noteCount: 1, seriesRecordCount: 400 }, 12, 1, 0, 300, 40))).toBe('Add 12 changes, 1 note and 340 other records');
    expect(importConfirmLabel(preview({ recommendationRecordCount: 1 }, 0, 0, 0, 0, 1))).toBe('Add 1 other record');
  });
});

describe('importAddCount', () => {
  it('counts every record the import would write, so that a file of other records alone can be imported', () => {
    expect(importAddCount(preview({ runCount: 3 }, 0))).toBe(0);
    expect(importAddCount(preview({ recommendationRecordCount: 2 }, 0, 0, 0, 0, 2))).toBe(2);
    expect(importAddCount(preview({ runCount: 3, noteCount: 2, seriesRecordCount: 5 }, 3, 2, 0, 5))).toBe(10);
  });
});

describe('describeInvalidRow', () => {
  it('says where in the file the row is, in the file’s own terms, and why it was skipped', () => {
    expect(describeInvalidRow({ kind: 'line', line: 4, reason: 'the time is in the future' })).toBe('Line 4: the time is in the future');
    expect(describeInvalidRow({ kind: 'reading', line: 2, reason: 'has no numeric score' })).toBe('Reading 2: has no numeric score');
    expect(describeInvalidRow({ kind: 'run', line: 1, reason: 'has no firstSeen text' })).toBe('Run 1: has no firstSeen text');
    expect(describeInvalidRow({ kind: 'note', line: 3, reason: 'duplicate of note 1' })).toBe('Note 3: duplicate of note 1');
    expect(describeInvalidRow({ kind: 'series-run', line: 5, reason: 'the value is more than 100' })).toBe('Series run 5: the value is more than 100');
    expect(describeInvalidRow({ kind: 'series-name', line: 1, reason: 'has no name text' })).toBe('Series name 1: has no name text');
    expect(describeInvalidRow({ kind: 'recommendation-change', line: 7, reason: 'has an empty id' })).toBe('Recommendation change 7: has an empty id');
    expect(describeInvalidRow({ kind: 'recommendation-read', line: 2, reason: 'the count is negative' })).toBe('Recommendation read 2: the count is negative');
  });
});
