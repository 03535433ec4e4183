import { describe, expect, it } from 'vitest';
import { HistoryState, type HistoryDependencies } from '../../src/lib/state/history.svelte';
import type { HistoryChanged, HistoryChannel } from '../../src/lib/state/history-channel';
import { MemoryStore } from '../../src/lib/history/memory-store';
import { StorageFailure, type HistoryStore } from '../../src/lib/history/history-store';
import type { Reading } from '../../src/lib/history/reading';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';

/** A BroadcastChannel between tabs of one test: what one posts, the others receive. */
class FakeChannel implements HistoryChannel {
  onmessage: ((event: MessageEvent<unknown>) => void) | null = null;
  readonly sent: HistoryChanged[] = [];
  constructor(private readonly peers: FakeChannel[]) {
    peers.push(this);
  }
  postMessage(message: HistoryChanged): void {
    this.sent.push(message);
    for (const peer of this.peers) if (peer !== this) peer.receive(message);
  }
  receive(data: unknown): void {
    this.onmessage?.(new MessageEvent('message', { data }));
  }
}

function tab(store: HistoryStore, peers: FakeChannel[] = [], overrides: Partial<HistoryDependencies> = {}) {
  let channel: FakeChannel | undefined;
  const state = new HistoryState({
    openStore: async () => store,
    openChannel: () => (channel = new FakeChannel(peers)),
    protectStorage: async () => true,
    now: () => 5_000,
    ...overrides,
  });
  return { state, channel: () => channel! };
}

/** The store with some of its methods replaced, e.g. one that fails. */
function storeWith(store: HistoryStore, overrides: Partial<HistoryStore>): HistoryStore {
  return new Proxy(store, {
    get: (target, property) => {
      const replaced = overrides[property as keyof HistoryStore];
      const own: unknown = Reflect.get(target, property);
      return replaced ?? (typeof own === 'function' ? own.bind(target) : own);
    },
  });
}

