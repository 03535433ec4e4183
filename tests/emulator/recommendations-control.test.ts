// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTOSO, AVERY_ADMIN as AVERY, FABIAN_OPS as FABIAN, FABRIKAM } from '../../emulator/demo.mjs';
import { createState, type EmulatorState } from '../../emulator/state.mjs';
import { addRecommendation, markException, regress, remediate, reweight } from '../../emulator/recommendations.mjs';
import { rawControl, useEmulator, type ApiRecommendation } from './harness';

const emu = useEmulator();

/** What the API shows after a change: the two scores and the list. */
async function snapshot(token: string) {
  return {
    score: await emu.score('/api/configurationScore', token),
    exposure: await emu.score('/api/exposureScore', token),
    list: await emu.recommendations(token),
  };
}

function byId(list: ApiRecommendation[], id: string): ApiRecommendation | undefined {
  return list.find((r) => r.id === id);
}

/** An active security configuration exposed on at least `minExposed` devices, as the list shows it. */
function activeConfiguration(list: ApiRecommendation[], minExposed = 2): ApiRecommendation {
  const found = list.find((r) => r.status === 'Active' && r.configScoreImpact > 0 && r.exposedMachinesCount >= minExposed);
  if (!found) throw new Error('the demo list has no such recommendation');
  return found;
}

describe('remediate and regress', () => {
  it('raises the configuration score by exactly the share of the impact, and the list shows the new counts', async () => {
    const token = await emu.token(AVERY.oid);
    const before = await snapshot(token);
    const target = activeConfiguration(before.list, 3);
    const devices = 2;
    const share = (target.configScoreImpact * devices) / target.exposedMachinesCount;
    const exposureShare = (target.exposureImpact * devices) / target.exposedMachinesCount;

    const move = await emu.control.remediate({ id: target.id, devices });
    expect(move).toMatchObject({ tenantId: CONTOSO.id, scoreChange: share, exposureChange: -exposureShare, configurationScore: before.score + share });

    const after = await snapshot(token);
    expect(after.score).toBe(before.score + share);
    expect(after.exposure).toBe(before.exposure - exposureShare);
    expect(byId(after.list, target.id)).toEqual({
      ...target,
      configScoreImpact: target.configScoreImpact - share,
      exposureImpact: target.exposureImpact - exposureShare,
      exposedMachinesCount: target.exposedMachinesCount - devices,
    });
    const untouched = (list: ApiRecommendation[]) => list.filter((r) => r.id !== target.id);
    expect(untouched(after.list)).toEqual(untouched(before.list));
  });

  it('takes a recommendation off the list once no device is exposed, with its whole impact; a regression brings it back', async () => {
    const token = await emu.token(AVERY.oid);
    const before = await snapshot(token);
    const target = activeConfiguration(before.list, 2);

    await emu.control.remediate({ id: target.id, devices: target.exposedMachinesCount });
    const fixed = await snapshot(token);
    expect(byId(fixed.list, target.id)).toBeUndefined();
    expect(fixed.list).toHaveLength(before.list.length - 1);
    expect(fixed.score).toBe(before.score + target.configScoreImpact);
    expect(fixed.exposure).toBe(before.exposure - target.exposureImpact);

    const back = await emu.control.regress({ id: target.id, devices: 1 });
    expect(back.recommendation).toMatchObject({ id: target.id, exposedMachinesCount: 1, listed: true });
    const regressed = await snapshot(token);
    const perDevice = target.configScoreImpact / target.exposedMachinesCount;
    expect(byId(regressed.list, target.id)?.configScoreImpact).toBeCloseTo(perDevice, 10);
    expect(regressed.score).toBeCloseTo(fixed.score - perDevice, 10);
  });

  it('regresses the other way: the score falls by the same share and the exposed count grows', async () => {
    const token = await emu.token(AVERY.oid);
    const before = await snapshot(token);
    const target = before.list.find((r) => r.status === 'Active' && r.configScoreImpact > 0 && r.exposedMachinesCount < r.totalMachineCount - 3);
    if (!target) throw new Error('the demo list has no such recommendation');
    const share = (target.configScoreImpact * 3) / target.exposedMachinesCount;

    await emu.control.regress({ id: target.id, devices: 3 });
    const after = await snapshot(token);
    expect(after.score).toBe(before.score - share);
    expect(byId(after.list, target.id)).toMatchObject({ exposedMachinesCount: target.exposedMachinesCount + 3, configScoreImpact: target.configScoreImpact + share });
  });

  it('moves software updates on exposure only', async () => {
    const token = await emu.token(AVERY.oid);
    const before = await snapshot(token);
    const software = before.list.find((r) => r.id.startsWith('va-_-') && r.exposedMachinesCount >= 1);
    if (!software) throw new Error('the demo list has no software update');
    await emu.control.remediate({ id: software.id, devices: 1 });
    const after = await snapshot(token);
    expect(after.score).toBe(before.score);
    expect(after.exposure).toBeLessThan(before.exposure);
  });

  it('refuses what cannot be: 404 for an unknown id, 400 for a device count out of range or a bad body', async () => {
    const list = await emu.recommendations(await emu.token(AVERY.oid));
    const target = activeConfiguration(list);
    const unknown = await rawControl(emu.base, 'POST', '/recommendations/remediate', { id: 'sca-_-scid-999999', devices: 1 });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toContain('sca-_-scid-999999');

    const tooMany = await rawControl(emu.base, 'POST', '/recommendations/remediate', { id: target.id, devices: target.exposedMachinesCount + 1 });
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).error).toContain(`from 1 to ${target.exposedMachinesCount}`);
    for (const body of [{ id: target.id }, { id: target.id, devices: 0 }, { id: target.id, devices: 1.5 }, { devices: 1 }, [], { id: target.id, devices: 1, tenantId: '' }]) {
      const refused = await rawControl(emu.base, 'POST', '/recommendations/remediate', body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect((await refused.json()).error).toMatch(/\S/);
    }
    const noTenant = await rawControl(emu.base, 'POST', '/recommendations/regress', { id: target.id, devices: 1, tenantId: 'no-such-tenant' });
    expect(noTenant.status).toBe(404);
  });
});

