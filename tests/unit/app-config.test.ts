import { describe, expect, it } from 'vitest';
import { parseAppConfig } from '../../src/lib/config/app-config';
import { apiBaseUrlFor } from '../../src/lib/config/clouds';
import { loadConfig } from '../../src/lib/config/load-config';
import { relayConnectOrigins } from '../../src/lib/config/relay-origin';
import { EMULATOR_ORIGIN, localOriginsForDemo } from '../../emulator/demo.mjs';
import { buildOriginsFromFlags } from '../../src/lib/config/build-flags';

/** The origins `npm start` and the tests build with. */
function demoBuildOrigins() {
  const flags = buildOriginsFromFlags({ SCORELINE_LOCAL_ORIGINS: localOriginsForDemo(EMULATOR_ORIGIN) });
  if (!flags.ok) throw new Error(flags.error);
  return flags.value;
}
const RELAY_BUILD = { api: ['https://relay.contoso.example'], identity: [], local: [] };

const CLIENT_ID = '11111111-2222-3333-4444-555555555555';

describe('parseAppConfig', () => {
  it('fills in the commercial defaults from a client id alone', () => {
    const result = parseAppConfig({ clientId: CLIENT_ID });
    expect(result).toEqual({
      ok: true,
      value: {
        clientId: CLIENT_ID,
        authority: 'https://login.microsoftonline.com/organizations',
        knownAuthorities: [],
        authorityMetadata: undefined,
        cloud: 'commercial',
        region: 'global',
        apiBaseUrl: undefined,
        relayUrl: undefined,
        scopes: ['https://api.securitycenter.microsoft.com/Score.Read'],
        graphBaseUrl: 'https://graph.microsoft.com',
        graphResource: 'https://graph.microsoft.com',
      },
    });
  });

  it.each([
    ['commercial', 'https://graph.microsoft.com'],
    ['gcc', 'https://graph.microsoft.com'],
    ['gcc-high', 'https://graph.microsoft.us'],
    ['dod', 'https://dod-graph.microsoft.us'],
  ])('calls Microsoft Graph of the %s cloud, and names its scopes after it', (cloud, graph) => {
    const result = parseAppConfig({ clientId: CLIENT_ID, cloud });
    if (!result.ok) throw new Error('expected a valid config');
    expect(result.value.graphBaseUrl).toBe(graph);
    expect(result.value.graphResource).toBe(graph);
  });

  it('refuses a Graph address outside the allow-list, and takes another cloud\'s Graph host as outside it', () => {
    for (const graphBaseUrl of ['https://graph.microsoft.com.evil.example', 'https://graph.microsoft.com']) {
      const result = parseAppConfig({ clientId: CLIENT_ID, cloud: 'gcc-high', graphBaseUrl });
      expect(result.ok ? [] : result.error.map((p) => p.field)).toEqual(['graphBaseUrl']);
    }
  });

  it('uses the government hosts and scopes for GCC High', () => {
    const result = parseAppConfig({ clientId: CLIENT_ID, cloud: 'gcc-high' });
    if (!result.ok) throw new Error('expected a valid config');
    expect(result.value.authority).toBe('https://login.microsoftonline.us/organizations');
    expect(result.value.scopes).toEqual(['https://api-gov.securitycenter.microsoft.us/Score.Read']);
    expect(apiBaseUrlFor('gcc-high', 'eu')).toBe('https://api-gov.securitycenter.microsoft.us');
  });

  it('builds regional commercial hosts', () => {
    expect(apiBaseUrlFor('commercial', 'global')).toBe('https://api.security.microsoft.com');
    expect(apiBaseUrlFor('commercial', 'eu')).toBe('https://eu.api.security.microsoft.com');
    expect(apiBaseUrlFor('gcc', 'uk')).toBe('https://api-gcc.securitycenter.microsoft.us');
  });

  it('accepts plain http on the local machine (the emulator) in a build that opted in to it', () => {
    const local = parseAppConfig(
      {
        clientId: CLIENT_ID,
        apiBaseUrl: EMULATOR_ORIGIN,
        authorityMetadata: JSON.stringify({ token_endpoint: `${EMULATOR_ORIGIN}/organizations/oauth2/v2.0/token` }),
      },
      demoBuildOrigins(),
    );
    expect(local.ok).toBe(true);
  });

  it('keeps an apiBaseUrl override without its trailing slash', () => {
    const result = parseAppConfig({ clientId: CLIENT_ID, apiBaseUrl: 'https://relay.contoso.example/' }, RELAY_BUILD);
    expect(result.ok && result.value.apiBaseUrl).toBe('https://relay.contoso.example');
  });

  it('takes a relay on this site by its path, or on another by its URL', () => {
    for (const [relayUrl, kept] of [
      ['/api/relay', '/api/relay'],
      ['/api/relay/', '/api/relay'],
      ['https://relay.contoso.example', 'https://relay.contoso.example'],
      ['https://contoso.example/scoreline-relay/', 'https://contoso.example/scoreline-relay'],
      ['http://localhost:4011', 'http://localhost:4011'],
    ]) {
      // A relay on another origin must be one the app was built for (here, as the demo builds a local relay).
      const built = { api: ['https://relay.contoso.example', 'https://contoso.example'], identity: [], local: ['http://localhost:4011'] };
      const result = parseAppConfig({ clientId: CLIENT_ID, relayUrl }, built);
      expect(result.ok && result.value.relayUrl, relayUrl).toBe(kept);
    }
  });

  it('refuses a relay on an origin the app was not built for, and one on this machine in a production build', () => {
    for (const relayUrl of ['https://relay.evil.example', 'http://localhost:4011']) {
      const result = parseAppConfig({ clientId: CLIENT_ID, relayUrl }, { api: [], identity: [], local: [] });
      expect(result, relayUrl).toMatchObject({ ok: false, error: [{ field: 'relayUrl' }] });
    }
  });

  it('refuses a relay that is not https, points elsewhere or carries a query', () => {
    for (const relayUrl of ['http://relay.contoso.example', '//evil.example/api', '/api/../x', 'api/relay', 'https://relay.example/?x=1', 'https://user@relay.example', 'javascript:alert(1)', '/api/relay#x']) {
      const result = parseAppConfig({ clientId: CLIENT_ID, relayUrl });
      expect(result.ok, relayUrl).toBe(false);
      if (!result.ok) expect(result.error[0]).toMatchObject({ field: 'relayUrl' });
    }
  });

  it('refuses relayUrl with apiBaseUrl: one or the other says where the call goes', () => {
    const result = parseAppConfig({ clientId: CLIENT_ID, relayUrl: '/api/relay', apiBaseUrl: 'https://relay.contoso.example' });
    expect(result).toMatchObject({ ok: false, error: [{ field: 'relayUrl', problem: 'cannot be used together with apiBaseUrl' }] });
  });

  it('names a missing clientId and says where to find it', () => {
    const result = parseAppConfig({});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toHaveLength(1);
    expect(result.error[0]).toMatchObject({ field: 'clientId', problem: 'is missing' });
    expect(result.error[0]?.fix).toContain('Application (client) ID');
  });

  it.each([
    [{ clientId: 'not-a-guid' }, 'clientId', 'is not a GUID'],
    [{ clientId: CLIENT_ID, authority: 'http://login.example/x' }, 'authority', 'is not an https URL'],
    [{ clientId: CLIENT_ID, cloud: 'mars' }, 'cloud', 'is not a known cloud'],
    [{ clientId: CLIENT_ID, region: 'moon' }, 'region', 'is not a known region'],
    [{ clientId: CLIENT_ID, apiBaseUrl: 'https://relay.example/api' }, 'apiBaseUrl', 'is not an origin (scheme, host and port only)'],
    [{ clientId: CLIENT_ID, apiBaseUrl: 'javascript:alert(1)' }, 'apiBaseUrl', 'is not an origin (scheme, host and port only)'],
    [{ clientId: CLIENT_ID, apiBaseUrl: 'https://user@relay.example' }, 'apiBaseUrl', 'is not an origin (scheme, host and port only)'],
    [{ clientId: CLIENT_ID, apiBaseUrl: 'https://relay.example?x=1' }, 'apiBaseUrl', 'is not an origin (scheme, host and port only)'],
    [
      { clientId: CLIENT_ID, authorityMetadata: JSON.stringify({ token_endpoint: 42 }) },
      'authorityMetadata',
      'is not a JSON object of endpoint URLs in a string',
    ],
    [{ clientId: CLIENT_ID, scopes: [] }, 'scopes', 'must name at least one scope'],
    [{ clientId: CLIENT_ID, scopes: 'Score.Read' }, 'scopes', 'must be a list of scopes'],
    [{ clientId: CLIENT_ID, authorityMetadata: '{not json' }, 'authorityMetadata', 'is not a JSON object of endpoint URLs in a string'],
    [{ clientId: CLIENT_ID, knownAuthorities: [''] }, 'knownAuthorities', 'must not be empty'],
  ])('refuses %j, naming %s', (input, field, problem) => {
    const result = parseAppConfig(input, RELAY_BUILD);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContainEqual(expect.objectContaining({ field, problem }));
  });

  it('refuses something that is not an object', () => {
    for (const input of [null, [], 'text', 42]) {
      const result = parseAppConfig(input);
      expect(result.ok).toBe(false);
    }
  });
});