/** Resolves once every pending promise callback has run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('HistoryState', () => {
  it('shows a tenant’s readings oldest first and remembers it as the last tenant', async () => {
    const store = new MemoryStore();
    await store.addReadings([
      { tenantId: A, time: 2_000, score: 320 },
      { tenantId: A, time: 1_000, score: 310 },
    ]);
    const { state } = tab(store);
    await state.open();
    expect(await state.show(A)).toEqual({ ok: true, value: undefined });
    expect(state.readings.map((r) => r.score)).toEqual([310, 320]);
    expect(await state.lastTenantId()).toBe(A);
  });

  it('forgets a last tenant that is not a tenant ID', async () => {
    const store = new MemoryStore();
    await store.setPref('lastTenantId', '<script>');
    const { state } = tab(store);
    await state.open();
    expect(await state.lastTenantId()).toBeUndefined();
  });

  it('of two quick switches, shows the later one however long each read takes', async () => {
    const store = new MemoryStore();
    await store.addReading({ tenantId: A, time: 1_000, score: 310 });
    await store.addReading({ tenantId: B, time: 1_000, score: 99 });
    let releaseA = () => {};
    const slowA = new Promise<void>((resolve) => (releaseA = resolve));
    const slowStore: HistoryStore = storeWith(store, {
      readingsFor: async (tenantId: string) => {
        if (tenantId === A) await slowA;
        return store.readingsFor(tenantId);
      },
    });
    const { state } = tab(slowStore);
    await state.open();
    const first = state.show(A);
    await state.show(B);
    releaseA();
    await first;
    expect(state.tenantId).toBe(B);
    expect(state.readings).toEqual([{ tenantId: B, time: 1_000, score: 99 }]);
  });

  it('falls back to this tab only when the browser allows no storage, and says so', async () => {
    const { state } = tab(new MemoryStore(), [], {
      openStore: async () => {
        throw new StorageFailure('unavailable');
      },
    });
    const opened = await state.open();
    expect(opened.ok).toBe(false);
    expect(state.keepsReadings).toBe(false);
    expect(state.problem?.kind).toBe('unavailable');
    await state.add({ tenantId: A, time: 1_000, score: 310 });
    await state.show(A);
    expect(state.readings).toHaveLength(1);
    // The problem stays: readings still last only as long as the tab.
    expect(state.problem?.kind).toBe('unavailable');
  });

  it('shows a new reading even when storage refuses it, and names the failure instead of throwing', async () => {
    const store = new MemoryStore();
    const full: HistoryStore = storeWith(store, {
      addReading: async () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    });
    const { state } = tab(full);
    await state.open();
    await state.show(A);
    const outcome = await state.add({ tenantId: A, time: 1_000, score: 310 });
    expect(outcome.ok).toBe(false);
    expect(state.problem?.kind).toBe('quota');
    expect(state.readings).toEqual([{ tenantId: A, time: 1_000, score: 310 }]);
  });

  it('reports a failed delete as a failure and keeps the readings on screen', async () => {
    const store = new MemoryStore();
    await store.addReading({ tenantId: A, time: 1_000, score: 310 });
    const refusing: HistoryStore = storeWith(store, {
      deleteTenantHistory: async () => {
        throw new DOMException('gone', 'UnknownError');
      },
    });
    const { state } = tab(refusing);
    await state.open();
    await state.show(A);
    const deleted = await state.deleteTenantHistory();
    expect(deleted).toMatchObject({ ok: false });
    expect(state.readings).toHaveLength(1);
  });

  it('tells other tabs about a new reading, and a tab showing that tenant reads it', async () => {
    const store = new MemoryStore();
    const peers: FakeChannel[] = [];
    const first = tab(store, peers);
    const second = tab(store, peers);
    await first.state.open();
    await second.state.open();
    await first.state.show(A);
    await second.state.show(A);
    await first.state.add({ tenantId: A, time: 1_000, score: 310 });
    expect(first.channel().sent).toEqual([{ type: 'changed', tenantIds: [A] }]);
    await settle();
    expect(second.state.readings).toEqual([{ tenantId: A, time: 1_000, score: 310 }]);
  });

  it('ignores messages from other tabs that are not well formed', async () => {
    const store = new MemoryStore();
    const { state, channel } = tab(store);
    await state.open();
    await state.show(A);
    await store.addReading({ tenantId: A, time: 1_000, score: 310 });
    for (const data of [null, 'changed', { type: 'changed' }, { type: 'changed', tenantIds: A }, { type: 'changed', tenantIds: ['not a tenant'] }, { type: 'other', tenantIds: [A] }]) {
      channel().receive(data);
    }
    await settle();
    expect(state.readings).toEqual([]);
    channel().receive({ type: 'changed', tenantIds: [A] });
    await settle();
    expect(state.readings).toHaveLength(1);
  });

  it('imports readings, names new tenants, and shows the first when none was on screen', async () => {
    const store = new MemoryStore();
    const { state } = tab(store);
    await state.open();
    const readings: Reading[] = [
      { tenantId: B, time: 1_000, score: 99 },
      { tenantId: B, time: 2_000, score: 100 },
    ];
    const added = await state.addImported(readings, () => 'fabrikam.example');
    expect(added).toEqual({ ok: true, value: 2 });
    expect(state.tenantId).toBe(B);
    expect(state.tenantLabel).toBe('fabrikam.example');
    expect(state.readings).toHaveLength(2);
  });

  it('reads only the range on screen, led by the reading before it, and the latest two whatever the range', async () => {
    const store = new MemoryStore();
    await store.addReadings([100, 200, 300, 400, 500].map((time) => ({ tenantId: A, time, score: time / 10 })));
    const { state } = tab(store);
    await state.open();
    await state.reachBack(350);
    await state.show(A);
    expect(state.readings.map((r) => r.time)).toEqual([300, 400, 500]);
    expect(state.latest.map((r) => r.time)).toEqual([400, 500]);

    // A longer range reads further back; a shorter one keeps what is there.
    await state.reachBack(150);
    expect(state.readings.map((r) => r.time)).toEqual([100, 200, 300, 400, 500]);
    await state.reachBack(450);
    expect(state.since).toBe(150);
    await state.reachBack(undefined);
    expect(state.since).toBeUndefined();
    expect(state.readings).toHaveLength(5);
  });

  it('shows the latest score even when no reading falls in the range', async () => {
    const store = new MemoryStore();
    await store.addReadings([{ tenantId: A, time: 100, score: 310 }, { tenantId: A, time: 200, score: 320 }]);
    const { state } = tab(store);
    await state.open();
    await state.reachBack(1_000);
    await state.show(A);
    expect(state.readings).toEqual([{ tenantId: A, time: 200, score: 320 }]);
    expect(state.latest.map((r) => r.score)).toEqual([310, 320]);
  });

  it('keeps a reading added while a longer range was being read', async () => {
    const store = new MemoryStore();
    await store.addReadings([100, 200, 300].map((time) => ({ tenantId: A, time, score: 300 })));
    let hold: Promise<void> | undefined;
    let release = () => {};
    const slow = storeWith(store, {
      readingsFor: async (tenantId: string, since?: number) => {
        const readings = await store.readingsFor(tenantId, since);
        await hold;
        return readings;
      },
    });
    const { state } = tab(slow);
    await state.open();
    await state.reachBack(250);
    await state.show(A);
    hold = new Promise<void>((resolve) => (release = resolve));
    const reaching = state.reachBack(undefined);
    await state.add({ tenantId: A, time: 400, score: 310 });
    hold = undefined;
    release();
    await reaching;
    expect(state.readings.map((r) => r.time)).toEqual([100, 200, 300, 400]);
    expect(state.latest.map((r) => r.score)).toEqual([300, 310]);
  });

  it('shows a tenant’s score from its newest two readings before its range is read', async () => {
    const store = new MemoryStore();
    await store.addReadings([100, 200, 300].map((time) => ({ tenantId: A, time, score: time / 10 })));
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = storeWith(store, {
      readingsFor: async (tenantId: string, since?: number) => {
        await held;
        return store.readingsFor(tenantId, since);
      },
    });
    const { state } = tab(slow);
    await state.open();
    const showing = state.show(A);
    await settle();
    expect(state.tenantId).toBe(A);
    expect(state.latest.map((r) => r.score)).toEqual([20, 30]);
    expect(state.readings).toEqual([]);
    expect(state.readingRange).toBe(true);
    release();
    await showing;
    expect(state.readings).toHaveLength(3);
    expect(state.readingRange).toBe(false);
  });

  it('sets and clears a note on screen and in the store, and tells other tabs', async () => {
    const store = new MemoryStore();
    await store.addReadings([100, 200].map((time) => ({ tenantId: A, time, score: 300 })));
    const { state, channel } = tab(store);
    await state.open();
    await state.show(A);
    await state.setNote(200, 'enabled ASR rules');
    expect(state.readings.map((r) => r.note)).toEqual([undefined, 'enabled ASR rules']);
    expect(state.latest.at(-1)?.note).toBe('enabled ASR rules');
    expect((await store.readingsFor(A)).map((r) => r.note)).toEqual([undefined, 'enabled ASR rules']);
    expect(channel().sent).toEqual([{ type: 'changed', tenantIds: [A] }]);
    await state.setNote(200, undefined);
    expect(state.readings[1]).toEqual({ tenantId: A, time: 200, score: 300 });
  });
});
