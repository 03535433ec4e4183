import { describe, expect, it } from 'vitest';
import { DataTransferState } from '../../src/lib/state/data-transfer.svelte';
import { HistoryState } from '../../src/lib/state/history.svelte';
import { MemoryStore } from '../../src/lib/history/memory-store';
import { MAX_IMPORT_BYTES } from '../../src/lib/history/import-parser';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const NOW = Date.UTC(2026, 10, 28, 12);

async function harness() {
  const store = new MemoryStore();
  await store.addReading({ tenantId: A, time: Date.UTC(2026, 10, 27, 9), score: 400, note: 'kept' });
  await store.rememberTenant({ tenantId: A, label: 'contoso.example', lastUsed: 0 });
  const history = new HistoryState({ openStore: async () => store, openChannel: () => undefined, protectStorage: async () => true, now: () => NOW });
  await history.open();
  await history.show(A);
  const saved: { fileName: string; text: string }[] = [];
  const transfer = new DataTransferState(history, {
    save: (fileName, blob) => void blob.text().then((text) => saved.push({ fileName, text })),
    now: () => NOW,
  });
  return { store, history, transfer, saved };
}

const csv = (...rows: string[]) => new File([['time,score,tenant,note', ...rows].join('\r\n')], 'history.csv', { type: 'text/csv' });

describe('DataTransferState', () => {
  it('previews an import: new, already present and invalid rows, and writes nothing yet', async () => {
    const h = await harness();
    await h.transfer.previewFile(csv(`2026-11-27T09:00:00Z,999,${A},`, `2026-11-28T09:00:00Z,410,${A},`, `not a time,1,${A},`));
    expect(h.transfer.preview).toMatchObject({ fileName: 'history.csv', format: 'csv', alreadyPresent: 1 });
    expect(h.transfer.preview?.toAdd).toEqual([{ tenantId: A, time: Date.UTC(2026, 10, 28, 9), score: 410 }]);
    expect(h.transfer.preview?.invalid.map((row) => row.line)).toEqual([4]);
    expect(await h.store.readingsFor(A)).toHaveLength(1);
  });

  it('adds the previewed readings on confirmation and never changes a stored one', async () => {
    const h = await harness();
    await h.transfer.previewFile(csv(`2026-11-27T09:00:00Z,999,${A},`, `2026-11-28T09:00:00Z,410,${A},`));
    await h.transfer.confirmImport();
    expect(h.transfer.outcome).toEqual({ kind: 'imported', fileName: 'history.csv', added: 1 });
    expect(h.transfer.preview).toBeUndefined();
    expect(h.history.readings.map((r) => [r.score, r.note])).toEqual([
      [400, 'kept'],
      [410, undefined],
    ]);
  });

  it('refuses a file that is too large before reading it', async () => {
    const h = await harness();
    const huge = new File(['x'], 'huge.csv');
    Object.defineProperty(huge, 'size', { value: MAX_IMPORT_BYTES + 1 });
    await h.transfer.previewFile(huge);
    expect(h.transfer.outcome).toEqual({ kind: 'file-too-large', fileName: 'huge.csv', maxBytes: MAX_IMPORT_BYTES });
    expect(h.transfer.preview).toBeUndefined();
  });

  it('says why a file that is not ours is refused', async () => {
    const h = await harness();
    await h.transfer.previewFile(new File(['a,b\n1,2'], 'other.csv'));
    expect(h.transfer.outcome).toMatchObject({ kind: 'file-refused', fileName: 'other.csv' });
  });

  it('exports every stored reading of the tenant, named after it', async () => {
    const h = await harness();
    await h.transfer.exportCsv();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(h.saved).toHaveLength(1);
    expect(h.saved[0]?.fileName).toMatch(/^scoreline-contoso\.example-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(h.saved[0]?.text).toContain(`2026-11-27T09:00:00.000Z,400,${A},kept,contoso.example`);
    expect(h.transfer.outcome).toMatchObject({ kind: 'exported' });
  });

  it('deletes the tenant’s readings and reports how many', async () => {
    const h = await harness();
    await h.transfer.deleteTenantHistory();
    expect(h.transfer.outcome).toEqual({ kind: 'deleted', tenantLabel: 'contoso.example', deleted: 1 });
    expect(await h.store.readingsFor(A)).toEqual([]);
  });

  it('reports progress while it writes, and a cancel before the commit leaves the history exactly as it was', async () => {
    const h = await harness();
    const rows = Array.from({ length: 5_000 }, (_, i) => `${new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString()},${300 + (i % 7)},${A},`);
    await h.transfer.previewFile(csv(...rows));
    expect(h.transfer.preview?.toAdd).toHaveLength(5_000);
    const importing = h.transfer.confirmImport();
    expect(h.transfer.progress).toEqual({ written: 0, total: 5_000 });
    // Cancel once the first chunk is written: the rest must never be committed.
    while (h.transfer.progress?.written === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(h.transfer.progress?.written).toBeLessThan(5_000);
    h.transfer.cancelImport();
    await importing;
    expect(h.transfer.outcome).toEqual({ kind: 'import-cancelled', fileName: 'history.csv' });
    expect(h.history.problem).toBeUndefined();
    expect(await h.store.readingsFor(A)).toHaveLength(1);
  });
});
