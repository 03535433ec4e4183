import { describe, expect, it } from 'vitest';
import { readRelaySettings } from '../../relay/settings.mjs';

describe('readRelaySettings', () => {
  it('defaults to the commercial cloud, no other origins and bounded time and size', () => {
    expect(readRelaySettings({}, { acceptAuthorizationHeader: true })).toEqual({
      ok: true,
      settings: { cloud: 'commercial', allowedOrigins: [], defenderOrigin: undefined, acceptAuthorizationHeader: true, timeoutMs: 15_000, maxResponseBytes: 16_000_000 },
    });
  });

  it('reads cloud, origins, timeout and cap', () => {
    const read = readRelaySettings(
      {
        SCORELINE_RELAY_CLOUD: 'gcc',
        SCORELINE_RELAY_ALLOWED_ORIGINS: 'https://a.example http://localhost:4173',
        SCORELINE_RELAY_TIMEOUT_MS: '5000',
        SCORELINE_RELAY_MAX_RESPONSE_BYTES: '2048',
      },
      { acceptAuthorizationHeader: false },
    );
    expect(read).toMatchObject({ ok: true, settings: { cloud: 'gcc', allowedOrigins: ['https://a.example', 'http://localhost:4173'], timeoutMs: 5000, maxResponseBytes: 2048 } });
  });

  it('names every wrong value', () => {
    const read = readRelaySettings(
      {
        SCORELINE_RELAY_CLOUD: 'mars',
        SCORELINE_RELAY_ALLOWED_ORIGINS: 'http://scoreline.example https://a.example/path',
        SCORELINE_RELAY_DEFENDER_ORIGIN: 'http://defender.example',
        SCORELINE_RELAY_TIMEOUT_MS: 'soon',
      },
      { acceptAuthorizationHeader: true },
    );
    expect(read.ok).toBe(false);
    const problems = read.ok ? [] : read.problems;
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/SCORELINE_RELAY_CLOUD.*"mars"/);
    expect(problems.join('\n')).toContain('"http://scoreline.example" is not an origin');
    expect(problems.join('\n')).toContain('SCORELINE_RELAY_DEFENDER_ORIGIN must be an https origin');
  });
});
