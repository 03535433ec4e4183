import { describe, expect, it } from 'vitest';
import { createSwaRelayFunction, type FunctionRequest } from '../../relay/swa-function.mjs';

const TOKEN = 'user-token.from-msal.in-the-browser';
/** What Azure Static Web Apps puts in `Authorization` before a managed function sees the request. */
const PLATFORM_TOKEN = 'Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.c3dhLXBsYXRmb3Jt.c2ln';

function platformRequest(headers: Record<string, string>, path = 'api/configurationScore'): FunctionRequest {
  return { method: 'GET', headers: new Headers(headers), query: new URLSearchParams(), params: { path } };
}

function recordingFetch() {
  const sent: string[] = [];
  const fetchImpl: typeof fetch = async (_input, init) => {
    sent.push(new Headers(init?.headers).get('Authorization') ?? '');
    return new Response('{"time":"2024-01-01T00:00:00Z","score":340}', { headers: { 'Content-Type': 'application/json' } });
  };
  return { sent, fetchImpl };
}

const context = () => {
  const lines: string[] = [];
  return { lines, log: (...args: unknown[]) => lines.push(args.join(' ')), error: (...args: unknown[]) => lines.push(args.join(' ')) };
};

describe('the Static Web Apps function', () => {
  it('forwards the token from X-Scoreline-Authorization when the platform has replaced Authorization', async () => {
    const api = recordingFetch();
    const relay = createSwaRelayFunction({}, { fetchImpl: api.fetchImpl });
    const log = context();
    const answer = await relay(platformRequest({ Authorization: PLATFORM_TOKEN, 'X-Scoreline-Authorization': `Bearer ${TOKEN}` }), log);
    expect(answer.status).toBe(200);
    expect(api.sent).toEqual([`Bearer ${TOKEN}`]);
    expect(log.lines.join('\n')).not.toContain(TOKEN);
    expect(log.lines.join('\n')).toContain('/api/configurationScore → 200');
  });

  it('never forwards the platform’s Authorization as the user’s token', async () => {
    const api = recordingFetch();
    const relay = createSwaRelayFunction({}, { fetchImpl: api.fetchImpl });
    const answer = await relay(platformRequest({ Authorization: PLATFORM_TOKEN }), context());
    expect(answer.status).toBe(401);
    expect(api.sent).toEqual([]);
  });

  it('maps the path below /api/relay/ to the endpoint', async () => {
    const api = recordingFetch();
    const relay = createSwaRelayFunction({}, { fetchImpl: api.fetchImpl });
    expect((await relay(platformRequest({ 'X-Scoreline-Authorization': `Bearer ${TOKEN}` }, 'api/machines'), context())).status).toBe(404);
    expect(api.sent).toEqual([]);
  });

  it('answers every call with a plain refusal when its settings are wrong, and logs what to fix', async () => {
    const relay = createSwaRelayFunction({ SCORELINE_RELAY_CLOUD: 'mars' });
    const log = context();
    const answer = await relay(platformRequest({ 'X-Scoreline-Authorization': `Bearer ${TOKEN}` }), log);
    expect(answer.status).toBe(500);
    expect(log.lines.join('\n')).toContain('SCORELINE_RELAY_CLOUD must be one of');
  });
});
