import { describe, expect, it } from 'vitest';
import { apiFailureNotice, authFailureNotice, storageNotice } from '../../src/lib/ui/notices';
import type { ApiFailure } from '../../src/lib/defender/api-failure';
import type { AuthFailureKind } from '../../src/lib/auth/auth-failure';
import type { StorageFailureKind } from '../../src/lib/history/history-store';

const NOW = 1_000_000;
const detail = { code: 'Forbidden', message: 'Missing application roles', target: 'corr-1' };

describe('apiFailureNotice', () => {
  // Each failure in the words a user reads: the title, then the body's phrases saying what happened and what to do.
  const guidance: { failure: ApiFailure; title: string; says: RegExp[] }[] = [
    { failure: { kind: 'offline' }, title: 'You are offline', says: [/stored history is shown/, /Refresh will work again as soon as this device is back online/] },
    {
      failure: { kind: 'unreachable', host: 'api.security.microsoft.com' },
      title: 'Could not reach api.security.microsoft.com',
      says: [/could not connect to the Defender API.*network problem or firewall.*\(CORS\)/s, /set its address as relayUrl in config\.json.*"If the browser cannot reach the API" and "Relay"/s],
    },
    {
      failure: { kind: 'timeout', host: 'api.security.microsoft.com', afterMs: 20_000 },
      title: 'The Defender API did not answer in time',
      says: [/No answer came from api\.security\.microsoft\.com within 20 seconds\. Nothing was stored\./, /Try again in a moment/],
    },
    {
      failure: { kind: 'unauthorized', detail },
      title: 'Your sign-in was not accepted',
      says: [/refused the sign-in even after a fresh token/, /Sign in again.*Defender for Endpoint licence/s],
    },
    {
      failure: { kind: 'forbidden', detail },
      title: 'Access to the score is not allowed',
      says: [/The account or the app lacks permission/, /grant the delegated permission "Score\.Read".*admin consent.*Defender portal/s],
    },
    {
      failure: { kind: 'not-found', detail: undefined },
      title: 'The score was not found at this address',
      says: [/answered "not found"/, /Check the region in Settings, or apiBaseUrl in config\.json/],
    },
    {
      failure: { kind: 'throttled', retryAt: NOW + 75_000, detail: undefined },
      title: 'Too many requests',
      says: [/asked us to wait/, /next try is allowed in 1 min 15 s; Scoreline will not call it before then/],
    },
    {
      failure: { kind: 'server', status: 503, detail: undefined },
      title: 'The Defender API had a problem',
      says: [/server error \(HTTP 503\) several times\. Nothing was stored\./, /Try again later/],
    },
    {
      failure: { kind: 'http', status: 400, detail: undefined },
      title: 'The Defender API refused the request (HTTP 400)',
      says: [/Nothing was stored/, /Try again; if it persists, quote the details below to your administrator/],
    },
    {
      failure: { kind: 'unexpected' },
      title: 'Something went wrong while reading the score',
      says: [/unexpected problem\. Nothing was stored and your history is unchanged/, /Try again, or reload the page/],
    },
    {
      failure: { kind: 'invalid-response', reason: 'The answer is not valid JSON.' },
      title: 'The answer could not be read',
      says: [/^The answer is not valid JSON\./, /Nothing was stored, so your history is unchanged/],
    },
  ];

  it.each(guidance)('says what happened and what to do for $failure.kind', ({ failure, title, says }) => {
    const notice = apiFailureNotice(failure, NOW);
    expect(notice.title).toBe(title);
    for (const phrase of says) expect(notice.body).toMatch(phrase);
  });

  it('offers a retry where trying again can help, and sign-in where the sign-in failed', () => {
    const actions = Object.fromEntries(guidance.map(({ failure }) => [failure.kind, apiFailureNotice(failure, NOW).action]));
    expect(actions).toEqual({
      offline: undefined,
      unreachable: 'retry',
      timeout: 'retry',
      unauthorized: 'sign-in',
      forbidden: undefined,
      'not-found': undefined,
      throttled: undefined,
      server: 'retry',
      http: 'retry',
      unexpected: 'retry',
      'invalid-response': 'retry',
    });
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
    expect(notice.body).toMatch(/CORS.*relayUrl/s);
  });
});