describe('loadConfig', () => {
  const respond = (body: string, status = 200) => async () => new Response(body, { status });

  it('validates what it fetched', async () => {
    const result = await loadConfig('config.json', respond(JSON.stringify({ clientId: CLIENT_ID })));
    expect(result.ok).toBe(true);
  });

  it('explains a missing file', async () => {
    const result = await loadConfig('config.json', respond('Not found', 404));
    expect(result).toMatchObject({ ok: false, error: [{ field: 'config.json', problem: 'could not be fetched (HTTP 404)' }] });
  });

  it('explains a file that is not JSON', async () => {
    const result = await loadConfig('config.json', respond('{ "clientId": '));
    expect(result).toMatchObject({ ok: false, error: [{ field: 'config.json', problem: 'is not valid JSON' }] });
  });

  it('explains a network failure', async () => {
    const result = await loadConfig('config.json', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(result).toMatchObject({ ok: false, error: [{ field: 'config.json', problem: 'could not be fetched' }] });
  });
});

describe('loadConfig with a last good copy', () => {
  const good = JSON.stringify({ clientId: CLIENT_ID });
  function fakeCaches() {
    const kept = new Map<string, string>();
    const cache = {
      put: async (url: string, response: Response) => void kept.set(url, await response.text()),
      match: async (url: string) => (kept.has(url) ? new Response(kept.get(url)) : undefined),
    };
    return { open: async () => cache, match: async (url: string) => cache.match(url) };
  }

  it('starts offline or through a server error from the copy kept last time, but not past a missing file', async () => {
    const saved = (globalThis as { caches?: unknown }).caches;
    (globalThis as { caches?: unknown }).caches = fakeCaches();
    try {
      expect((await loadConfig('config.json', async () => new Response(good))).ok).toBe(true);
      const offline = await loadConfig('config.json', async () => {
        throw new TypeError('Failed to fetch');
      });
      expect(offline.ok).toBe(true);
      expect((await loadConfig('config.json', async () => new Response('oops', { status: 503 }))).ok).toBe(true);
      expect(await loadConfig('config.json', async () => new Response('gone', { status: 404 }))).toMatchObject({ ok: false });
    } finally {
      (globalThis as { caches?: unknown }).caches = saved;
    }
  });
});

describe('relayConnectOrigins', () => {
  it('adds a relay on another origin to connect-src, and nothing for one on this site', () => {
    expect(relayConnectOrigins('https://relay.contoso.example/scoreline')).toEqual(['https://relay.contoso.example']);
    expect(relayConnectOrigins('/api/relay')).toEqual([]);
    expect(relayConnectOrigins(undefined)).toEqual([]);
    expect(() => relayConnectOrigins('ftp://relay.example')).toThrow('SCORELINE_RELAY_URL');
  });
});
