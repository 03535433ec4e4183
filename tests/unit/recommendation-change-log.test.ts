import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareChanges, recommendationChanges, replayChanges, snapshotById, type RecommendationState } from '../../src/lib/recommendations/change-log';
import type { Recommendation, RecommendationChange } from '../../src/lib/recommendations/recommendation';

const TENANT = '11111111-1111-4111-8111-111111111111';
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);

const firewall: Recommendation = {
  id: 'sca-_-scid-2070',
  name: 'Turn on Microsoft Defender Firewall',
  category: 'Network',
  subCategory: 'Firewall',
  remediationType: 'ConfigurationChange',
  status: 'Active',
  configScoreImpact: 9.3,
  exposureImpact: 1.12,
  exposedMachines: 12,
  totalMachines: 240,
};
const chrome: Recommendation = {
  id: 'va-_-google-_-chrome',
  name: 'Update Google Chrome',
  category: 'Application',
  subCategory: '',
  remediationType: 'Update',
  status: 'Active',
  configScoreImpact: 0,
  exposureImpact: 3.94,
  exposedMachines: 5,
  totalMachines: 6,
};

const none = new Map<string, RecommendationState>();
const at = (hour: number) => T0 + hour * HOUR;
const sortedEntries = (map: ReadonlyMap<string, RecommendationState>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

describe('recommendationChanges', () => {
  it('records a recommendation seen for the first time with its values and labels', () => {
    expect(recommendationChanges(TENANT, at(0), none, [firewall])).toEqual([{ tenantId: TENANT, time: at(0), ...firewall }]);
  });

  it('adds nothing for a read that repeats the state', () => {
    expect(recommendationChanges(TENANT, at(4), snapshotById([firewall, chrome]), [chrome, firewall])).toEqual([]);
  });

  it('records new absolute values without labels when only values changed', () => {
    const fixed = { ...firewall, exposedMachines: 8, configScoreImpact: 6.2 };
    const [change, ...rest] = recommendationChanges(TENANT, at(4), snapshotById([firewall]), [fixed]);
    expect(rest).toEqual([]);
    expect(change).toEqual({
      tenantId: TENANT,
      id: firewall.id,
      time: at(4),
      configScoreImpact: 6.2,
      exposureImpact: 1.12,
      exposedMachines: 8,
      totalMachines: 240,
      status: 'Active',
    });
    expect(Object.keys(change!)).not.toContain('name');
  });

  it('records every label again when one of them changed, even with the same values', () => {
    const renamed = { ...firewall, subCategory: 'Windows Firewall' };
    expect(recommendationChanges(TENANT, at(4), snapshotById([firewall]), [renamed])).toEqual([{ tenantId: TENANT, time: at(4), ...renamed }]);
  });

  it('records a status change alone', () => {
    const excepted = { ...firewall, status: 'Exception' };
    expect(recommendationChanges(TENANT, at(4), snapshotById([firewall]), [excepted])).toMatchObject([{ id: firewall.id, status: 'Exception' }]);
  });

  it('records a removal for each recommendation that left the list, after the changes', () => {
    const moved = { ...chrome, exposedMachines: 4 };
    expect(recommendationChanges(TENANT, at(4), snapshotById([firewall, chrome]), [moved])).toEqual([
      { tenantId: TENANT, id: chrome.id, time: at(4), configScoreImpact: 0, exposureImpact: 3.94, exposedMachines: 4, totalMachines: 6, status: 'Active' },
      { tenantId: TENANT, id: firewall.id, time: at(4), removed: true },
    ]);
  });

  it('takes the later entry when a read lists an id twice', () => {
    const later = { ...firewall, exposedMachines: 3 };
    const changes = recommendationChanges(TENANT, at(0), none, [firewall, chrome, later]);
    expect(changes.map((c) => c.id)).toEqual([firewall.id, chrome.id]);
    expect(changes[0]).toMatchObject({ exposedMachines: 3 });
    expect(replayChanges(changes).get(firewall.id)).toEqual(later);
  });

  it('keeps only the fields of a recommendation, not whatever else the object carries', () => {
    const extra = { ...firewall, productName: 'windows' } as Recommendation;
    expect(Object.keys(recommendationChanges(TENANT, at(0), none, [extra])[0]!)).not.toContain('productName');
  });
});

describe('replayChanges', () => {
  const log: RecommendationChange[] = [
    ...recommendationChanges(TENANT, at(0), none, [firewall, chrome]),
    ...recommendationChanges(TENANT, at(4), snapshotById([firewall, chrome]), [{ ...firewall, exposedMachines: 8 }]),
    ...recommendationChanges(TENANT, at(8), snapshotById([{ ...firewall, exposedMachines: 8 }]), [{ ...firewall, exposedMachines: 8 }, chrome]),
  ];

  it('gives the recommendations present at a time, removals applied', () => {
    expect(sortedEntries(replayChanges(log, at(0)))).toEqual(sortedEntries(snapshotById([firewall, chrome])));
    expect(sortedEntries(replayChanges(log, at(4) - 1))).toEqual(sortedEntries(snapshotById([firewall, chrome])));
    expect(sortedEntries(replayChanges(log, at(4)))).toEqual(sortedEntries(snapshotById([{ ...firewall, exposedMachines: 8 }])));
    expect(sortedEntries(replayChanges(log))).toEqual(sortedEntries(snapshotById([{ ...firewall, exposedMachines: 8 }, chrome])));
    expect(replayChanges(log, at(0) - 1).size).toBe(0);
  });

  it('keeps the labels of a recommendation through a removal, for a record that carries none', () => {
    const removed: RecommendationChange = { tenantId: TENANT, id: chrome.id, time: at(1), removed: true };
    const back: RecommendationChange = { tenantId: TENANT, id: chrome.id, time: at(2), configScoreImpact: 0, exposureImpact: 1, exposedMachines: 1, totalMachines: 6, status: 'Active' };
    expect(replayChanges([...recommendationChanges(TENANT, at(0), none, [chrome]), removed, back]).get(chrome.id)).toMatchObject({ name: chrome.name, exposedMachines: 1 });
  });

  it('names a recommendation by its id when its labels were never seen', () => {
    const bare: RecommendationChange = { tenantId: TENANT, id: 'sca-_-scid-1', time: at(0), configScoreImpact: 2, exposureImpact: 0, exposedMachines: 1, totalMachines: 2, status: 'Active' };
    expect(replayChanges([bare]).get(bare.id)).toEqual({ id: bare.id, name: bare.id, category: '', subCategory: '', remediationType: '', configScoreImpact: 2, exposureImpact: 0, exposedMachines: 1, totalMachines: 2, status: 'Active' });
  });

  it('continues from a base state without changing it', () => {
    const base = snapshotById([firewall, chrome]);
    const after = replayChanges(log.filter((c) => c.time > at(0)), at(4), base);
    expect(sortedEntries(after)).toEqual(sortedEntries(snapshotById([{ ...firewall, exposedMachines: 8 }])));
    expect(base.get(firewall.id)).toBe(firewall);
    expect(firewall.exposedMachines).toBe(12);
  });

  it('shows, in a union, a value one device saw come and go between two reads of another, until the next read records the return', () => {
    const fewer = { ...chrome, exposedMachines: 1 };
    const deviceA = [...recommendationChanges(TENANT, at(0), none, [chrome])];
    deviceA.push(...recommendationChanges(TENANT, at(4), replayChanges(deviceA), [chrome]));
    const deviceB = recommendationChanges(TENANT, at(2), none, [fewer]);
    const union = [...deviceA, ...deviceB];
    expect(replayChanges(union, at(4)).get(chrome.id)).toEqual(fewer);
    union.push(...recommendationChanges(TENANT, at(6), replayChanges(union), [chrome]));
    expect(replayChanges(union, at(6)).get(chrome.id)).toEqual(chrome);
  });

  it('resolves two records of one id and time the same way in either order: a removal last', () => {
    const seen: RecommendationChange = { tenantId: TENANT, time: at(1), ...chrome };
    const removed: RecommendationChange = { tenantId: TENANT, id: chrome.id, time: at(1), removed: true };
    expect(replayChanges([seen, removed]).has(chrome.id)).toBe(false);
    expect(replayChanges([removed, seen]).has(chrome.id)).toBe(false);
    const fewer = { ...seen, exposedMachines: 2 };
    expect(replayChanges([seen, fewer]).get(chrome.id)).toEqual(replayChanges([fewer, seen]).get(chrome.id));
    expect(compareChanges(seen, removed)).toBeLessThan(0);
    expect(compareChanges(removed, seen)).toBeGreaterThan(0);
    expect(compareChanges(fewer, seen)).toBeLessThan(0);
    expect(compareChanges(seen, { ...seen })).toBe(0);
  });
});

// Few ids and few values, so that reads repeat, change, drop and bring back recommendations.
const recommendationArbitrary: fc.Arbitrary<Recommendation> = fc.record({
  id: fc.constantFrom('sca-_-scid-2070', 'sca-_-scid-91', 'sca-_-scid-4000', 'va-_-google-_-chrome', 'va-_-microsoft-_-windows_11'),
  name: fc.constantFrom('Turn on firewall', 'Block credential stealing'),
  category: fc.constantFrom('Network', 'OS', 'Application'),
  subCategory: fc.constantFrom('', 'Firewall'),
  remediationType: fc.constantFrom('ConfigurationChange', 'Update'),
  status: fc.constantFrom('Active', 'Exception'),
  configScoreImpact: fc.constantFrom(0, 2.6, 9.3, 12.75),
  exposureImpact: fc.constantFrom(0, 0.4, 7.674418604651163),
  exposedMachines: fc.integer({ min: 0, max: 3 }),
  totalMachines: fc.constantFrom(6, 240),
});
const snapshotsArbitrary = fc.array(fc.array(recommendationArbitrary, { maxLength: 7 }), { minLength: 1, maxLength: 8 });

/** The change log a device keeps, reading these snapshots at these times, each against its log so far. */
function logOf(snapshots: readonly Recommendation[][], times: readonly number[]): RecommendationChange[] {
  const log: RecommendationChange[] = [];
  snapshots.forEach((snapshot, index) => log.push(...recommendationChanges(TENANT, times[index]!, replayChanges(log), snapshot)));
  return log;
}
const hourly = (count: number) => Array.from({ length: count }, (_, index) => at(index));

describe('the change log, for any sequence of reads', () => {
  it('replays each read exactly', () => {
    fc.assert(
      fc.property(snapshotsArbitrary, (snapshots) => {
        const times = hourly(snapshots.length);
        const log = logOf(snapshots, times);
        snapshots.forEach((snapshot, index) => {
          expect(sortedEntries(replayChanges(log, times[index]))).toEqual(sortedEntries(snapshotById(snapshot)));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('adds nothing when a read repeats the one before', () => {
    fc.assert(
      fc.property(snapshotsArbitrary, (snapshots) => {
        const log = logOf(snapshots, hourly(snapshots.length));
        expect(recommendationChanges(TENANT, at(100), replayChanges(log), snapshots.at(-1)!)).toEqual([]);
        expect(recommendationChanges(TENANT, at(100), snapshotById(snapshots.at(-1)!), [...snapshots.at(-1)!].reverse().concat(snapshots.at(-1)!))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('replays the same whatever the order of the records and however often each comes', () => {
    const arbitrary = snapshotsArbitrary.chain((snapshots) => {
      const log = logOf(snapshots, hourly(snapshots.length));
      return fc.tuple(fc.constant(snapshots), fc.constant(log), fc.shuffledSubarray(log), fc.array(fc.nat(), { minLength: log.length * 2, maxLength: log.length * 2 }));
    });
    fc.assert(
      fc.property(arbitrary, ([snapshots, log, repeated, sortKeys]) => {
        const keyed = [...log, ...repeated].map((change, index) => ({ change, key: sortKeys[index] ?? 0 }));
        const shuffled = keyed.sort((a, b) => a.key - b.key).map(({ change }) => change);
        hourly(snapshots.length).forEach((time) => {
          expect(sortedEntries(replayChanges(shuffled, time))).toEqual(sortedEntries(replayChanges(log, time)));
        });
      }),
      { numRuns: 200 },
    );
  });

  it('replays the union of two logs the same in any order, even where they disagree at one time', () => {
    // Two devices reading at times from one small set, so records of one id and time often collide.
    const device = fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.array(recommendationArbitrary, { maxLength: 5 })), { minLength: 1, maxLength: 6 });
    const logOfReads = (reads: [number, Recommendation[]][]) => {
      const sorted = [...reads].sort((a, b) => a[0] - b[0]);
      return logOf(sorted.map(([, snapshot]) => snapshot), sorted.map(([hour]) => at(hour)));
    };
    fc.assert(
      fc.property(device, device, fc.integer({ min: 0, max: 6 }), (readsA, readsB, untilHour) => {
        const a = logOfReads(readsA);
        const b = logOfReads(readsB);
        const oneWay = replayChanges([...a, ...b], at(untilHour));
        expect(sortedEntries(replayChanges([...b, ...a], at(untilHour)))).toEqual(sortedEntries(oneWay));
        expect(sortedEntries(replayChanges([...b].reverse().concat(a, b), at(untilHour)))).toEqual(sortedEntries(oneWay));
      }),
      { numRuns: 300 },
    );
  });
});
