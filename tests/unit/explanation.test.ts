import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EXPLAINED_TOLERANCE, explainScoreChange, itemsBetween, type ExplanationKind } from '../../src/lib/recommendations/explanation';
import { snapshotById, type RecommendationState } from '../../src/lib/recommendations/change-log';
import type { Recommendation } from '../../src/lib/recommendations/recommendation';

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
const telnet: Recommendation = { ...firewall, id: 'sca-_-scid-10000', name: 'Disable Telnet', subCategory: '', configScoreImpact: 5, exposureImpact: 0.4, exposedMachines: 3 };
const lsass: Recommendation = { ...firewall, id: 'sca-_-scid-91', name: 'Block credential stealing', category: 'SecurityControls', configScoreImpact: 12.75, exposureImpact: 2.05, exposedMachines: 198 };
const chrome: Recommendation = { ...firewall, id: 'va-_-google-_-chrome', name: 'Update Chrome', category: 'Application', remediationType: 'Update', configScoreImpact: 0, exposureImpact: 3.94, exposedMachines: 5, totalMachines: 6 };

const state = (...recommendations: Recommendation[]) => snapshotById(recommendations);
const only = (before: Recommendation[], after: Recommendation[]) => {
  const items = itemsBetween(state(...before), state(...after));
  expect(items).toHaveLength(1);
  return items[0]!;
};

describe('explanation items', () => {
  it('names a fix with the devices fixed and the points gained', () => {
    const item = only([firewall], [{ ...firewall, exposedMachines: 8, configScoreImpact: 6.2, exposureImpact: 0.75 }]);
    expect(item).toMatchObject({ id: firewall.id, name: firewall.name, category: 'Network', kind: 'fixed', devices: 4 });
    expect(item.points).toBeCloseTo(3.1, 10);
    expect(item.exposureChange).toBeCloseTo(-0.37, 10);
  });

  it('names a regression with the devices newly exposed and the points lost', () => {
    const item = only([telnet], [{ ...telnet, exposedMachines: 5, configScoreImpact: 8 }]);
    expect(item).toMatchObject({ kind: 'regressed', devices: 2, points: -3 });
  });

  it('counts a new recommendation against the score and a resolved one as gained', () => {
    expect(only([], [telnet])).toMatchObject({ kind: 'new', devices: 3, points: -5, exposureChange: 0.4 });
    expect(only([telnet], [])).toMatchObject({ kind: 'resolved', devices: 3, points: 5, exposureChange: -0.4 });
  });

  it('counts an exception as points gained and its end as points lost', () => {
    expect(only([lsass], [{ ...lsass, status: 'Exception' }])).toMatchObject({ kind: 'exception', devices: 198, points: 12.75, exposureChange: -2.05 });
    expect(only([{ ...lsass, status: 'Exception' }], [lsass])).toMatchObject({ kind: 'exception-ended', points: -12.75 });
  });

  it('counts an exception that leaves the list as nothing gained: it held nothing against the score', () => {
    expect(only([{ ...lsass, status: 'Exception' }], [])).toMatchObject({ kind: 'resolved', points: 0, exposureChange: 0 });
  });

  it('calls an impact change with the same device counts a re-weighting', () => {
    expect(only([firewall], [{ ...firewall, configScoreImpact: 11.3 }])).toMatchObject({ kind: 'reweighted', devices: undefined, points: -2 });
  });

  it('calls a change of the total alone a change of devices, with its sign', () => {
    expect(only([firewall], [{ ...firewall, totalMachines: 250, configScoreImpact: 9 }])).toMatchObject({ kind: 'devices-changed', devices: 10 });
    expect(only([firewall], [{ ...firewall, totalMachines: 230 }])).toMatchObject({ kind: 'devices-changed', devices: -10, points: 0 });
  });

  it('has nothing to say about a recommendation that was only renamed, or did not change', () => {
    expect(itemsBetween(state(firewall, chrome), state({ ...firewall, name: 'Firewall on' }, chrome))).toEqual([]);
  });

  it('takes the name from the later state', () => {
    expect(only([firewall], [{ ...firewall, name: 'Firewall on', exposedMachines: 0, configScoreImpact: 0 }]).name).toBe('Firewall on');
  });

  it('lists the largest effect on the score first', () => {
    const items = itemsBetween(state(firewall, telnet, chrome), state({ ...firewall, exposedMachines: 0, configScoreImpact: 0 }, { ...chrome, exposedMachines: 0, exposureImpact: 0 }, lsass));
    expect(items.map((i) => [i.id, i.kind])).toEqual([
      [lsass.id, 'new'],
      [firewall.id, 'fixed'],
      [telnet.id, 'resolved'],
      [chrome.id, 'fixed'],
    ]);
  });
});

