import type { AuthFailure } from '../auth/auth-failure';
import type { StorageFailureKind } from '../history/history-store';
import type { RefreshProblem } from '../state/score.svelte';

/** What the notices are chosen from, as the state holds it. */
export interface NoticeFacts {
  /** A newer version of the app opened the database in another tab. */
  otherTabConflict: boolean;
  storageProblem: StorageFailureKind | undefined;
  /** The last refresh problem, whichever tenant it belongs to. */
  refreshProblem: RefreshProblem | undefined;
  tenantOnScreen: string | undefined;
  /** A sign-in failure that belongs to no refresh (a redirect that came back with an error). */
  sessionFailure: AuthFailure | undefined;
  adminConsentUrl: string | undefined;
  now: number;
}

/** What a notice is about, before it is put in words (the words load only when there is one). */
export type NoticeSource =
  | { slot: 'storage'; kind: StorageFailureKind }
  | { slot: 'refresh'; problem: RefreshProblem }
  | { slot: 'sign-in'; failure: AuthFailure };

/**
 * The notices to show, most fundamental first: storage, then the refresh of the tenant on screen, else
 * a sign-in failure. A refresh problem belongs to its tenant and shows only while that tenant is on screen.
 */
export function noticeSources(facts: NoticeFacts): NoticeSource[] {
  const sources: NoticeSource[] = [];
  if (facts.otherTabConflict) sources.push({ slot: 'storage', kind: 'closed' });
  else if (facts.storageProblem) sources.push({ slot: 'storage', kind: facts.storageProblem });

  const refreshProblem = facts.refreshProblem?.tenantId === facts.tenantOnScreen ? facts.refreshProblem : undefined;
  if (refreshProblem) sources.push({ slot: 'refresh', problem: refreshProblem });
  else if (facts.sessionFailure) sources.push({ slot: 'sign-in', failure: facts.sessionFailure });
  return sources;
}
