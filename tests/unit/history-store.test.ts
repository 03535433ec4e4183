import { beforeEach, describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { openIndexedDbStore } from '../../src/lib/history/indexeddb-store';
import { MemoryStore } from '../../src/lib/history/memory-store';
import { storedReadingLookup, type HistoryStore } from '../../src/lib/history/history-store';
import type { Reading } from '../../src/lib/history/reading';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';

const HOUR = 3_600_000;
const MANY = 100_000;
// fake-indexeddb writes 100,000 readings in seconds, not milliseconds.
const MANY_TIMEOUT_MS = 120_000;

/** `count` hourly readings of one tenant, the first at `from`. */
function hourly(count: number, tenantId = A, from = 0): Reading[] {
  return Array.from({ length: count }, (_, i) => ({ tenantId, time: from + i * HOUR, score: 300 + (i % 100) }));
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

  it('returns a tenant’s readings oldest first, apart from other tenants', async () => {
    await store.addReading({ tenantId: A, time: 3000, score: 330 });
    await store.addReading({ tenantId: A, time: 1000, score: 310 });
    await store.addReading({ tenantId: B, time: 2000, score: 99 });
    expect(await store.readingsFor(A)).toEqual([
      { tenantId: A, time: 1000, score: 310 },
      { tenantId: A, time: 3000, score: 330 },
    ]);
    expect(await store.readingsFor(B)).toEqual([{ tenantId: B, time: 2000, score: 99 }]);
  });

  it('stores a reading added twice once, and never changes the first', async () => {
    expect(await store.addReading({ tenantId: A, time: 1000, score: 310, note: 'first' })).toBe('added');
    expect(await store.addReading({ tenantId: A, time: 1000, score: 999 })).toBe('present');
    expect(await store.readingsFor(A)).toEqual([{ tenantId: A, time: 1000, score: 310, note: 'first' }]);
  });

  it('adds many readings at once, counting those already present', async () => {
    await store.addReading({ tenantId: A, time: 1000, score: 310 });
    const counts = await store.addReadings([
      { tenantId: A, time: 1000, score: 1 },
      { tenantId: A, time: 2000, score: 320 },
      { tenantId: B, time: 2000, score: 50 },
    ]);
    expect(counts).toEqual({ added: 2, present: 1 });
    expect((await store.readingsFor(A)).map((r) => r.score)).toEqual([310, 320]);
  });

  it('reads a tenant’s readings from a time on, by key range', async () => {
    await store.addReadings([...hourly(5), ...hourly(3, B)]);
    expect((await store.readingsFor(A, 2 * HOUR)).map((r) => r.time)).toEqual([2 * HOUR, 3 * HOUR, 4 * HOUR]);
    expect(await store.readingsFor(A, 2.5 * HOUR)).toHaveLength(2);
    expect(await store.readingsFor(A, 5 * HOUR)).toEqual([]);
    expect(await store.readingsFor(A, -Infinity)).toHaveLength(5);
  });

  it('returns the newest readings of a tenant, oldest first', async () => {
    await store.addReadings([...hourly(5), ...hourly(3, B, 10 * HOUR)]);
    expect((await store.latestReadings(A, 2)).map((r) => r.time)).toEqual([3 * HOUR, 4 * HOUR]);
    expect(await store.latestReadings(A, 10)).toEqual(await store.readingsFor(A));
    expect(await store.latestReadings(A, 0)).toEqual([]);
    expect(await store.latestReadings('cccccccc-0000-4000-8000-000000000003', 2)).toEqual([]);
  });

  it('lists the times stored in a span, both ends included, without other tenants', async () => {
    await store.addReadings([...hourly(5), ...hourly(5, B)]);
    expect(await store.storedTimes(A, HOUR, 3 * HOUR)).toEqual([HOUR, 2 * HOUR, 3 * HOUR]);
    expect(await store.storedTimes(A, 10 * HOUR, 20 * HOUR)).toEqual([]);
  });

  it('tells which readings of a list are stored, from the keys over each tenant’s span', async () => {
    await store.addReadings([...hourly(3), ...hourly(3, B, 10 * HOUR)]);
    const isStored = await storedReadingLookup(store, [...hourly(5, A, HOUR), { tenantId: B, time: 10 * HOUR, score: 1 }]);
    expect([0, 1, 2, 3].map((hour) => isStored(A, hour * HOUR))).toEqual([false, true, true, false]);
    expect(isStored(B, 10 * HOUR)).toBe(true);
    expect(isStored(B, 11 * HOUR)).toBe(false);
  });

  it('counts a reading repeated in the list as present, and keeps the first', async () => {
    const counts = await store.addReadings([
      { tenantId: A, time: 1000, score: 310, note: 'first' },
      { tenantId: A, time: 1000, score: 999, note: 'second' },
      { tenantId: B, time: 1000, score: 50 },
    ]);
    expect(counts).toEqual({ added: 2, present: 1 });
    expect(await store.readingsFor(A)).toEqual([{ tenantId: A, time: 1000, score: 310, note: 'first' }]);
  });

  it('never changes a stored reading when adding many, note and all', async () => {
    await store.addReading({ tenantId: A, time: HOUR, score: 310 });
    await store.setNote(A, HOUR, 'enabled ASR rules');
    const counts = await store.addReadings(hourly(3).map((r) => ({ ...r, score: 1, note: 'from a file' })));
    expect(counts).toEqual({ added: 2, present: 1 });
    expect((await store.readingsFor(A))[1]).toEqual({ tenantId: A, time: HOUR, score: 310, note: 'enabled ASR rules' });
  });

  it('reports progress chunk by chunk until every new reading is written', async () => {
    await store.addReadings(hourly(1_000));
    const progress: [number, number][] = [];
    const counts = await store.addReadings(hourly(5_000), { onProgress: (written, total) => progress.push([written, total]) });
    expect(counts).toEqual({ added: 4_000, present: 1_000 });
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every(([, total]) => total === 4_000)).toBe(true);
    expect(progress.map(([written]) => written)).toEqual([...progress.map(([written]) => written)].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual([4_000, 4_000]);
  });

  it(
    'writes nothing when a reading midway cannot be stored',
    async () => {
      await store.addReading({ tenantId: A, time: -HOUR, score: 300, note: 'kept' });
      const readings = hourly(MANY);
      // NaN is no IndexedDB key: the 50,000th write is refused after 49,999 went through.
      readings[49_999] = { ...readings[49_999]!, time: Number.NaN };
      await expect(store.addReadings(readings)).rejects.toMatchObject({ name: 'StorageFailure' });
      expect(await store.readingsFor(A)).toEqual([{ tenantId: A, time: -HOUR, score: 300, note: 'kept' }]);
    },
    MANY_TIMEOUT_MS,
  );

  it(
    'writes nothing when cancelled before the readings are committed',
    async () => {
      const controller = new AbortController();
      let lastWritten = 0;
      const adding = store.addReadings(hourly(MANY), {
        signal: controller.signal,
        onProgress: (written) => {
          lastWritten = written;
          if (written >= MANY / 2) controller.abort();
        },
      });
      await expect(adding).rejects.toMatchObject({ name: 'AbortError' });
      expect(lastWritten).toBeLessThan(MANY);
      expect(await store.readingsFor(A)).toEqual([]);
    },
    MANY_TIMEOUT_MS,
  );

  it('writes nothing and reads nothing when cancelled before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    let progressed = false;
    await expect(store.addReadings(hourly(10), { signal: controller.signal, onProgress: () => (progressed = true) })).rejects.toBe(controller.signal.reason);
    expect(progressed).toBe(false);
    expect(await store.readingsFor(A)).toEqual([]);
  });

  it(
    'adds 100,000 readings in one go, and finds them all present the second time',
    async () => {
      expect(await store.addReadings(hourly(MANY))).toEqual({ added: MANY, present: 0 });
      expect(await store.latestReadings(A, 1)).toEqual([hourly(MANY).at(-1)]);
      expect(await store.storedTimes(A, 0, MANY * HOUR)).toHaveLength(MANY);
      expect(await store.addReadings(hourly(MANY))).toEqual({ added: 0, present: MANY });
    },
    MANY_TIMEOUT_MS,
  );

  it('sets and clears a note', async () => {
    await store.addReading({ tenantId: A, time: 1000, score: 310 });
    await store.setNote(A, 1000, 'enabled ASR rules');
    expect((await store.readingsFor(A))[0]?.note).toBe('enabled ASR rules');
    await store.setNote(A, 1000, undefined);
    expect((await store.readingsFor(A))[0]).toEqual({ tenantId: A, time: 1000, score: 310 });
  });

  it('deletes one tenant’s history and nothing else', async () => {
    await store.addReadings([
      { tenantId: A, time: 1000, score: 1 },
      { tenantId: A, time: 2000, score: 2 },
      { tenantId: B, time: 1000, score: 3 },
    ]);
    await store.setPref('region', 'eu');
    expect(await store.deleteTenantHistory(A)).toBe(2);
    expect(await store.readingsFor(A)).toEqual([]);
    expect(await store.readingsFor(B)).toHaveLength(1);
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
  it('keeps readings across connections', async () => {
    const name = freshName();
    const first = await openIndexedDbStore({ name });
    await first.addReading({ tenantId: A, time: 1000, score: 310 });
    const second = await openIndexedDbStore({ name });
    expect(await second.readingsFor(A)).toHaveLength(1);
  });

  it(
    'writes nothing when the database refuses a write midway',
    async () => {
      const store = await openIndexedDbStore({ name: freshName() });
      await store.addReading({ tenantId: A, time: -HOUR, score: 300 });
      // The 50,000th reading is stored just ahead of the store's own add, which the database then refuses
      // (ConstraintError) after 49,999 writes, as it would refuse one with the disk full.
      const { add } = IDBObjectStore.prototype;
      let calls = 0;
      IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
        if ((calls += 1) === MANY / 2) add.apply(this, args);
        return add.apply(this, args);
      };
      try {
        await expect(store.addReadings(hourly(MANY))).rejects.toMatchObject({ name: 'StorageFailure', kind: 'unknown', cause: { name: 'ConstraintError' } });
      } finally {
        IDBObjectStore.prototype.add = add;
      }
      expect(calls).toBeGreaterThanOrEqual(MANY / 2);
      expect(await store.readingsFor(A)).toEqual([{ tenantId: A, time: -HOUR, score: 300 }]);
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
    await openIndexedDbStore({ name, version: 1 });
    // The older tab here does not close on request (as an old build without a handler would not).
    const raw = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open(name, 1);
      request.onsuccess = () => resolve(request.result);
    });
    await expect(openIndexedDbStore({ name, version: 2 })).rejects.toMatchObject({ kind: 'blocked' });
    raw.close();
    // Once the old tab is gone, the abandoned upgrade completes and is closed, so a new open works.
    const reopened = await openIndexedDbStore({ name, version: 2 });
    await reopened.addReading({ tenantId: A, time: 1, score: 1 });
    expect(await reopened.readingsFor(A)).toHaveLength(1);
  });

  it('lets go of its connection when a newer version is opened elsewhere, and says so', async () => {
    const name = freshName();
    let closedByNewer = false;
    const store = await openIndexedDbStore({ name, version: 1, onClosedByNewerVersion: () => (closedByNewer = true) });
    await store.addReading({ tenantId: A, time: 1, score: 1 });
    const newer = await openIndexedDbStore({ name, version: 2 });
    expect(closedByNewer).toBe(true);
    await expect(store.readingsFor(A)).rejects.toMatchObject({ kind: 'closed' });
    expect(await newer.readingsFor(A)).toHaveLength(1);
  });
});
