import { untrack } from 'svelte';
import { app } from './browser-app';
import { APP_FOLDER_PERMISSION, HistorySyncState, SYNC_INTERVAL_MS } from './history-sync.svelte';

let state: HistorySyncState | undefined;

/** After a change, a sync waits this long, so a burst of changes (an import, a refresh's parts) is one sync. */
const SETTLE_MS = 2000;

/**
 * The history sync, wired to the browser: the app's store and session, Web Locks, timers and the online event.
 * One per page; it reads its choice once signed in, and syncs after every change of the history while on.
 */
export function historySyncInBrowser(): HistorySyncState {
  state ??= createInBrowser();
  return state;
}

function createInBrowser(): HistorySyncState {
  const { history, session } = app;
  const created = new HistorySyncState({
    store: () => history.store,
    now: Date.now,
    signedInTenant: () => (session.status === 'signed-in' ? session.account?.tenantId : undefined),
    graphOrigin: () => app.config?.graphBaseUrl,
    graphToken: async (tenantId, interactive) => {
      const token = await session.graphToken({ tenantId, permissions: [APP_FOLDER_PERMISSION], interactive });
      return token.ok ? token : { ok: false };
    },
    isOnline: () => navigator.onLine,
    underLock: async (run) => {
      if (!navigator.locks) return run();
      await navigator.locks.request('scoreline-history-sync', run);
    },
    loadRun: () => import('../sync/history-sync-run'),
    joined: (tenantIds) => history.joinedFromElsewhere(tenantIds),
  });
  let loaded = false;
  let settle: ReturnType<typeof setTimeout> | undefined;
  const syncSoon = () => {
    clearTimeout(settle);
    settle = setTimeout(() => void created.sync(), SETTLE_MS);
  };
  $effect.root(() => {
    $effect(() => {
      if (session.status !== 'signed-in' || loaded) return;
      loaded = true;
      untrack(() => void created.load());
    });
    // Throttled: try again once OneDrive's Retry-After has passed.
    $effect(() => {
      const failure = created.failure;
      if (failure?.kind !== 'throttled') return;
      const timer = setTimeout(() => void created.sync(), Math.max(0, failure.retryAt - Date.now()));
      return () => clearTimeout(timer);
    });
    $effect(() => {
      void history.changes;
      untrack(() => {
        if (created.on) syncSoon();
      });
    });
  });
  setInterval(() => void created.sync(), SYNC_INTERVAL_MS);
  window.addEventListener('online', () => void created.sync());
  return created;
}
