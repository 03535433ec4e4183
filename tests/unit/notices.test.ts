import { describe, expect, it } from 'vitest';
import { apiFailureNotice, authFailureNotice, storageNotice } from '../../src/lib/ui/notices';
import type { ApiFailure } from '../../src/lib/defender/api-failure';
import type { AuthFailureKind } from '../../src/lib/auth/auth-failure';

const NOW = 1_000_000;
const detail = { code: 'Forbidden', message: 'Missing application roles', target: 'corr-1' };

describe('apiFailureNotice', () => {
  const failures: ApiFailure[] = [
    { kind: 'offline' },
    { kind: 'unreachable', host: 'api.security.microsoft.com' },
    { kind: 'timeout', host: 'api.security.microsoft.com', afterMs: 20_000 },
    { kind: 'unauthorized', detail },
    { kind: 'forbidden', detail },
    { kind: 'not-found', detail: undefined },
    { kind: 'throttled', retryAt: NOW + 75_000, detail: undefined },
    { kind: 'server', status: 503, detail: undefined },
    { kind: 'http', status: 400, detail: undefined },
    { kind: 'invalid-response', reason: 'The answer is not valid JSON.' },
  ];

  it.each(failures)('names $kind with a title and what to do', (failure) => {
    const notice = apiFailureNotice(failure, NOW);
    expect(notice.title.length).toBeGreaterThan(5);
    expect(notice.body.length).toBeGreaterThan(20);
  });

  it('quotes the error code and the correlation id for a 403', () => {
    expect(apiFailureNotice({ kind: 'forbidden', detail }, NOW).facts).toEqual([
      { label: 'Error code', value: 'Forbidden' },
      { label: 'Message', value: 'Missing application roles' },
      { label: 'Correlation id', value: 'corr-1' },
    ]);
  });

  it('counts down to the time the API allows', () => {
    expect(apiFailureNotice({ kind: 'throttled', retryAt: NOW + 75_000, detail: undefined }, NOW).body).toContain('1 min 15 s');
  });

  it('names the unreachable host and the way out', () => {
    const notice = apiFailureNotice({ kind: 'unreachable', host: 'eu.api.security.microsoft.com' }, NOW);
    expect(notice.title).toBe('Could not reach eu.api.security.microsoft.com');
    expect(notice.body).toMatch(/CORS.*apiBaseUrl/s);
  });
});

describe('authFailureNotice', () => {
  const kinds: AuthFailureKind[] = ['cancelled', 'interaction-in-progress', 'consent-required', 'wrong-tenant', 'sign-in-expired', 'window-blocked', 'network', 'unknown'];

  it.each(kinds)('names %s, with the AADSTS code when there is one', (kind) => {
    const notice = authFailureNotice({ kind, errorCode: 'invalid_grant', aadsts: 'AADSTS700084' }, 'https://login.example/consent');
    expect(notice.title.length).toBeGreaterThan(5);
    expect(notice.facts).toContainEqual({ label: 'Entra ID error', value: 'AADSTS700084' });
  });

  it('gives the admin-consent link when consent is missing', () => {
    const notice = authFailureNotice({ kind: 'consent-required', errorCode: 'consent_required', aadsts: 'AADSTS65001' }, 'https://login.example/consent');
    expect(notice.link).toEqual({ href: 'https://login.example/consent', text: 'Admin consent link' });
  });
});

describe('storageNotice', () => {
  it('says plainly when readings will not be kept', () => {
    expect(storageNotice('unavailable').body).toContain('session only');
    expect(storageNotice('quota').body).toContain('existing history is intact');
  });
});
