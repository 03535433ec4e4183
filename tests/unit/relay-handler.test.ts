import { describe, expect, it } from 'vitest';
import { createRelayHandler, type RelayLogEntry, type RelayRequest, type RelaySettings } from '../../relay/handler.mjs';
import { defenderOriginFor, RELAY_CLOUDS, RELAY_REGIONS } from '../../relay/defender-hosts.mjs';
import { apiBaseUrlFor } from '../../src/lib/config/clouds';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzY3AiOiJTY29yZS5SZWFkIn0.c2lnbmF0dXJlLXNlY3JldA';
const APP_ORIGIN = 'https://scoreline.contoso.example';
const SCORE_BODY = '{"@odata.context":"https://api.securitycenter.microsoft.com/api/$metadata#ConfigurationScore/$entity","time":"2019-12-03T09:15:58.1665846Z","score":340}';

const SETTINGS: RelaySettings = {
  cloud: 'commercial',
  allowedOrigins: [APP_ORIGIN],
  defenderOrigin: undefined,
  acceptAuthorizationHeader: true,
  timeoutMs: 1_000,
  maxResponseBytes: 10_000,
};

interface SeenCall {
  url: string;
  headers: Headers;
  redirect: RequestRedirect | undefined;
}

/** A Defender API stand-in that records each call and answers with `answer`. */
function defender(answer: () => Response | Promise<Response> = () => new Response(SCORE_BODY, { headers: { 'Content-Type': 'application/json' } })) {
  const calls: SeenCall[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    calls.push({ url: String(input), headers: new Headers(init?.headers), redirect: init?.redirect });
    const signal = init?.signal;
    return await new Promise<Response>((resolve, reject) => {
      signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      Promise.resolve(answer()).then(resolve, reject);
    });
  };
  return { calls, fetchImpl };
}

