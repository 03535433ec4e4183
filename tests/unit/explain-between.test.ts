import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MemoryStore } from '../../src/lib/history/memory-store';
import { scoreRuns, type ScoreRun } from '../../src/lib/history/score-runs';
import { replayChanges } from '../../src/lib/recommendations/change-log';
import { readForRun } from '../../src/lib/recommendations/describing-read';
import { explainScoreChange, type RecommendationsAtReading } from '../../src/lib/recommendations/explanation';
import type { Recommendation } from '../../src/lib/recommendations/recommendation';
import { explainBetween } from '../../src/lib/state/explain-between';
import { at, firewall, lsass, recordingStore, run, smb, TENANT } from './recommendation-views-fakes';

const catalogue = [firewall, smb, lsass, { ...firewall, id: 'sca-_-scid-1', name: 'Enable tamper protection', configScoreImpact: 4 }];

/** One read: which recommendations it lists, and each one's exposed devices and status. */
const snapshotArbitrary = fc.array(fc.record({ index: fc.nat(catalogue.length - 1), exposed: fc.nat(12), exception: fc.boolean(), impact: fc.integer({ min: 1, max: 4 }) }), { maxLength: 4 }).map((entries) =>
  entries.map(({ index, exposed, exception, impact }): Recommendation => ({
    ...catalogue[index]!,
    exposedMachines: exposed,
    configScoreImpact: impact * exposed,
    status: exception ? 'Exception' : 'Active',
  })),
);

/** A history kept as the app keeps it: score runs, and recommendation reads at some hours. */
const historyArbitrary = fc.record({
  reads: fc.uniqueArray(fc.record({ hour: fc.integer({ min: 0, max: 120 }), snapshot: snapshotArbitrary }), { selector: (read) => read.hour, maxLength: 12 }),
  // Each run lasts from its hour to the hour before the next; a long step leaves a gap.
  steps: fc.array(fc.record({ hours: fc.integer({ min: 1, max: 40 }), score: fc.integer({ min: 300, max: 320 }) }), { minLength: 2, maxLength: 8 }),
});

async function keep(history: { reads: { hour: number; snapshot: Recommendation[] }[]; steps: { hours: number; score: number }[] }) {
  const store = new MemoryStore();
  for (const { hour, snapshot } of [...history.reads].sort((a, b) => a.hour - b.hour)) await store.addRecommendationRead(TENANT, at(hour), snapshot);
  let hour = 0;
  const stored = history.steps.map(({ hours, score }) => {
    const kept = run(at(hour), at(hour + hours - 1), score);
    hour += hours;
    return kept;
  });
  return { store, runs: scoreRuns(stored) };
}

/** The explanation from the whole log, replayed: what reading only a part of it must match. */
async function fromWholeLog(store: MemoryStore, from: ScoreRun, to: ScoreRun) {
  const [reads, log] = await Promise.all([store.recommendationReads(TENANT), store.recommendationChanges(TENANT)]);
  const side = (run: ScoreRun, which: 'before' | 'after'): RecommendationsAtReading => {
    const read = readForRun(reads, run, which);
    return typeof read === 'number' ? replayChanges(log, read) : read;
  };
  return explainScoreChange({ before: side(from, 'before'), after: side(to, 'after'), scoreBefore: from.score, scoreAfter: to.score });
}

describe('explainBetween', () => {
  it('explains any two runs as the whole log replayed would', async () => {
    await fc.assert(
      fc.asyncProperty(historyArbitrary, fc.nat(), fc.nat(), async (history, a, b) => {
        const { store, runs } = await keep(history);
        fc.pre(runs.length >= 2);
        const [i, j] = [a % runs.length, b % runs.length].sort((x, y) => x - y) as [number, number];
        fc.pre(i < j);
        const reads = await store.recommendationReads(TENANT);
        const explained = await explainBetween(store, { tenantId: TENANT, reads, from: runs[i]!, to: runs[j]! });
        expect(explained).toEqual(await fromWholeLog(store, runs[i]!, runs[j]!));
      }),
      { numRuns: 150 },
    );
  });

  it('reads only the changes between the two describing reads, and the touched recommendations’ own changes', async () => {
    await fc.assert(
      fc.asyncProperty(historyArbitrary, async (history) => {
        const { store: inner, runs } = await keep(history);
        fc.pre(runs.length >= 2);
        const store = recordingStore(inner);
        const reads = await inner.recommendationReads(TENANT);
        const [from, to] = runs.slice(-2) as [ScoreRun, ScoreRun];
        await explainBetween(store, { tenantId: TENANT, reads, from, to });
        const beforeRead = readForRun(reads, from, 'before');
        const afterRead = readForRun(reads, to, 'after');
        const rangeCalls = store.calls.filter((call) => call.method === 'recommendationChanges');
        if (typeof beforeRead !== 'number' || typeof afterRead !== 'number') {
          expect(store.calls).toEqual([]);
          return;
        }
        expect(rangeCalls).toEqual([{ method: 'recommendationChanges', after: beforeRead, until: afterRead }]);
        const between = await inner.recommendationChanges(TENANT, { after: beforeRead, until: afterRead });
        const touched = new Set(between.map((change) => change.id));
        const ofCalls = store.calls.filter((call) => call.method === 'recommendationChangesOf');
        expect(ofCalls.flatMap((call) => call.ids).sort()).toEqual([...touched].sort());
      }),
      { numRuns: 100 },
    );
  });

  it('names the recommendation fixed between two refreshes, and reads nothing for a side no read describes', async () => {
    const store = recordingStore();
    await store.addRecommendationRead(TENANT, at(0), [firewall, smb]);
    await store.addRecommendationRead(TENANT, at(10), [{ ...firewall, exposedMachines: 8, configScoreImpact: 6.2 }, smb]);
    const runs = scoreRuns([run(at(0), at(9), 300), run(at(10), at(20), 303.1), run(at(80), at(90), 299)]);
    const reads = await store.recommendationReads(TENANT);
    store.calls.length = 0;

    const fixed = await explainBetween(store, { tenantId: TENANT, reads, from: runs[0]!, to: runs[1]! });
    expect(fixed.items).toMatchObject([{ id: firewall.id, kind: 'fixed', devices: 4 }]);
    expect(fixed.items[0]!.points).toBeCloseTo(3.1, 10);
    expect(fixed.limits).toEqual([]);
    expect(store.calls).toEqual([
      { method: 'recommendationChanges', after: at(0), until: at(10) },
      { method: 'recommendationChangesOf', ids: [firewall.id] },
    ]);

    store.calls.length = 0;
    const afterGap = await explainBetween(store, { tenantId: TENANT, reads, from: runs[1]!, to: runs[2]! });
    expect(afterGap.limits).toEqual([{ kind: 'gap', side: 'after' }]);
    expect(store.calls).toEqual([]);
  });
});
