import type { AppState, KeptReading } from './app.svelte';
import { AlertState } from './alerts.svelte';
import { GoalState } from './goal.svelte';
import { NotificationsState, type AlertNotification, type NotificationPlatform } from './notifications.svelte';
import { WatchState, type CheckOutcome } from './watch.svelte';
import { isWatchMessage, type WatchChannel } from './watch-channel';
import { alertTarget, alertUrl } from './browser-notifications';
import { Preferences } from './preferences';
import { throttleStoreOver } from './refresh-prefs';
import { outcomeOfProblem, refreshTenantQuietly } from './refresh-tenant';
import { RefreshFailures } from './refresh-failures';
import type { RefreshProblem } from './score.svelte';
import type { TenantRefreshOutcome } from '../overview/refresh-all';
import { WATCH_INTERVALS, type CheckRecord, type TestInterval } from '../watch/schedule';
import type { AlertLogEntry } from '../watch/alert-log';

/** The preferences watching keeps per browser (and, per tenant, the time of the last automatic attempt, shared by all tabs). */
export const WATCH_PREF = {
  interval: 'watchInterval',
  notifications: 'watchNotifications',
  attemptAt: (tenantId: string) => `watchAttemptAt:${tenantId}`,
} as const;

/** What the browser gives watching: clock, timers, locks, channel, notifications, the page's visibility. */
export interface WatchEnvironment {
  now(): number;
  setTimer(run: () => void, ms: number): () => void;
  isOnline(): boolean;
  isHidden(): boolean;
  underLock(name: string, run: () => Promise<void>): Promise<void>;
  channel: WatchChannel | undefined;
  notifications: NotificationPlatform;
  testInterval: TestInterval | undefined;
  /** The address of the app, which a notification opens on a tenant and reading. */
  appUrl(): string;
  newId(): string;
  /** Words for an alert's notification (from the UI's words, passed in so state needs no UI). */
  describe(entry: AlertLogEntry): { title: string; body: string };
}

/**
 * Watching the score, put together: the automatic refresh, the alert rules and log, the goal, and system
 * notifications, over the app's history and refresh. Loaded after the stored history is on screen.
 */
export class WatchFeature {
  readonly watch: WatchState;
  readonly alerts: AlertState;
  readonly goal: GoalState;
  readonly notifications: NotificationsState;
  /** Why each tenant's last refresh failed, for the overview after a reload. */
  readonly failures: RefreshFailures;
  readonly #app: AppState;
  readonly #env: WatchEnvironment;
  #started = false;

  constructor(app: AppState, env: WatchEnvironment) {
    this.#app = app;
    this.#env = env;
    const preferences = new Preferences(() => app.history.store);
    const throttle = throttleStoreOver(preferences);
    const failures = (this.failures = new RefreshFailures(preferences));
    const announce = (tenantId: string) => env.channel?.postMessage({ type: 'watch-changed', tenantId });
    const store = () => app.history.store;
    this.alerts = new AlertState({ store, now: env.now, newId: env.newId, announce });
    this.goal = new GoalState({ store, now: env.now, announce });
    this.notifications = new NotificationsState({
      platform: env.notifications,
      pref: { load: async () => (await preferences.number(WATCH_PREF.notifications)) === 1, save: (on) => preferences.keep(WATCH_PREF.notifications, on ? 1 : 0) },
    });
    this.watch = new WatchState({
      now: env.now,
      setTimer: env.setTimer,
      tenantId: () => (app.session.status === 'signed-in' ? app.session.account?.tenantId : undefined),
      tenantIds: () => (app.session.status === 'signed-in' ? app.session.accounts.map((account) => account.tenantId) : []),
      isOnline: env.isOnline,
      intervalPref: {
        load: () => preferences.choice(WATCH_PREF.interval, WATCH_INTERVALS),
        save: async (interval) => {
          await preferences.keep(WATCH_PREF.interval, interval);
          env.channel?.postMessage({ type: 'interval-changed' });
        },
      },
      testInterval: env.testInterval,
      sharedRecord: {
        load: async (tenantId): Promise<CheckRecord> => {
          const [[latest], attempt, throttled] = await Promise.all([store().latestRuns(tenantId, 1), preferences.number(WATCH_PREF.attemptAt(tenantId)), throttle.load(tenantId, 'score')]);
          const deadlines = [throttled, app.score.throttledUntil(tenantId)].filter((time) => time !== undefined);
          return { lastReadingAt: latest?.lastSeen, lastAttemptAt: attempt, retryAfterUntil: deadlines.length > 0 ? Math.max(...deadlines) : undefined };
        },
        saveAttempt: (tenantId, at) => preferences.keep(WATCH_PREF.attemptAt(tenantId), at),
      },
      underLock: (tenantId, run) => env.underLock(`scoreline-watch-${tenantId}`, run),
      check: async (tenantId) => {
        const outcome = await automaticCheck(app, tenantId, env.now);
        await failures.note(tenantId, outcome);
        return checkOutcome(outcome);
      },
    });
    app.onReadingKept = async (kept) => {
      // Whether an automatic check took the reading is known now; the judging runs apart, and the refresh does not wait for it.
      const automatic = this.watch.isChecking(kept.reading.tenantId);
      if (kept.series === 'score') void failures.clear(kept.reading.tenantId);
      void this.#judge(kept, automatic);
    };
    if (env.channel) env.channel.onmessage = (event) => this.#onMessage(event.data);
  }

