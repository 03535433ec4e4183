import { describe, expect, it } from 'vitest';
import { AppState } from '../../src/lib/state/app.svelte';
import { HistoryState } from '../../src/lib/state/history.svelte';
import { SessionState, type AuthClient } from '../../src/lib/state/session.svelte';
import { DataTransferState } from '../../src/lib/state/data-transfer.svelte';
import { Preferences } from '../../src/lib/state/preferences';
import { WatchFeature } from '../../src/lib/state/watch-feature.svelte';
import type { AlertNotification, NotificationPermissionState } from '../../src/lib/state/notifications.svelte';
import { MemoryStore } from '../../src/lib/history/memory-store';
import { parseAppConfig } from '../../src/lib/config/app-config';
import type { Account } from '../../src/lib/auth/account';
import type { AuthFailure } from '../../src/lib/auth/auth-failure';
import { describeAlert } from '../../src/lib/ui/watch-words';
import { AlertState } from '../../src/lib/state/alerts.svelte';

const TENANT = 'aaaaaaaa-0000-4000-8000-000000000001';
const AVERY: Account = { homeAccountId: 'avery.home', tenantId: TENANT, name: 'Avery Admin', username: 'avery@contoso.example' };
const CONFIG = parseAppConfig({ clientId: '11111111-2222-3333-4444-555555555555' });
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 2, 9);

