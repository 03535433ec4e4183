import { untrack } from 'svelte';
import { app } from './browser-app';
import { WatchFeature, type WatchEnvironment } from './watch-feature.svelte';
import { openWatchChannel } from './watch-channel';
import { alertInAddress, browserNotifications, OPEN_ALERT_MESSAGE } from './browser-notifications';
import { watchTestInterval } from './watch-test-interval';
import { BUILD_ORIGINS } from '../config/baked-origins';

let feature: WatchFeature | undefined;

/**
 * Watching, wired to the browser: real timers and clock, Web Locks, a BroadcastChannel, the service
 * worker's notifications, and the page's events (waking, shown again, online). One per page.
 */
export function watchFeatureInBrowser(describe: WatchEnvironment['describe']): WatchFeature {
  feature ??= createInBrowser(describe);
  return feature;
}

function createInBrowser(describe: WatchEnvironment['describe']): WatchFeature {
  const created = new WatchFeature(app, {
    now: Date.now,
    setTimer: (run, ms) => {
      const timer = setTimeout(run, ms);
      return () => clearTimeout(timer);
    },
    isOnline: () => navigator.onLine,
    isHidden: () => document.visibilityState === 'hidden',
    underLock: async (name, run) => {
      if (!navigator.locks) return run();
      await navigator.locks.request(name, run);
    },
    channel: openWatchChannel(),
    notifications: browserNotifications,
    testInterval: watchTestInterval(globalThis.localStorage, BUILD_ORIGINS),
    appUrl: () => new URL('./', location.href).href,
    newId: () => crypto.randomUUID(),
    describe,
  });
  const { history, session, score } = app;
  $effect.root(() => {
    $effect(() => {
      const tenantId = history.tenantId;
      untrack(() => void created.showTenant(tenantId));
    });
    // A new reading (this tab's or another's): the goal's progress and the next check follow.
    $effect(() => {
      void history.latest;
      untrack(() => {
        void created.goal.reload();
        void created.watch.reconsider();
      });
    });
    // A sign-in, a switch of account, a tenant added or forgotten, or a Retry-After from a click: decide again.
    $effect(() => {
      void score.throttledUntil(session.account?.tenantId);
      void session.status;
      void session.accounts;
      untrack(() => void created.watch.reconsider());
    });
    // A refresh of the tenant on screen that failed (a click's, or the one on load): the overview says why, even after a reload.
    $effect(() => {
      const problem = score.problem;
      untrack(() => void created.noteProblem(problem));
    });
    $effect(() => {
      const waiting = created.alerts.waiting.length;
      untrack(() => void created.notifications.setBadge(waiting));
    });
  });
  const reconsider = () => void created.watch.reconsider();
  window.addEventListener('online', reconsider);
  window.addEventListener('offline', reconsider);
  window.addEventListener('pageshow', reconsider);
  window.addEventListener('focus', reconsider);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible') return;
    created.notifications.refreshPermission();
    reconsider();
  });
  navigator.serviceWorker?.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data as Record<string, unknown> | null;
    if (typeof data === 'object' && data !== null && data.type === OPEN_ALERT_MESSAGE) void created.openAlert(data);
  });
  return created;
}

/** Starts watching once the session has started; then opens the alert the page's address names (a notification's click), if any. */
export async function startWatchingInBrowser(describe: WatchEnvironment['describe']): Promise<void> {
  const started = watchFeatureInBrowser(describe);
  await started.start();
  const asked = alertInAddress(location.href);
  if (!asked) return;
  // The address served its purpose: a reload shows the app, not the alert again.
  window.history.replaceState(window.history.state, '', asked.withoutIt);
  await started.openAlert(asked.target);
}
