import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { toJson } from '../../src/lib/history/export-formats';
import { parseImportFile } from '../../src/lib/history/import-parser';
import { MemoryStore } from '../../src/lib/history/memory-store';
import { openIndexedDbStore } from '../../src/lib/history/indexeddb-store';
import type { HistoryStore } from '../../src/lib/history/history-store';
import type { AlertRuleRecord, GoalRecord } from '../../src/lib/history/schema';
import { alertEventId, type AlertKind } from '../../src/lib/watch/alert-rules';
import type { AlertLogEntry } from '../../src/lib/watch/alert-log';
import { DataTransferState } from '../../src/lib/state/data-transfer.svelte';
import { HistoryState } from '../../src/lib/state/history.svelte';
import { formatOtherRecords } from '../../src/lib/ui/transfer-outcome';
import { describeInvalidRow, importPreviewLines } from '../../src/lib/ui/import-preview';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const NOW = Date.UTC(2026, 10, 28, 12);
const DAY = 24 * 3_600_000;
const EARLIEST = Date.UTC(2016, 0, 1);

const time = fc.integer({ min: EARLIEST, max: NOW });
const tenant = fc.constantFrom(A, B);
const ruleId = fc.constantFrom('r1', 'r2', 'rule with spaces');

const goals = fc.uniqueArray(
  fc.record({ tenantId: tenant, target: fc.integer({ min: 0, max: 2000 }), by: fc.option(fc.integer({ min: EARLIEST, max: NOW + 800 * DAY }), { nil: undefined }), edited: time }),
  { selector: (goal) => goal.tenantId },
).map((list) => list.map(({ by, ...goal }): GoalRecord => (by === undefined ? goal : { ...goal, by })));

const rules = fc.uniqueArray(
  fc.oneof(
    fc.record({ tenantId: tenant, id: ruleId, kind: fc.constant('drop-points' as const), points: fc.integer({ min: 1, max: 100 }), edited: time }),
    fc.record({ tenantId: tenant, id: ruleId, kind: fc.constant('drop-percent' as const), percent: fc.double({ min: 0.5, max: 100, noNaN: true }), edited: time }),
    fc.record({ tenantId: tenant, id: ruleId, kind: fc.constant('below-threshold' as const), threshold: fc.integer({ min: 0, max: 2000 }), edited: time }),
    fc.record({ tenantId: tenant, id: ruleId, kind: fc.constant('exposure-high' as const), edited: time }),
  ) as fc.Arbitrary<AlertRuleRecord>,
  { selector: (rule) => `${rule.tenantId}|${rule.id}` },
);

const alerts = fc.uniqueArray(
  fc
    .record({
      tenantId: tenant,
      ruleId,
      kind: fc.constantFrom<AlertKind>('drop-points', 'drop-percent', 'below-threshold', 'exposure-high'),
      time,
      before: fc.integer({ min: 0, max: 2000 }),
      after: fc.integer({ min: 0, max: 2000 }),
      threshold: fc.integer({ min: 0, max: 100 }),
      firedAt: time,
      dismissedAt: fc.option(time, { nil: undefined }),
    })
    .map(({ dismissedAt, ...entry }): AlertLogEntry => ({ ...entry, id: alertEventId(entry.tenantId, entry.ruleId, entry.time), ...(dismissedAt === undefined ? {} : { dismissedAt }) })),
  { selector: (entry) => entry.id },
);

const json = (document: Record<string, unknown>) =>
  JSON.stringify({ app: 'Scoreline', format: 'scoreline.history', version: 3, exportedAt: new Date(NOW).toISOString(), tenants: [], runs: [], notes: [], series: [], seriesNames: [], recommendationChanges: [], recommendationReads: [], ...document });