async function settle(): Promise<void> {
  for (let i = 0; i < 30; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** One browser tab of the app, signed in, over a store, with a clock and timers the test moves, and a page it can hide. */
async function openTab(options: { tokenFailure?: AuthFailure } = {}) {
  const store = new MemoryStore();
  const world = { now: T0, score: 412, hidden: false, permission: 'granted' as NotificationPermissionState };
  const timers: { at: number; run: () => void; cancelled: boolean }[] = [];
  const shown: AlertNotification[] = [];
  const auth: AuthClient = {
    account: AVERY,
    accounts: [AVERY],
    useAccount: () => AVERY,
    signIn: async () => undefined,
    signOut: async () => undefined,
    getToken: async () => (options.tokenFailure ? { ok: false, error: options.tokenFailure } : { ok: true, value: 'token' }),
    requestRecommendationsPermission: async () => ({ ok: true, value: 'granted' }),
    addTenant: async () => ({ kind: 'redirecting' }),
    signInToTenant: async () => ({ kind: 'redirecting' }),
    signedInPeople: 1,
  };
  const history = new HistoryState({ openStore: async () => store, openChannel: () => undefined, protectStorage: async () => true, now: () => world.now });
  const preferences = new Preferences(() => history.store);
  const session = new SessionState({ startAuth: async () => ({ auth, redirectFailure: undefined, forgetLoginHint: false }), loginHint: { load: async () => undefined, save: async () => {} } });
  const app = new AppState({
    history,
    session,
    preferences,
    loadTransfer: async () => new DataTransferState(history, { save: () => {}, now: () => world.now }),
    update: { available: false, start: async () => {}, apply: async () => {}, dismiss: () => {} },
    loadConfig: async () => CONFIG,
    fetchScore: async () => ({ ok: true, value: { time: world.now, score: world.score } }),
    afterPaint: async () => {},
    redirectUri: () => 'https://scoreline.example/redirect.html',
    reloadPage: () => {},
    now: () => world.now,
  });
  await app.start();
  let ids = 0;
  const feature = new WatchFeature(app, {
    now: () => world.now,
    setTimer: (run, ms) => {
      const timer = { at: world.now + ms, run, cancelled: false };
      timers.push(timer);
      return () => void (timer.cancelled = true);
    },
    isOnline: () => true,
    isHidden: () => world.hidden,
    underLock: (_name, run) => run(),
    channel: undefined,
    notifications: {
      permission: () => world.permission,
      requestPermission: async () => world.permission,
      show: async (notification) => {
        shown.push(notification);
        return true;
      },
    },
    testInterval: undefined,
    appUrl: () => 'https://scoreline.example/app/',
    newId: () => `rule-${++ids}`,
    describe: describeAlert,
  });
  await feature.showTenant(TENANT);
  /** Moves the clock on, firing the timers that fall due. */
  const advance = async (ms: number) => {
    const end = world.now + ms;
    for (;;) {
      const next = timers.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      world.now = Math.max(world.now, next.at);
      next.cancelled = true;
      next.run();
      await settle();
    }
    world.now = end;
  };
  return { app, store, world, feature, shown, advance };
}

describe('watching the score in a tab', () => {
  it('an automatic check that finds a drop while the page is hidden shows the banner and one system notification', async () => {
    const tab = await openTab();
    await tab.feature.notifications.turnOn();
    await tab.feature.alerts.addRule({ kind: 'drop-points', points: 10 });
    await tab.feature.start();
    expect(tab.feature.watch.nextCheckAt).toBeGreaterThanOrEqual(T0 + 4 * HOUR);

    tab.world.score = 398;
    tab.world.hidden = true;
    await tab.advance(5 * HOUR);

    expect(tab.app.history.latest.at(-1)?.score).toBe(398);
    const [waiting] = tab.feature.alerts.waiting;
    expect(waiting).toMatchObject({ kind: 'drop-points', before: 412, after: 398, threshold: 10 });
    expect(tab.shown).toHaveLength(1);
    expect(tab.shown[0]!.title).toBe('Scoreline: A drop of at least 10 points');
    expect(tab.shown[0]!.body).toContain('from 412 to 398');
    const url = new URL(tab.shown[0]!.data.url);
    expect([url.origin + url.pathname, url.searchParams.get('tenant'), url.searchParams.get('reading'), url.searchParams.get('alert')]).toEqual([
      'https://scoreline.example/app/',
      TENANT,
      String(waiting!.time),
      waiting!.id,
    ]);
  });

  it("a click's refresh, or a check while the page is visible, shows the banner without a notification", async () => {
    const tab = await openTab();
    await tab.feature.notifications.turnOn();
    await tab.feature.alerts.addRule({ kind: 'below-threshold', threshold: 405 });
    await tab.feature.start();

    tab.world.hidden = true;
    tab.world.score = 400;
    tab.world.now += HOUR;
    await tab.app.refresh();
    expect(tab.feature.alerts.waiting).toHaveLength(1);

    tab.world.hidden = false;
    tab.world.score = 420;
    await tab.advance(5 * HOUR);
    tab.world.score = 390;
    await tab.advance(5 * HOUR);
    expect(tab.feature.alerts.waiting).toHaveLength(2);
    expect(tab.shown).toEqual([]);
  });

  it('with notifications off (or refused), an alert still shows in the app and nothing asks the browser', async () => {
    const tab = await openTab();
    tab.world.permission = 'default';
    await tab.feature.alerts.addRule({ kind: 'drop-points', points: 1 });
    await tab.feature.start();
    tab.world.score = 300;
    tab.world.hidden = true;
    await tab.advance(5 * HOUR);
    expect(tab.feature.alerts.waiting).toHaveLength(1);
    expect(tab.shown).toEqual([]);
    expect(tab.feature.notifications.permission).toBe('default');
  });

  it('a reading judged again (a reload, another tab) neither logs nor shows its alert again; a dismissal is kept', async () => {
    const tab = await openTab();
    await tab.feature.alerts.addRule({ kind: 'drop-points', points: 10 });
    await tab.feature.start();
    tab.world.score = 398;
    await tab.advance(5 * HOUR);
    const [alert] = tab.feature.alerts.waiting;

    const reloaded = new AlertState({ store: () => tab.store, now: () => tab.world.now, newId: () => 'x' });
    expect(await reloaded.catchUp(TENANT)).toEqual([]);
    await tab.feature.alerts.dismiss(alert!.id);
    await reloaded.show(TENANT);
    expect(reloaded.waiting).toEqual([]);
    expect(reloaded.log).toEqual([{ ...alert, dismissedAt: tab.world.now }]);
  });

  it('a rule judges only the readings taken after it was set', async () => {
    const tab = await openTab();
    tab.world.score = 380;
    tab.world.now += HOUR;
    await tab.app.refresh();
    tab.world.now += 60_000;
    await tab.feature.alerts.addRule({ kind: 'drop-points', points: 10 });
    expect(await tab.feature.alerts.catchUp(TENANT)).toEqual([]);
    expect(tab.feature.alerts.log).toEqual([]);
  });

  it('the reading taken on load counts as the check; when the sign-in needs the user, watching stops and says so', async () => {
    const tab = await openTab({ tokenFailure: { kind: 'sign-in-expired', errorCode: 'interaction_required', aadsts: undefined } });
    await tab.feature.start();
    expect(tab.feature.watch.status).toEqual({ kind: 'paused', reason: 'needs-sign-in' });
    await tab.advance(30 * HOUR);
    expect(tab.app.history.latest).toEqual([]);
  });
});
