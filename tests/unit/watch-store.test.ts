import { beforeEach, describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { openIndexedDbStore } from '../../src/lib/history/indexeddb-store';
import { MemoryStore } from '../../src/lib/history/memory-store';
import type { HistoryStore } from '../../src/lib/history/history-store';
import type { AlertRuleRecord, GoalRecord } from '../../src/lib/history/schema';
import { watchWrites } from '../../src/lib/history/watch-store';
import { alertEventId } from '../../src/lib/watch/alert-rules';
import type { AlertLogEntry } from '../../src/lib/watch/alert-log';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const HOUR = 3_600_000;

const goal = (target: number, edited: number, tenantId = A): GoalRecord => ({ tenantId, target, edited });
const dropRule = (id: string, points: number, edited: number, tenantId = A): AlertRuleRecord => ({ tenantId, id, kind: 'drop-points', points, edited });
const entry = (ruleId: string, hour: number, firedAt: number, tenantId = A, dismissedAt?: number): AlertLogEntry => ({
  id: alertEventId(tenantId, ruleId, hour * HOUR),
  tenantId,
  ruleId,
  kind: 'drop-points',
  time: hour * HOUR,
  before: 420,
  after: 400,
  threshold: 10,
  firedAt,
  ...(dismissedAt === undefined ? {} : { dismissedAt }),
});

let databases = 0;
const stores: Record<string, () => Promise<HistoryStore>> = {
  IndexedDB: () => openIndexedDbStore({ name: `watch-test-${++databases}` }),
  memory: async () => new MemoryStore(),
};

describe.each(Object.entries(stores))('%s store: goals, alert rules and the alert log', (_name, open) => {
  let store: HistoryStore;
  beforeEach(async () => {
    store = await open();
  });

  it('keeps one goal per tenant, replaced by the next and gone once deleted', async () => {
    expect(await store.goalOf(A)).toBeUndefined();
    await store.putGoal(goal(450, 1));
    await store.putGoal({ ...goal(460, 2), by: 100 * HOUR });
    await store.putGoal(goal(300, 3, B));
    expect(await store.goalOf(A)).toEqual({ ...goal(460, 2), by: 100 * HOUR });
    await store.deleteGoal(A, 4);
    expect(await store.goalOf(A)).toBeUndefined();
    expect(await store.goalOf(B)).toEqual(goal(300, 3, B));
  });

  it('keeps alert rules per tenant by id: a rule of the same id replaces the one before', async () => {
    await store.putAlertRule(dropRule('r2', 5, 1));
    await store.putAlertRule(dropRule('r1', 10, 1));
    await store.putAlertRule(dropRule('r1', 12, 2));
    await store.putAlertRule({ tenantId: B, id: 'r1', kind: 'below-threshold', threshold: 300, edited: 1 });
    expect(await store.alertRules(A)).toEqual([dropRule('r1', 12, 2), dropRule('r2', 5, 1)]);
    await store.deleteAlertRule(A, 'r1', 3);
    expect(await store.alertRules(A)).toEqual([dropRule('r2', 5, 1)]);
    expect(await store.alertRules(B)).toHaveLength(1);
  });

  it('logs an alert once: the entries already logged are left as they were and not given back', async () => {
    const first = entry('r1', 1, 10);
    expect(await store.logAlerts([first])).toEqual([first]);
    const again = { ...first, firedAt: 99 };
    const second = entry('r1', 2, 11);
    expect(await store.logAlerts([again, second, second])).toEqual([second]);
    expect(await store.alertLog(A)).toEqual([first, second]);
    expect(await store.alertLog(B)).toEqual([]);
  });

  it('of two tabs logging the same alert at once, exactly one logs it', async () => {
    const logged = await Promise.all([store.logAlerts([entry('r1', 1, 10)]), store.logAlerts([entry('r1', 1, 11)])]);
    expect(logged.flat()).toHaveLength(1);
    expect(await store.alertLog(A)).toHaveLength(1);
  });

  it('dismisses a logged alert, keeping the later of two dismissals; an unknown id changes nothing', async () => {
    const logged = entry('r1', 1, 10);
    await store.logAlerts([logged]);
    await store.dismissAlert(A, logged.id, 20);
    await store.dismissAlert(A, logged.id, 15);
    await store.dismissAlert(A, 'alert:unknown', 30);
    expect(await store.alertLog(A)).toEqual([{ ...logged, dismissedAt: 20 }]);
  });

  it("deletes a tenant's goal, rules and log with its history, and nothing of another tenant", async () => {
    for (const tenantId of [A, B]) {
      await store.putGoal(goal(450, 1, tenantId));
      await store.putAlertRule(dropRule('r1', 10, 1, tenantId));
      await store.logAlerts([entry('r1', 1, 10, tenantId)]);
    }
    await store.deleteTenantHistory(A);
    expect([await store.goalOf(A), await store.alertRules(A), await store.alertLog(A)]).toEqual([undefined, [], []]);
    expect([await store.goalOf(B), (await store.alertRules(B)).length, (await store.alertLog(B)).length]).toEqual([goal(450, 1, B), 1, 1]);
  });

  it('an import joins goals and rules by the later edit and the log by alert, counting only what is new', async () => {
    await store.putGoal(goal(450, 5));
    await store.putAlertRule(dropRule('r1', 10, 5));
    const logged = entry('r1', 1, 10);
    await store.logAlerts([logged]);
    const records = {
      runs: [],
      notes: [],
      goals: [goal(400, 4), goal(300, 1, B)],
      alertRules: [dropRule('r1', 20, 6), dropRule('r2', 3, 1)],
      alertLog: [{ ...logged, firedAt: 12, dismissedAt: 30 }, entry('r1', 2, 11)],
    };
    const counts = await store.addHistory(records);
    // New: B's goal, r1's later edit, r2, the dismissal of the logged alert, the second alert.
    expect(counts.othersAdded).toBe(5);
    expect(await store.goalOf(A)).toEqual(goal(450, 5));
    expect(await store.goalOf(B)).toEqual(goal(300, 1, B));
    expect(await store.alertRules(A)).toEqual([dropRule('r1', 20, 6), dropRule('r2', 3, 1)]);
    expect(await store.alertLog(A)).toEqual([{ ...logged, dismissedAt: 30 }, entry('r1', 2, 11)]);
    expect((await store.addHistory(records)).othersAdded).toBe(0);
  });
});

describe('watchWrites', () => {
  const arbitraryEntry = fc
    .record({ rule: fc.constantFrom('r1', 'r2'), hour: fc.integer({ min: 0, max: 5 }), firedAt: fc.integer({ min: 0, max: 50 }), dismissedAt: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }) })
    .map(({ rule, hour, firedAt, dismissedAt }) => entry(rule, hour, firedAt, A, dismissedAt));

  it('writes nothing for an import of what is stored, and after writing, a second import of it writes nothing', () => {
    fc.assert(
      fc.property(fc.array(arbitraryEntry), fc.array(arbitraryEntry), (stored, incoming) => {
        const storedLog = watchWrites({ alertLog: stored }, { goals: [], alertRules: [], alertLog: [] }).alertLog;
        expect(watchWrites({ alertLog: storedLog }, { goals: [], alertRules: [], alertLog: storedLog }).added).toBe(0);
        const writes = watchWrites({ alertLog: incoming }, { goals: [], alertRules: [], alertLog: storedLog });
        const after = new Map([...storedLog, ...writes.alertLog].map((e) => [e.id, e]));
        expect(watchWrites({ alertLog: incoming }, { goals: [], alertRules: [], alertLog: [...after.values()] }).added).toBe(0);
      }),
    );
  });

  it('keeps the later edit of a goal whichever copy comes first, and the stored one on a tie', () => {
    expect(watchWrites({ goals: [goal(400, 2), goal(410, 3)] }, { goals: [goal(450, 2)], alertRules: [], alertLog: [] }).goals).toEqual([goal(410, 3)]);
    expect(watchWrites({ goals: [goal(410, 3), goal(400, 2)] }, { goals: [goal(450, 2)], alertRules: [], alertLog: [] }).goals).toEqual([goal(410, 3)]);
    expect(watchWrites({ goals: [goal(400, 2)] }, { goals: [goal(450, 2)], alertRules: [], alertLog: [] }).goals).toEqual([]);
  });
});