const byKey = <T extends { tenantId: string }>(list: readonly T[], key: (record: T) => string) => [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

describe('JSON version 3: goals, alert rules and the alert log', () => {
  it('an export of any goals, rules and alerts imports as the same records', () => {
    fc.assert(
      fc.property(goals, rules, alerts, (goalList, ruleList, alertList) => {
        const text = toJson({ tenants: [], runs: [], notes: [], goals: goalList, alertRules: ruleList, alertLog: alertList }, NOW);
        const parsed = parseImportFile('history.json', text, { now: NOW });
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(parsed.value.invalid).toEqual([]);
        expect(byKey(parsed.value.goals, (g) => g.tenantId)).toEqual(byKey(goalList, (g) => g.tenantId));
        expect(byKey(parsed.value.alertRules, (r) => `${r.tenantId}|${r.id}`)).toEqual(byKey(ruleList, (r) => `${r.tenantId}|${r.id}`));
        expect(byKey(parsed.value.alertLog, (e) => e.id)).toEqual(byKey(alertList, (e) => e.id));
      }),
      { numRuns: 60 },
    );
  });

  it('a version 3 file written before goals and alerts imports with none; a list that is not one is refused', () => {
    const parsed = parseImportFile('old.json', json({}), { now: NOW });
    expect(parsed.ok && [parsed.value.goals, parsed.value.alertRules, parsed.value.alertLog]).toEqual([[], [], []]);
    const refused = parseImportFile('bad.json', json({ alertLog: {} }), { now: NOW });
    expect(refused).toEqual({ ok: false, error: "The file's alertLog is not a list." });
  });

  it('skips each entry that is wrong in any field, saying why, and keeps the others whole', () => {
    const time = new Date(NOW - DAY).toISOString();
    const goodAlert = { tenantId: A, ruleId: 'r1', kind: 'drop-points', time, before: 412, after: 398, threshold: 10, firedAt: time };
    const text = json({
      goals: [{ tenantId: A, target: 450, by: '2400-01-01T00:00:00Z', edited: time }, { tenantId: B, target: 300, edited: time }],
      alertRules: [{ tenantId: A, id: 'r1', kind: 'drop-points', points: 0, edited: time }, { tenantId: A, id: 'r2', kind: 'weekly', edited: time }, { tenantId: A, id: 'r3', kind: 'exposure-high', edited: time }],
      alertLog: [{ ...goodAlert, id: alertEventId(A, 'r1', NOW - DAY) }, { ...goodAlert, id: alertEventId(B, 'r1', NOW - DAY) }, { ...goodAlert, id: alertEventId(A, 'r1', NOW - DAY) }],
    });
    const parsed = parseImportFile('mixed.json', text, { now: NOW });
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.value.goals.map((goal) => goal.tenantId)).toEqual([B]);
    expect(parsed.value.alertRules.map((rule) => rule.id)).toEqual(['r3']);
    expect(parsed.value.alertLog).toHaveLength(1);
    expect(parsed.value.invalid.map(describeInvalidRow)).toEqual([
      'Goal 1: has a by that is not a date and time between 2015 and 2200',
      'Alert rule 1: the points is not a number above 0 and at most 100000',
      'Alert rule 2: has a kind that is not one of drop-points, drop-percent, below-threshold, exposure-high',
      'Alert 2: has an id that is not the one of its tenant, rule and time',
      'Alert 3: duplicate of alert 1',
    ]);
  });

  it('names goal and alert records in the preview and the outcome', () => {
    expect(formatOtherRecords(3, { series: false, recommendations: false, watch: true })).toBe('3 goal and alert records');
    expect(formatOtherRecords(5, { series: true, recommendations: false, watch: true })).toBe('5 exposure and goal and alert records');
    expect(formatOtherRecords(9, { series: true, recommendations: true, watch: true })).toBe('9 exposure, recommendation, goal and alert records');
  });
});

describe.each([
  ['memory', async (): Promise<HistoryStore> => new MemoryStore()],
  ['IndexedDB', (): Promise<HistoryStore> => openIndexedDbStore({ name: `export-watch-${Math.random()}` })],
])('exporting and importing watching with the %s store', (_name, open) => {
  it("a tenant's goal, rules and log leave with its export and come back into another browser once", async () => {
    const source = await open();
    await source.rememberTenant({ tenantId: A, label: 'contoso.example', lastUsed: 0 });
    await source.addReading({ tenantId: A, time: NOW - DAY, score: 412 });
    await source.putGoal({ tenantId: A, target: 450, by: NOW + 30 * DAY, edited: NOW - 2 * DAY });
    await source.putAlertRule({ tenantId: A, id: 'r1', kind: 'drop-points', points: 10, edited: NOW - 2 * DAY });
    const alert: AlertLogEntry = { id: alertEventId(A, 'r1', NOW - DAY), tenantId: A, ruleId: 'r1', kind: 'drop-points', time: NOW - DAY, before: 422, after: 412, threshold: 10, firedAt: NOW - DAY };
    await source.logAlerts([alert]);
    await source.dismissAlert(A, alert.id, NOW - DAY / 2);

    const exported = await exportOf(source);
    const target = await open();
    const { transfer, history } = await transferOver(target);
    await transfer.previewFile(exported);
    expect(transfer.preview?.file.watchRecordCount).toBe(3);
    expect(importPreviewLines(transfer.preview!)).toContain('It also holds 3 goal and alert records; all are new.');
    await transfer.confirmImport();
    expect(transfer.outcome).toMatchObject({ kind: 'imported', othersAdded: 3, otherKinds: { watch: true } });
    expect(await target.goalOf(A)).toEqual(await source.goalOf(A));
    expect(await target.alertRules(A)).toEqual(await source.alertRules(A));
    expect(await target.alertLog(A)).toEqual([{ ...alert, dismissedAt: NOW - DAY / 2 }]);
    expect(history.tenants.map((t) => t.tenantId)).toEqual([A]);

    await transfer.previewFile(exported);
    expect(importPreviewLines(transfer.preview!)).toContain('It also holds 3 goal and alert records; all are already in your history.');
  });
});

async function transferOver(store: HistoryStore) {
  const history = new HistoryState({ openStore: async () => store, openChannel: () => undefined, protectStorage: async () => true, now: () => NOW });
  await history.open();
  const files: File[] = [];
  const transfer = new DataTransferState(history, { save: (fileName, blob) => files.push(new File([blob], fileName)), now: () => NOW });
  return { history, transfer, files };
}

async function exportOf(store: HistoryStore): Promise<File> {
  const { history, transfer, files } = await transferOver(store);
  await history.show(A);
  await transfer.exportJson();
  return files[0]!;
}
