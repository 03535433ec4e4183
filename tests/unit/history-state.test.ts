import { describe, expect, it } from 'vitest';
import { HistoryState, type HistoryDependencies } from '../../src/lib/state/history.svelte';
import type { HistoryChanged, HistoryChannel } from '../../src/lib/state/history-channel';
import { MemoryStore } from '../../src/lib/history/memory-store';
import { StorageFailure, type HistoryStore } from '../../src/lib/history/history-store';
import type { Reading } from '../../src/lib/history/reading';
import type { Run } from '../../src/lib/history/run';
import type { ScoreRun } from '../../src/lib/history/score-runs';

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

const reading = (time: number, score: number, tenantId = A): Reading => ({ tenantId, time, score });
const run = (firstSeen: number, lastSeen: number, score: number, tenantId = A): Run => ({ tenantId, firstSeen, lastSeen, score });
/** What a row of the screen says: since, last confirmed, score. */
const shape = (runs: readonly ScoreRun[]) => runs.map((r) => [r.firstSeen, r.lastSeen, r.score]);
const history = (...runs: Run[]) => ({ runs, notes: [] });

/** Resolves once every pending promise callback has run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('HistoryState', () => {
  it('shows a tenant’s runs oldest first and remembers it as the last tenant', async () => {
    const store = new MemoryStore();
    await store.addHistory(history(run(2_000, 3_000, 320), run(1_000, 1_500, 310)));
    const { state } = tab(store);
    await state.open();
    expect(await state.show(A)).toEqual({ ok: true, value: undefined });
    expect(shape(state.runs)).toEqual([
      [1_000, 1_500, 310],
      [2_000, 3_000, 320],
    ]);
    expect(state.runs.map((r) => r.change)).toEqual([undefined, 10]);
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
    await store.addReading(reading(1_000, 310));
    await store.addReading(reading(1_000, 99, B));
    let releaseA = () => {};
    const slowA = new Promise<void>((resolve) => (releaseA = resolve));
    const slowStore: HistoryStore = storeWith(store, {
      runsFor: async (tenantId: string, since?: number) => {
        if (tenantId === A) await slowA;
        return store.runsFor(tenantId, since);
      },
    });
    const { state } = tab(slowStore);
    await state.open();
    const first = state.show(A);
    await state.show(B);
    releaseA();
    await first;
    expect(state.tenantId).toBe(B);
    expect(shape(state.runs)).toEqual([[1_000, 1_000, 99]]);
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
    await state.add(reading(1_000, 310));
    await state.show(A);
    expect(state.runs).toHaveLength(1);
    // The problem stays: readings still last only as long as the tab.
    expect(state.problem?.kind).toBe('unavailable');
  });

  it('folds readings at the same score into one run on screen, and starts a run for a change', async () => {
    const store = new MemoryStore();
    const { state } = tab(store);
    await state.open();
    await state.show(A);
    expect(await state.add(reading(1_000, 310))).toEqual({ ok: true, value: 'added' });
    expect(await state.add(reading(2_000, 310))).toEqual({ ok: true, value: 'confirmed' });
    expect(await state.add(reading(3_000, 310))).toEqual({ ok: true, value: 'confirmed' });
    expect(shape(state.runs)).toEqual([[1_000, 3_000, 310]]);
    expect(shape(state.latest)).toEqual([[1_000, 3_000, 310]]);
    await state.add(reading(4_000, 325));
    expect(shape(state.runs)).toEqual([
      [1_000, 3_000, 310],
      [4_000, 4_000, 325],
    ]);
    expect(state.latest.at(-1)?.change).toBe(15);
    // What the screen shows is what a fresh read of the store shows.
    const fresh = tab(store).state;
    await fresh.open();
    await fresh.show(A);
    expect(fresh.runs).toEqual(state.runs);
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
    const outcome = await state.add(reading(1_000, 310));
    expect(outcome.ok).toBe(false);
    expect(state.problem?.kind).toBe('quota');
    expect(shape(state.runs)).toEqual([[1_000, 1_000, 310]]);
  });

  it('reports a failed delete as a failure and keeps the runs on screen', async () => {
    const store = new MemoryStore();
    await store.addReading(reading(1_000, 310));
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
    expect(state.runs).toHaveLength(1);
  });

  it('tells other tabs about a new reading; a tab showing that tenant confirms the same run, never a copy', async () => {
    const store = new MemoryStore();
    const peers: FakeChannel[] = [];
    const first = tab(store, peers);
    const second = tab(store, peers);
    await first.state.open();
    await second.state.open();
    await first.state.show(A);
    await second.state.show(A);
    await first.state.add(reading(1_000, 310));
    expect(first.channel().sent).toEqual([{ type: 'changed', tenantIds: [A] }]);
    await settle();
    expect(shape(second.state.runs)).toEqual([[1_000, 1_000, 310]]);
    // Both tabs read the score: each confirms the one run.
    await second.state.add(reading(2_000, 310));
    await first.state.add(reading(2_500, 310));
    await settle();
    expect(await store.runsFor(A)).toEqual([run(1_000, 2_500, 310)]);
    expect(shape(first.state.runs)).toEqual([[1_000, 2_500, 310]]);
    expect(shape(second.state.runs)).toEqual([[1_000, 2_500, 310]]);
  });

  it('ignores messages from other tabs that are not well formed', async () => {
    const store = new MemoryStore();
    const { state, channel } = tab(store);
    await state.open();
    await state.show(A);
    await store.addReading(reading(1_000, 310));
    for (const data of [null, 'changed', { type: 'changed' }, { type: 'changed', tenantIds: A }, { type: 'changed', tenantIds: ['not a tenant'] }, { type: 'other', tenantIds: [A] }]) {
      channel().receive(data);
    }
    await settle();
    expect(state.runs).toEqual([]);
    channel().receive({ type: 'changed', tenantIds: [A] });
    await settle();
    expect(state.runs).toHaveLength(1);
  });

  it('imports runs and notes, names new tenants, and shows the first when none was on screen', async () => {
    const store = new MemoryStore();
    const { state } = tab(store);
    await state.open();
    const added = await state.addImported(
      { runs: [run(1_000, 2_000, 99, B), run(3_000, 3_000, 100, B)], notes: [{ tenantId: B, time: 3_000, text: 'new baseline', edited: 3_000 }] },
      () => 'fabrikam.example',
    );
    expect(added).toEqual({ ok: true, value: { added: 2, present: 0, notesAdded: 1, othersAdded: 0 } });
    expect(state.tenantId).toBe(B);
    expect(state.tenantLabel).toBe('fabrikam.example');
    expect(state.runs.map((r) => r.notes.map((n) => n.text))).toEqual([[], ['new baseline']]);
  });

  it('merges an imported run that overlaps the stored ones', async () => {
    const store = new MemoryStore();
    await store.addHistory(history(run(1_000, 2_000, 310), run(3_000, 4_000, 320)));
    const { state } = tab(store);
    await state.open();
    await state.show(A);
    const lookup = await state.storedLookup(history(run(1_500, 2_500, 310), run(3_200, 3_800, 320)));
    expect(lookup.ok && [lookup.value.covers(run(1_500, 2_500, 310)), lookup.value.covers(run(3_200, 3_800, 320))]).toEqual([false, true]);
    await state.addImported(history(run(1_500, 2_500, 310), run(3_200, 3_800, 320)), () => 'contoso.example');
    expect(shape(state.runs)).toEqual([
      [1_000, 2_500, 310],
      [3_000, 4_000, 320],
    ]);
  });

  it('reads only the range on screen, led by the run before it, and the latest two whatever the range', async () => {
    const store = new MemoryStore();
    await store.addHistory(history(...[100, 200, 300, 400, 500].map((time) => run(time, time + 50, time / 10))));
    const { state } = tab(store);
    await state.open();
    await state.reachBack(360);
    await state.show(A);
    expect(state.runs.map((r) => r.firstSeen)).toEqual([300, 400, 500]);
    expect(state.latest.map((r) => r.firstSeen)).toEqual([400, 500]);

    // A longer range reads further back; a shorter one keeps what is there.
    await state.reachBack(150);
    expect(state.runs.map((r) => r.firstSeen)).toEqual([100, 200, 300, 400, 500]);
    await state.reachBack(450);
    expect(state.since).toBe(150);
    await state.reachBack(undefined);
    expect(state.since).toBeUndefined();
    expect(state.runs).toHaveLength(5);
  });

  it('shows the latest score even when no run reaches into the range', async () => {
    const store = new MemoryStore();
    await store.addHistory(history(run(100, 100, 310), run(200, 200, 320)));
    const { state } = tab(store);
    await state.open();
    await state.reachBack(1_000);
    await state.show(A);
    expect(shape(state.runs)).toEqual([[200, 200, 320]]);
    expect(state.latest.map((r) => r.score)).toEqual([310, 320]);
  });

  it('keeps a reading added while a longer range was being read', async () => {
    const store = new MemoryStore();
    await store.addHistory(history(run(100, 100, 300), run(200, 200, 301), run(300, 300, 302)));
    let hold: Promise<void> | undefined;
    let release = () => {};
    const slow = storeWith(store, {
      runsFor: async (tenantId: string, since?: number) => {
        const runs = await store.runsFor(tenantId, since);
        await hold;
        return runs;
      },
    });
    const { state } = tab(slow);
    await state.open();
    await state.reachBack(250);
    await state.show(A);
    hold = new Promise<void>((resolve) => (release = resolve));
    const reaching = state.reachBack(undefined);
    await state.add(reading(400, 310));
    hold = undefined;
    release();
    await reaching;
    expect(state.runs.map((r) => r.firstSeen)).toEqual([100, 200, 300, 400]);
    expect(state.latest.map((r) => r.score)).toEqual([302, 310]);
  });

  it('shows a tenant’s score from its newest runs before its range is read', async () => {
    const store = new MemoryStore();
    await store.addHistory(history(run(100, 100, 10), run(200, 200, 20), run(300, 300, 30)));
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = storeWith(store, {
      runsFor: async (tenantId: string, since?: number) => {
        await held;
        return store.runsFor(tenantId, since);
      },
    });
    const { state } = tab(slow);
    await state.open();
    const showing = state.show(A);
    await settle();
    expect(state.tenantId).toBe(A);
    expect(state.latest.map((r) => r.score)).toEqual([20, 30]);
    expect(state.runs).toEqual([]);
    expect(state.readingRange).toBe(true);
    release();
    await showing;
    expect(state.runs).toHaveLength(3);
    expect(state.readingRange).toBe(false);
  });

  it('writes, edits and deletes a note on screen and in the store, and tells other tabs', async () => {
    const store = new MemoryStore();
    await store.addHistory(history(run(100, 150, 300), run(200, 300, 310)));
    const { state, channel } = tab(store);
    await state.open();
    await state.show(A);
    await state.setNote(250, 'enabled ASR rules');
    expect(state.runs.map((r) => r.notes.map((n) => n.text))).toEqual([[], ['enabled ASR rules']]);
    expect(await store.notesFor(A)).toEqual([{ tenantId: A, time: 250, text: 'enabled ASR rules', edited: 5_000 }]);
    expect(channel().sent).toEqual([{ type: 'changed', tenantIds: [A] }]);
    await state.setNote(250, 'enabled ASR rules in block mode');
    expect(state.runs[1]?.notes.map((n) => n.text)).toEqual(['enabled ASR rules in block mode']);
    await state.setNote(250, undefined);
    expect(state.runs[1]?.notes).toEqual([]);
    expect(await store.notesFor(A)).toEqual([]);
  });

  it('keeps a note on its run when later readings fold into that run', async () => {
    const store = new MemoryStore();
    const { state } = tab(store);
    await state.open();
    await state.show(A);
    await state.add(reading(100, 300));
    await state.setNote(100, 'baseline');
    await state.add(reading(200, 300));
    await state.add(reading(300, 300));
    expect(shape(state.runs)).toEqual([[100, 300, 300]]);
    expect(state.runs[0]?.notes.map((n) => n.text)).toEqual(['baseline']);
  });
});
