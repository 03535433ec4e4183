import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { openIndexedDbStore } from '../../src/lib/history/indexeddb-store';
import { MemoryStore } from '../../src/lib/history/memory-store';
import type { HistoryRecords, HistoryStore } from '../../src/lib/history/history-store';
import { DataTransferState } from '../../src/lib/state/data-transfer.svelte';
import { HistoryState } from '../../src/lib/state/history.svelte';
import { historyArbitraries, TENANTS } from '../fixtures/history-arbitraries';

const NOW = Date.UTC(2026, 10, 28, 12);

let databases = 0;
const stores: [string, () => Promise<HistoryStore>, number][] = [
  ['memory', async () => new MemoryStore(), 60],
  ['IndexedDB', () => openIndexedDbStore({ name: `scoreline-lossless-${++databases}` }), 15],
];

/** The history state and the "Your data" verbs over a store, as the app puts them together. */
async function transferOver(store: HistoryStore) {
  const history = new HistoryState({ openStore: async () => store, openChannel: () => undefined, protectStorage: async () => true, now: () => NOW });
  await history.open();
  const files: File[] = [];
  const transfer = new DataTransferState(history, { save: (fileName, blob) => files.push(new File([blob], fileName)), now: () => NOW });
  return { history, transfer, files };
}

/** Everything a store holds of a tenant, each list in an order of its records alone. */
async function everything(store: HistoryStore, tenantId: string) {
  const lists = {
    runs: await store.runsFor(tenantId),
    notes: await store.notesFor(tenantId),
    seriesRuns: await store.seriesRuns(tenantId),
    seriesNames: await store.seriesNames(tenantId),
    recommendationChanges: await store.recommendationChanges(tenantId),
    recommendationReads: await store.recommendationReads(tenantId),
  };
  return Object.fromEntries(Object.entries(lists).map(([key, list]) => [key, canonicalOrder(list)]));
}

function canonicalOrder(list: readonly object[]): object[] {
  const canonical = (record: object) => JSON.stringify(record, Object.keys(record).sort());
  return [...list].sort((a, b) => (canonical(a) < canonical(b) ? -1 : canonical(a) > canonical(b) ? 1 : 0));
}

describe.each(stores)('export then import into an empty %s store', (_name, open, numRuns) => {
  it('gives back exactly what was stored: every series, note, group name, recommendation change and read', async () => {
    const arbitrary = historyArbitraries(NOW);
    const history: fc.Arbitrary<HistoryRecords> = fc.record({
      runs: arbitrary.runs,
      notes: arbitrary.notes,
      seriesRuns: arbitrary.seriesRuns,
      seriesNames: arbitrary.seriesNames,
      recommendationChanges: arbitrary.recommendationChanges,
      recommendationReads: arbitrary.recommendationReads,
    });
    await fc.assert(
      fc.asyncProperty(history, async (records) => {
        const kept = await open();
        await kept.addHistory(records);
        const source = await transferOver(kept);
        for (const tenantId of TENANTS) {
          await source.history.rememberTenant(tenantId, `tenant ${tenantId.slice(0, 4)}`);
          await source.history.show(tenantId);
          await source.transfer.exportJson();
        }

        const empty = await open();
        const target = await transferOver(empty);
        for (const file of source.files) {
          await target.transfer.previewFile(file);
          expect(target.transfer.preview?.invalid).toEqual([]);
          await target.transfer.confirmImport();
          expect(target.transfer.outcome).toMatchObject({ kind: 'imported' });
        }
        for (const tenantId of TENANTS) expect(await everything(empty, tenantId)).toStrictEqual(await everything(kept, tenantId));
      }),
      { numRuns },
    );
  }, 120_000);
});
