import { beforeEach, describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { openIndexedDbStore } from '../../src/lib/history/indexeddb-store';
import { MemoryStore } from '../../src/lib/history/memory-store';
import type { HistoryStore } from '../../src/lib/history/history-store';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';

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
    first.close();
    const second = await openIndexedDbStore({ name });
    expect(await second.readingsFor(A)).toHaveLength(1);
  });

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
    const olderTab = await openIndexedDbStore({ name, version: 1 });
    // The older tab here does not close on request (as an old build without a handler would not).
    const raw = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open(name, 1);
      request.onsuccess = () => resolve(request.result);
    });
    olderTab.close();
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
