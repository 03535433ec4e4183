import {
  DEFAULT_WATCH_INTERVAL,
  decideCheck,
  decideUnderLock,
  freshestRecord,
  sharedJitter,
  type CheckRecord,
  type DecideCheckInput,
  type PauseReason,
  type ScheduleInterval,
  type TestInterval,
  type WatchInterval,
} from '../watch/schedule';

/** What an automatic check came to: a reading, a sign-in only the user can do, or a failure (the refresh's notice says which). */
export type CheckOutcome = 'read' | 'needs-sign-in' | 'failed';

/** Where watching stands, for the "next check" line. */
export type WatchStatus =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'waiting'; until: number }
  | { kind: 'paused'; reason: Exclude<PauseReason, 'throttled'> }
  | { kind: 'paused'; reason: 'throttled'; until: number };

/**
 * A timer is never set further ahead than this: where the clock a timer runs on stops while the device
 * sleeps, the check that fell due during the sleep still runs within minutes of waking.
 */
export const MAX_TIMER_MS = 5 * 60_000;

export interface WatchDependencies {
  now(): number;
  /** Calls `run` once after `ms`; gives back how to cancel it. */
  setTimer(run: () => void, ms: number): () => void;
  /** The tenant to watch: the signed-in account's. Undefined: nothing to watch. */
  tenantId(): string | undefined;
  isOnline(): boolean;
  /** The interval chosen in this browser. */
  intervalPref: { load(): Promise<WatchInterval | undefined>; save(interval: WatchInterval): Promise<void> };
  /** A test build's short interval (never in a production build): used instead of the chosen one, unless that is off. */
  testInterval?: TestInterval | undefined;
  /** What every tab knows of a tenant's checks: its newest reading, the last attempt, the Retry-After deadline. */
  sharedRecord: { load(tenantId: string): Promise<CheckRecord>; saveAttempt(tenantId: string, at: number): Promise<void> };
  /** Runs `run` holding the tenant's watch lock across the browser's tabs, once it is this tab's turn. */
  underLock(tenantId: string, run: () => Promise<void>): Promise<void>;
  /** Takes a reading without the user: a token from the cache only, never a redirect or popup. */
  check(tenantId: string): Promise<CheckOutcome>;
}

/**
 * The automatic refresh, driven by the pure scheduler (watch/schedule.ts) with real timers: it decides
 * when anything changes (`reconsider`: a timer, waking, the tab shown again, `online`, a reading from any
 * tab), one decision at a time, so a burst of events brings at most one check. A due check is decided
 * again under the tenant's lock with the freshest shared record, so one tab takes it for all.
 */
export class WatchState {
  /** The interval chosen in this browser. */
  interval = $state<WatchInterval>(DEFAULT_WATCH_INTERVAL);
  status = $state.raw<WatchStatus>({ kind: 'idle' });
  /** The freshest record of the tenant watched: its `lastReadingAt` is "last checked". */
  record = $state.raw<CheckRecord>({});
  /** The tenant a check is running for right now (an alert it fires came from an automatic refresh). */
  checkingTenant = $state<string | undefined>();

  readonly #deps: WatchDependencies;
  /** This tab's own view, kept apart from the shared one: a check is never repeated because storage failed. */
  #ownRecord: CheckRecord = {};
  #ownTenant: string | undefined;
  /** Set when a check found that the sign-in needs the user; cleared by a newer reading (a manual refresh after signing in). */
  #needsUserSince: number | undefined;
  #cancelTimer: (() => void) | undefined;
  #deciding: Promise<void> | undefined;
  #decideAgain = false;
  #stopped = false;

  constructor(deps: WatchDependencies) {
    this.#deps = deps;
  }

  /** What the scheduler runs on now: the test interval in a test build (unless watching is off), else the choice. */
  get effectiveInterval(): ScheduleInterval {
    return this.#deps.testInterval && this.interval !== 'off' ? this.#deps.testInterval : this.interval;
  }

  /** When the next check is due, while one is planned. */
  get nextCheckAt(): number | undefined {
    const status = this.status;
    return status.kind === 'waiting' || (status.kind === 'paused' && status.reason === 'throttled') ? status.until : undefined;
  }

  /** Reads the chosen interval and makes the first decision. */
  async start(): Promise<void> {
    this.#stopped = false;
    const stored = await this.#deps.intervalPref.load().catch(() => undefined);
    if (stored) this.interval = stored;
    await this.reconsider();
  }

