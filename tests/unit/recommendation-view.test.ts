import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { categoryBars, pointsList, pointsToGainView, troubleOf } from '../../src/lib/ui/recommendation-view';
import { categoryLabel, categoryLine, describeSignedTenths, exposedDevices, formatSignedTenths, formatTenths, remediationLabel } from '../../src/lib/ui/recommendation-words';
import type { RecommendationsProblem } from '../../src/lib/state/recommendations.svelte';
import { chrome, firewall, lsass, smb } from './recommendation-views-fakes';

const NOW = Date.UTC(2026, 10, 28, 12);
const consentMissing: RecommendationsProblem = { source: 'auth', failure: { kind: 'consent-required', errorCode: 'invalid_grant', aadsts: 'AADSTS65001' } };
const forbidden: RecommendationsProblem = { source: 'api', failure: { kind: 'forbidden', detail: { code: 'Forbidden', message: 'No.', target: 'abc-123' } } };
const throttled: RecommendationsProblem = { source: 'api', failure: { kind: 'throttled', retryAt: NOW + 90_000, detail: undefined } };

const base = { optedIn: true, canAsk: true, asking: false, trouble: undefined, status: 'ready', hasList: true, readAt: NOW - 1000 } as const;

describe('words for recommendations', () => {
  it('names categories and remediation as people read them, and keeps texts Microsoft adds later', () => {
    expect(categoryLabel('SecurityControls')).toBe('Security controls');
    expect(categoryLabel('Accounts')).toBe('Accounts');
    expect(categoryLabel('Firmware')).toBe('Firmware');
    expect(categoryLabel(' ')).toBe('Uncategorised');
    expect(remediationLabel('ConfigurationChange')).toBe('Configuration change');
    expect(remediationLabel('Workaround')).toBe('Workaround');
    expect(categoryLine(firewall)).toBe('Network · Firewall');
    expect(categoryLine({ category: 'OS', subCategory: '' })).toBe('OS');
    expect(exposedDevices(firewall)).toBe('12 of 240 devices exposed');
    expect(exposedDevices({ exposedMachines: 1, totalMachines: 1 })).toBe('1 of 1 device exposed');
  });

  it('writes points to one decimal with a true minus sign, and what rounds to nothing as ±0.0', () => {
    expect(formatSignedTenths(14.249)).toBe('+14.2');
    expect(formatSignedTenths(-8)).toBe('\u22128.0');
    expect(formatSignedTenths(0.04)).toBe('±0.0');
    expect(formatSignedTenths(-0.04)).toBe('±0.0');
    expect(formatTenths(-0.04)).toBe('0.0');
    expect(describeSignedTenths(-3.1)).toBe('down 3.1 points');
    expect(describeSignedTenths(0)).toBe('no change');
  });

  it('never shows a sign the number does not have', () => {
    fc.assert(
      fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), (points) => {
        const shown = formatSignedTenths(points);
        if (Math.abs(points) < 0.05) expect(shown).toBe('±0.0');
        else expect(shown[0]).toBe(points > 0 ? '+' : '\u2212');
      }),
    );
  });
});

describe('pointsToGainView', () => {
  it('offers the choice when the user has not chosen, or it is not known', () => {
    expect(pointsToGainView({ ...base, optedIn: false })).toEqual({ kind: 'not-chosen', canAsk: true, asking: false });
    expect(pointsToGainView({ ...base, optedIn: undefined, hasList: false, canAsk: false })).toEqual({ kind: 'not-chosen', canAsk: false, asking: false });
  });

  it('shows a missing permission instead of the choice, even before the choice is known', () => {
    const trouble = troubleOf(consentMissing, NOW);
    expect(pointsToGainView({ ...base, optedIn: undefined, hasList: false, trouble })).toEqual({ kind: 'trouble', trouble });
  });

  it('shows the list with the trouble of the latest read above it', () => {
    const trouble = troubleOf(throttled, NOW);
    expect(pointsToGainView({ ...base, trouble })).toEqual({ kind: 'ready', readAt: base.readAt, trouble });
    expect(pointsToGainView(base)).toEqual({ kind: 'ready', readAt: base.readAt, trouble: undefined });
    expect(pointsToGainView({ ...base, optedIn: undefined })).toEqual({ kind: 'ready', readAt: base.readAt, trouble: undefined });
    expect(pointsToGainView({ ...base, optedIn: false }).kind).toBe('not-chosen');
  });

  it('says when it is reading, waiting for the first read, or the store failed', () => {
    expect(pointsToGainView({ ...base, hasList: false, status: 'loading' })).toEqual({ kind: 'loading' });
    expect(pointsToGainView({ ...base, hasList: false, status: 'idle' })).toEqual({ kind: 'loading' });
    expect(pointsToGainView({ ...base, hasList: false, readAt: undefined })).toEqual({ kind: 'waiting' });
    expect(pointsToGainView({ ...base, hasList: false, status: 'failed' })).toEqual({ kind: 'storage-failed' });
  });
});

