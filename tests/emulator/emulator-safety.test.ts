// @vitest-environment node
import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startEmulator } from '../../emulator/server.mjs';
import { emulatorControl, type EmulatorControl } from '../../emulator/control-client.mjs';
import { isRegisteredRedirectUri } from '../../emulator/app-registration.mjs';
import { exposureWarning, isAddressedToThisMachine } from '../../emulator/host-check.mjs';
import { AVERY_ADMIN as AVERY } from '../../emulator/demo.mjs';
import { CLIENT_ID, answerFrom, authorizeUrl, chooseAccount, pkcePair, signIn } from './oauth-helpers';

let emulator: Awaited<ReturnType<typeof startEmulator>>;
let base: string;
let control: EmulatorControl;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  base = emulator.url;
  control = emulatorControl(base);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await control.reset();
});

/** A GET with a Host header of our choosing (fetch does not let a caller set one). */
function getWithHost(path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = request({ host: '127.0.0.1', port: emulator.port, path, headers: { Host: host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    sent.on('error', reject);
    sent.end();
  });
}

const MISMATCH = /^AADSTS50011: The redirect URI 'https:\/\/evil\.example\/redirect\.html' specified in the request does not match the redirect URIs configured for the application '11111111-2222-4333-8444-555555555555'\./;

describe('redirect URIs are checked against the registration, as Entra does', () => {
  it('matches registered URIs exactly, ignoring only the port of a loopback address', () => {
    expect(isRegisteredRedirectUri('http://localhost:4173/redirect.html')).toBe(true);
    expect(isRegisteredRedirectUri('http://localhost:9/scoreline/redirect.html')).toBe(true);
    // Only the port is ignored: 127.0.0.1 is another host than the registered localhost.
    expect(isRegisteredRedirectUri('http://127.0.0.1:4173/redirect.html')).toBe(false);
    expect(isRegisteredRedirectUri('http://localhost:4173')).toBe(true);
    expect(isRegisteredRedirectUri('http://localhost:4173/other.html')).toBe(false);
    expect(isRegisteredRedirectUri('http://localhost.evil.example/redirect.html')).toBe(false);
    expect(isRegisteredRedirectUri('https://localhost/redirect.html')).toBe(false);
    expect(isRegisteredRedirectUri('https://app.example/redirect.html', ['https://app.example/redirect.html'])).toBe(true);
    expect(isRegisteredRedirectUri('https://app.example:8443/redirect.html', ['https://app.example/redirect.html'])).toBe(false);
  });

  it('shows AADSTS50011 on its own page for an unregistered redirect_uri, and never redirects there', async () => {
    const { challenge } = await pkcePair();
    for (const prompt of [undefined, 'none']) {
      const response = await fetch(authorizeUrl(base, { challenge, ...(prompt ? { prompt } : {}), extra: { redirect_uri: 'https://evil.example/redirect.html' } }), {
        redirect: 'manual',
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      const html = await response.text();
      expect(html.replace(/&#39;/g, "'")).toMatch(new RegExp(MISMATCH.source.slice(1)));
    }
  });

  it('refuses an unregistered redirect_uri in the account picker’s post too', async () => {
    const { challenge } = await pkcePair();
    const response = await chooseAccount(base, { challenge, extra: { redirect_uri: 'https://evil.example/redirect.html' } }, { account: AVERY.oid });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  it('signs out but does not follow an unregistered post_logout_redirect_uri', async () => {
    const { cookie } = await signIn(base, AVERY.oid);
    const logout = await fetch(
      `${base}/organizations/oauth2/v2.0/logout?client_id=${CLIENT_ID}&post_logout_redirect_uri=${encodeURIComponent('https://evil.example/')}`,
      { redirect: 'manual', headers: { cookie } },
    );
    expect(logout.status).toBe(400);
    expect(logout.headers.get('location')).toBeNull();
    expect((await logout.text()).replace(/&#39;/g, "'")).toContain("AADSTS50011: The redirect URI 'https://evil.example/' specified in the request does not match");
    const { challenge } = await pkcePair();
    const silent = await fetch(authorizeUrl(base, { challenge, prompt: 'none' }), { redirect: 'manual', headers: { cookie } });
    expect(answerFrom(silent.headers.get('location')).get('error')).toBe('login_required');
  });
});

describe('only requests addressed to this machine are answered (no DNS rebinding)', () => {
  it('answers loopback names and addresses on its own port', async () => {
    for (const host of [`localhost:${emulator.port}`, `127.0.0.1:${emulator.port}`, `LOCALHOST:${emulator.port}`]) {
      expect(await getWithHost('/_control/state', host), host).toBe(200);
    }
  });

  it('refuses another host name or port, on the control surface and everywhere else', async () => {
    for (const path of ['/_control/state', '/organizations/v2.0/.well-known/openid-configuration', '/api/configurationScore', '/']) {
      for (const host of [`rebound.evil.example:${emulator.port}`, `localhost:${emulator.port + 1}`, 'localhost', `localhost.evil.example:${emulator.port}`]) {
        expect(await getWithHost(path, host), `${path} with Host ${host}`).toBe(421);
      }
    }
  });

  it('accepts the address the connection arrived on, which no DNS answer can stand in for', () => {
    expect(isAddressedToThisMachine('192.168.1.20:4010', { port: 4010, localAddress: '192.168.1.20' })).toBe(true);
    expect(isAddressedToThisMachine('192.168.1.20:4010', { port: 4010, localAddress: '::ffff:192.168.1.20' })).toBe(true);
    expect(isAddressedToThisMachine('192.168.1.21:4010', { port: 4010, localAddress: '192.168.1.20' })).toBe(false);
    expect(isAddressedToThisMachine('[::1]:4010', { port: 4010 })).toBe(true);
    expect(isAddressedToThisMachine(undefined, { port: 4010 })).toBe(false);
  });

  it('warns when it listens beyond this machine, and only then', async () => {
    expect(exposureWarning('127.0.0.1')).toBeUndefined();
    expect(exposureWarning('localhost')).toBeUndefined();
    expect(exposureWarning('::1')).toBeUndefined();
    expect(exposureWarning('0.0.0.0')).toMatch(/^WARNING: the emulator listens on 0\.0\.0\.0/);

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const exposed = await startEmulator({ port: 0, host: '0.0.0.0' });
      await exposed.close();
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^WARNING: the emulator listens on 0\.0\.0\.0/));
    } finally {
      warn.mockRestore();
    }
  });
});

describe('issued tokens', () => {
  it('records every access, refresh and id token it hands out, until reset', async () => {
    const { tokens } = await signIn(base, AVERY.oid);
    const issued = await control.issuedTokens();
    expect(issued.access).toEqual([tokens.access_token]);
    expect(issued.refresh).toEqual([tokens.refresh_token]);
    expect(issued.id).toEqual([tokens.id_token]);
    await control.reset();
    expect(await control.issuedTokens()).toEqual({ access: [], refresh: [], id: [] });
  });
});
