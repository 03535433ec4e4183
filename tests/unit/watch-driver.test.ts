import { describe, expect, it } from 'vitest';
import { MAX_TIMER_MS, WatchState, type CheckOutcome, type WatchDependencies } from '../../src/lib/state/watch.svelte';
import { jitterSpreadMs, RETRY_AFTER_FAILED_CHECK_MS, sharedJitter, type CheckRecord, type WatchInterval } from '../../src/lib/watch/schedule';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2026, 0, 1, 8);
const TENANT = 'aaaaaaaa-0000-4000-8000-000000000001';

/**
 * The clock and the timers of one device. `advance` moves time on and fires the timers that fall due, in
 * order; `sleep` moves it on without firing any, the way a suspended device does, and their clock
 * pauses with it (so they come due that much later).
 */
class DeviceClock {
  now = T0;
  #timers: { at: number; run: () => void; cancelled: boolean }[] = [];

  setTimer = (run: () => void, ms: number) => {
    const timer = { at: this.now + ms, run, cancelled: false };
    this.#timers.push(timer);
    return () => void (timer.cancelled = true);
  };

  get pending(): number[] {
    return this.#timers.filter((t) => !t.cancelled).map((t) => t.at);
  }

  async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    for (;;) {
      const due = this.#timers.filter((t) => !t.cancelled && t.at <= end);
      if (due.length === 0) break;
      // Timers due at one moment (two tabs') all fire before any of what they start has run.
      const at = Math.min(...due.map((t) => t.at));
      this.now = Math.max(this.now, at);
      for (const timer of due.filter((t) => t.at === at)) {
        timer.cancelled = true;
        timer.run();
      }
      await settle();
    }
    this.now = end;
  }

  sleep(ms: number): void {
    this.now += ms;
    for (const timer of this.#timers) timer.at += ms;
  }
}

/** Lets every promise chain started so far run to its end. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** What all tabs of one browser share: the stored history's newest reading, the attempts, Retry-After, one lock. */
class Browser {
  lastReadingAt: number | undefined;
  lastAttemptAt: number | undefined;
  retryAfterUntil: number | undefined;
  interval: WatchInterval | undefined;
  checks: { tab: string; at: number }[] = [];
  failAttemptWrites = false;
  #lock: Promise<void> = Promise.resolve();

  constructor(readonly clock: DeviceClock) {}

  underLock = (_tenantId: string, run: () => Promise<void>): Promise<void> => {
    const turn = this.#lock.then(run);
    this.#lock = turn.catch(() => undefined);
    return turn;
  };

  tab(name: string, options: { outcome?: () => CheckOutcome; online?: () => boolean; tenantId?: () => string | undefined; testMs?: number } = {}) {
    const deps: WatchDependencies = {
      now: () => this.clock.now,
      setTimer: this.clock.setTimer,
      tenantId: options.tenantId ?? (() => TENANT),
      isOnline: options.online ?? (() => true),
      intervalPref: { load: async () => this.interval, save: async (interval) => void (this.interval = interval) },
      testInterval: options.testMs === undefined ? undefined : { testMs: options.testMs },
      sharedRecord: {
        load: async (): Promise<CheckRecord> => ({ lastReadingAt: this.lastReadingAt, lastAttemptAt: this.lastAttemptAt, retryAfterUntil: this.retryAfterUntil }),
        saveAttempt: async (_tenantId, at) => {
          if (this.failAttemptWrites) throw new Error('storage failed');
          this.lastAttemptAt = at;
        },
      },
      underLock: this.underLock,
      check: async () => {
        this.checks.push({ tab: name, at: this.clock.now });
        const outcome = options.outcome?.() ?? 'read';
        if (outcome === 'read') this.lastReadingAt = this.clock.now;
        return outcome;
      },
    };
    return new WatchState(deps);
  }
}

function world(interval?: WatchInterval) {
  const clock = new DeviceClock();
  const browser = new Browser(clock);
  browser.interval = interval;
  return { clock, browser };
}

const dueAfter = (readingAt: number, interval: number) => readingAt + interval + sharedJitter(TENANT, readingAt) * jitterSpreadMs(interval);