describe('explainScoreChange', () => {
  it('says how much of the change the items account for', () => {
    const after = state({ ...firewall, exposedMachines: 0, configScoreImpact: 0 }, { ...telnet, status: 'Exception' });
    const explanation = explainScoreChange({ before: state(firewall, telnet), after, scoreBefore: 300, scoreAfter: 315 });
    expect(explanation.change).toBe(15);
    expect(explanation.explained).toBeCloseTo(14.3, 10);
    expect(explanation.unexplained).toBeCloseTo(0.7, 10);
    expect(explanation.limits).toEqual([{ kind: 'partly', unexplained: explanation.unexplained }]);
  });

  it('has no limits when the items account for the change within the tolerance', () => {
    const after = state({ ...firewall, exposedMachines: 0, configScoreImpact: 0 });
    expect(explainScoreChange({ before: state(firewall), after, scoreBefore: 300, scoreAfter: 309 }).limits).toEqual([]);
    expect(explainScoreChange({ before: state(firewall), after, scoreBefore: 300, scoreAfter: 309.3 + EXPLAINED_TOLERANCE * 1.1 }).limits).toMatchObject([{ kind: 'partly' }]);
  });

  it('names the re-weighted recommendations that moved the score', () => {
    const after = state({ ...firewall, configScoreImpact: 10 }, { ...telnet, configScoreImpact: 4 }, { ...chrome, exposureImpact: 5 });
    const explanation = explainScoreChange({ before: state(firewall, telnet, chrome), after, scoreBefore: 300, scoreAfter: 300.3 });
    expect(explanation.limits).toEqual([{ kind: 'reweighted', ids: [telnet.id, firewall.id] }]);
    expect(explanation.items.map((i) => i.kind)).toEqual(['reweighted', 'reweighted', 'reweighted']);
  });

  it('explains nothing from before recommendations were kept, and says so', () => {
    expect(explainScoreChange({ before: 'none', after: state(firewall), scoreBefore: 300, scoreAfter: 310 })).toEqual({
      items: [],
      explained: 0,
      change: 10,
      unexplained: 10,
      limits: [{ kind: 'no-recommendations-before' }],
    });
    expect(explainScoreChange({ before: 'none', after: 'none', scoreBefore: 300, scoreAfter: 310 }).limits).toEqual([{ kind: 'no-recommendations-before' }]);
  });

  it('explains nothing across a gap, and says on which side', () => {
    expect(explainScoreChange({ before: 'gap', after: state(firewall), scoreBefore: 300, scoreAfter: 310 }).limits).toEqual([{ kind: 'gap', side: 'before' }]);
    expect(explainScoreChange({ before: state(firewall), after: 'gap', scoreBefore: 300, scoreAfter: 310 }).limits).toEqual([{ kind: 'gap', side: 'after' }]);
    expect(explainScoreChange({ before: 'gap', after: 'gap', scoreBefore: 300, scoreAfter: 310 }).limits).toEqual([
      { kind: 'gap', side: 'before' },
      { kind: 'gap', side: 'after' },
    ]);
  });
});

