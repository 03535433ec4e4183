import { redirectBridgeUrl } from '../auth/app-urls';
import { downloadBlob } from '../util/download';
import { afterNextPaint } from '../util/after-paint';
import { AppState } from './app.svelte';
import { HistoryState } from './history.svelte';
import { SessionState } from './session.svelte';
import { PREF, Preferences } from './preferences';
import { runAloneAcrossTabs } from './tab-lock';
import { openHistoryChannel } from './history-channel';
import { openIndexedDbStore } from '../history/indexeddb-store';
import { AppUpdateState } from './app-update.svelte';

/** The app as the browser runs it: every state wired to the real services. */
let secureScoreOpening: Promise<import('../secure-score/secure-score-store').SecureScoreStore> | undefined;

/** Microsoft Secure Score's store, for export and import: its code and connection only once they need it. */
function secureScoreStore() {
  secureScoreOpening ??= import('../secure-score/indexeddb-secure-score').then((m) => m.openSecureScoreStore());
  return secureScoreOpening.catch((error: unknown) => ((secureScoreOpening = undefined), Promise.reject(error)));
}

function createBrowserApp(): AppState {
  const history = new HistoryState({
    openStore: (events) => openIndexedDbStore(events),
    openChannel: openHistoryChannel,
    protectStorage: askBrowserToProtectStorage,
    now: Date.now,
  });
  const preferences = new Preferences(() => history.store);
  const session = new SessionState({
    startAuth: async (config, loginHint) => (await import('../auth/msal-auth')).startAuth(config, loginHint),
    loginHint: { load: () => preferences.text(PREF.loginHint), save: (hint) => preferences.keep(PREF.loginHint, hint) },
    notSignedIn: { load: () => preferences.tenantIds(PREF.notSignedIn), save: (tenantIds) => preferences.keep(PREF.notSignedIn, tenantIds.join(' ') || undefined) },
  });
  const app = new AppState({
    history,
    session,
    loadTransfer: async (onOthersAdded) =>
      new (await import('./data-transfer.svelte')).DataTransferState(history, {
        save: downloadBlob,
        now: Date.now,
        onOthersAdded,
        // Microsoft Secure Score has its own store, opened only when an export or import needs it.
        secureScoreRecords: async () => (await secureScoreStore()).everything(),
        keepSecureScore: async (days, changes) => (await secureScoreStore()).addRecords(days, changes),
        storedSecureScore: async (tenantIds) => {
          const store = await secureScoreStore();
          const kept = await Promise.all(tenantIds.map(async (tenantId) => ({ days: await store.days(tenantId), changes: await store.controlChanges(tenantId) })));
          return { days: kept.flatMap((k) => k.days), changes: kept.flatMap((k) => k.changes) };
        },
      }),
    update: new AppUpdateState(),
    preferences,
    // Fetched beside the stored history, which never waits for it: its validation is not in the first script.
    loadConfig: async () => (await import('../config/load-config')).loadConfig(),
    // The calls and their validation come with the first refresh, not with the stored history.
    fetchScore: async (call) => (await import('../defender/defender-client')).getConfigurationScore(call),
    fetchExposure: async (call) => (await import('../defender/exposure-client')).getExposureScore(call),
    fetchGroups: async (call) => (await import('../defender/exposure-client')).getExposureByMachineGroups(call),
    fetchRecommendations: async (call) => (await import('../defender/recommendations-client')).getRecommendations(call),
    afterPaint: afterNextPaint,
    redirectUri: () => redirectBridgeUrl(),
    reloadPage: () => location.reload(),
    now: Date.now,
    exclusive: runAloneAcrossTabs,
    isOnline: () => navigator.onLine,
  });
  window.addEventListener('pageshow', (event) => event.persisted && void session.resume());
  window.addEventListener('online', () => app.setOnline(true));
  window.addEventListener('offline', () => app.setOnline(false));
  return app;
}

export const app = createBrowserApp();

/** Microsoft keeps no history of this score: ask the browser not to evict ours under storage pressure. */
async function askBrowserToProtectStorage(): Promise<boolean | undefined> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.persist) return undefined;
  try {
    return (await storage.persisted()) || (await storage.persist());
  } catch {
    return false;
  }
}