describe('authFailureNotice', () => {
  const guidance: { kind: AuthFailureKind; title: string; says: RegExp[] }[] = [
    { kind: 'cancelled', title: 'Sign-in was cancelled', says: [/Nothing changed/, /Sign in when you are ready/] },
    { kind: 'interaction-in-progress', title: 'A sign-in is already under way', says: [/Finish it in the other tab or window, or reload this page to start again/] },
    { kind: 'consent-required', title: 'An administrator must approve Scoreline', says: [/has not yet consented/, /Send the link below to a Global or Privileged Role Administrator/] },
    {
      kind: 'wrong-tenant',
      title: 'This account cannot use this app registration',
      says: [/belongs to a different organisation/, /Sign in with an account of the configured tenant/],
    },
    { kind: 'sign-in-expired', title: 'Your sign-in has expired', says: [/last at most a day/, /Sign in again to take a new reading; your history stays here/] },
    { kind: 'window-blocked', title: 'The sign-in window was blocked', says: [/stopped the sign-in page from opening or returning/, /Allow pop-ups and redirects for this site, then try again/] },
    { kind: 'network', title: 'Could not reach the sign-in service', says: [/Check your connection, then try again/, /stored history is still shown/] },
    { kind: 'unknown', title: 'Sign-in did not work', says: [/Try again/, /quote the code below to your administrator/] },
  ];

  it.each(guidance)('says what happened and what to do for $kind, and quotes the AADSTS code', ({ kind, title, says }) => {
    const notice = authFailureNotice({ kind, errorCode: 'invalid_grant', aadsts: 'AADSTS700084' }, 'https://login.example/consent');
    expect(notice.title).toBe(title);
    for (const phrase of says) expect(notice.body).toMatch(phrase);
    expect(notice.facts).toContainEqual({ label: 'Entra ID error', value: 'AADSTS700084' });
  });

  it('quotes the error code when there is no AADSTS code', () => {
    expect(authFailureNotice({ kind: 'network', errorCode: 'network_error', aadsts: undefined }, undefined).facts).toEqual([{ label: 'Error code', value: 'network_error' }]);
  });

  it('gives the admin-consent link when consent is missing', () => {
    const notice = authFailureNotice({ kind: 'consent-required', errorCode: 'consent_required', aadsts: 'AADSTS65001' }, 'https://login.example/consent');
    expect(notice.link).toEqual({ href: 'https://login.example/consent', text: 'Admin consent link' });
  });
});

describe('storageNotice', () => {
  const guidance: { kind: StorageFailureKind; title: string; says: RegExp[] }[] = [
    {
      kind: 'unavailable',
      title: 'Readings will not be kept',
      says: [/does not allow Scoreline to store data \(private browsing or disabled storage\)/, /Readings stay for this session only and are lost when you close the tab/],
    },
    {
      kind: 'quota',
      title: 'Storage is full',
      says: [/could not be saved because the browser storage for this site is full/, /Your existing history is intact; free some space or export and remove old history/],
    },
    {
      kind: 'blocked',
      title: 'Another Scoreline tab is in the way',
      says: [/An older version of Scoreline is open in another tab/, /Close or reload the other tabs, then reload this one/],
    },
    { kind: 'closed', title: 'Scoreline was updated in another tab', says: [/A newer version of Scoreline is open in another tab/, /Reload this tab to keep using it/] },
    { kind: 'unknown', title: 'Storage failed', says: [/could not read or write the history/, /Reload the page; your stored readings are not changed/] },
  ];

  it.each(guidance)('says what happened and what to do for $kind', ({ kind, title, says }) => {
    const notice = storageNotice(kind);
    expect(notice.title).toBe(title);
    for (const phrase of says) expect(notice.body).toMatch(phrase);
  });
});
