import { describe, expect, it } from 'vitest';
import { DataTransferState } from '../../src/lib/state/data-transfer.svelte';
import { HistoryState } from '../../src/lib/state/history.svelte';
import { MemoryStore } from '../../src/lib/history/memory-store';
import { tenantImportSummaries } from '../../src/lib/history/tenant-records';
import { importTenantLines } from '../../src/lib/ui/import-tenant-lines';

const CONTOSO = 'aaaaaaaa-0000-4000-8000-000000000001';
const NORTHWIND = 'bbbbbbbb-0000-4000-8000-000000000002';
const FABRIKAM = 'cccccccc-0000-4000-8000-000000000003';
const NOW = Date.UTC(2026, 10, 28, 12);
const at = (day: number, hour: number) => Date.UTC(2026, 10, day, hour);

/** Three tenants kept in one browser, Contoso on screen. */
async function harness() {
  const store = new MemoryStore();
  for (const [tenantId, label, score] of [[CONTOSO, 'contoso.example', 412], [NORTHWIND, 'northwind.example', 356], [FABRIKAM, 'fabrikam.example', 287]] as const) {
    await store.addReading({ tenantId, time: at(27, 9), score });
    await store.rememberTenant({ tenantId, label, lastUsed: 0 });
  }
  await store.putNote({ tenantId: NORTHWIND, time: at(27, 9), text: 'GDAP set up', edited: at(27, 10) });
  const history = new HistoryState({ openStore: async () => store, openChannel: () => undefined, protectStorage: async () => true, now: () => NOW });
  await history.open();
  await history.show(CONTOSO);
  const saved: { fileName: string; text: string }[] = [];
  const transfer = new DataTransferState(history, { save: (fileName, blob) => void blob.text().then((text) => saved.push({ fileName, text })), now: () => NOW });
  return { store, history, transfer, saved };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('export and import across tenants', () => {
  it('exports the tenant on screen by default, and the tenants chosen in one file', async () => {
    const h = await harness();
    await h.transfer.exportJson();
    await h.transfer.exportJson([NORTHWIND, FABRIKAM]);
    await settle();
    const [shown, chosen] = h.saved.map((file) => ({ fileName: file.fileName, json: JSON.parse(file.text) as { tenants: { tenantId: string }[]; runs: { tenantId: string }[]; notes: unknown[] } }));
    expect(shown?.json.runs.map((r) => r.tenantId)).toEqual([CONTOSO]);
    expect(shown?.fileName).toContain('contoso.example');
    expect(new Set(chosen?.json.runs.map((r) => r.tenantId))).toEqual(new Set([NORTHWIND, FABRIKAM]));
    expect(chosen?.json.tenants.map((t) => t.tenantId).sort()).toEqual([NORTHWIND, FABRIKAM].sort());
    expect(chosen?.json.notes).toHaveLength(1);
    expect(chosen?.fileName).toBe('scoreline-2-tenants-2026-11-28.json');
  });

  it('previews a file of several tenants tenant by tenant, before writing anything', async () => {
    const h = await harness();
    await h.transfer.exportJson([CONTOSO, NORTHWIND, FABRIKAM]);
    await settle();
    const file = h.saved[0]!;
    // Another browser that keeps only Fabrikam, with one reading of its own.
    const store = new MemoryStore();
    await store.addReading({ tenantId: FABRIKAM, time: at(27, 9), score: 287 });
    await store.rememberTenant({ tenantId: FABRIKAM, label: 'fabrikam.example', lastUsed: 0 });
    const history = new HistoryState({ openStore: async () => store, openChannel: () => undefined, protectStorage: async () => true, now: () => NOW });
    await history.open();
    await history.show(FABRIKAM);
    const transfer = new DataTransferState(history, { save: () => {}, now: () => NOW });
    await transfer.previewFile(new File([file.text], 'all.json'));
    expect(importTenantLines(transfer.preview?.tenants ?? [])).toEqual([
      'contoso.example (new here): 1 score change, new.',
      'fabrikam.example: 1 score change, all already in your history.',
      'northwind.example (new here): 1 score change, new; 1 note, new.',
    ]);
    expect(await store.runsFor(CONTOSO)).toEqual([]);
  });
});

describe('tenantImportSummaries', () => {
  it('counts each tenant’s records in the file and those new here, named by the file, then by this browser, unnamed last', () => {
    const run = (tenantId: string, score: number) => ({ tenantId, firstSeen: 1, lastSeen: 2, score });
    const file = { runs: [run(CONTOSO, 1), run(CONTOSO, 2), run(NORTHWIND, 3), run(FABRIKAM, 4)], notes: [], seriesRuns: [{ ...run(NORTHWIND, 5), series: 'exposure' as const }] };
    const toAdd = { runs: [run(CONTOSO, 2), run(FABRIKAM, 4)], notes: [], seriesRuns: [] };
    const summaries = tenantImportSummaries(file, toAdd, { [NORTHWIND]: 'northwind.example' }, { [CONTOSO]: 'contoso.example' });
    expect(summaries).toEqual([
      { tenantId: CONTOSO, label: 'contoso.example', isNew: false, runs: { inFile: 2, toAdd: 1 }, notes: { inFile: 0, toAdd: 0 }, others: { inFile: 0, toAdd: 0 } },
      { tenantId: NORTHWIND, label: 'northwind.example', isNew: true, runs: { inFile: 1, toAdd: 0 }, notes: { inFile: 0, toAdd: 0 }, others: { inFile: 1, toAdd: 0 } },
      { tenantId: FABRIKAM, label: undefined, isNew: true, runs: { inFile: 1, toAdd: 1 }, notes: { inFile: 0, toAdd: 0 }, others: { inFile: 0, toAdd: 0 } },
    ]);
    expect(importTenantLines(summaries)).toEqual([
      'contoso.example: 2 score changes, 1 new.',
      'northwind.example (new here): 1 score change, all already in your history; 1 other record, all already in your history.',
      `Tenant ${FABRIKAM} (new here): 1 score change, new.`,
    ]);
    expect(importTenantLines(summaries.slice(0, 1))).toEqual([]);
  });
});