describe('exceptions, new recommendations and re-weighting', () => {
  it('an exception shows as such and its impact no longer counts against the score', async () => {
    const token = await emu.token(AVERY.oid);
    const before = await snapshot(token);
    const target = activeConfiguration(before.list);
    await emu.control.exception({ id: target.id });
    const after = await snapshot(token);
    expect(byId(after.list, target.id)).toEqual({ ...target, status: 'Exception' });
    expect(after.score).toBe(before.score + target.configScoreImpact);
    expect(after.exposure).toBe(before.exposure);

    expect((await rawControl(emu.base, 'POST', '/recommendations/exception', { id: target.id })).status).toBe(409);
    expect((await rawControl(emu.base, 'POST', '/recommendations/remediate', { id: target.id, devices: 1 })).status).toBe(409);
  });

  it('a new recommendation appears in the list and lowers the score by its impact', async () => {
    const token = await emu.token(AVERY.oid);
    const before = await snapshot(token);
    const move = await emu.control.addRecommendation({ name: 'Disable SMBv3 compression', category: 'Network', subCategory: 'SMB', impact: 6.5, exposureImpact: 0.9, exposed: 17, total: 240 });
    const id = move.recommendation.id as string;
    expect(id).toMatch(/^sca-_-scid-\d+$/);
    expect(before.list.map((r) => r.id)).not.toContain(id);

    const after = await snapshot(token);
    expect(after.score).toBe(before.score - 6.5);
    expect(after.exposure).toBe(before.exposure + 0.9);
    expect(byId(after.list, id)).toMatchObject({
      recommendationName: 'Disable SMBv3 compression',
      recommendationCategory: 'Network',
      subCategory: 'SMB',
      remediationType: 'ConfigurationChange',
      status: 'Active',
      configScoreImpact: 6.5,
      exposureImpact: 0.9,
      exposedMachinesCount: 17,
      totalMachineCount: 240,
    });

    const named = await emu.control.addRecommendation({ id: 'sca-_-scid-77777', name: 'Enable a thing', category: 'OS', impact: 1, exposed: 1, total: 2 });
    expect(named.recommendation.id).toBe('sca-_-scid-77777');
    expect((await rawControl(emu.base, 'POST', '/recommendations', { id: 'sca-_-scid-77777', name: 'Again', category: 'OS', impact: 1, exposed: 1, total: 2 })).status).toBe(409);
    for (const body of [
      { name: 'x', category: 'Kitchen', impact: 1, exposed: 1, total: 2 },
      { name: 'x', category: 'OS', impact: -1, exposed: 1, total: 2 },
      { name: 'x', category: 'OS', impact: 1, exposed: 3, total: 2 },
      { name: '', category: 'OS', impact: 1, exposed: 1, total: 2 },
    ]) {
      expect((await rawControl(emu.base, 'POST', '/recommendations', body)).status, JSON.stringify(body)).toBe(400);
    }
  });

  it('a re-weighted recommendation keeps its devices and moves the score by old − new', async () => {
    const token = await emu.token(AVERY.oid);
    const before = await snapshot(token);
    const target = activeConfiguration(before.list);
    const impact = target.configScoreImpact + 4;
    await emu.control.reweight({ id: target.id, impact });
    const after = await snapshot(token);
    expect(byId(after.list, target.id)).toEqual({ ...target, configScoreImpact: impact });
    expect(after.score).toBe(before.score + (target.configScoreImpact - impact));
  });

  it('changes the named tenant only', async () => {
    await emu.control.consent(['Score.Read', 'SecurityRecommendation.Read'], FABRIKAM.id);
    const fabian = await emu.token(FABIAN.oid);
    const avery = await emu.token(AVERY.oid);
    const contosoBefore = await snapshot(avery);
    const fabrikamBefore = await snapshot(fabian);
    const target = activeConfiguration(fabrikamBefore.list);
    await emu.control.remediate({ id: target.id, devices: 1, tenantId: FABRIKAM.id });
    expect(await snapshot(avery)).toEqual(contosoBefore);
    expect((await snapshot(fabian)).score).toBeGreaterThan(fabrikamBefore.score);
  });

  it('describes the recommendations and consent in GET /_control/state', async () => {
    const state = await emu.control.state();
    const list = await emu.recommendations(await emu.token(AVERY.oid));
    expect(state.recommendations[CONTOSO.id]?.map((r) => r.id)).toEqual(list.map((r) => r.id));
    expect(state.consent[FABRIKAM.id]).toEqual(['Score.Read']);
  });
});