const ids = ['sca-_-scid-2070', 'sca-_-scid-91', 'sca-_-scid-4000', 'sca-_-scid-2011', 'va-_-google-_-chrome'];
const stateArbitrary: fc.Arbitrary<Map<string, RecommendationState>> = fc
  .subarray(ids)
  .chain((present) =>
    fc.tuple(
      ...present.map((id) =>
        fc.record({
          id: fc.constant(id),
          name: fc.constantFrom('A', 'B'),
          category: fc.constantFrom('Network', 'OS'),
          subCategory: fc.constant(''),
          remediationType: fc.constant('ConfigurationChange'),
          status: fc.constantFrom('Active', 'Exception'),
          configScoreImpact: fc.oneof(fc.constantFrom(0, 9.3), fc.double({ min: 0, max: 50, noNaN: true })),
          exposureImpact: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 10, noNaN: true })),
          exposedMachines: fc.integer({ min: 0, max: 4 }),
          totalMachines: fc.constantFrom(4, 5),
        }),
      ),
    ),
  )
  .map((recommendations) => snapshotById(recommendations));
const score = fc.double({ min: 0, max: 900, noNaN: true });

const SWAPPED: Record<ExplanationKind, ExplanationKind> = {
  fixed: 'regressed',
  regressed: 'fixed',
  new: 'resolved',
  resolved: 'new',
  exception: 'exception-ended',
  'exception-ended': 'exception',
  reweighted: 'reweighted',
  'devices-changed': 'devices-changed',
};

describe('explanations, for any two states', () => {
  it('explain exactly the sum of their items, and leave the rest unexplained', () => {
    fc.assert(
      fc.property(stateArbitrary, stateArbitrary, score, score, (before, after, scoreBefore, scoreAfter) => {
        const explanation = explainScoreChange({ before, after, scoreBefore, scoreAfter });
        // Summed in another order than the explanation's, so a float's last digits may differ.
        const sum = [...explanation.items].reverse().reduce((total, item) => total + item.points, 0);
        expect(explanation.explained).toBeCloseTo(sum, 9);
        expect(explanation.unexplained).toBe(explanation.change - explanation.explained);
        expect(explanation.change).toBe(scoreAfter - scoreBefore);
        expect(explanation.limits.some((l) => l.kind === 'partly')).toBe(Math.abs(explanation.unexplained) > EXPLAINED_TOLERANCE);
      }),
      { numRuns: 300 },
    );
  });

  it('list exactly the recommendations whose values changed, largest effect first', () => {
    const values = (r: RecommendationState | undefined) => r && [r.configScoreImpact, r.exposureImpact, r.exposedMachines, r.totalMachines, r.status];
    fc.assert(
      fc.property(stateArbitrary, stateArbitrary, (before, after) => {
        const items = itemsBetween(before, after);
        const changed = ids.filter((id) => JSON.stringify(values(before.get(id))) !== JSON.stringify(values(after.get(id))));
        expect(items.map((i) => i.id).sort()).toEqual(changed.sort());
        items.forEach((item, index) => index > 0 && expect(Math.abs(item.points)).toBeLessThanOrEqual(Math.abs(items[index - 1]!.points)));
      }),
      { numRuns: 300 },
    );
  });

  it('negate every item when before and after are swapped', () => {
    fc.assert(
      fc.property(stateArbitrary, stateArbitrary, score, score, (before, after, scoreBefore, scoreAfter) => {
        const forward = explainScoreChange({ before, after, scoreBefore, scoreAfter });
        const backward = explainScoreChange({ before: after, after: before, scoreBefore: scoreAfter, scoreAfter: scoreBefore });
        const byId = new Map(backward.items.map((item) => [item.id, item]));
        expect(backward.items).toHaveLength(forward.items.length);
        for (const item of forward.items) {
          const swapped = byId.get(item.id)!;
          // === rather than toBe: 0 and −0 are the same number of points.
          expect(swapped.points === -item.points).toBe(true);
          expect(swapped.exposureChange === -item.exposureChange).toBe(true);
          expect(swapped.kind).toBe(SWAPPED[item.kind]);
        }
        expect(backward.explained === -forward.explained).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
