import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CATEGORY_ORDER, pointsToGain } from '../../src/lib/recommendations/points-to-gain';
import type { Recommendation } from '../../src/lib/recommendations/recommendation';

const base: Recommendation = {
  id: '',
  name: '',
  category: 'Network',
  subCategory: '',
  remediationType: 'ConfigurationChange',
  status: 'Active',
  configScoreImpact: 0,
  exposureImpact: 0,
  exposedMachines: 1,
  totalMachines: 240,
};
// The values of Microsoft's documented example (fixtures/defender/recommendations.200.json).
const firewall = { ...base, id: 'sca-_-scid-2070', name: 'Turn on Microsoft Defender Firewall', subCategory: 'Firewall', configScoreImpact: 9.3 };
const telnet = { ...base, id: 'sca-_-scid-10000', name: 'Disable insecure administration protocol - Telnet', configScoreImpact: 5 };
const lsass = { ...base, id: 'sca-_-scid-91', name: "Enable 'Block credential stealing'", category: 'SecurityControls', configScoreImpact: 12.75 };
const guest = { ...base, id: 'sca-_-scid-4000', name: 'Disable the built-in Guest account', category: 'Accounts', status: 'Exception', configScoreImpact: 4.2 };
const smb = { ...base, id: 'sca-_-scid-2011', name: 'Disable SMBv1', category: 'OS', configScoreImpact: 2.6 };
const windows = { ...base, id: 'va-_-microsoft-_-windows_11', name: 'Update Windows 11', category: 'Application', remediationType: 'Update', exposureImpact: 7.67 };
const chrome = { ...base, id: 'va-_-google-_-chrome', name: 'Update Google Chrome', category: 'Application', remediationType: 'Update', exposureImpact: 3.94 };
const example = [firewall, telnet, lsass, guest, smb, windows, chrome];

describe('pointsToGain', () => {
  const gain = pointsToGain(example);

  it('ranks the active security configuration by the points each would gain', () => {
    expect(gain.ranked.map((r) => r.id)).toEqual([lsass.id, firewall.id, telnet.id, smb.id]);
    expect(gain.total).toBeCloseTo(12.75 + 9.3 + 5 + 2.6, 10);
  });

  it('splits the points by category in the documented order, empty ones included', () => {
    expect(gain.byCategory.map(({ category, count }) => [category, count])).toEqual([
      ['Accounts', 0],
      ['Application', 0],
      ['Network', 2],
      ['OS', 1],
      ['SecurityControls', 1],
    ]);
    expect(gain.byCategory.find((c) => c.category === 'Network')!.points).toBeCloseTo(14.3, 10);
  });

  it('lists exceptions apart with their impact, and counts software without points', () => {
    expect(gain.exceptions).toEqual([guest]);
    expect(gain.exceptionPoints).toBe(4.2);
    expect(gain.software).toBe(2);
    expect(gain.otherStatus).toBe(0);
  });

  it('puts a category Microsoft adds after the documented ones, alphabetically', () => {
    const added = pointsToGain([{ ...firewall, category: 'Identity' }, { ...telnet, category: 'Email' }, smb]);
    expect(added.byCategory.map((c) => c.category)).toEqual([...CATEGORY_ORDER, 'Email', 'Identity']);
  });

  it('orders equal impacts by name, whatever the order of the read', () => {
    const a = { ...firewall, id: 'sca-_-scid-1', name: 'A', configScoreImpact: 3 };
    const b = { ...firewall, id: 'sca-_-scid-2', name: 'B', configScoreImpact: 3 };
    expect(pointsToGain([b, a]).ranked).toEqual([a, b]);
    expect(pointsToGain([a, b]).ranked).toEqual([a, b]);
  });

  it('counts an id listed twice once, as the later entry', () => {
    const twice = pointsToGain([firewall, { ...firewall, configScoreImpact: 1 }]);
    expect(twice.ranked).toEqual([{ ...firewall, configScoreImpact: 1 }]);
    expect(twice.total).toBe(1);
  });

  it('leaves out points under a status it does not know', () => {
    const unknown = pointsToGain([{ ...firewall, status: 'Resolved' }, telnet]);
    expect(unknown.ranked).toEqual([telnet]);
    expect(unknown.otherStatus).toBe(1);
  });

  it('places every recommendation of any read in exactly one place, and the categories add up to the total', () => {
    const recommendation = fc.record({
      id: fc.constantFrom(...example.map((r) => r.id), 'sca-_-scid-7'),
      name: fc.constantFrom('A', 'B', 'C'),
      category: fc.constantFrom(...CATEGORY_ORDER, 'Identity'),
      subCategory: fc.constant(''),
      remediationType: fc.constant('ConfigurationChange'),
      status: fc.constantFrom('Active', 'Exception', 'Other'),
      configScoreImpact: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 40, noNaN: true })),
      exposureImpact: fc.constant(0),
      exposedMachines: fc.nat(10),
      totalMachines: fc.constant(10),
    });
    fc.assert(
      fc.property(fc.array(recommendation, { maxLength: 20 }), (read) => {
        const result = pointsToGain(read);
        const distinct = new Set(read.map((r) => r.id)).size;
        expect(result.ranked.length + result.exceptions.length + result.software + result.otherStatus).toBe(distinct);
        expect(result.ranked.every((r) => r.status === 'Active' && r.configScoreImpact > 0)).toBe(true);
        expect(result.exceptions.every((r) => r.status === 'Exception')).toBe(true);
        result.ranked.forEach((r, i) => i > 0 && expect(r.configScoreImpact).toBeLessThanOrEqual(result.ranked[i - 1]!.configScoreImpact));
        expect(result.byCategory.reduce((sum, c) => sum + c.points, 0)).toBeCloseTo(result.total, 9);
        expect(result.byCategory.reduce((sum, c) => sum + c.count, 0)).toBe(result.ranked.length);
        expect(result.byCategory.slice(0, CATEGORY_ORDER.length).map((c) => c.category)).toEqual(CATEGORY_ORDER);
      }),
      { numRuns: 300 },
    );
  });
});
