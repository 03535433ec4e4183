import { beforeEach, describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { openIndexedDbStore } from '../../src/lib/history/indexeddb-store';
import { MemoryStore } from '../../src/lib/history/memory-store';
import type { HistoryStore } from '../../src/lib/history/history-store';
import { DB_VERSION } from '../../src/lib/history/schema';
import { foldReadings, type Run } from '../../src/lib/history/run';
import type { Note } from '../../src/lib/history/note';
import type { Reading } from '../../src/lib/history/reading';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';

const HOUR = 3_600_000;
const MANY = 100_000;
// fake-indexeddb writes 100,000 runs in seconds, not milliseconds.
const MANY_TIMEOUT_MS = 120_000;

const reading = (hour: number, score: number, tenantId = A): Reading => ({ tenantId, time: hour * HOUR, score });
const run = (fromHour: number, toHour: number, score: number, tenantId = A): Run => ({ tenantId, firstSeen: fromHour * HOUR, lastSeen: toHour * HOUR, score });
const note = (hour: number, text: string, edited = hour * HOUR, tenantId = A): Note => ({ tenantId, time: hour * HOUR, text, edited });

/** `count` runs of one tenant, one an hour, each a different score from the one before (nothing folds). */
function hourlyRuns(count: number, tenantId = A): Run[] {
  return Array.from({ length: count }, (_, i) => ({ tenantId, firstSeen: i * HOUR, lastSeen: i * HOUR + HOUR / 2, score: 300 + (i % 100) }));
}

let databases = 0;
const freshName = () => `scoreline-test-${++databases}`;

const stores: Record<string, () => Promise<HistoryStore>> = {
  IndexedDB: () => openIndexedDbStore({ name: freshName() }),
  memory: async () => new MemoryStore(),
};

describe.each(Object.entries(stores))('%s history store', (_name, open) => {
  let store: HistoryStore;
  beforeEach(async () => {
    store = await open();
  });

  it('folds a reading at the latest score into its run, and starts a run for a new score', async () => {
    expect(await store.addReading(reading(0, 300))).toBe('added');
    expect(await store.addReading(reading(1, 300))).toBe('confirmed');
    expect(await store.addReading(reading(2, 300))).toBe('confirmed');
    expect(await store.addReading(reading(2, 300))).toBe('present');
    expect(await store.addReading(reading(3, 310))).toBe('added');
    expect(await store.addReading(reading(1, 300, B))).toBe('added');
    expect(await store.runsFor(A)).toEqual([run(0, 2, 300), run(3, 3, 310)]);
    expect(await store.countRuns(A)).toBe(2);
    expect(await store.runsFor(B)).toEqual([run(1, 1, 300, B)]);
  });

  it('keeps a reading of another score inside a run, and a repeat after a gap as a run of its own', async () => {
    await store.addHistory({ runs: [run(0, 10, 300)], notes: [] });
    expect(await store.addReading(reading(5, 320))).toBe('added');
    expect(await store.addReading(reading(10 + 37, 300))).toBe('added');
    expect(await store.runsFor(A)).toEqual([run(0, 10, 300), run(5, 5, 320), run(47, 47, 300)]);
  });

  it('folds readings in time order exactly as foldReadings does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom(300, 310)), { maxLength: 40 }), async (steps) => {
        const fresh = await open();
        let hour = 0;
        const readings = steps.map(([hours, score]) => reading((hour += hours), score));
        for (const r of readings) await fresh.addReading(r);
        expect(await fresh.runsFor(A)).toEqual(foldReadings(readings));
      }),
      { numRuns: 25 },
    );
  });

  it('reads the runs that last to a time or later, and the runs confirmed last', async () => {
    await store.addHistory({ runs: [run(0, 5, 300), run(6, 20, 310), run(21, 22, 305), run(0, 30, 1, B)], notes: [] });
    expect(await store.runsFor(A, 10 * HOUR)).toEqual([run(6, 20, 310), run(21, 22, 305)]);
    expect(await store.latestRuns(A, 2)).toEqual([run(6, 20, 310), run(21, 22, 305)]);
    expect(await store.latestRuns(A, 1, 10 * HOUR)).toEqual([run(0, 5, 300)]);
    expect(await store.latestRuns(A, 0)).toEqual([]);
    expect(await store.runsBetween(A, 5 * HOUR, 6 * HOUR)).toEqual([run(0, 5, 300), run(6, 20, 310)]);
  });

  it('joins imported runs into the stored ones, counting what told something new', async () => {
    await store.addHistory({ runs: [run(0, 5, 300), run(10, 12, 310)], notes: [] });
    const counts = await store.addHistory({ runs: [run(3, 8, 300), run(10, 11, 310), run(20, 20, 320)], notes: [] });
    expect(counts).toEqual({ added: 2, present: 1, notesAdded: 0, othersAdded: 0 });
    expect(await store.runsFor(A)).toEqual([run(0, 8, 300), run(10, 12, 310), run(20, 20, 320)]);
  });

  it('reaches the same runs whatever the order of imports', async () => {
    const runsArbitrary = fc.array(
      fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 30 }), fc.constantFrom(300, 310)).map(([from, length, score]) => run(from, from + length, score)),
      { maxLength: 12 },
    );
    await fc.assert(
      fc.asyncProperty(runsArbitrary, runsArbitrary, async (first, second) => {
        const [one, other] = [await open(), await open()];
        await one.addHistory({ runs: first, notes: [] });
        await one.addHistory({ runs: second, notes: [] });
        await other.addHistory({ runs: second, notes: [] });
        await other.addHistory({ runs: first, notes: [] });
        expect(await one.runsFor(A)).toEqual(await other.runsFor(A));
      }),
      { numRuns: 25 },
    );
  });

  it('keeps the later edit of a note, whichever copy comes first', async () => {
    await store.putNote(note(1, 'first words', 100));
    const counts = await store.addHistory({ runs: [], notes: [note(1, 'older words', 50), note(2, 'new note', 10)] });
    expect(counts).toEqual({ added: 0, present: 0, notesAdded: 1, othersAdded: 0 });
    expect(await store.notesFor(A)).toEqual([note(1, 'first words', 100), note(2, 'new note', 10)]);
    await store.addHistory({ runs: [], notes: [note(1, 'edited later', 200)] });
    expect((await store.notesFor(A))[0]?.text).toBe('edited later');
  });

  it('writes, replaces and deletes a note, and reads notes from a time on', async () => {
    await store.putNote(note(1, 'enabled ASR rules'));
    await store.putNote(note(1, 'enabled ASR rules in block mode', 2 * HOUR));
    await store.putNote(note(5, 'later'));
    expect(await store.notesFor(A)).toEqual([note(1, 'enabled ASR rules in block mode', 2 * HOUR), note(5, 'later')]);
    expect(await store.notesFor(A, 2 * HOUR)).toEqual([note(5, 'later')]);
    await store.deleteNote(A, HOUR, 3 * HOUR);
    expect(await store.notesFor(A)).toEqual([note(5, 'later')]);
  });

  it('reports progress chunk by chunk until every write is done', async () => {
    await store.addHistory({ runs: hourlyRuns(1_000), notes: [] });
    const progress: [number, number][] = [];
    const counts = await store.addHistory({ runs: hourlyRuns(5_000), notes: [] }, { onProgress: (written, total) => progress.push([written, total]) });
    expect(counts).toEqual({ added: 4_000, present: 1_000, notesAdded: 0, othersAdded: 0 });
    // Progress counts the runs of the import worked through, of all of them.
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every(([, total]) => total === 5_000)).toBe(true);
    expect(progress.map(([written]) => written)).toEqual([...progress.map(([written]) => written)].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual([5_000, 5_000]);
  });

  it(
    'writes nothing when a run midway cannot be stored',
    async () => {
      await store.addHistory({ runs: [run(-2, -1, 300)], notes: [note(-1, 'kept')] });
      const runs = hourlyRuns(MANY);
      // NaN is no IndexedDB key: the 50,000th write is refused after 49,999 went through.
      runs[49_999] = { ...runs[49_999]!, score: Number.NaN };
      await expect(store.addHistory({ runs, notes: [note(3, 'not kept')] })).rejects.toMatchObject({ name: 'StorageFailure' });
      expect(await store.runsFor(A)).toEqual([run(-2, -1, 300)]);
      expect(await store.notesFor(A)).toEqual([note(-1, 'kept')]);
    },
    MANY_TIMEOUT_MS,
  );

  it(
    'writes nothing when cancelled before the history is committed',
    async () => {
      const controller = new AbortController();
      let lastWritten = 0;
      const adding = store.addHistory(
        { runs: hourlyRuns(MANY), notes: [] },
        {
          signal: controller.signal,
          onProgress: (written) => {
            lastWritten = written;
            if (written >= MANY / 2) controller.abort();
          },
        },
      );
      await expect(adding).rejects.toMatchObject({ name: 'AbortError' });
      expect(lastWritten).toBeLessThan(MANY);
      expect(await store.runsFor(A)).toEqual([]);
    },
    MANY_TIMEOUT_MS,
  );

  it('writes nothing and reads nothing when cancelled before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    let progressed = false;
    await expect(store.addHistory({ runs: hourlyRuns(10), notes: [] }, { signal: controller.signal, onProgress: () => (progressed = true) })).rejects.toBe(
      controller.signal.reason,
    );
    expect(progressed).toBe(false);
    expect(await store.runsFor(A)).toEqual([]);
  });

  it(
    'adds 100,000 runs in one go, and finds them all present the second time',
    async () => {
      expect(await store.addHistory({ runs: hourlyRuns(MANY), notes: [] })).toEqual({ added: MANY, present: 0, notesAdded: 0, othersAdded: 0 });
      expect(await store.latestRuns(A, 1)).toEqual([hourlyRuns(MANY).at(-1)]);
      expect(await store.countRuns(A)).toBe(MANY);
      expect(await store.addHistory({ runs: hourlyRuns(MANY), notes: [] })).toEqual({ added: 0, present: MANY, notesAdded: 0, othersAdded: 0 });
    },
    MANY_TIMEOUT_MS,
  );

  it('deletes one tenant’s runs and notes and nothing else', async () => {
    await store.addHistory({ runs: [run(0, 1, 1), run(2, 3, 2), run(0, 1, 3, B)], notes: [note(0, 'a'), note(0, 'b', 0, B)] });
    await store.setPref('region', 'eu');
    expect(await store.deleteTenantHistory(A)).toBe(2);
    expect(await store.runsFor(A)).toEqual([]);
    expect(await store.notesFor(A)).toEqual([]);
    expect(await store.runsFor(B)).toHaveLength(1);
    expect(await store.notesFor(B)).toHaveLength(1);
    expect(await store.getPref('region')).toBe('eu');
  });

  it('keeps tenants and preferences', async () => {
    await store.rememberTenant({ tenantId: A, label: 'contoso.example', lastUsed: 5 });
    await store.rememberTenant({ tenantId: A, label: 'contoso.example', lastUsed: 6 });
    expect(await store.tenants()).toEqual([{ tenantId: A, label: 'contoso.example', lastUsed: 6 }]);
    expect(await store.getPref('missing')).toBeUndefined();
  });
});