describe('the watch driver', () => {
  it('checks at once when nothing was ever read, then waits the interval plus the shared jitter after the reading', async () => {
    const { clock, browser } = world('hourly');
    const watch = browser.tab('one');
    await watch.start();
    expect(browser.checks).toEqual([{ tab: 'one', at: T0 }]);
    const due = dueAfter(T0, HOUR);
    expect(watch.status).toEqual({ kind: 'waiting', until: due });
    expect(watch.nextCheckAt).toBe(due);
    expect(due - T0 - HOUR).toBeGreaterThanOrEqual(0);
    expect(due - T0 - HOUR).toBeLessThanOrEqual(6 * MINUTE);

    await clock.advance(due - clock.now - 1);
    expect(browser.checks).toHaveLength(1);
    await clock.advance(1);
    expect(browser.checks.map((c) => c.at)).toEqual([T0, due]);
  });

  it('waits every 4 hours by default', async () => {
    const { browser } = world();
    browser.lastReadingAt = T0 - HOUR;
    const watch = browser.tab('one');
    await watch.start();
    expect(watch.interval).toBe('every-4-hours');
    expect(watch.nextCheckAt).toBe(dueAfter(T0 - HOUR, 4 * HOUR));
    expect(browser.checks).toEqual([]);
  });

  it('skips a check when a reading fresher than the interval came in meanwhile (another tab, a click)', async () => {
    const { clock, browser } = world('hourly');
    browser.lastReadingAt = T0;
    const watch = browser.tab('one');
    await watch.start();
    const firstDue = dueAfter(T0, HOUR);
    await clock.advance(40 * MINUTE);
    browser.lastReadingAt = clock.now;
    await clock.advance(firstDue - clock.now);
    expect(browser.checks).toEqual([]);
    expect(watch.nextCheckAt).toBe(dueAfter(T0 + 40 * MINUTE, HOUR));
  });

  it('never sets a timer further ahead than a few minutes, so a check due during sleep runs soon after waking', async () => {
    const { clock, browser } = world('daily');
    browser.lastReadingAt = T0;
    const watch = browser.tab('one');
    await watch.start();
    expect(Math.max(...clock.pending)).toBeLessThanOrEqual(T0 + MAX_TIMER_MS);
    clock.sleep(30 * HOUR);
    await clock.advance(MAX_TIMER_MS);
    expect(browser.checks).toHaveLength(1);
  });

  it('after waking from a long sleep, the wake-up events together bring one check, not one per missed interval', async () => {
    const { clock, browser } = world('hourly');
    browser.lastReadingAt = T0;
    const watch = browser.tab('one');
    await watch.start();
    clock.sleep(10 * HOUR);
    // Shown again, back online and the timer firing late, all at once.
    await Promise.all([watch.reconsider(), watch.reconsider(), watch.reconsider()]);
    await clock.advance(0);
    expect(browser.checks).toEqual([{ tab: 'one', at: T0 + 10 * HOUR }]);
    expect(watch.nextCheckAt).toBe(dueAfter(T0 + 10 * HOUR, HOUR));
  });

  it('of two tabs whose timers fire together, exactly one checks; the other sees its reading and waits', async () => {
    const { clock, browser } = world('hourly');
    browser.lastReadingAt = T0;
    const [one, two] = [browser.tab('one'), browser.tab('two')];
    await Promise.all([one.start(), two.start()]);
    expect(one.nextCheckAt).toBe(two.nextCheckAt);
    for (let hour = 0; hour < 5; hour += 1) await clock.advance(HOUR);
    expect(browser.checks.length).toBe(4);
    const times = browser.checks.map((c) => c.at);
    for (let i = 1; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(HOUR);
    expect(one.nextCheckAt).toBe(two.nextCheckAt);
  });

  it('never checks inside a Retry-After window, and checks once it is over', async () => {
    const { clock, browser } = world('hourly');
    browser.lastReadingAt = T0 - 2 * HOUR;
    browser.retryAfterUntil = T0 + 20 * MINUTE;
    const watch = browser.tab('one');
    await watch.start();
    expect(watch.status).toEqual({ kind: 'paused', reason: 'throttled', until: T0 + 20 * MINUTE });
    await clock.advance(20 * MINUTE - 1);
    expect(browser.checks).toEqual([]);
    await clock.advance(1);
    expect(browser.checks).toEqual([{ tab: 'one', at: T0 + 20 * MINUTE }]);
  });

  it('pauses while offline, with no timer running, and checks once on `online`', async () => {
    const { clock, browser } = world('hourly');
    browser.lastReadingAt = T0 - 2 * HOUR;
    let online = false;
    const watch = browser.tab('one', { online: () => online });
    await watch.start();
    expect(watch.status).toEqual({ kind: 'paused', reason: 'offline' });
    expect(clock.pending).toEqual([]);
    online = true;
    await watch.reconsider();
    expect(browser.checks).toHaveLength(1);
  });

  it('stops when the sign-in needs the user and says so, until a newer reading comes from a sign-in', async () => {
    const { clock, browser } = world('hourly');
    const watch = browser.tab('one', { outcome: () => 'needs-sign-in' });
    await watch.start();
    expect(watch.status).toEqual({ kind: 'paused', reason: 'needs-sign-in' });
    await clock.advance(5 * HOUR);
    await watch.reconsider();
    expect(browser.checks).toHaveLength(1);
    browser.lastReadingAt = clock.now;
    await watch.reconsider();
    expect(watch.status.kind).toBe('waiting');
  });

  it('after a check that brought no reading, waits before trying again instead of retrying at once', async () => {
    const { clock, browser } = world('every-4-hours');
    const watch = browser.tab('one', { outcome: () => 'failed' });
    await watch.start();
    expect(browser.checks).toHaveLength(1);
    expect(watch.nextCheckAt).toBe(T0 + RETRY_AFTER_FAILED_CHECK_MS);
    await clock.advance(RETRY_AFTER_FAILED_CHECK_MS);
    expect(browser.checks.map((c) => c.at)).toEqual([T0, T0 + RETRY_AFTER_FAILED_CHECK_MS]);
  });

  it('does not check twice when the attempt cannot be stored', async () => {
    const { clock, browser } = world('hourly');
    browser.failAttemptWrites = true;
    const watch = browser.tab('one', { outcome: () => 'failed' });
    await watch.start();
    await clock.advance(10 * MINUTE);
    expect(browser.checks).toHaveLength(1);
  });

  it('off: no timer, no check; choosing an interval keeps it for the browser and starts watching', async () => {
    const { clock, browser } = world('off');
    const watch = browser.tab('one');
    await watch.start();
    expect(watch.status).toEqual({ kind: 'paused', reason: 'off' });
    expect(clock.pending).toEqual([]);
    await watch.chooseInterval('daily');
    expect(browser.interval).toBe('daily');
    expect(browser.checks).toHaveLength(1);
  });

  it('a test build runs on its short interval, unless watching is off', async () => {
    const { clock, browser } = world('daily');
    const watch = browser.tab('one', { testMs: 3_000 });
    await watch.start();
    await clock.advance(3_000 + jitterSpreadMs(3_000));
    expect(browser.checks).toHaveLength(2);
    await watch.chooseInterval('off');
    await clock.advance(HOUR);
    expect(browser.checks).toHaveLength(2);
  });

  it('watches nothing while no one is signed in', async () => {
    const { clock, browser } = world('hourly');
    const watch = browser.tab('one', { tenantId: () => undefined });
    await watch.start();
    expect(watch.status).toEqual({ kind: 'idle' });
    expect(clock.pending).toEqual([]);
  });
});

const OTHER = 'aaaaaaaa-0000-4000-8000-000000000002';
const THIRD = 'aaaaaaaa-0000-4000-8000-000000000003';

/** A browser watching several tenants: each with its own shared record and outcome, and one lock each. */
class ManyTenants {
  records = new Map<string, CheckRecord>();
  outcomes = new Map<string, CheckOutcome>();
  checks: { tenantId: string; at: number }[] = [];
  running = 0;
  peak = 0;

  constructor(
    readonly clock: DeviceClock,
    readonly tenants: string[],
  ) {}

  tab(options: { concurrency?: number; checkMs?: number } = {}) {
    const deps: WatchDependencies = {
      now: () => this.clock.now,
      setTimer: this.clock.setTimer,
      tenantId: () => this.tenants[0],
      tenantIds: () => this.tenants,
      isOnline: () => true,
      intervalPref: { load: async () => 'hourly', save: async () => {} },
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      sharedRecord: {
        load: async (tenantId) => ({ ...this.records.get(tenantId) }),
        saveAttempt: async (tenantId, at) => void this.records.set(tenantId, { ...this.records.get(tenantId), lastAttemptAt: at }),
      },
      underLock: (_tenantId, run) => run(),
      check: async (tenantId) => {
        this.checks.push({ tenantId, at: this.clock.now });
        this.running += 1;
        this.peak = Math.max(this.peak, this.running);
        await new Promise((resolve) => setImmediate(resolve));
        this.running -= 1;
        const outcome = this.outcomes.get(tenantId) ?? 'read';
        if (outcome === 'read') this.records.set(tenantId, { ...this.records.get(tenantId), lastReadingAt: this.clock.now });
        return outcome;
      },
    };
    return new WatchState(deps);
  }
}

describe('the watch driver over several tenants', () => {
  it('checks every tenant signed in, each on its own schedule; the status is the tenant on screen', async () => {
    const clock = new DeviceClock();
    const browser = new ManyTenants(clock, [TENANT, OTHER]);
    browser.records.set(TENANT, { lastReadingAt: T0 - 2 * HOUR });
    browser.records.set(OTHER, { lastReadingAt: T0 - 30 * MINUTE });
    const watch = browser.tab();
    await watch.start();
    expect(browser.checks).toEqual([{ tenantId: TENANT, at: T0 }]);
    expect(watch.watchedCount).toBe(2);
    expect(watch.nextCheckAt).toBe(dueAfter(T0, HOUR));
    const otherDue = T0 - 30 * MINUTE + HOUR + sharedJitter(OTHER, T0 - 30 * MINUTE) * jitterSpreadMs(HOUR);
    await clock.advance(otherDue - clock.now);
    expect(browser.checks.map((c) => c.tenantId)).toEqual([TENANT, OTHER]);
    expect(browser.checks[1]!.at).toBe(otherDue);
  });

  it('of two tenants due, the throttled one is not called inside its Retry-After window while the other is read', async () => {
    const clock = new DeviceClock();
    const browser = new ManyTenants(clock, [TENANT, OTHER]);
    browser.records.set(TENANT, { lastReadingAt: T0 - 2 * HOUR });
    browser.records.set(OTHER, { lastReadingAt: T0 - 2 * HOUR, retryAfterUntil: T0 + 10 * MINUTE });
    const watch = browser.tab();
    await watch.start();
    expect(browser.checks).toEqual([{ tenantId: TENANT, at: T0 }]);
    await clock.advance(10 * MINUTE - 1);
    expect(browser.checks.filter((c) => c.tenantId === OTHER)).toEqual([]);
    await clock.advance(1);
    expect(browser.checks.filter((c) => c.tenantId === OTHER)).toEqual([{ tenantId: OTHER, at: T0 + 10 * MINUTE }]);
    expect(watch.status).toEqual({ kind: 'waiting', until: dueAfter(T0, HOUR) });
  });

  it('a tenant whose sign-in needs the user stops alone: the others go on being checked', async () => {
    const clock = new DeviceClock();
    const browser = new ManyTenants(clock, [TENANT, OTHER]);
    browser.outcomes.set(TENANT, 'needs-sign-in');
    const watch = browser.tab();
    await watch.start();
    expect(watch.status).toEqual({ kind: 'paused', reason: 'needs-sign-in' });
    await clock.advance(3 * HOUR);
    const count = (tenantId: string) => browser.checks.filter((c) => c.tenantId === tenantId).length;
    expect(count(TENANT)).toBe(1);
    expect(count(OTHER)).toBeGreaterThanOrEqual(3);
  });

  it('checks no more tenants at once than its limit, and each due tenant once', async () => {
    const clock = new DeviceClock();
    const browser = new ManyTenants(clock, [TENANT, OTHER, THIRD]);
    const watch = browser.tab({ concurrency: 2 });
    await watch.start();
    await clock.advance(0);
    expect(browser.peak).toBe(2);
    expect(browser.checks.map((c) => c.tenantId).sort()).toEqual([TENANT, OTHER, THIRD].sort());
  });
});