/** What a tenant could reach: its score plus the impact of every active recommendation. */
function reachable(state: EmulatorState, tenantId: string): number {
  const active = (state.recommendations.get(tenantId) ?? []).filter((r) => r.status === 'Active');
  return (state.configurationScores.get(tenantId) ?? 0) + active.reduce((sum, r) => sum + r.configScoreImpact, 0);
}

/** Where the exposure score would fall with everything fixed: the score less every exposure impact still held. */
function exposureFloor(state: EmulatorState, tenantId: string): number {
  return (state.exposure.get(tenantId)?.score ?? 0) - (state.recommendations.get(tenantId) ?? []).reduce((sum, r) => sum + r.exposureImpact, 0);
}

describe('the score stays consistent with the recommendations, whatever happens (property)', () => {
  const change = fc.oneof(
    fc.record({ kind: fc.constant('remediate' as const), pick: fc.nat(), devices: fc.integer({ min: 1, max: 120 }) }),
    fc.record({ kind: fc.constant('regress' as const), pick: fc.nat(), devices: fc.integer({ min: 1, max: 120 }) }),
    fc.record({ kind: fc.constant('exception' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('reweight' as const), pick: fc.nat(), impact: fc.double({ min: 0, max: 20, noNaN: true }) }),
    fc.record({
      kind: fc.constant('add' as const),
      impact: fc.double({ min: 0, max: 20, noNaN: true }),
      exposureImpact: fc.double({ min: 0, max: 2, noNaN: true }),
      total: fc.integer({ min: 1, max: 300 }),
      exposedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  );

  it('keeps score + active impacts and exposure − exposure impacts where they were, and every count within its total', () => {
    fc.assert(
      fc.property(fc.constantFrom(CONTOSO.id, FABRIKAM.id), fc.array(change, { maxLength: 40 }), (tenantId, changes) => {
        const state = createState();
        const reach = reachable(state, tenantId);
        const exposure = exposureFloor(state, tenantId);
        for (const step of changes) {
          const list = state.recommendations.get(tenantId) ?? [];
          const target = 'pick' in step ? list[step.pick % list.length] : undefined;
          const id = target?.id ?? '';
          if (step.kind === 'remediate') remediate(state, tenantId, id, step.devices);
          else if (step.kind === 'regress') regress(state, tenantId, id, step.devices);
          else if (step.kind === 'exception') markException(state, tenantId, id);
          else if (step.kind === 'reweight') reweight(state, tenantId, id, step.impact);
          else {
            const exposed = Math.max(1, Math.round(step.exposedShare * step.total));
            addRecommendation(state, tenantId, { name: 'New', category: 'OS', impact: step.impact, exposureImpact: step.exposureImpact, exposed, total: step.total });
          }
        }
        expect(reachable(state, tenantId)).toBeCloseTo(reach, 6);
        expect(exposureFloor(state, tenantId)).toBeCloseTo(exposure, 6);
        for (const r of state.recommendations.get(tenantId) ?? []) {
          expect(r.exposedMachinesCount).toBeGreaterThanOrEqual(0);
          expect(r.exposedMachinesCount).toBeLessThanOrEqual(r.totalMachineCount);
          expect(r.configScoreImpact).toBeGreaterThanOrEqual(-1e-9);
          if (r.exposedMachinesCount === 0) expect(r.configScoreImpact).toBe(0);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a remediation on every exposed device, then a regression on the same devices, returns the score to where it was', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 300 }), (pick, wanted) => {
        const state = createState();
        const list = (state.recommendations.get(CONTOSO.id) ?? []).filter((r) => r.status === 'Active');
        const target = list[pick % list.length];
        if (!target) throw new Error('no active recommendation');
        const devices = Math.min(wanted, target.exposedMachinesCount);
        const score = state.configurationScores.get(CONTOSO.id) ?? 0;
        const impact = target.configScoreImpact;
        const up = remediate(state, CONTOSO.id, target.id, devices);
        const down = regress(state, CONTOSO.id, target.id, devices);
        expect(up.ok && down.ok).toBe(true);
        expect(state.configurationScores.get(CONTOSO.id)).toBeCloseTo(score, 9);
        expect(target.configScoreImpact).toBeCloseTo(impact, 9);
      }),
    );
  });
});
