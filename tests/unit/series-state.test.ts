// @vitest-environment jsdom
// (jsdom: Svelte's effects, which follow the screen, run only in its browser build.)
import { describe, expect, it } from 'vitest';
import { SeriesState, seriesOf } from '../../src/lib/state/series.svelte';
import { AppState, type AppDependencies } from '../../src/lib/state/app.svelte';
import { HistoryState } from '../../src/lib/state/history.svelte';
import { SessionState } from '../../src/lib/state/session.svelte';
import { DataTransferState } from '../../src/lib/state/data-transfer.svelte';
import { Preferences } from '../../src/lib/state/preferences';
import { MemoryStore } from '../../src/lib/history/memory-store';
import { StorageFailure } from '../../src/lib/history/history-store';
import type { SeriesId, SeriesName } from '../../src/lib/history/series';
import type { SeriesReading, SeriesStore } from '../../src/lib/history/series-store';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 28, 12);

const value = (series: SeriesId, time: number, score: number, tenantId = A): SeriesReading => ({ tenantId, series, time, score });
const named = (series: SeriesId, time: number, name: string, tenantId = A): SeriesName => ({ tenantId, series, time, name });

/** A promise the test resolves when it chooses, to hold a read of the store. */
function gate() {
  let open: () => void = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** A store whose reads wait for the test's gate while one is set. */
function heldStore(store: SeriesStore) {
  let held: Promise<void> | undefined;
  return {
    hold(promise: Promise<void> | undefined) {
      held = promise;
    },
    store: {
      seriesRuns: async (tenantId: string, since?: number) => {
        const runs = await store.seriesRuns(tenantId, since);
        await held;
        return runs;
      },
      seriesNames: (tenantId: string) => store.seriesNames(tenantId),
      addSeriesReadings: (readings: readonly SeriesReading[], names: readonly SeriesName[]) => store.addSeriesReadings(readings, names),
    } satisfies SeriesStore,
  };
}

async function storeWithSeries() {
  const store = new MemoryStore();
  await store.addSeriesReadings(
    [value('exposure', NOW - 40 * DAY, 60), value('group-id:1', NOW - 40 * DAY, 70), value('group-id:2', NOW - 40 * DAY, 20), value('exposure', NOW - 40 * DAY, 90, B)],
    [named('group-id:1', NOW - 40 * DAY, 'Servers'), named('group-id:2', NOW - 40 * DAY, 'Kiosks')],
  );
  await store.addSeriesReadings([value('exposure', NOW - 2 * DAY, 45), value('group-id:1', NOW - 2 * DAY, 50)], [named('group-id:1', NOW - 2 * DAY, 'Datacenter')]);
  return store;
}

describe('SeriesState', () => {
  it('reads the exposure and the groups of a tenant over a range', async () => {
    const store = await storeWithSeries();
    const series = new SeriesState({ store: () => store, now: () => NOW });
    await series.show({ tenantId: A, range: '90d' });
    expect(series.exposure?.latest.score).toBe(45);
    expect(series.exposure?.stats.change).toBe(-15);
    expect(series.exposure?.level).toBe('medium');
    expect(series.groups.groups.map(({ name, removed, formerNames }) => ({ name, removed, former: formerNames.map((f) => f.name) }))).toEqual([
      { name: 'Datacenter', removed: false, former: ['Servers'] },
      { name: 'Kiosks', removed: true, former: [] },
    ]);
    expect(series.range).toBe('90d');
    expect(series.reading).toBe(false);

    await series.show({ tenantId: A, range: '7d' });
    expect(series.exposure?.inRange.map((run) => run.score)).toEqual([45]);
    expect(series.groups.outOfRange.map((group) => group.name)).toEqual(['Kiosks']);
  });

  it('never shows one tenant’s series under another: a switch clears them until the read is done', async () => {
    const { store, hold } = heldStore(await storeWithSeries());
    const series = new SeriesState({ store: () => store, now: () => NOW });
    await series.show({ tenantId: A, range: '90d' });
    series.choose('group-id:1');
    const held = gate();
    hold(held.promise);
    const showing = series.show({ tenantId: B, range: '90d' });
    expect(series.tenantId).toBe(B);
    expect(series.exposure).toBeUndefined();
    expect(series.chosen).toBeUndefined();
    expect(series.reading).toBe(true);
    held.open();
    await showing;
    expect(series.exposure?.latest.score).toBe(90);
  });

  it('keeps what it shows while the same tenant is read again, and of two reads the later wins', async () => {
    const { store, hold } = heldStore(await storeWithSeries());
    const series = new SeriesState({ store: () => store, now: () => NOW });
    await series.show({ tenantId: A, range: '90d' });
    const first = gate();
    hold(first.promise);
    const slow = series.show({ tenantId: A, range: '90d' });
    expect(series.exposure?.latest.score).toBe(45);
    hold(undefined);
    await series.show({ tenantId: A, range: '7d' });
    first.open();
    await slow;
    expect(series.range).toBe('7d');
    expect(series.reading).toBe(false);
  });

  it('says that a read failed and keeps what it showed', async () => {
    const store = await storeWithSeries();
    let broken = false;
    const series = new SeriesState({
      store: () => {
        if (broken) throw new StorageFailure('closed');
        return store;
      },
      now: () => NOW,
    });
    await series.show({ tenantId: A, range: '90d' });
    broken = true;
    await series.show({ tenantId: A, range: '90d' });
    expect(series.failed).toBe(true);
    expect(series.reading).toBe(false);
    expect(series.exposure?.latest.score).toBe(45);
    broken = false;
    await series.show({ tenantId: A, range: '90d' });
    expect(series.failed).toBe(false);
  });

  it('charts the chosen group while it has readings in the range', async () => {
    const store = await storeWithSeries();
    const series = new SeriesState({ store: () => store, now: () => NOW });
    await series.show({ tenantId: A, range: '90d' });
    series.choose('group-id:2');
    expect(series.chosenGroup?.name).toBe('Kiosks');
    await series.show({ tenantId: A, range: '7d' });
    expect(series.chosen).toBe('group-id:2');
    expect(series.chosenGroup).toBeUndefined();
  });

  it('shows nothing without a tenant', async () => {
    const series = new SeriesState({ store: () => new MemoryStore(), now: () => NOW });
    await series.show({ tenantId: undefined, range: '90d' });
    expect(series.exposure).toBeUndefined();
    expect(series.groups.groups).toEqual([]);
    expect(series.reading).toBe(false);
  });
});

describe('seriesOf an app', () => {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  async function harness() {
    const store = await storeWithSeries();
    const history = new HistoryState({ openStore: async () => store, openChannel: () => undefined, protectStorage: async () => true, now: () => NOW });
    const preferences = new Preferences(() => history.store);
    const session = new SessionState({
      startAuth: async () => {
        throw new Error('not used');
      },
      loginHint: { load: async () => undefined, save: async () => {} },
    });
    const deps: AppDependencies = {
      history,
      session,
      preferences,
      loadTransfer: async () => new DataTransferState(history, { save: () => {}, now: () => NOW }),
      update: { available: false, start: async () => {}, apply: async () => {}, dismiss: () => {} },
      loadConfig: () => new Promise(() => {}),
      fetchScore: async () => ({ ok: true, value: { time: NOW, score: 400 } }),
      afterPaint: async () => {},
      redirectUri: () => 'https://scoreline.example/redirect.html',
      reloadPage: () => {},
      now: () => NOW,
    };
    const app = new AppState(deps);
    await history.open();
    return { app, history, store };
  }

  it('is created once, and follows the tenant on screen, the range, every refresh that kept new values and every new read of the history', async () => {
    const { app, history, store } = await harness();
    const series = seriesOf(app, () => NOW);
    expect(seriesOf(app)).toBe(series);
    await settle();
    expect(series.tenantId).toBeUndefined();

    await history.show(A);
    await settle();
    expect(series.exposure?.latest.score).toBe(45);

    await app.chooseRange('7d');
    await settle();
    expect(series.range).toBe('7d');

    await store.addSeriesReadings([value('exposure', NOW - HOUR, 38)], []);
    await settle();
    expect(series.exposure?.latest.score).toBe(45);
    app.keptVersion += 1;
    await settle();
    expect(series.exposure?.latest.score).toBe(38);

    // Another tab's refresh, or an import, reads the history on screen again: the series follow.
    await store.addSeriesReadings([value('exposure', NOW - HOUR / 2, 36)], []);
    await history.reload();
    await settle();
    expect(series.exposure?.latest.score).toBe(36);

    await history.show(B);
    await settle();
    expect(series.tenantId).toBe(B);
    expect(series.exposure).toBeUndefined();
    await app.chooseRange('90d');
    await settle();
    expect(series.exposure?.latest.score).toBe(90);
  });
});
