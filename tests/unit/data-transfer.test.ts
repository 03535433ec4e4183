import { describe, expect, it } from 'vitest';
import { DataTransferState } from '../../src/lib/state/data-transfer.svelte';
import { HistoryState } from '../../src/lib/state/history.svelte';
import { MemoryStore } from '../../src/lib/history/memory-store';
import { MAX_IMPORT_BYTES } from '../../src/lib/history/import-parser';
import { toJson } from '../../src/lib/history/export-formats';
import type { Recommendation } from '../../src/lib/recommendations/recommendation';

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
const NOTHING = { runs: [], notes: [], seriesRuns: [], seriesNames: [], recommendationChanges: [], recommendationReads: [], goals: [], alertRules: [], alertLog: [] };
const NO_OTHERS = { series: false, recommendations: false, watch: false };

describe('DataTransferState', () => {
  it('previews a version 1 file: what it holds, folded, what is new, and invalid rows; writes nothing yet', async () => {
    const h = await harness();
    await h.transfer.previewFile(csvV1(`${iso(27, 10)},400,${A},`, `${iso(28, 9)},410,${A},`, `${iso(28, 10)},410,${A},`, `not a time,1,${A},`));
    expect(h.transfer.preview).toMatchObject({
      fileName: 'history.csv',
      file: { format: 'csv', version: 1, readingCount: 3, runCount: 2, noteCount: 0, seriesRecordCount: 0, recommendationRecordCount: 0, watchRecordCount: 0, tenantCount: 1 },
      invalid: [{ kind: 'line', line: 5 }],
    });
    // The reading at 10:00 is inside the stored run of 400: nothing new.
    expect(h.transfer.preview?.toAdd).toEqual({ ...NOTHING, runs: [{ tenantId: A, firstSeen: at(28, 9), lastSeen: at(28, 10), score: 410 }] });
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
    expect(h.transfer.outcome).toEqual({ kind: 'imported', fileName: 'history.json', added: 1, notesAdded: 1, othersAdded: 0, otherKinds: NO_OTHERS });
    expect(h.transfer.preview).toBeUndefined();
    expect(await h.store.runsFor(A)).toEqual([{ tenantId: A, firstSeen: at(27, 9), lastSeen: at(28, 8), score: 400 }]);
    expect((await h.store.notesFor(A)).map((n) => n.text)).toEqual(['kept', 'theirs']);
    // The screen shows the merged run, its notes with it.
    expect(h.history.runs.map((r) => [r.firstSeen, r.lastSeen, r.notes.map((n) => n.text)])).toEqual([[at(27, 9), at(28, 8), ['kept', 'theirs']]]);
  });

  it('says there is nothing to add when the stored history holds the whole file', async () => {
    const h = await harness();
    await h.transfer.previewFile(jsonV2([{ tenantId: A, firstSeen: iso(27, 10), lastSeen: iso(27, 11), score: 400 }], []));
    expect(h.transfer.preview?.toAdd).toEqual(NOTHING);
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
    expect(h.saved[0]?.text).toBe(
      `first_seen,last_seen,score,tenant,series,group_name,note,tenant_label\r\n${iso(27, 9)},${iso(27, 12)},400,${A},device score,,kept,contoso.example\r\n`,
    );
    expect(h.transfer.outcome).toMatchObject({ kind: 'exported' });
  });

  it('exports JSON that, imported after a delete, gives back the same runs and notes', async () => {
    const h = await harness();
    await h.transfer.exportJson();
    await settle();
    const exported = h.saved[0]!;
    expect(JSON.parse(exported.text)).toMatchObject({ version: 4, tenants: [{ tenantId: A, label: 'contoso.example' }] });
    const [runs, notes] = [await h.store.runsFor(A), await h.store.notesFor(A)];

    await h.transfer.deleteTenantHistory();
    await h.transfer.previewFile(new File([exported.text], exported.fileName));
    await h.transfer.confirmImport();
    expect(h.transfer.outcome).toEqual({ kind: 'imported', fileName: exported.fileName, added: 1, notesAdded: 1, othersAdded: 0, otherKinds: NO_OTHERS });
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

  it('exports the exposure score, the device groups and the recommendation log of the tenant on screen, and nothing of another tenant', async () => {
    const h = await harness();
    await withOtherRecords(h.store, A);
    await withOtherRecords(h.store, B);
    await h.transfer.exportJson();
    await h.transfer.exportCsv();
    await settle();
    const document = JSON.parse(h.saved.find((file) => file.fileName.endsWith('.json'))!.text);
    expect(document.series).toEqual([
      { tenantId: A, series: 'exposure', firstSeen: iso(27, 9), lastSeen: iso(27, 12), score: 41 },
      { tenantId: A, series: 'group-id:7', firstSeen: iso(27, 9), lastSeen: iso(27, 9), score: 30 },
      { tenantId: A, series: 'group-id:7', firstSeen: iso(27, 12), lastSeen: iso(27, 12), score: 25 },
    ]);
    expect(document.seriesNames).toEqual([{ tenantId: A, series: 'group-id:7', time: iso(27, 9), name: 'Finance' }]);
    expect(document.recommendationChanges).toEqual([
      { tenantId: A, id: 'sca-_-scid-1', time: iso(27, 9), ...values(recommendation), name: recommendation.name, category: 'OS', subCategory: '', remediationType: 'ConfigurationChange' },
      { tenantId: A, id: 'sca-_-scid-1', time: iso(27, 12), removed: true },
    ]);
    expect(document.recommendationReads).toEqual([
      { tenantId: A, time: iso(27, 9), count: 1 },
      { tenantId: A, time: iso(27, 12), count: 0 },
    ]);
    expect(document.tenants).toEqual([{ tenantId: A, label: 'contoso.example' }]);
    const csv = h.saved.find((file) => file.fileName.endsWith('.csv'))!.text;
    expect(csv.split('\r\n').slice(1, -1)).toEqual([
      `${iso(27, 9)},${iso(27, 12)},400,${A},device score,,kept,contoso.example`,
      `${iso(27, 9)},${iso(27, 12)},41,${A},exposure,,,contoso.example`,
      `${iso(27, 9)},${iso(27, 9)},30,${A},group-id:7,Finance,,contoso.example`,
      `${iso(27, 12)},${iso(27, 12)},25,${A},group-id:7,Finance,,contoso.example`,
    ]);
  });

  it('previews a file of the other records (format version 4) with them counted and what of them is new, and imports them all at once', async () => {
    const h = await harness();
    await withOtherRecords(h.store, A);
    const file = toJson(
      {
        tenants: [],
        runs: [],
        notes: [],
        seriesRuns: [
          { tenantId: A, series: 'exposure', firstSeen: at(27, 10), lastSeen: at(27, 11), score: 41 },
          { tenantId: A, series: 'exposure', firstSeen: at(28, 9), lastSeen: at(28, 10), score: 38 },
        ],
        seriesNames: [{ tenantId: A, series: 'group-id:7', time: at(28, 9), name: 'Finance EU' }],
        recommendationChanges: [
          { tenantId: A, id: 'sca-_-scid-1', time: at(27, 12), removed: true },
          { tenantId: A, id: 'sca-_-scid-2', time: at(28, 9), ...values(recommendation), name: 'Second' },
        ],
        recommendationReads: [
          { tenantId: A, time: at(27, 12), count: 0 },
          { tenantId: A, time: at(28, 9), count: 1 },
        ],
      },
      NOW,
    );
    await h.transfer.previewFile(new File([file], 'other.json'));
    expect(h.transfer.preview?.file).toMatchObject({ version: 4, runCount: 0, noteCount: 0, seriesRecordCount: 3, recommendationRecordCount: 4, tenantCount: 1 });
    // The exposure run at 10–11 and the removal and read at 12 are stored already.
    expect(h.transfer.preview?.toAdd).toMatchObject({
      seriesRuns: [{ score: 38 }],
      seriesNames: [{ name: 'Finance EU' }],
      recommendationChanges: [{ id: 'sca-_-scid-2' }],
      recommendationReads: [{ time: at(28, 9) }],
    });
    await h.transfer.confirmImport();
    expect(h.transfer.outcome).toEqual({ kind: 'imported', fileName: 'other.json', added: 0, notesAdded: 0, othersAdded: 4, otherKinds: { series: true, recommendations: true, watch: false } });
    expect((await h.store.seriesRuns(A)).map((run) => run.score)).toEqual([30, 41, 25, 38]);
    expect((await h.store.seriesNames(A)).map((name) => name.name)).toEqual(['Finance', 'Finance EU']);
    expect((await h.store.recommendationChanges(A)).map((change) => change.id)).toEqual(['sca-_-scid-1', 'sca-_-scid-1', 'sca-_-scid-2']);
    expect(await h.store.recommendationReads(A)).toHaveLength(3);
  });

  it('imports a file that holds only other records of a tenant not seen yet, and remembers that tenant', async () => {
    const h = await harness();
    const file = toJson({ tenants: [{ tenantId: B, label: 'fabrikam.example' }], runs: [], notes: [], recommendationReads: [{ tenantId: B, time: at(27, 9), count: 0 }] }, NOW);
    await h.transfer.previewFile(new File([file], 'reads.json'));
    expect(h.transfer.preview?.file).toMatchObject({ seriesRecordCount: 0, recommendationRecordCount: 1, tenantCount: 1 });
    await h.transfer.confirmImport();
    expect(h.transfer.outcome).toMatchObject({ kind: 'imported', othersAdded: 1, otherKinds: { series: false, recommendations: true } });
    expect(h.history.tenants.map((tenant) => [tenant.tenantId, tenant.label])).toContainEqual([B, 'fabrikam.example']);
    expect(await h.store.recommendationReads(B)).toEqual([{ tenantId: B, time: at(27, 9), count: 0 }]);
  });
});

const B = 'bbbbbbbb-0000-4000-8000-000000000002';

const recommendation: Recommendation = {
  id: 'sca-_-scid-1',
  name: 'Turn on PUA protection',
  category: 'OS',
  subCategory: '',
  remediationType: 'ConfigurationChange',
  status: 'Active',
  configScoreImpact: 1.5,
  exposureImpact: 0.25,
  exposedMachines: 3,
  totalMachines: 10,
};

function values({ configScoreImpact, exposureImpact, exposedMachines, totalMachines, status }: Recommendation) {
  return { configScoreImpact, exposureImpact, exposedMachines, totalMachines, status };
}

/** Two refreshes of exposure and one device group (named once), and two reads of the recommendation list: one recommendation, then none. */
async function withOtherRecords(store: MemoryStore, tenantId: string): Promise<void> {
  for (const [hour, exposure, group] of [
    [9, 41, 30],
    [12, 41, 25],
  ] as const) {
    await store.addSeriesReadings(
      [
        { tenantId, series: 'exposure', time: at(27, hour), score: exposure },
        { tenantId, series: 'group-id:7', time: at(27, hour), score: group },
      ],
      [{ tenantId, series: 'group-id:7', time: at(27, hour), name: 'Finance' }],
    );
  }
  await store.addRecommendationRead(tenantId, at(27, 9), [recommendation]);
  await store.addRecommendationRead(tenantId, at(27, 12), []);
}
