import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/lib/history/memory-store';
import { scoreRuns } from '../../src/lib/history/score-runs';
import { RecommendationsState } from '../../src/lib/state/recommendations.svelte';
import { WhyItMovedState } from '../../src/lib/state/why-it-moved.svelte';
import { RecommendationViews } from '../../src/lib/state/recommendation-views.svelte';
import { at, fakeAccess, firewall, gate, recordingStore, run, smb, TENANT } from './recommendation-views-fakes';

async function keptStore() {
  const store = recordingStore();
  await store.addRecommendationRead(TENANT, at(0), [firewall, smb]);
  await store.addRecommendationRead(TENANT, at(10), [{ ...firewall, exposedMachines: 8, configScoreImpact: 6.2 }, smb]);
  return store;
}

describe('RecommendationsState', () => {
  it('reads the reads always, and the list (the whole log) unless the user chose not to see it', async () => {
    const store = await keptStore();
    const access = fakeAccess({ optedIn: false });
    const state = new RecommendationsState({ store: () => store, access });
    await state.show(TENANT, 0);
    expect(state.reads.map((read) => read.time)).toEqual([at(0), at(10)]);
    expect(state.readAt).toBe(at(10));
    expect(state.current).toBeUndefined();
    expect(store.calls.map((call) => call.method)).toEqual(['recommendationReads']);

    access.chosen = true;
    await state.show(TENANT, 0);
    expect(state.status).toBe('ready');
    expect(state.current?.find((r) => r.id === firewall.id)?.exposedMachines).toBe(8);
  });

  it('shows recommendations kept earlier before the refresh has told whether the user still wants them', async () => {
    const store = await keptStore();
    const state = new RecommendationsState({ store: () => store, access: fakeAccess({ optedIn: undefined }) });
    await state.show(TENANT, 0);
    expect(state.current?.map((r) => r.id).sort()).toEqual([firewall.id, smb.id].sort());
  });

  it('reads nothing again for the same tenant, version and choice, and again when a refresh kept more', async () => {
    const store = await keptStore();
    const state = new RecommendationsState({ store: () => store, access: fakeAccess({ optedIn: true }) });
    await state.show(TENANT, 0);
    await state.show(TENANT, 0);
    expect(store.calls).toHaveLength(2);
    await store.addRecommendationRead(TENANT, at(20), [smb]);
    await state.show(TENANT, 1);
    expect(store.calls).toHaveLength(4);
    expect(state.current?.map((r) => r.id)).toEqual([smb.id]);
  });

  it('shows loading on a first read only, and drops another tenant’s recommendations at once', async () => {
    const store = await keptStore();
    const state = new RecommendationsState({ store: () => store, access: fakeAccess({ optedIn: true }) });
    const held = gate();
    store.gate = held.promise;
    const first = state.show(TENANT, 0);
    expect(state.status).toBe('loading');
    held.open();
    await first;
    expect(state.status).toBe('ready');

    store.gate = gate().promise;
    void state.show(TENANT, 1);
    expect(state.status).toBe('ready');
    void state.show('another-tenant', 1);
    expect(state.reads).toEqual([]);
    expect(state.current).toBeUndefined();
    expect(state.status).toBe('loading');
  });

  it('says when the store fails, and reads again on the next show', async () => {
    const store = await keptStore();
    store.fail = new DOMException('gone', 'UnknownError');
    const state = new RecommendationsState({ store: () => store, access: fakeAccess({ optedIn: true }) });
    await state.show(TENANT, 0);
    expect(state.status).toBe('failed');
    expect(state.failure?.kind).toBe('unavailable');
    store.fail = undefined;
    await state.show(TENANT, 0);
    expect(state.status).toBe('ready');
  });

  it('asks for the permission once at a time', async () => {
    const access = fakeAccess();
    const held = gate();
    access.enable = async () => {
      access.enabled += 1;
      await held.promise;
    };
    const state = new RecommendationsState({ store: () => new MemoryStore(), access });
    const asking = state.enable();
    expect(state.enabling).toBe(true);
    await state.enable();
    held.open();
    await asking;
    expect(access.enabled).toBe(1);
    expect(state.enabling).toBe(false);
  });
});

describe('WhyItMovedState', () => {
  const runs = scoreRuns([run(at(0), at(9), 300), run(at(10), at(20), 303.1)]);
  const pair = { from: runs[0]!, to: runs[1]! };

  it('explains a pair once per key, and again when a refresh kept more', async () => {
    const store = await keptStore();
    const why = new WhyItMovedState({ store: () => store });
    const reads = await store.recommendationReads(TENANT);
    store.calls.length = 0;
    await why.explain(TENANT, pair, reads, 0);
    expect(why.result).toMatchObject({ status: 'ready', explanation: { items: [{ id: firewall.id, kind: 'fixed' }] } });
    await why.explain(TENANT, pair, reads, 0);
    expect(store.calls).toHaveLength(2);
    await why.explain(TENANT, pair, reads, 1);
    expect(store.calls).toHaveLength(4);
  });

  it('keeps the explanation of the pair asked last, however long each read takes', async () => {
    const store = await keptStore();
    const why = new WhyItMovedState({ store: () => store });
    const reads = await store.recommendationReads(TENANT);
    const held = gate();
    store.gate = held.promise;
    const slow = why.explain(TENANT, pair, reads, 0);
    store.gate = undefined;
    await why.explain(TENANT, pair, [], 0);
    held.open();
    await slow;
    expect(why.result).toMatchObject({ status: 'ready', explanation: { items: [], limits: [{ kind: 'no-recommendations-before' }] } });
  });

  it('brings the panel into view when a change is chosen elsewhere, and not when only the earlier reading changes', () => {
    const why = new WhyItMovedState({ store: () => new MemoryStore() });
    why.choose(TENANT, at(10));
    expect(why.chosen).toEqual({ tenantId: TENANT, to: at(10), from: undefined });
    expect(why.revealed).toBe(1);
    why.choose(TENANT, at(10), at(0), { reveal: false });
    expect(why.revealed).toBe(1);
    why.showLatest();
    expect(why.chosen).toBeUndefined();
  });
});

describe('RecommendationViews', () => {
  it('marks the changes on screen that can be explained, only with the reads of the same tenant', async () => {
    const store = await keptStore();
    const history = { runs: scoreRuns([run(at(0), at(9), 300), run(at(10), at(20), 303.1)]), tenantId: TENANT as string | undefined, store: store as never };
    const views = new RecommendationViews({ history, access: fakeAccess({ optedIn: true }) });
    expect(views.explained.size).toBe(0);
    await views.recommendations.show(TENANT, 0);
    expect([...views.explained]).toEqual([at(10)]);
  });
});