describe('troubleOf', () => {
  it('says exactly what an administrator must grant when consent is missing, and that the score keeps working', () => {
    const trouble = troubleOf(consentMissing, NOW);
    expect(trouble.permission).toBe(true);
    expect(trouble.title).toBe('The permission SecurityRecommendation.Read is not granted');
    expect(trouble.body).toContain('delegated API permission SecurityRecommendation.Read of WindowsDefenderATP');
    expect(trouble.body).toContain('grant admin consent');
    expect(trouble.body).toContain('The device score keeps refreshing without them.');
    expect(trouble.facts).toEqual([{ label: 'Entra ID error', value: 'AADSTS65001' }]);
  });

  it('names the permission and the Defender role when the API refuses, with the correlation id', () => {
    const trouble = troubleOf(forbidden, NOW);
    expect(trouble.permission).toBe(true);
    expect(trouble.body).toContain('SecurityRecommendation.Read');
    expect(trouble.body).toContain('Defender portal');
    expect(trouble.facts).toContainEqual({ label: 'Correlation id', value: 'abc-123' });
  });

  it('words any other failure for the recommendations, never as a failure of the score', () => {
    const trouble = troubleOf(throttled, NOW);
    expect(trouble).toMatchObject({ permission: false, title: 'The recommendations could not be read' });
    expect(trouble.body).toContain('1 min 30 s');
    expect(trouble.body).toContain('The device score keeps refreshing without them.');
  });
});

describe('pointsList', () => {
  it('ranks active configuration recommendations by points and sets exceptions and software apart', () => {
    const list = pointsList([smb, { ...firewall, status: 'Exception' }, lsass, chrome]);
    expect(list.rows.map((row) => row.name)).toEqual([lsass.name, smb.name]);
    expect(list.rows[0]).toEqual({
      id: lsass.id,
      name: lsass.name,
      category: 'Security controls · Attack surface reduction',
      devices: '198 of 240 devices exposed',
      remediation: 'Configuration change',
      points: '12.8',
    });
    expect(list.total).toBe('15.4');
    expect(list.rankedCount).toBe(2);
    expect(list.exceptions.map((row) => row.name)).toEqual([firewall.name]);
    expect(list.exceptionPoints).toBe('9.3');
    expect(list.software).toBe(1);
  });

  it('draws each category’s bar against the largest, with the documented five always listed', () => {
    const bars = pointsList([smb, lsass, { ...smb, id: 'x', configScoreImpact: 1 }]).bars;
    expect(bars.map((bar) => [bar.label, bar.points, bar.count])).toEqual([
      ['Accounts', '0.0', 0],
      ['Application', '0.0', 0],
      ['Network', '0.0', 0],
      ['OS', '3.6', 2],
      ['Security controls', '12.8', 1],
    ]);
    expect(bars.at(-1)!.share).toBe(1);
    expect(bars[3]!.share).toBeCloseTo(3.6 / 12.75, 10);
  });

  it('gives every bar a share between 0 and 1, and 1 to the largest', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ category: fc.constantFrom('Accounts', 'OS', 'Other'), points: fc.double({ min: 0, max: 100, noNaN: true }), count: fc.nat(5) })), (entries) => {
        const bars = categoryBars(entries);
        for (const bar of bars) expect(bar.share >= 0 && bar.share <= 1).toBe(true);
        if (entries.some((entry) => entry.points > 0)) expect(Math.max(...bars.map((bar) => bar.share))).toBe(1);
      }),
    );
  });
});
