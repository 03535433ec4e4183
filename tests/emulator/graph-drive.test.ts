// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, AVERY_ADMIN as AVERY, FABIAN_OPS as FABIAN } from '../../emulator/demo.mjs';
import { useEmulator } from './harness';

const emu = useEmulator();
const APP_FOLDER_SCOPE = 'https://graph.microsoft.com/Files.ReadWrite.AppFolder openid profile offline_access';
const APPROOT = '/v1.0/me/drive/special/approot';

interface Item {
  name: string;
  eTag: string;
  size: number;
  '@microsoft.graph.downloadUrl': string;
}

function graph(path: string, token: string | undefined, init: RequestInit = {}): Promise<Response> {
  return fetch(`${emu.base}${path}`, { ...init, redirect: 'manual', headers: { Origin: APP_ORIGIN, ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string>) } });
}

async function put(token: string, name: string, text: string, headers: Record<string, string> = {}): Promise<Response> {
  return graph(`${APPROOT}:/${encodeURIComponent(name)}:/content`, token, { method: 'PUT', body: text, headers: { 'Content-Type': 'application/json', ...headers } });
}

async function list(token: string, top?: number): Promise<Item[]> {
  const items: Item[] = [];
  let next: string | undefined = `${APPROOT}/children${top ? `?$top=${top}` : ''}`;
  while (next) {
    const response = await graph(next.replace(emu.base, ''), token);
    expect(response.status).toBe(200);
    const page = (await response.json()) as { value: Item[]; '@odata.nextLink'?: string };
    items.push(...page.value);
    next = page['@odata.nextLink'];
  }
  return items;
}

describe('the app folder', () => {
  it('writes a file, lists it with its eTag and serves its content from another origin, without the token', async () => {
    const token = await emu.token(AVERY.oid, APP_FOLDER_SCOPE);
    const created = await put(token, 'notes.json', '{"a":1}', { 'If-None-Match': '*' });
    expect(created.status).toBe(201);
    const [item] = await list(token);
    expect(item).toMatchObject({ name: 'notes.json', size: 7, eTag: ((await created.json()) as Item).eTag });
    const downloadUrl = new URL(item!['@microsoft.graph.downloadUrl']);
    expect(downloadUrl.origin).not.toBe(new URL(emu.base).origin);
    expect(await (await fetch(downloadUrl)).text()).toBe('{"a":1}');
    // With the token, as a redirect followed with its headers would send it: refused.
    expect((await fetch(downloadUrl, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
    const preflight = await fetch(downloadUrl, { method: 'OPTIONS', headers: { Origin: APP_ORIGIN, 'Access-Control-Request-Headers': 'authorization' } });
    expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
    const content = await graph(`${APPROOT}:/notes.json:/content`, token);
    expect(content.status).toBe(302);
    expect(new URL(content.headers.get('location')!).origin).toBe(downloadUrl.origin);
  });

  it('refuses a write with a stale eTag (412), and one that would create over an existing file', async () => {
    const token = await emu.token(AVERY.oid, APP_FOLDER_SCOPE);
    const first = (await (await put(token, 'goals.json', 'one')).json()) as Item;
    const second = await put(token, 'goals.json', 'two', { 'If-Match': first.eTag });
    expect(second.status).toBe(200);
    const secondItem = (await second.json()) as Item;
    expect(secondItem.eTag).not.toBe(first.eTag);
    const stale = await put(token, 'goals.json', 'three', { 'If-Match': first.eTag });
    expect(stale.status).toBe(412);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('preconditionFailed');
    expect((await put(token, 'goals.json', 'four', { 'If-None-Match': '*' })).status).toBe(412);
    expect(await (await fetch((await list(token))[0]!['@microsoft.graph.downloadUrl'])).text()).toBe('two');
  });

  it('keeps each user’s folder apart and pages a long listing', async () => {
    const avery = await emu.token(AVERY.oid, APP_FOLDER_SCOPE);
    await emu.control.graphConsent(['Files.ReadWrite.AppFolder'], FABIAN.tenantId);
    const fabian = await emu.token(FABIAN.oid, APP_FOLDER_SCOPE);
    for (const name of ['a.json', 'b.json', 'c.json']) await put(avery, name, name);
    expect((await list(avery, 2)).map((item) => item.name)).toEqual(['a.json', 'b.json', 'c.json']);
    expect(await list(fabian)).toEqual([]);
  });

  it('answers 401 without a Graph token, 403 without a Files permission', async () => {
    expect((await graph(`${APPROOT}/children`, undefined)).status).toBe(401);
    const defenderToken = await emu.token(AVERY.oid);
    expect((await graph(`${APPROOT}/children`, defenderToken)).status).toBe(401);
    const userRead = await emu.token(AVERY.oid, 'https://graph.microsoft.com/User.Read openid');
    expect((await graph(`${APPROOT}/children`, userRead)).status).toBe(403);
  });

  it('throttles, fails and runs out of space on demand', async () => {
    const token = await emu.token(AVERY.oid, APP_FOLDER_SCOPE);
    await emu.control.fault({ endpoint: 'driveList', status: 429 });
    const throttled = await graph(`${APPROOT}/children`, token);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('10');
    await emu.control.fault({ endpoint: 'driveUpload', status: 500 });
    expect((await put(token, 'x.json', 'x')).status).toBe(500);
    await emu.control.driveQuota(3);
    const full = await put(token, 'x.json', 'four');
    expect(full.status).toBe(507);
    expect(((await full.json()) as { error: { code: string } }).error.code).toBe('quotaLimitReached');
    expect((await emu.control.drive()).folders[AVERY.oid] ?? []).toEqual([]);
  });

  it('answers a browser’s preflight for If-Match like Graph', async () => {
    const preflight = await fetch(`${emu.base}${APPROOT}:/a.json:/content`, { method: 'OPTIONS', headers: { Origin: APP_ORIGIN, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'authorization,if-match,content-type' } });
    expect(preflight.ok).toBe(true);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('if-match');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
  });
});
