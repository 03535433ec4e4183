import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changesOfHistories, historyWrites, type RecommendationHistory, type RecommendationTouch } from '../../src/lib/history/recommendation-histories';
import { compareChanges } from '../../src/lib/recommendations/change-log';
import type { RecommendationChange } from '../../src/lib/recommendations/recommendation';

const TENANTS = ['aaaaaaaa-0000-4000-8000-000000000001', 'bbbbbbbb-0000-4000-8000-000000000002'];

const changeArbitrary: fc.Arbitrary<RecommendationChange> = fc.oneof(
  fc.record({
    tenantId: fc.constantFrom(...TENANTS),
    id: fc.constantFrom('sca-_-scid-1', 'sca-_-scid-2', 'sca-_-scid-3'),
    time: fc.integer({ min: 0, max: 6 }),
    configScoreImpact: fc.integer({ min: 0, max: 20 }),
    exposureImpact: fc.constant(0.5),
    exposedMachines: fc.integer({ min: 0, max: 9 }),
    totalMachines: fc.constant(10),
    status: fc.constantFrom('Active', 'Exception'),
  }),
  fc.record({ tenantId: fc.constantFrom(...TENANTS), id: fc.constantFrom('sca-_-scid-1', 'sca-_-scid-2'), time: fc.integer({ min: 0, max: 6 }), removed: fc.constant(true as const) }),
);

/** Applies writes the way a store does: a record put replaces the one with its key. */
function stored(histories: RecommendationHistory[], touches: RecommendationTouch[], changes: readonly RecommendationChange[]) {
  const writes = historyWrites({ histories, touches }, changes);
  const byKey = new Map(histories.map((h) => [`${h.tenantId}|${h.id}`, h]));
  for (const h of writes.histories) byKey.set(`${h.tenantId}|${h.id}`, h);
  const touchByKey = new Map(touches.map((t) => [`${t.tenantId}|${t.time}`, t]));
  for (const t of writes.touches) touchByKey.set(`${t.tenantId}|${t.time}`, t);
  return { histories: [...byKey.values()], touches: [...touchByKey.values()], added: writes.added };
}

/** The first change of each tenant, id and time, as a set of records would keep it. */
function firstOfEachKey(changes: readonly RecommendationChange[]): RecommendationChange[] {
  const kept = new Map<string, RecommendationChange>();
  for (const change of changes) {
    const key = `${change.tenantId}|${change.id}|${change.time}`;
    if (!kept.has(key)) kept.set(key, change);
  }
  return [...kept.values()].sort(compareChanges);
}

describe('recommendation records, one per recommendation', () => {
  it('keep every change once, however the changes arrive in batches', () => {
    fc.assert(
      fc.property(fc.array(fc.array(changeArbitrary, { maxLength: 8 }), { maxLength: 5 }), (batches) => {
        let state = { histories: [] as RecommendationHistory[], touches: [] as RecommendationTouch[] };
        const seen: RecommendationChange[] = [];
        for (const batch of batches) {
          const next = stored(state.histories, state.touches, batch);
          // What a batch adds is what was not already kept (the first of a key within the batch, in the log's order).
          const before = new Set(seen.map((c) => `${c.tenantId}|${c.id}|${c.time}`));
          expect(next.added.map((c) => `${c.tenantId}|${c.id}|${c.time}`).sort()).toEqual(
            [...new Set(batch.map((c) => `${c.tenantId}|${c.id}|${c.time}`))].filter((key) => !before.has(key)).sort(),
          );
          seen.push(...next.added);
          state = next;
        }
        expect(changesOfHistories(state.histories)).toEqual(firstOfEachKey(seen));
        for (const history of state.histories) {
          const times = history.changes.map((entry) => entry.time);
          expect(times).toEqual([...times].sort((a, b) => a - b));
        }
      }),
    );
  });

  it('index each change under its time, so the changes between two reads are found from the touches alone', () => {
    fc.assert(
      fc.property(fc.array(changeArbitrary, { maxLength: 20 }), fc.integer({ min: -1, max: 6 }), fc.integer({ min: 0, max: 7 }), (changes, after, until) => {
        const { histories, touches } = stored([], [], changes);
        const tenantId = TENANTS[0]!;
        const touchedIds = new Set(touches.filter((t) => t.tenantId === tenantId && t.time > after && t.time <= until).flatMap((t) => t.ids));
        const fromTouches = changesOfHistories(histories.filter((h) => h.tenantId === tenantId && touchedIds.has(h.id)), after, until);
        const all = changesOfHistories(histories.filter((h) => h.tenantId === tenantId), after, until);
        expect(fromTouches).toEqual(all);
      }),
    );
  });
});
