import { beforeEach, describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { openIndexedDbStore } from '../../src/lib/history/indexeddb-store';
import { MemoryStore } from '../../src/lib/history/memory-store';
import type { HistoryStore } from '../../src/lib/history/history-store';
import { readDeletions } from '../../src/lib/history/deletions';
import { readAllHistory } from '../../src/lib/history/all-history';
import { goalTombstone, noteTombstone, ruleTombstone, type Tombstone } from '../../src/lib/history/tombstone';
import type { Note } from '../../src/lib/history/note';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const HOUR = 3_600_000;

const note = (hour: number, text: string, editedHour: number, tenantId = A): Note => ({ tenantId, time: hour * HOUR, text, edited: editedHour * HOUR });
const none = new Map<string, number>();

let databases = 0;
const stores: Record<string, () => Promise<HistoryStore>> = {
  IndexedDB: () => openIndexedDbStore({ name: `deletions-test-${++databases}` }),
  memory: async () => new MemoryStore(),
};

describe.each(Object.entries(stores))('%s store: deletions', (_name, open) => {
  let store: HistoryStore;
  beforeEach(async () => {
    store = await open();
  });

  it('keeps a note deleted here deleted when an older copy is added, and takes a copy edited after', async () => {
    await store.putNote(note(1, 'patched', 2));
    await store.deleteNote(A, HOUR, 3 * HOUR);
    expect(await store.tombstones(A)).toEqual([noteTombstone(A, HOUR, 3 * HOUR)]);
    await store.addHistory({ runs: [], notes: [note(1, 'patched', 2), note(1, 'patched', 3)] });
    expect(await store.notesFor(A)).toEqual([]);
    // An export holds the notes as they are: none of the deleted one.
    expect((await readAllHistory(store, [A])).notes).toEqual([]);
    await store.addHistory({ runs: [], notes: [note(1, 'rolled back', 4)] });
    expect(await store.notesFor(A)).toEqual([note(1, 'rolled back', 4)]);
  });

  it('keeps a goal or rule deleted here deleted against older copies', async () => {
    await store.putGoal({ tenantId: A, target: 500, edited: 1 });
    await store.putAlertRule({ tenantId: A, id: 'r1', kind: 'drop-points', points: 10, edited: 1 });
    await store.deleteGoal(A, 5);
    await store.deleteAlertRule(A, 'r1', 5);
    await store.addHistory({ runs: [], notes: [], goals: [{ tenantId: A, target: 500, edited: 5 }], alertRules: [{ tenantId: A, id: 'r1', kind: 'drop-points', points: 10, edited: 4 }] });
    expect(await store.goalOf(A)).toBeUndefined();
    expect(await store.alertRules(A)).toEqual([]);
    await store.addHistory({ runs: [], notes: [], goals: [{ tenantId: A, target: 550, edited: 6 }] });
    expect(await store.goalOf(A)).toEqual({ tenantId: A, target: 550, edited: 6 });
  });

  it('applies tombstones from elsewhere: the later one is kept, and it deletes only what was edited at or before it', async () => {
    await store.addHistory({ runs: [], notes: [note(1, 'old', 2), note(2, 'new', 9), note(3, 'other tenant', 2, B)] });
    await store.putAlertRule({ tenantId: A, id: 'r1', kind: 'drop-points', points: 10, edited: 2 * HOUR });
    await store.putGoal({ tenantId: A, target: 500, edited: 9 * HOUR });
    const tombstones: Tombstone[] = [noteTombstone(A, HOUR, 3 * HOUR), noteTombstone(A, HOUR, 4 * HOUR), noteTombstone(A, 2 * HOUR, 5 * HOUR), ruleTombstone(A, 'r1', 3 * HOUR), goalTombstone(A, 5 * HOUR)];
    await store.applyDeletions({ tenants: none, tombstones });
    expect(await store.notesFor(A)).toEqual([note(2, 'new', 9)]);
    expect(await store.notesFor(B)).toEqual([note(3, 'other tenant', 2, B)]);
    expect(await store.alertRules(A)).toEqual([]);
    expect(await store.goalOf(A)).toEqual({ tenantId: A, target: 500, edited: 9 * HOUR });
    const kept = (await store.tombstones(A)).sort((a, b) => (a.kind + a.key < b.kind + b.key ? -1 : 1));
    expect(kept).toEqual([ruleTombstone(A, 'r1', 3 * HOUR), goalTombstone(A, 5 * HOUR), noteTombstone(A, HOUR, 4 * HOUR), noteTombstone(A, 2 * HOUR, 5 * HOUR)]);
    // An older tombstone arriving later changes nothing.
    await store.applyDeletions({ tenants: none, tombstones: [noteTombstone(A, HOUR, 3 * HOUR)] });
    expect((await store.tombstones(A)).find((t) => t.kind === 'note' && t.key === String(HOUR))?.deletedAt).toBe(4 * HOUR);
  });

  it('applies a tenant’s deletion from elsewhere in one step: older records go, newer stay, a run that went on keeps its part after', async () => {
    await store.addHistory({
      runs: [
        { tenantId: A, firstSeen: 0, lastSeen: 2 * HOUR, score: 300 },
        { tenantId: A, firstSeen: 3 * HOUR, lastSeen: 8 * HOUR, score: 310 },
        { tenantId: A, firstSeen: 9 * HOUR, lastSeen: 9 * HOUR, score: 320 },
        { tenantId: B, firstSeen: 0, lastSeen: 2 * HOUR, score: 200 },
      ],
      notes: [note(1, 'before', 1), note(6, 'after', 6)],
      seriesRuns: [{ tenantId: A, series: 'exposure', firstSeen: HOUR, lastSeen: 6 * HOUR, score: 40 }],
      alertRules: [{ tenantId: A, id: 'r1', kind: 'drop-points', points: 10, edited: HOUR }],
    });
    await store.deleteNote(A, 7 * HOUR, 4 * HOUR);
    await store.applyDeletions({ tenants: new Map([[A, 5 * HOUR]]), tombstones: [] });
    expect(await store.runsFor(A)).toEqual([
      { tenantId: A, firstSeen: 5 * HOUR + 1, lastSeen: 8 * HOUR, score: 310 },
      { tenantId: A, firstSeen: 9 * HOUR, lastSeen: 9 * HOUR, score: 320 },
    ]);
    expect(await store.runsFor(B)).toHaveLength(1);
    expect(await store.notesFor(A)).toEqual([note(6, 'after', 6)]);
    expect(await store.seriesRuns(A)).toEqual([{ tenantId: A, series: 'exposure', firstSeen: 5 * HOUR + 1, lastSeen: 6 * HOUR, score: 40 }]);
    expect(await store.alertRules(A)).toEqual([]);
    // The tenant's deletion tells what its older single deletions told.
    expect(await store.tombstones(A)).toEqual([]);
    expect(await readDeletions(store)).toEqual(new Map([[A, 5 * HOUR]]));
    // Applied again, or an older one: nothing more goes.
    await store.applyDeletions({ tenants: new Map([[A, 5 * HOUR]]), tombstones: [] });
    await store.applyDeletions({ tenants: new Map([[A, 8 * HOUR]]), tombstones: [] });
    expect(await store.runsFor(A)).toEqual([{ tenantId: A, firstSeen: 9 * HOUR, lastSeen: 9 * HOUR, score: 320 }]);
  });
});

describe('IndexedDB store: a deletion that fails half-way', () => {
  it('changes nothing: the tenant’s history is as it was and its deletion is not recorded', async () => {
    const store = await openIndexedDbStore({ name: 'deletions-half-way' });
    await store.addHistory({ runs: [{ tenantId: A, firstSeen: 0, lastSeen: 2 * HOUR, score: 300 }], notes: [note(1, 'before', 1)] });
    // A tombstone IndexedDB refuses (its note's key is not a number): the transaction aborts after the tenant's clip was issued.
    const refused: Tombstone = { tenantId: A, kind: 'note', key: 'not a time', deletedAt: 9 * HOUR };
    await expect(store.applyDeletions({ tenants: new Map([[A, 5 * HOUR]]), tombstones: [refused] })).rejects.toThrow();
    expect(await store.runsFor(A)).toEqual([{ tenantId: A, firstSeen: 0, lastSeen: 2 * HOUR, score: 300 }]);
    expect(await store.notesFor(A)).toEqual([note(1, 'before', 1)]);
    expect(await readDeletions(store)).toEqual(new Map());
  });
});
