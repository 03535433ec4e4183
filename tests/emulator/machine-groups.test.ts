// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { AVERY_ADMIN as AVERY, FABIAN_OPS as FABIAN, FABRIKAM } from '../../emulator/demo.mjs';
import { API_SCOPE, REQUESTED_SCOPE } from './oauth-helpers';
import { rawControl, useEmulator } from './harness';

const emu = useEmulator();

interface GroupRecord {
  time: string;
  score: number;
  rbacGroupName: string;
  rbacGroupId?: number;
}

async function groups(accessToken: string): Promise<GroupRecord[]> {
  const response = await emu.api('/api/exposureScore/ByMachineGroups', accessToken);
  expect(response.status).toBe(200);
  return ((await response.json()) as { value: GroupRecord[] }).value;
}

/** The groups without their read time, which differs on every read. */
const timeless = (list: GroupRecord[]) => list.map(({ time: _time, ...rest }) => rest);

describe('device groups', () => {
  it('a renamed group keeps its id and its score', async () => {
    const token = await emu.token(AVERY.oid, REQUESTED_SCOPE);
    const before = await groups(token);
    const target = before[0];
    if (target?.rbacGroupId === undefined) throw new Error('the demo tenant has no group with an id');

    const answer = await emu.control.renameGroup({ rbacGroupId: target.rbacGroupId, name: 'Servers (EU)' });
    expect(answer.machineGroups).toContainEqual({ rbacGroupId: target.rbacGroupId, rbacGroupName: 'Servers (EU)', score: target.score });
    const after = await groups(token);
    expect(timeless(after)).toEqual(timeless(before).map((g) => (g.rbacGroupId === target.rbacGroupId ? { ...g, rbacGroupName: 'Servers (EU)' } : g)));
  });

  it('a removed group leaves the answer and the others stay as they were', async () => {
    const token = await emu.token(AVERY.oid, REQUESTED_SCOPE);
    const before = await groups(token);
    const [removed, ...kept] = before;
    if (removed?.rbacGroupId === undefined) throw new Error('the demo tenant has no group with an id');
    await emu.control.removeGroup({ rbacGroupId: removed.rbacGroupId });
    expect(timeless(await groups(token))).toEqual(timeless(kept));
  });

  it('an added group gets the next free id unless it names one, and an id in use is refused', async () => {
    const token = await emu.token(AVERY.oid, REQUESTED_SCOPE);
    const ids = (await groups(token)).map((g) => g.rbacGroupId ?? 0);
    await emu.control.addGroup({ name: 'Kiosks', score: 12.5 });
    await emu.control.addGroup({ name: 'Labs', rbacGroupId: 900, score: 71 });
    const after = await groups(token);
    expect(after).toContainEqual(expect.objectContaining({ rbacGroupName: 'Kiosks', rbacGroupId: Math.max(...ids) + 1, score: 12.5 }));
    expect(after).toContainEqual(expect.objectContaining({ rbacGroupName: 'Labs', rbacGroupId: 900, score: 71 }));
    const taken = await rawControl(emu.base, 'POST', '/groups', { name: 'Again', rbacGroupId: 900, score: 1 });
    expect(taken.status).toBe(409);
  });

  it('answers with names only when ids are switched off, as Microsoft’s own example does, for that tenant only', async () => {
    const avery = await emu.token(AVERY.oid, REQUESTED_SCOPE);
    const fabian = await emu.token(FABIAN.oid, `${API_SCOPE} openid`);
    const before = await groups(avery);
    await emu.control.groupIds(false);
    const namesOnly = await groups(avery);
    for (const group of namesOnly) expect(Object.keys(group).sort()).toEqual(['rbacGroupName', 'score', 'time']);
    expect(timeless(namesOnly)).toEqual(timeless(before).map(({ rbacGroupId: _id, ...rest }) => rest));
    expect((await groups(fabian))[0]).toHaveProperty('rbacGroupId');

    // A rename now looks, from the API, like one group gone and another come.
    const first = before[0];
    if (first?.rbacGroupId === undefined) throw new Error('the demo tenant has no group with an id');
    await emu.control.renameGroup({ rbacGroupId: first.rbacGroupId, name: 'Renamed' });
    expect((await groups(avery)).map((g) => g.rbacGroupName)).not.toContain(first.rbacGroupName);

    await emu.control.groupIds(true);
    expect((await groups(avery))[0]).toHaveProperty('rbacGroupId', first.rbacGroupId);
  });

  it('changes only the named tenant', async () => {
    const fabian = await emu.token(FABIAN.oid, `${API_SCOPE} openid`);
    const [group] = await groups(fabian);
    if (group?.rbacGroupId === undefined) throw new Error('Fabrikam has no group with an id');
    await emu.control.renameGroup({ rbacGroupId: group.rbacGroupId, name: 'All devices', tenantId: FABRIKAM.id });
    expect((await groups(fabian))[0]?.rbacGroupName).toBe('All devices');
    expect((await groups(await emu.token(AVERY.oid, REQUESTED_SCOPE))).map((g) => g.rbacGroupName)).not.toContain('All devices');
  });

  it('answers 404 for an unknown group and 400 for a body it cannot use', async () => {
    const unknown = await rawControl(emu.base, 'POST', '/groups/rename', { rbacGroupId: 4242, name: 'x' });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toContain('4242');
    expect((await rawControl(emu.base, 'POST', '/groups/remove', { rbacGroupId: 4242 })).status).toBe(404);
    for (const [path, body] of [
      ['/groups/rename', { rbacGroupId: '101', name: 'x' }],
      ['/groups/rename', { rbacGroupId: 101, name: '' }],
      ['/groups/remove', {}],
      ['/groups', { name: 'x' }],
      ['/groups', { name: 'x', score: 1, rbacGroupId: 1.5 }],
    ] as const) {
      expect((await rawControl(emu.base, 'POST', path, body)).status, `${path} ${JSON.stringify(body)}`).toBe(400);
    }
    expect((await rawControl(emu.base, 'PUT', '/groups/ids', { included: 'no' })).status).toBe(400);
  });
});