describe('IndexedDB history store', () => {
  it('keeps runs and notes across connections', async () => {
    const name = freshName();
    const first = await openIndexedDbStore({ name });
    await first.addReading(reading(1, 310));
    await first.putNote(note(1, 'kept'));
    const second = await openIndexedDbStore({ name });
    expect(await second.runsFor(A)).toHaveLength(1);
    expect(await second.notesFor(A)).toHaveLength(1);
  });

  it(
    'writes nothing when the database refuses a write midway',
    async () => {
      const store = await openIndexedDbStore({ name: freshName() });
      await store.addReading(reading(-1, 300));
      // The 50,000th run is added just ahead of the store's own put, and the second add of it is refused
      // (ConstraintError) after 49,999 writes, as a write would be refused with the disk full.
      const { put, add } = IDBObjectStore.prototype;
      let calls = 0;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if ((calls += 1) !== MANY / 2) return put.apply(this, args);
        add.apply(this, args);
        return add.apply(this, args);
      };
      try {
        await expect(store.addHistory({ runs: hourlyRuns(MANY), notes: [] })).rejects.toMatchObject({
          name: 'StorageFailure',
          kind: 'unknown',
          cause: { name: 'ConstraintError' },
        });
      } finally {
        IDBObjectStore.prototype.put = put;
      }
      expect(calls).toBeGreaterThanOrEqual(MANY / 2);
      expect(await store.runsFor(A)).toEqual([run(-1, -1, 300)]);
    },
    MANY_TIMEOUT_MS,
  );

  it('says storage is unavailable when there is no IndexedDB', async () => {
    const saved = globalThis.indexedDB;
    // @ts-expect-error -- some private modes offer no IndexedDB at all
    delete globalThis.indexedDB;
    try {
      await expect(openIndexedDbStore({ name: freshName() })).rejects.toMatchObject({ name: 'StorageFailure', kind: 'unavailable' });
    } finally {
      globalThis.indexedDB = saved;
    }
  });
});

