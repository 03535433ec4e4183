import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/lib/history/memory-store';
import { HistorySyncState, SYNC_PREF, type HistorySyncDependencies } from '../../src/lib/state/history-sync.svelte';
import type { DriveFailure } from '../../src/lib/sync/drive-failure';
import type { KnownFiles, SyncReport } from '../../src/lib/sync/sync-engine';
import type { SyncRequest } from '../../src/lib/sync/history-sync-run';
import { err, ok } from '../../src/lib/util/result';

const TENANT = 'aaaaaaaa-0000-4000-8000-000000000001';
const T0 = Date.UTC(2026, 10, 2, 9);
const FOLDER_FILE = { name: 'tenants.json', size: 90, lastModified: '2026-11-02T09:00:00Z', eTag: '"{A},2"', downloadUrl: 'http://127.0.0.1/x' };

/** The state over a store, with a sync engine whose answers the test gives, one per sync. */
function syncState(answers: ({ failure: DriveFailure; known: KnownFiles } | SyncReport)[], options: { online?: boolean } = {}) {
  const store = new MemoryStore();
  const requests: SyncRequest[] = [];
  const joined: string[][] = [];
  let loads = 0;
  const deps: HistorySyncDependencies = {
    store: () => store,
    now: () => T0,
    signedInTenant: () => TENANT,
    graphOrigin: () => 'https://graph.microsoft.com',
    graphToken: async () => ok({ accessToken: 'token' }),
    isOnline: () => options.online ?? true,
    underLock: (run) => run(),
    loadRun: async () => {
      loads += 1;
      return {
        syncHistory: async (request: SyncRequest) => {
          requests.push(request);
          const answer = answers.shift()!;
          return 'failure' in answer ? err(answer) : ok(answer);
        },
        changesWaiting: async () => 3,
      };
    },
    joined: async (tenantIds) => void joined.push(tenantIds),
  };
  return { state: new HistorySyncState(deps), store, requests, joined, loads: () => loads };
}

describe('the history sync state', () => {
  it('is off by default and loads no sync code until turned on', async () => {
    const { state, loads } = syncState([]);
    await state.load();
    expect(state.status).toBe('off');
    expect(loads()).toBe(0);
  });

  it('turned on, syncs, shows the folder and remembers what it knows of it; turned off, deletes nothing', async () => {
    const known = { 'tenants.json': { eTag: '"{A},2"', hash: 'h' } };
    const { state, store, joined } = syncState([{ known, folder: [FOLDER_FILE], downloaded: [`notes-${TENANT}.json`], uploaded: [], skipped: [] }]);
    await store.addReading({ tenantId: TENANT, time: T0 - 1000, score: 400 });
    await state.turnOn();
    expect(state.status).toBe('idle');
    expect(state.lastSynced).toBe(T0);
    expect(state.folder).toEqual([{ name: 'tenants.json', size: 90, lastModified: '2026-11-02T09:00:00Z' }]);
    expect(await store.getPref(SYNC_PREF.known)).toEqual(known);
    expect(joined).toEqual([[TENANT]]);

    await state.turnOff();
    expect(state.status).toBe('off');
    expect(await store.getPref(SYNC_PREF.choice)).toEqual({ on: false });
    expect(await store.countRuns(TENANT)).toBe(1);
  });

  it('names a failure, keeps what the sync still knows, and counts the changes waiting', async () => {
    const partial = { 'tenants.json': { eTag: '"{A},1"', hash: 'h' } };
    const { state, store } = syncState([{ failure: { kind: 'throttled', retryAt: T0 + 10_000 }, known: partial }]);
    await state.turnOn();
    expect(state.status).toBe('failed');
    expect(state.failure).toEqual({ kind: 'throttled', retryAt: T0 + 10_000 });
    expect(state.waiting).toBe(3);
    expect(await store.getPref(SYNC_PREF.known)).toEqual(partial);
  });

  it('offline, does not call OneDrive and says the changes wait', async () => {
    const { state, requests } = syncState([], { online: false });
    await state.turnOn();
    expect(requests).toEqual([]);
    expect(state.failure).toEqual({ kind: 'offline' });
    expect(state.waiting).toBe(3);
  });

  it('a sync asked for while one runs follows it, once', async () => {
    const report = { known: {}, folder: [], downloaded: [], uploaded: [], skipped: [] };
    const { state, requests } = syncState([report, report, report]);
    await state.turnOn();
    await Promise.all([state.sync(), state.sync(), state.sync()]);
    expect(requests).toHaveLength(3);
  });
});