  /**
   * A check this tab took apart from the driver (the refresh on load) counts as an attempt: a failure waits
   * before it is tried again, and a sign-in that needs the user stops watching until it is done.
   */
  noteCheck(outcome: CheckOutcome): void {
    const tenantId = this.#deps.tenantId();
    if (!tenantId) return;
    if (tenantId !== this.#ownTenant) [this.#ownTenant, this.#ownRecord, this.#needsUserSince] = [tenantId, {}, undefined];
    const now = this.#deps.now();
    this.#ownRecord = freshestRecord(this.#ownRecord, { lastAttemptAt: now });
    if (outcome === 'needs-sign-in') this.#needsUserSince = now;
  }

  /** Stops every timer; `start` begins again. */
  stop(): void {
    this.#stopped = true;
    this.#clearTimer();
    this.status = { kind: 'idle' };
  }

  async chooseInterval(interval: WatchInterval): Promise<void> {
    this.interval = interval;
    await this.#deps.intervalPref.save(interval).catch(() => undefined);
    await this.reconsider();
  }

  /** Another tab changed the interval: take it over without saving it again. */
  async reloadInterval(): Promise<void> {
    const stored = await this.#deps.intervalPref.load().catch(() => undefined);
    if (stored && stored !== this.interval) this.interval = stored;
    await this.reconsider();
  }

  /**
   * Decides again now: after a timer, waking, the tab shown again, `online`, a reading from any tab, a
   * sign-in. Calls that come while a decision runs make one more decision after it, not one each.
   */
  reconsider(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    if (this.#deciding) {
      this.#decideAgain = true;
      return this.#deciding;
    }
    const deciding = (async () => {
      do {
        this.#decideAgain = false;
        await this.#decide().catch(() => this.#retryLater());
      } while (this.#decideAgain && !this.#stopped);
    })().finally(() => (this.#deciding = undefined));
    this.#deciding = deciding;
    return deciding;
  }

  async #decide(): Promise<void> {
    this.#clearTimer();
    const tenantId = this.#deps.tenantId();
    if (!tenantId) {
      this.status = { kind: 'idle' };
      return;
    }
    if (tenantId !== this.#ownTenant) [this.#ownTenant, this.#ownRecord, this.#needsUserSince] = [tenantId, {}, undefined];
    const input = this.#input(tenantId, await this.#deps.sharedRecord.load(tenantId));
    const decision = decideCheck(input);
    if (decision.kind === 'check') return this.#checkUnderLock(tenantId);
    if (decision.kind === 'wait') {
      this.status = { kind: 'waiting', until: decision.until };
      this.#setTimer(decision.until - input.now);
    } else if (decision.reason === 'throttled') {
      this.status = { kind: 'paused', reason: 'throttled', until: decision.until };
      this.#setTimer(decision.until - input.now);
    } else {
      // Off, offline or waiting for a sign-in: nothing is due until that changes (and `reconsider` is called).
      this.status = { kind: 'paused', reason: decision.reason };
    }
  }

  /** The decision's input: this tab's and the shared record, freshest of each, with the clock and the conditions. */
  #input(tenantId: string, shared: CheckRecord): DecideCheckInput {
    const record = freshestRecord(this.#ownRecord, shared);
    if (this.#needsUserSince !== undefined && (record.lastReadingAt ?? -Infinity) > this.#needsUserSince) this.#needsUserSince = undefined;
    this.record = record;
    return {
      ...record,
      interval: this.effectiveInterval,
      jitter: sharedJitter(tenantId, record.lastReadingAt),
      now: this.#deps.now(),
      online: this.#deps.isOnline(),
      tokenNeedsUser: this.#needsUserSince !== undefined,
    };
  }

  async #checkUnderLock(tenantId: string): Promise<void> {
    await this.#deps.underLock(tenantId, async () => {
      // Another tab may have checked while this one waited for the lock: decide again with what it stored.
      const shared = await this.#deps.sharedRecord.load(tenantId);
      const { decision, record } = decideUnderLock(this.#input(tenantId, shared), shared);
      if (decision.kind !== 'check' || this.#deps.tenantId() !== tenantId) return;
      const at = record.lastAttemptAt!;
      this.#ownRecord = freshestRecord(this.#ownRecord, { lastAttemptAt: at });
      await this.#deps.sharedRecord.saveAttempt(tenantId, at).catch(() => undefined);
      this.status = { kind: 'checking' };
      this.checkingTenant = tenantId;
      try {
        const outcome = await this.#deps.check(tenantId).catch((): CheckOutcome => 'failed');
        if (outcome === 'needs-sign-in') this.#needsUserSince = this.#deps.now();
      } finally {
        this.checkingTenant = undefined;
      }
    });
    // The attempt is recorded: this decision waits, it never checks twice in a row.
    this.#decideAgain = true;
  }

  /** A decision that failed (storage, say) is tried again later, never in a tight loop. */
  #retryLater(): void {
    this.#setTimer(MAX_TIMER_MS);
  }

  #setTimer(ms: number): void {
    this.#clearTimer();
    if (this.#stopped) return;
    this.#cancelTimer = this.#deps.setTimer(() => {
      this.#cancelTimer = undefined;
      void this.reconsider();
    }, Math.min(MAX_TIMER_MS, Math.max(0, ms)));
  }

  #clearTimer(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
  }
}