describe('IndexedDB across versions and tabs', () => {
  it('fails at once with "blocked" when an older tab holds the database open, and never leaves a hung connection', async () => {
    const name = freshName();
    // This build's connection lets go when a newer version asks; the raw one below does not.
    await openIndexedDbStore({ name });
    // The older tab here does not close on request (as an old build without a handler would not).
    const raw = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open(name, DB_VERSION);
      request.onsuccess = () => resolve(request.result);
    });
    await expect(openIndexedDbStore({ name, version: DB_VERSION + 1 })).rejects.toMatchObject({ kind: 'blocked' });
    raw.close();
    // Once the old tab is gone, the abandoned upgrade completes and is closed, so a new open works.
    const reopened = await openIndexedDbStore({ name, version: DB_VERSION + 1 });
    await reopened.addReading(reading(0, 1));
    expect(await reopened.runsFor(A)).toHaveLength(1);
  });

  it('lets go of its connection when a newer version is opened elsewhere, and says so', async () => {
    const name = freshName();
    let closedByNewer = false;
    const store = await openIndexedDbStore({ name, onClosedByNewerVersion: () => (closedByNewer = true) });
    await store.addReading(reading(0, 1));
    const newer = await openIndexedDbStore({ name, version: DB_VERSION + 1 });
    expect(closedByNewer).toBe(true);
    await expect(store.runsFor(A)).rejects.toMatchObject({ kind: 'closed' });
    expect(await newer.runsFor(A)).toHaveLength(1);
  });
});
