import { describe, expect, it } from 'vitest';
import { DataTransferState } from '../../src/lib/state/data-transfer.svelte';
import { HistoryState } from '../../src/lib/state/history.svelte';
import { MemoryStore } from '../../src/lib/history/memory-store';
import { MAX_IMPORT_BYTES } from '../../src/lib/history/import-parser';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const NOW = Date.UTC(2026, 10, 28, 12);
const at = (day: number, hour: number) => Date.UTC(2026, 10, day, hour);
const iso = (day: number, hour: number) => new Date(at(day, hour)).toISOString();

/** A history of one run of 400 (the 27th, 09:00 to 12:00) with a note at its start. */
async function harness() {
  const store = new MemoryStore();
  await store.addReading({ tenantId: A, time: at(27, 9), score: 400 });
  await store.addReading({ tenantId: A, time: at(27, 12), score: 400 });
  await store.putNote({ tenantId: A, time: at(27, 9), text: 'kept', edited: at(27, 10) });
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

const csvV1 = (...rows: string[]) => new File([['time,score,tenant,note', ...rows].join('\r\n')], 'history.csv', { type: 'text/csv' });
const jsonV2 = (runs: unknown[], notes: unknown[]) =>
  new File([JSON.stringify({ app: 'Scoreline', format: 'scoreline.history', version: 2, exportedAt: iso(28, 11), tenants: [], runs, notes })], 'history.json');
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('DataTransferState', () => {
  it('previews a version 1 file: what it holds, folded, what is new, and invalid rows; writes nothing yet', async () => {
    const h = await harness();
    await h.transfer.previewFile(csvV1(`${iso(27, 10)},400,${A},`, `${iso(28, 9)},410,${A},`, `${iso(28, 10)},410,${A},`, `not a time,1,${A},`));
    expect(h.transfer.preview).toMatchObject({
      fileName: 'history.csv',
      file: { format: 'csv', version: 1, readingCount: 3, runCount: 2, noteCount: 0, tenantCount: 1 },
      invalid: [{ kind: 'line', line: 5 }],
    });
    // The reading at 10:00 is inside the stored run of 400: nothing new.
    expect(h.transfer.preview?.toAdd).toEqual({ runs: [{ tenantId: A, firstSeen: at(28, 9), lastSeen: at(28, 10), score: 410 }], notes: [] });
    expect(await h.store.runsFor(A)).toHaveLength(1);
  });

  it('merges an imported run with the stored run it overlaps, and keeps the later edit of a note', async () => {
    const h = await harness();
    await h.transfer.previewFile(
      jsonV2(
        [{ tenantId: A, firstSeen: iso(27, 11), lastSeen: iso(28, 8), score: 400 }],
        [
          { tenantId: A, time: iso(27, 9), text: 'older copy', edited: iso(27, 9) },
          { tenantId: A, time: iso(28, 8), text: 'theirs', edited: iso(28, 8) },
        ],
      ),
    );
    expect(h.transfer.preview?.toAdd.runs).toHaveLength(1);
    expect(h.transfer.preview?.toAdd.notes.map((n) => n.text)).toEqual(['theirs']);
    await h.transfer.confirmImport();
    expect(h.transfer.outcome).toEqual({ kind: 'imported', fileName: 'history.json', added: 1, notesAdded: 1 });
    expect(h.transfer.preview).toBeUndefined();
    expect(await h.store.runsFor(A)).toEqual([{ tenantId: A, firstSeen: at(27, 9), lastSeen: at(28, 8), score: 400 }]);
    expect((await h.store.notesFor(A)).map((n) => n.text)).toEqual(['kept', 'theirs']);
    // The screen shows the merged run, its notes with it.
    expect(h.history.runs.map((r) => [r.firstSeen, r.lastSeen, r.notes.map((n) => n.text)])).toEqual([[at(27, 9), at(28, 8), ['kept', 'theirs']]]);
  });

  it('says there is nothing to add when the stored history holds the whole file', async () => {
    const h = await harness();
    await h.transfer.previewFile(jsonV2([{ tenantId: A, firstSeen: iso(27, 10), lastSeen: iso(27, 11), score: 400 }], []));
    expect(h.transfer.preview?.toAdd).toEqual({ runs: [], notes: [] });
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

  it('exports every stored run and note of the tenant as CSV, named after it', async () => {
    const h = await harness();
    await h.transfer.exportCsv();
    await settle();
    expect(h.saved).toHaveLength(1);
    expect(h.saved[0]?.fileName).toMatch(/^scoreline-contoso\.example-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(h.saved[0]?.text).toBe(`first_seen,last_seen,score,tenant,note,tenant_label\r\n${iso(27, 9)},${iso(27, 12)},400,${A},kept,contoso.example\r\n`);
    expect(h.transfer.outcome).toMatchObject({ kind: 'exported' });
  });

  it('exports JSON that, imported after a delete, gives back the same runs and notes', async () => {
    const h = await harness();
    await h.transfer.exportJson();
    await settle();
    const exported = h.saved[0]!;
    expect(JSON.parse(exported.text)).toMatchObject({ version: 2, tenants: [{ tenantId: A, label: 'contoso.example' }] });
    const [runs, notes] = [await h.store.runsFor(A), await h.store.notesFor(A)];

    await h.transfer.deleteTenantHistory();
    await h.transfer.previewFile(new File([exported.text], exported.fileName));
    await h.transfer.confirmImport();
    expect(h.transfer.outcome).toEqual({ kind: 'imported', fileName: exported.fileName, added: 1, notesAdded: 1 });
    expect(await h.store.runsFor(A)).toEqual(runs);
    expect(await h.store.notesFor(A)).toEqual(notes);
  });

  it('asks before deleting, saying how many runs would go, and deletes the tenant’s runs and notes', async () => {
    const h = await harness();
    await h.transfer.askToDelete();
    expect(h.transfer.deleteRequest).toEqual({ tenantLabel: 'contoso.example', count: 1 });
    await h.transfer.deleteTenantHistory();
    expect(h.transfer.outcome).toEqual({ kind: 'deleted', tenantLabel: 'contoso.example', deleted: 1 });
    expect(await h.store.runsFor(A)).toEqual([]);
    expect(await h.store.notesFor(A)).toEqual([]);
  });

  it('reports progress while it writes, and a cancel before the commit leaves the history exactly as it was', async () => {
    const h = await harness();
    const rows = Array.from({ length: 5_000 }, (_, i) => `${new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString()},${300 + (i % 7)},${A},`);
    await h.transfer.previewFile(csvV1(...rows));
    expect(h.transfer.preview?.toAdd.runs).toHaveLength(5_000);
    const importing = h.transfer.confirmImport();
    expect(h.transfer.progress).toEqual({ written: 0, total: 5_000 });
    // Cancel once the first chunk is written: the rest must never be committed.
    while (h.transfer.progress?.written === 0) await settle();
    expect(h.transfer.progress?.written).toBeLessThan(5_000);
    h.transfer.cancelImport();
    await importing;
    expect(h.transfer.outcome).toEqual({ kind: 'import-cancelled', fileName: 'history.csv' });
    expect(h.history.problem).toBeUndefined();
    expect(await h.store.runsFor(A)).toHaveLength(1);
  });
});
