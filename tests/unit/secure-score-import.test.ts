import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DataTransferState } from '../../src/lib/state/data-transfer.svelte';
import { HistoryState } from '../../src/lib/state/history.svelte';
import { MemoryStore } from '../../src/lib/history/memory-store';
import { toJson } from '../../src/lib/history/export-formats';
import { MemorySecureScoreStore } from '../../src/lib/secure-score/secure-score-store';
import { secureScoreToAdd } from '../../src/lib/secure-score/secure-score-import';
import { dayAfter, type ControlChange, type SecureScoreDay } from '../../src/lib/secure-score/secure-score-day';
import { importAddCount, importConfirmLabel, importPreviewLines } from '../../src/lib/ui/import-preview';
import { importTenantLines } from '../../src/lib/ui/import-tenant-lines';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const NOW = Date.UTC(2026, 10, 28, 12);

function day(tenantId: string, n: number, currentScore = 400): SecureScoreDay {
  const date = dayAfter('2026-09-01', n);
  return { tenantId, day: date, time: Date.parse(`${date}T03:00:00Z`), currentScore, maxScore: 700, allTenantsAverage: null, similarSizeAverage: 41.2, categories: { Identity: 100, Data: 100, Device: 100, Apps: 50, Infrastructure: 50 } };
}

function change(tenantId: string, n: number, control = 'AdminMFAV2'): ControlChange {
  return { tenantId, control, day: dayAfter('2026-09-01', n), category: 'Identity', score: n, description: 'MFA for admins' };
}

/** Tenant A keeps days 0–9 and one control change; a file brings both tenants' days 5–14 and two changes each. */
async function harness() {
  const history = new HistoryState({ openStore: async () => new MemoryStore(), openChannel: () => undefined, protectStorage: async () => true, now: () => NOW });
  await history.open();
  const secureScore = new MemorySecureScoreStore();
  await secureScore.addRecords(Array.from({ length: 10 }, (_, n) => day(A, n)), [change(A, 0)]);
  const transfer = new DataTransferState(history, {
    save: () => undefined,
    now: () => NOW,
    keepSecureScore: (days, changes) => secureScore.addRecords(days, changes),
    storedSecureScore: async (tenantIds) => {
      const kept = await Promise.all(tenantIds.map(async (id) => ({ days: await secureScore.days(id), changes: await secureScore.controlChanges(id) })));
      return { days: kept.flatMap((k) => k.days), changes: kept.flatMap((k) => k.changes) };
    },
  });
  const days = [A, B].flatMap((tenantId) => Array.from({ length: 10 }, (_, n) => day(tenantId, n + 5, 999)));
  const changes = [change(A, 0), change(A, 7), change(B, 7), change(B, 8)];
  const text = toJson({ tenants: [{ tenantId: A, label: 'contoso.example' }, { tenantId: B, label: 'fabrikam.example' }], runs: [], notes: [], secureScore: { days, changes } }, NOW);
  return { transfer, secureScore, file: new File([text], 'both.json', { type: 'application/json' }) };
}

describe('importing Microsoft Secure Score', () => {
  it('previews how many days and control changes the file adds, in all and per tenant, before writing anything', async () => {
    const h = await harness();
    await h.transfer.previewFile(h.file);
    const preview = h.transfer.preview!;
    expect(preview.secureScore).toMatchObject({ days: 20, changes: 4 });
    expect(preview.secureScore?.toAdd.days).toHaveLength(15);
    expect(preview.secureScore?.toAdd.changes).toHaveLength(3);
    const a = preview.tenants.find((t) => t.tenantId === A)!;
    const b = preview.tenants.find((t) => t.tenantId === B)!;
    expect(a.secureScore).toEqual({ days: { inFile: 10, toAdd: 5 }, changes: { inFile: 2, toAdd: 1 } });
    expect(b.secureScore).toEqual({ days: { inFile: 10, toAdd: 10 }, changes: { inFile: 2, toAdd: 2 } });
    expect(importPreviewLines(preview)).toContain('It holds Microsoft Secure Score: 20 days and 4 control changes; 15 days and 3 control changes are new.');
    expect(importTenantLines(preview.tenants)).toEqual([
      'contoso.example (new here): Microsoft Secure Score (10 days, 5 new; 2 control changes, 1 new).',
      'fabrikam.example (new here): Microsoft Secure Score (10 days, all new; 2 control changes, all new).',
    ]);
    // A file of Microsoft Secure Score alone can be imported: its button names what it adds.
    expect(importAddCount(preview)).toBe(18);
    expect(importConfirmLabel(preview)).toBe('Add 15 days of Microsoft Secure Score');
    expect(await h.secureScore.days(B)).toEqual([]);
  });

  it('writes only what the preview counted new; kept days stay as they were', async () => {
    const h = await harness();
    await h.transfer.previewFile(h.file);
    await h.transfer.confirmImport();
    expect(h.transfer.outcome).toMatchObject({ kind: 'imported', added: 0, secureScoreDaysAdded: 15 });
    expect((await h.secureScore.days(A)).map((d) => d.currentScore)).toEqual([...Array(10).fill(400), ...Array(5).fill(999)]);
    expect(await h.secureScore.days(B)).toHaveLength(10);
    await h.transfer.previewFile(h.file);
    expect(importPreviewLines(h.transfer.preview!)).toContain('It holds Microsoft Secure Score: 20 days and 4 control changes; all are already in your history.');
    expect(importAddCount(h.transfer.preview!)).toBe(0);
  });

  it('a record is new exactly when its key is neither kept nor earlier in the file (property)', () => {
    const records = fc.array(fc.record({ tenant: fc.constantFrom(A, B), n: fc.nat(20) }), { maxLength: 30 });
    fc.assert(
      fc.property(records, records, (file, kept) => {
        const toAdd = secureScoreToAdd(
          { days: file.map((r) => day(r.tenant, r.n)), changes: file.map((r) => change(r.tenant, r.n)) },
          { days: kept.map((r) => day(r.tenant, r.n)), changes: kept.map((r) => change(r.tenant, r.n)) },
        );
        const keys = (list: readonly { tenantId: string; day: string }[]) => list.map((r) => `${r.tenantId} ${r.day}`);
        const expected = [...new Set(keys(file.map((r) => day(r.tenant, r.n))))].filter((key) => !keys(kept.map((r) => day(r.tenant, r.n))).includes(key));
        expect(keys(toAdd.days).sort()).toEqual(expected.sort());
        expect(keys(toAdd.changes).sort()).toEqual(expected.sort());
      }),
    );
  });
});
