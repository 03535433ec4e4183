import { describe, expect, it } from 'vitest';
import { GoalState } from '../../src/lib/state/goal.svelte';
import { AlertState } from '../../src/lib/state/alerts.svelte';
import { MemoryStore } from '../../src/lib/history/memory-store';

const TENANT = 'aaaaaaaa-0000-4000-8000-000000000001';
const DAY = 24 * 3_600_000;
const NOW = Date.UTC(2026, 2, 2, 12);

describe('GoalState', () => {
  it('a reload asked for while the first read is on its way shows the same tenant, never none', async () => {
    const store = new MemoryStore();
    await store.putGoal({ tenantId: TENANT, target: 450, edited: NOW - DAY });
    const goal = new GoalState({ store: () => store, now: () => NOW });
    const shown = goal.show(TENANT);
    const reloaded = goal.reload();
    await Promise.all([shown, reloaded]);
    expect([goal.tenantId, goal.goal?.target]).toEqual([TENANT, 450]);
  });

  it('sets a goal for the tenant on screen and works out its progress from the stored history', async () => {
    const store = new MemoryStore();
    for (let day = 10; day >= 0; day -= 1) await store.addReading({ tenantId: TENANT, time: NOW - day * DAY, score: 420 - day });
    const goal = new GoalState({ store: () => store, now: () => NOW });
    await goal.show(TENANT);
    await goal.set(430, NOW + 30 * DAY);
    expect(await store.goalOf(TENANT)).toEqual({ tenantId: TENANT, target: 430, by: NOW + 30 * DAY, edited: NOW });
    expect(goal.progress).toMatchObject({ latest: 420, pointsToGo: 10, pace: { kind: 'fitted' }, projection: { kind: 'on' }, byDate: 'on-track' });
    await goal.clear();
    expect([goal.goal, goal.progress, await store.goalOf(TENANT)]).toEqual([undefined, undefined, undefined]);
  });
});

describe('AlertState', () => {
  it('a reload asked for while the first read is on its way shows the same tenant', async () => {
    const store = new MemoryStore();
    await store.putAlertRule({ tenantId: TENANT, id: 'r1', kind: 'exposure-high', edited: NOW });
    const alerts = new AlertState({ store: () => store, now: () => NOW, newId: () => 'r2' });
    await Promise.all([alerts.show(TENANT), alerts.reload()]);
    expect([alerts.tenantId, alerts.rules.map((rule) => rule.id)]).toEqual([TENANT, ['r1']]);
    await alerts.addRule({ kind: 'drop-percent', percent: 5 });
    expect(alerts.rules.map((rule) => [rule.id, rule.kind, rule.edited])).toEqual([
      ['r1', 'exposure-high', NOW],
      ['r2', 'drop-percent', NOW],
    ]);
  });
});
