import type { AuthFailure } from '../auth/auth-failure';
import type { StorageFailureKind } from '../history/history-store';
import type { RefreshProblem } from '../state/score.svelte';
import type { DismissibleNotice } from '../state/app.svelte';
import { apiFailureNotice, authFailureNotice, storageNotice, type Notice } from './notices';

export interface ShownNotice {
  /** Where it comes from; each place shows at most one notice. */
  slot: 'storage' | DismissibleNotice;
  notice: Notice;
}

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

/**
 * The notices to show, most fundamental first: storage, then the refresh of the tenant on screen, else
 * a sign-in failure. A refresh problem belongs to its tenant and shows only while that tenant is on screen.
 */
export function noticesToShow(facts: NoticeFacts): ShownNotice[] {
  const shown: ShownNotice[] = [];
  if (facts.otherTabConflict) shown.push({ slot: 'storage', notice: storageNotice('closed') });
  else if (facts.storageProblem) shown.push({ slot: 'storage', notice: storageNotice(facts.storageProblem) });

  const refreshProblem = facts.refreshProblem?.tenantId === facts.tenantOnScreen ? facts.refreshProblem : undefined;
  if (refreshProblem?.source === 'api') {
    shown.push({ slot: 'refresh', notice: apiFailureNotice(refreshProblem.failure, facts.now) });
  } else if (refreshProblem?.source === 'auth') {
    shown.push({ slot: 'refresh', notice: authFailureNotice(refreshProblem.failure, facts.adminConsentUrl) });
  } else if (facts.sessionFailure) {
    shown.push({ slot: 'sign-in', notice: authFailureNotice(facts.sessionFailure, facts.adminConsentUrl) });
  }
  return shown;
}
