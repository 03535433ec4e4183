import { openSecureScoreStore } from '../secure-score/indexeddb-secure-score';
import { readSecureScores } from '../secure-score/secure-score-client';
import type { SecureScoreStore } from '../secure-score/secure-score-store';
import type { AppState } from './app.svelte';
import type { Preferences } from './preferences';
import { secureScorePrefKey } from './secure-score-pref';
import { SecureScoreState, type SecureScoreChoices } from './secure-score.svelte';

function choicesOver(preferences: Preferences): SecureScoreChoices {
  return {
    enabled: async (tenantId) => (await preferences.number(secureScorePrefKey(tenantId))) === 1,
    setEnabled: (tenantId, on) => preferences.keep(secureScorePrefKey(tenantId), on ? 1 : 0),
    consentAskedAt: (tenantId) => preferences.number(`${secureScorePrefKey(tenantId)}:consentAskedAt`),
    setConsentAskedAt: (tenantId, at) => preferences.keep(`${secureScorePrefKey(tenantId)}:consentAskedAt`, at),
  };
}

/** Microsoft Secure Score wired to the app: its Graph token, Graph's address, its store and its choices. Loaded once a tenant turns it on. */
export function createSecureScore(app: AppState): SecureScoreState {
  let store: Promise<SecureScoreStore> | undefined;
  return new SecureScoreState({
    graphToken: (request) => app.session.graphToken(request),
    read: (tenantId, accessToken, days) => readSecureScores({ graphBaseUrl: app.config?.graphBaseUrl ?? '', accessToken, tenantId }, days),
    store: () => (store ??= openSecureScoreStore().catch((error: unknown) => ((store = undefined), Promise.reject(error)))),
    choices: choicesOver(app.preferences),
    takeRedirectFailure: () => {
      const failure = app.session.failure;
      if (!failure || !['consent-required', 'cancelled', 'sign-in-expired', 'unknown'].includes(failure.kind)) return undefined;
      app.session.dismissFailure();
      return failure;
    },
    now: () => Date.now(),
  });
}