function request(overrides: Partial<Omit<RelayRequest, 'header'>> & { headers?: Record<string, string> } = {}): RelayRequest {
  // A plain map, not Headers: a test must be able to send what Headers would refuse (a CR LF).
  const headers = new Map(
    Object.entries(overrides.headers ?? { 'X-Scoreline-Authorization': `Bearer ${TOKEN}`, Origin: APP_ORIGIN }).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return {
    method: overrides.method ?? 'GET',
    path: overrides.path ?? '/api/configurationScore',
    query: overrides.query ?? new URLSearchParams(),
    header: (name) => headers.get(name.toLowerCase()),
  };
}

function relayWith(settings: Partial<RelaySettings> = {}, api = defender()) {
  const log: RelayLogEntry[] = [];
  const relay = createRelayHandler({ ...SETTINGS, ...settings }, { fetchImpl: api.fetchImpl, log: (entry) => log.push(entry) });
  return { relay, api, log };
}

const text = (body: Uint8Array) => new TextDecoder().decode(body);

describe('relay: the token', () => {
  it('takes the token from X-Scoreline-Authorization and sends it to Defender as Authorization', async () => {
    const { relay, api } = relayWith();
    const answer = await relay(request());
    expect(answer.status).toBe(200);
    expect(text(answer.body)).toBe(SCORE_BODY);
    expect(api.calls[0]?.headers.get('Authorization')).toBe(`Bearer ${TOKEN}`);
    expect(api.calls[0]?.headers.get('X-Scoreline-Authorization')).toBeNull();
  });

  it('takes it from Authorization when the relay runs on its own', async () => {
    const { relay, api } = relayWith();
    await relay(request({ headers: { Authorization: `Bearer ${TOKEN}` } }));
    expect(api.calls[0]?.headers.get('Authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it('prefers its own header over an Authorization a platform has put there', async () => {
    const { relay, api } = relayWith();
    await relay(request({ headers: { Authorization: 'Bearer platform-token', 'X-Scoreline-Authorization': `Bearer ${TOKEN}` } }));
    expect(api.calls[0]?.headers.get('Authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it('ignores Authorization where it is not to be trusted, and says where the token goes', async () => {
    const { relay, api } = relayWith({ acceptAuthorizationHeader: false });
    const answer = await relay(request({ headers: { Authorization: `Bearer ${TOKEN}` } }));
    expect(answer.status).toBe(401);
    expect(text(answer.body)).toContain('X-Scoreline-Authorization: Bearer');
    expect(api.calls).toHaveLength(0);
  });

  it('refuses a token that is not a bearer token or could split a header', async () => {
    const { relay, api } = relayWith();
    for (const value of ['Basic abc', `Bearer ${TOKEN} extra`, 'Bearer ', `Bearer ${TOKEN}\r\nX-Evil: 1`]) {
      const answer = await relay(request({ headers: { 'X-Scoreline-Authorization': value } }));
      expect(answer.status).toBe(401);
    }
    expect(api.calls).toHaveLength(0);
  });

  it('never logs or echoes the token, whatever happens', async () => {
    const answers = [
      () => new Response(SCORE_BODY),
      () => new Response('{"error":{"code":"Forbidden","message":"Missing application roles"}}', { status: 403 }),
      () => Promise.reject(new TypeError(`fetch failed for Bearer ${TOKEN}`)),
      () => new Response('x'.repeat(20_000)),
    ];
    const logged: unknown[] = [];
    const echoed: string[] = [];
    for (const answer of answers) {
      const { relay, log } = relayWith({}, defender(answer));
      const reply = await relay(request());
      logged.push(...log);
      echoed.push(text(reply.body), JSON.stringify(reply.headers));
      const refused = await relay(request({ path: '/api/machines', headers: { 'X-Scoreline-Authorization': `Bearer ${TOKEN}`, Origin: APP_ORIGIN } }));
      echoed.push(text(refused.body), JSON.stringify(refused.headers));
      logged.push(...log);
    }
    expect(logged.length).toBeGreaterThan(0);
    expect(JSON.stringify(logged)).not.toContain(TOKEN);
    expect(echoed.join('\n')).not.toContain(TOKEN);
  });
});

describe('relay: where it forwards', () => {
  it('calls the configured cloud’s host, never one named in the request', async () => {
    const { relay, api } = relayWith({ cloud: 'gcc-high' });
    await relay(request({ headers: { 'X-Scoreline-Authorization': `Bearer ${TOKEN}`, Host: 'evil.example', 'X-Forwarded-Host': 'evil.example' } }));
    await relay(request({ path: '//evil.example/api/configurationScore' }));
    expect(api.calls.map((call) => call.url)).toEqual(['https://api-gov.securitycenter.microsoft.us/api/configurationScore']);
  });

  it('maps each region to the commercial cloud’s regional host', async () => {
    const { relay, api } = relayWith();
    await relay(request({ headers: { 'X-Scoreline-Authorization': `Bearer ${TOKEN}`, 'X-Scoreline-Region': 'eu' } }));
    await relay(request());
    expect(api.calls.map((call) => call.url)).toEqual([
      'https://eu.api.security.microsoft.com/api/configurationScore',
      'https://api.security.microsoft.com/api/configurationScore',
    ]);
  });

  it('refuses a region that is not on the list', async () => {
    const { relay, api } = relayWith();
    for (const region of ['evil.example', 'EU', 'eu.api.security.microsoft.com', '']) {
      const answer = await relay(request({ headers: { 'X-Scoreline-Authorization': `Bearer ${TOKEN}`, 'X-Scoreline-Region': region } }));
      expect(answer.status, region).toBe(400);
    }
    expect(api.calls).toHaveLength(0);
  });

  it('has the same hosts as the app for every cloud and region', () => {
    for (const cloud of RELAY_CLOUDS) for (const region of RELAY_REGIONS) expect(defenderOriginFor(cloud, region)).toBe(apiBaseUrlFor(cloud, region));
  });

  it('uses the deployer’s Defender origin (the emulator) for every region when one is set', async () => {
    const { relay, api } = relayWith({ defenderOrigin: 'http://localhost:4010' });
    await relay(request({ headers: { 'X-Scoreline-Authorization': `Bearer ${TOKEN}`, 'X-Scoreline-Region': 'uk' } }));
    expect(api.calls[0]?.url).toBe('http://localhost:4010/api/configurationScore');
  });

  it('does not follow a redirect with the token', async () => {
    const { relay, api } = relayWith({}, defender(() => new Response(null, { status: 302, headers: { Location: 'https://evil.example/' } })));
    const answer = await relay(request());
    expect(api.calls[0]?.redirect).toBe('manual');
    expect(answer.status).toBe(502);
  });
});

describe('relay: what it refuses', () => {
  it('forwards GET only', async () => {
    const { relay, api } = relayWith();
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'HEAD']) {
      const answer = await relay(request({ method }));
      expect(answer.status, method).toBe(405);
      expect(answer.headers.Allow).toBe('GET, OPTIONS');
    }
    expect(api.calls).toHaveLength(0);
  });

  it('forwards only the endpoints on its list', async () => {
    const { relay, api } = relayWith();
    for (const path of ['/api/machines', '/api/configurationScore/../machines', '/', '/api/exposureScore/ByMachine', '/configurationScore']) {
      expect((await relay(request({ path }))).status, path).toBe(404);
    }
    expect(api.calls).toHaveLength(0);
    await relay(request({ path: '/API/configurationscore/' }));
    expect(api.calls[0]?.url).toBe('https://api.security.microsoft.com/api/configurationScore');
  });

  it('refuses query parameters not allowed by name, and forwards those that are', async () => {
    const { relay, api } = relayWith();
    const refused = await relay(request({ query: new URLSearchParams('$top=5') }));
    expect(refused.status).toBe(400);
    expect(JSON.parse(text(refused.body)).error.message).toContain('"$top" is not forwarded');
    expect(api.calls).toHaveLength(0);

    const withTop = createRelayHandler(SETTINGS, { fetchImpl: api.fetchImpl, endpoints: [{ path: '/api/recommendations', query: ['$top'] }] });
    await withTop(request({ path: '/api/recommendations', query: new URLSearchParams('$top=5') }));
    expect(api.calls[0]?.url).toBe('https://api.security.microsoft.com/api/recommendations?%24top=5');
  });
});

describe('relay: CORS', () => {
  it('answers the preflight of an allowed origin for GET with its headers', async () => {
    const { relay, api } = relayWith();
    const answer = await relay(
      request({
        method: 'OPTIONS',
        headers: { Origin: APP_ORIGIN, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'x-scoreline-authorization, x-scoreline-region, accept' },
      }),
    );
    expect(answer.status).toBe(204);
    expect(answer.headers['Access-Control-Allow-Origin']).toBe(APP_ORIGIN);
    expect(answer.headers['Access-Control-Allow-Methods']).toBe('GET');
    expect(answer.headers['Access-Control-Allow-Headers']).toContain('X-Scoreline-Authorization');
    expect(api.calls).toHaveLength(0);
  });

  it('refuses other origins, in the preflight and in the call, without CORS headers', async () => {
    const { relay, api } = relayWith();
    const preflight = await relay(request({ method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' } }));
    const call = await relay(request({ headers: { Origin: 'https://evil.example', 'X-Scoreline-Authorization': `Bearer ${TOKEN}` } }));
    for (const answer of [preflight, call]) {
      expect(answer.status).toBe(403);
      expect(answer.headers['Access-Control-Allow-Origin']).toBeUndefined();
    }
    expect(api.calls).toHaveLength(0);
  });

  it('refuses a preflight for another method or header', async () => {
    const { relay } = relayWith();
    const post = await relay(request({ method: 'OPTIONS', headers: { Origin: APP_ORIGIN, 'Access-Control-Request-Method': 'POST' } }));
    const cookieHeader = await relay(
      request({ method: 'OPTIONS', headers: { Origin: APP_ORIGIN, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'x-evil' } }),
    );
    expect([post.status, cookieHeader.status]).toEqual([403, 403]);
  });

  it('lets the allowed origin read the answer and its Retry-After', async () => {
    const { relay } = relayWith();
    const answer = await relay(request());
    expect(answer.headers['Access-Control-Allow-Origin']).toBe(APP_ORIGIN);
    expect(answer.headers['Access-Control-Expose-Headers']).toBe('Retry-After');
  });

  it('serves a same-origin page (no Origin header) without CORS headers', async () => {
    const { relay } = relayWith({ allowedOrigins: [] });
    const answer = await relay(request({ headers: { 'X-Scoreline-Authorization': `Bearer ${TOKEN}` } }));
    expect(answer.status).toBe(200);
    expect(answer.headers['Access-Control-Allow-Origin']).toBeUndefined();
  });
});

describe('relay: what comes back', () => {
  it('passes status, error body and Retry-After through unchanged', async () => {
    const body = '{"error":{"code":"TooManyRequests","message":"Slow down","target":"corr-429"}}';
    const { relay } = relayWith({}, defender(() => new Response(body, { status: 429, headers: { 'Retry-After': '120', 'Content-Type': 'application/json', 'Set-Cookie': 'x=1' } })));
    const answer = await relay(request());
    expect(answer.status).toBe(429);
    expect(text(answer.body)).toBe(body);
    expect(answer.headers['Retry-After']).toBe('120');
    expect(answer.headers['Content-Type']).toBe('application/json');
    expect(answer.headers['Set-Cookie']).toBeUndefined();
  });

  it('passes 401, 403 and 5xx through as Defender sent them', async () => {
    for (const status of [401, 403, 404, 500, 503]) {
      const body = `{"error":{"code":"E${status}","message":"m","target":"t"}}`;
      const { relay } = relayWith({}, defender(() => new Response(body, { status })));
      const answer = await relay(request());
      expect([answer.status, text(answer.body)]).toEqual([status, body]);
    }
  });

  it('gives up after its timeout with a 504 in Defender’s error shape', async () => {
    const { relay, log } = relayWith({ timeoutMs: 20 }, defender(() => new Promise<Response>(() => {})));
    const answer = await relay(request());
    expect(answer.status).toBe(504);
    expect(JSON.parse(text(answer.body))).toMatchObject({ error: { code: 'GatewayTimeout' } });
    expect(log[0]?.outcome).toBe('timeout');
  });

  it('refuses an answer over its size cap, declared or streamed', async () => {
    const declared = relayWith({ maxResponseBytes: 100 }, defender(() => new Response('{}', { headers: { 'Content-Length': '5000' } })));
    expect((await declared.relay(request())).status).toBe(502);

    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(64));
      },
    });
    const streamed = relayWith({ maxResponseBytes: 100 }, defender(() => new Response(stream)));
    const answer = await streamed.relay(request());
    expect(answer.status).toBe(502);
    expect(text(answer.body)).toContain('larger than 100 bytes');
  });

  it('says so when Defender cannot be reached', async () => {
    const { relay } = relayWith({}, defender(() => Promise.reject(new TypeError('fetch failed'))));
    const answer = await relay(request());
    expect(answer.status).toBe(502);
    expect(text(answer.body)).toContain('could not reach the Defender API');
  });
});
