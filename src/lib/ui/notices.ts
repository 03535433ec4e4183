import type { ApiErrorDetail, ApiFailure } from '../defender/api-failure';
import type { AuthFailure } from '../auth/auth-failure';
import type { StorageFailureKind } from '../history/history-store';
import type { NoticeAction } from '../state/app.svelte';
import { formatCountdown } from './format';

export type { NoticeAction };

/** A failure said in plain words: what happened, what to do next, and the facts to quote. */
export interface Notice {
  tone: 'error' | 'warning' | 'info';
  title: string;
  body: string;
  facts: { label: string; value: string }[];
  action: NoticeAction | undefined;
  link: { href: string; text: string } | undefined;
}

function notice(partial: Partial<Notice> & Pick<Notice, 'title' | 'body'>): Notice {
  return { tone: 'error', facts: [], action: undefined, link: undefined, ...partial };
}

function detailFacts(detail: ApiErrorDetail | undefined): Notice['facts'] {
  if (!detail) return [];
  const facts = [{ label: 'Error code', value: detail.code }];
  if (detail.message) facts.push({ label: 'Message', value: detail.message });
  if (detail.target) facts.push({ label: 'Correlation id', value: detail.target });
  return facts;
}

export function apiFailureNotice(failure: ApiFailure, now: number): Notice {
  switch (failure.kind) {
    case 'offline':
      return notice({
        tone: 'warning',
        title: 'You are offline',
        body: 'Your stored history is shown. Refresh will work again as soon as this device is back online.',
      });
    case 'unreachable':
      return notice({
        title: `Could not reach ${failure.host}`,
        body:
          'The browser could not connect to the Defender API. A network problem or firewall may be in the way, or the browser ' +
          'blocked the call because the API did not allow it from this page (CORS). If your organisation runs a relay, set its ' +
          'address as relayUrl in config.json. The README sections "If the browser cannot reach the API" and "Relay" explain both.',
        facts: [{ label: 'Host', value: failure.host }],
        action: 'retry',
      });
    case 'timeout':
      return notice({
        title: 'The Defender API did not answer in time',
        body: `No answer came from ${failure.host} within ${Math.round(failure.afterMs / 1000)} seconds. Nothing was stored. Try again in a moment.`,
        action: 'retry',
      });
    case 'unauthorized':
      return notice({
        title: 'Your sign-in was not accepted',
        body: 'The Defender API refused the sign-in even after a fresh token. Sign in again; if it keeps happening, check that your tenant has a Defender for Endpoint licence.',
        facts: detailFacts(failure.detail),
        action: 'sign-in',
      });
    case 'forbidden':
      return notice({
        title: 'Access to the score is not allowed',
        body:
          'The account or the app lacks permission. An administrator must grant the delegated permission "Score.Read" ' +
          '(WindowsDefenderATP) with admin consent, and your account needs access to Microsoft Defender Vulnerability Management data in the Defender portal.',
        facts: detailFacts(failure.detail),
      });
    case 'not-found':
      return notice({
        title: 'The score was not found at this address',
        body: 'The API answered "not found". Check the region in Settings, or apiBaseUrl in config.json.',
        facts: detailFacts(failure.detail),
      });
    case 'throttled':
      return notice({
        tone: 'warning',
        title: 'Too many requests',
        body: `The Defender API asked us to wait. The next try is allowed in ${formatCountdown(failure.retryAt - now)}; Scoreline will not call it before then.`,
        facts: detailFacts(failure.detail),
      });
    case 'server':
      return notice({
        title: 'The Defender API had a problem',
        body: `It answered with a server error (HTTP ${failure.status}) several times. Nothing was stored. Try again later.`,
        facts: detailFacts(failure.detail),
        action: 'retry',
      });
    case 'http':
      return notice({
        title: `The Defender API refused the request (HTTP ${failure.status})`,
        body: 'Nothing was stored. Try again; if it persists, quote the details below to your administrator.',
        facts: detailFacts(failure.detail),
        action: 'retry',
      });
    case 'unexpected':
      return notice({
        title: 'Something went wrong while reading the score',
        body: 'Scoreline hit an unexpected problem. Nothing was stored and your history is unchanged. Try again, or reload the page.',
        action: 'retry',
      });
    case 'invalid-response':
      return notice({
        title: 'The answer could not be read',
        body: `${failure.reason} Nothing was stored, so your history is unchanged.`,
        action: 'retry',
      });
  }
}