  /** Starts the automatic refresh and notifications; judges the latest readings once (they may predate this tab's rules). */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    await this.notifications.start();
    const tenantId = this.#app.session.status === 'signed-in' ? this.#app.session.account?.tenantId : undefined;
    if (tenantId) {
      // The app has just taken its reading on load: that was this tab's check.
      this.watch.noteCheck(outcomeOf(this.#app, tenantId));
      await this.alerts.catchUp(tenantId);
    }
    await this.watch.start();
  }

  /** A refresh of the tenant on screen (a click's, or the one on load) left a problem: a failure is kept for the overview. */
  async noteProblem(problem: RefreshProblem | undefined): Promise<void> {
    const outcome = outcomeOfProblem(problem);
    if (problem && outcome) await this.failures.note(problem.tenantId, outcome);
  }

  /** The tenant on screen changed (or its history did): its rules, log and goal follow. */
  async showTenant(tenantId: string | undefined): Promise<void> {
    await Promise.all([this.alerts.show(tenantId), this.goal.show(tenantId)]);
  }

  /** A notification's click (or its address) asks for a tenant and reading: show them, and the alert. */
  async openAlert(target: { tenantId?: unknown; time?: unknown; alertId?: unknown }): Promise<void> {
    const alert = alertTarget({ tenant: target.tenantId, reading: target.time, alert: target.alertId });
    if (!alert) return;
    await this.#app.viewTenant(alert.tenantId);
    this.alerts.focus(alert.alertId);
  }

  async #judge(kept: KeptReading, automatic: boolean): Promise<void> {
    const fired = await this.alerts.judge([kept]);
    // Only an automatic check's alerts, and only when no one is looking at the page, become system notifications.
    if (fired.length === 0 || !automatic || !this.#env.isHidden()) return;
    await this.notifications.notify(fired.map((entry) => this.#notification(entry)));
  }

  #notification(entry: AlertLogEntry): AlertNotification {
    const { title, body } = this.#env.describe(entry);
    return { title: `Scoreline: ${title}`, body, data: { tenantId: entry.tenantId, time: entry.time, alertId: entry.id, url: alertUrl(this.#env.appUrl(), entry.tenantId, entry.time, entry.id) } };
  }

  #onMessage(data: unknown): void {
    if (!isWatchMessage(data)) return;
    if (data.type === 'interval-changed') void this.watch.reloadInterval();
    else if (data.tenantId === this.alerts.tenantId) void Promise.all([this.alerts.reload(), this.goal.reload()]);
  }
}

/**
 * One automatic check of a tenant: the refresh without the user (a token from the cache only; a sign-in that
 * needs the user becomes the refresh's notice, never a redirect or popup). The tenant on screen is refreshed by
 * the page's own refresh (its notices show); any other as refreshing every tenant does, on a refresh of its own.
 */
export async function automaticCheck(app: Pick<AppState, 'session' | 'score' | 'scoreFor'>, tenantId: string, now: () => number): Promise<TenantRefreshOutcome> {
  if (!app.session.accounts.some((account) => account.tenantId === tenantId)) return { kind: 'needs-sign-in' };
  const score = app.session.account?.tenantId === tenantId ? app.score : app.scoreFor(tenantId);
  return refreshTenantQuietly(score, tenantId, now);
}

/** What a tenant's refresh means for watching it: a reading, a wait for the user, or a failure to try again later. */
export function checkOutcome(outcome: TenantRefreshOutcome): CheckOutcome {
  if (outcome.kind === 'updated') return 'read';
  // Any refusal of the token but the network's (consent, no access) waits for the user too.
  const refused = outcome.kind === 'failed' && outcome.problem.source === 'auth' && outcome.problem.failure.kind !== 'network';
  return outcome.kind === 'needs-sign-in' || refused ? 'needs-sign-in' : 'failed';
}

/** What the last refresh of a tenant came to, from the problem it left (none: a reading). */
function outcomeOf(app: Pick<AppState, 'score'>, tenantId: string): CheckOutcome {
  const problem = app.score.problem;
  if (problem?.tenantId !== tenantId) return 'read';
  return problem.source === 'auth' && problem.failure.kind !== 'network' ? 'needs-sign-in' : 'failed';
}
