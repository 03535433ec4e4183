import { afterEach, describe, expect, it } from 'vitest';
import { startRelayServer, type RunningRelay } from '../../relay/server.mjs';

let running: RunningRelay | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('the standalone relay server', () => {
  it('serves the handler over HTTP below its base path, with Retry-After readable', async () => {
    const seen: string[] = [];
    running = await startRelayServer({
      port: 0,
      basePath: '/relay',
      settings: { cloud: 'commercial', allowedOrigins: ['https://scoreline.example'], defenderOrigin: undefined, acceptAuthorizationHeader: true, timeoutMs: 1000, maxResponseBytes: 1000 },
      fetchImpl: async (input, init) => {
        seen.push(`${String(input)} ${new Headers(init?.headers).get('Authorization')}`);
        return new Response('{"error":{"code":"TooManyRequests","message":"m"}}', { status: 429, headers: { 'Retry-After': '30' } });
      },
    });
    const answer = await fetch(`${running.url}/relay/api/configurationScore`, { headers: { Authorization: 'Bearer abc', Origin: 'https://scoreline.example' } });
    expect(answer.status).toBe(429);
    expect(answer.headers.get('Retry-After')).toBe('30');
    expect(answer.headers.get('Access-Control-Allow-Origin')).toBe('https://scoreline.example');
    expect(seen).toEqual(['https://api.security.microsoft.com/api/configurationScore Bearer abc']);

    expect((await fetch(`${running.url}/api/configurationScore`, { headers: { Authorization: 'Bearer abc' } })).status).toBe(404);
  });
});
