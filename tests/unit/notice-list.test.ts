import { describe, expect, it } from 'vitest';
import { noticesToShow, type NoticeFacts } from '../../src/lib/ui/notice-list';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const CONSENT = 'https://login.example/organizations/v2.0/adminconsent?client_id=x';

const calm: NoticeFacts = {
  otherTabConflict: false,
  storageProblem: undefined,
  refreshProblem: undefined,
  tenantOnScreen: A,
  sessionFailure: undefined,
  adminConsentUrl: CONSENT,
  now: 1_000_000,
};

const titles = (facts: Partial<NoticeFacts>) => noticesToShow({ ...calm, ...facts }).map((shown) => `${shown.slot}: ${shown.notice.title}`);

describe('noticesToShow', () => {
  it('shows nothing when nothing is wrong', () => {
    expect(noticesToShow(calm)).toEqual([]);
  });

  it('puts storage first, and a newer version in another tab before any other storage problem', () => {
    expect(titles({ storageProblem: 'quota', refreshProblem: { tenantId: A, source: 'api', failure: { kind: 'offline' } } })).toEqual([
      'storage: Storage is full',
      'refresh: You are offline',
    ]);
    expect(titles({ storageProblem: 'quota', otherTabConflict: true })).toEqual(['storage: Scoreline was updated in another tab']);
  });

  it('shows a refresh problem only while its tenant is on screen', () => {
    const refreshProblem = { tenantId: B, source: 'api', failure: { kind: 'server', status: 503, detail: undefined } } as const;
    expect(titles({ refreshProblem })).toEqual([]);
    expect(titles({ refreshProblem, tenantOnScreen: B })).toEqual(['refresh: The Defender API had a problem']);
  });

  it('a refresh’s sign-in problem wins over a sign-in failure from the redirect, with the consent link', () => {
    const shown = noticesToShow({
      ...calm,
      refreshProblem: { tenantId: A, source: 'auth', failure: { kind: 'consent-required', errorCode: 'consent_required', aadsts: 'AADSTS65001' } },
      sessionFailure: { kind: 'cancelled', errorCode: 'user_cancelled', aadsts: undefined },
    });
    expect(shown.map((s) => s.slot)).toEqual(['refresh']);
    expect(shown[0]?.notice.link?.href).toBe(CONSENT);
  });

  it('shows a sign-in failure from the redirect when no refresh problem is on screen', () => {
    expect(titles({ sessionFailure: { kind: 'cancelled', errorCode: 'user_cancelled', aadsts: undefined } })).toEqual(['sign-in: Sign-in was cancelled']);
  });
});