export function authFailureNotice(failure: AuthFailure, adminConsentUrl: string | undefined): Notice {
  const facts = failure.aadsts ? [{ label: 'Entra ID error', value: failure.aadsts }] : [{ label: 'Error code', value: failure.errorCode }];
  switch (failure.kind) {
    case 'cancelled':
      return notice({ tone: 'info', title: 'Sign-in was cancelled', body: 'Nothing changed. Sign in when you are ready.', facts, action: 'sign-in' });
    case 'interaction-in-progress':
      return notice({
        tone: 'warning',
        title: 'A sign-in is already under way',
        body: 'Finish it in the other tab or window, or reload this page to start again.',
        facts,
        action: 'reload',
      });
    case 'consent-required':
      return notice({
        title: 'An administrator must approve Scoreline',
        body: 'Your organisation has not yet consented to let Scoreline read the device secure score. Send the link below to a Global or Privileged Role Administrator.',
        facts,
        link: adminConsentUrl ? { href: adminConsentUrl, text: 'Admin consent link' } : undefined,
      });
    case 'wrong-tenant':
      return notice({
        title: 'This account cannot use this app registration',
        body: 'The account belongs to a different organisation than the one Scoreline is set up for, or has no access to this tenant. Sign in with an account of the configured tenant; for a customer tenant, its administrator must give your account access (a GDAP relationship or a guest account). Your stored history stays.',
        facts,
        action: 'sign-in',
      });
    case 'sign-in-expired':
      return notice({
        tone: 'warning',
        title: 'Your sign-in has expired',
        body: 'For your security, sign-ins from the browser last at most a day. Sign in again to take a new reading; your history stays here.',
        facts,
        action: 'sign-in',
      });
    case 'window-blocked':
      return notice({
        title: 'The sign-in window was blocked',
        body: 'The browser stopped the sign-in page from opening or returning. Allow pop-ups and redirects for this site, then try again.',
        facts,
        action: 'sign-in',
      });
    case 'network':
      return notice({
        title: 'Could not reach the sign-in service',
        body: 'Check your connection, then try again. Your stored history is still shown.',
        facts,
        action: 'sign-in',
      });
    case 'unknown':
      return notice({ title: 'Sign-in did not work', body: 'Try again. If it keeps failing, quote the code below to your administrator.', facts, action: 'sign-in' });
  }
}

export function storageNotice(kind: StorageFailureKind): Notice {
  switch (kind) {
    case 'unavailable':
      return notice({
        tone: 'warning',
        title: 'Readings will not be kept',
        body: 'This browser does not allow Scoreline to store data (private browsing or disabled storage). Readings stay for this session only and are lost when you close the tab.',
      });
    case 'quota':
      return notice({
        title: 'Storage is full',
        body: 'The new reading could not be saved because the browser storage for this site is full. Your existing history is intact; free some space or export and remove old history.',
      });
    case 'blocked':
      return notice({
        tone: 'warning',
        title: 'Another Scoreline tab is in the way',
        body: 'An older version of Scoreline is open in another tab and keeps this one from updating its storage. Close or reload the other tabs, then reload this one. Until then, new readings are kept in this tab only.',
        action: 'reload',
      });
    case 'closed':
      return notice({
        tone: 'warning',
        title: 'Scoreline was updated in another tab',
        body: 'A newer version of Scoreline is open in another tab, so this tab has let go of the stored history. Reload this tab to keep using it.',
        action: 'reload',
      });
    case 'unknown':
      return notice({ title: 'Storage failed', body: 'The browser could not read or write the history. Reload the page; your stored readings are not changed.', action: 'reload' });
  }
}
