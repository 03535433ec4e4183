import {
  DEFAULT_WATCH_INTERVAL,
  WATCH_CONCURRENCY,
  decideCheck,
  decideUnderLock,
  planRound,
  type CheckDecision,
  type CheckRecord,
  type PauseReason,
  type ScheduleInterval,
  type TestInterval,
  type WatchInterval,
} from '../watch/schedule';
import { TenantWatches, type CheckOutcome, type RoundConditions } from './watch-tenants';

export type { CheckOutcome } from './watch-tenants';

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
  /** The tenant on screen, whose checks the status describes: the signed-in account's. Undefined: nothing to watch. */
  tenantId(): string | undefined;
  /** Every tenant to watch (each with an account signed in to this browser); only the tenant on screen when left out. */
  tenantIds?(): readonly string[];
  /** How many tenants are checked at once; WATCH_CONCURRENCY when left out. */
  concurrency?: number;
  isOnline(): boolean;
  /** The interval chosen in this browser. */
  intervalPref: { load(): Promise<WatchInterval | undefined>; save(interval: WatchInterval): Promise<void> };
  /** A test build's short interval (never in a production build): used instead of the chosen one, unless that is off. */
  testInterval?: TestInterval | undefined;
  /** What every tab knows of a tenant's checks: its newest reading, the last attempt, the Retry-After deadline. */
  sharedRecord: { load(tenantId: string): Promise<CheckRecord>; saveAttempt(tenantId: string, at: number): Promise<void> };
  /** Runs `run` holding the tenant's watch lock across the browser's tabs, once it is this tab's turn. */
  underLock(tenantId: string, run: () => Promise<void>): Promise<void>;
  /** Takes a reading of a tenant without the user: a token from the cache only, never a redirect or popup. */
  check(tenantId: string): Promise<CheckOutcome>;
}


/**
 * The automatic refresh of every tenant watched, driven by the pure scheduler (watch/schedule.ts) with one
 * real timer: it decides when anything changes (`reconsider`: a timer, waking, the tab shown again, `online`,
 * a reading from any tab), one decision at a time, so a burst of events brings at most one round. Each
 * tenant has its own shared record, lock and pauses; a round checks the due ones a few at a time, each decided
 * again under its lock with the freshest shared record, so one tab takes it for all.
 */
export class WatchState {
  /** The interval chosen in this browser. */
  interval = $state<WatchInterval>(DEFAULT_WATCH_INTERVAL);
  /** Where the checks of the tenant on screen stand. */
  status = $state.raw<WatchStatus>({ kind: 'idle' });
  /** The freshest record of the tenant on screen: its `lastReadingAt` is "last checked". */
  record = $state.raw<CheckRecord>({});
  /** How many tenants are watched. */
  watchedCount = $state(0);
  /** The tenants a check is running for right now (an alert it fires came from an automatic refresh). */
  #checking = $state.raw<readonly string[]>([]);

  readonly #deps: WatchDependencies;
  readonly #tenants = new TenantWatches();
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

  /** When the next check of the tenant on screen is due, while one is planned. */
  get nextCheckAt(): number | undefined {
    const status = this.status;
    return status.kind === 'waiting' || (status.kind === 'paused' && status.reason === 'throttled') ? status.until : undefined;
  }

  /** Whether an automatic check of the tenant is running right now. */
  isChecking(tenantId: string): boolean {
    return this.#checking.includes(tenantId);
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
   * before it is tried again, and a sign-in that needs the user stops watching that tenant until it is done.
   */
  noteCheck(outcome: CheckOutcome, tenantId = this.#deps.tenantId()): void {
    if (!tenantId) return;
    const now = this.#deps.now();
    this.#tenants.noteAttempt(tenantId, now);
    this.#tenants.noteOutcome(tenantId, outcome, now);
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

  /** The tenants watched, the one on screen first. */
  #watched(): string[] {
    const shown = this.#deps.tenantId();
    if (!shown) return [];
    return [shown, ...(this.#deps.tenantIds?.() ?? [])].filter((tenantId, index, all) => all.indexOf(tenantId) === index);
  }

  #conditions(): RoundConditions {
    return { interval: this.effectiveInterval, now: this.#deps.now(), online: this.#deps.isOnline() };
  }

  async #decide(): Promise<void> {
    this.#clearTimer();
    const tenantIds = this.#watched();
    this.#tenants.keepOnly(tenantIds);
    this.watchedCount = tenantIds.length;
    const [shown] = tenantIds;
    if (!shown) {
      this.status = { kind: 'idle' };
      return;
    }
    const conditions = this.#conditions();
    const decisions = await Promise.all(
      tenantIds.map(async (tenantId) => {
        const shared = await this.#deps.sharedRecord.load(tenantId);
        if (tenantId === shown) this.record = this.#tenants.record(tenantId, shared);
        return [tenantId, decideCheck(this.#tenants.input(tenantId, shared, conditions))] as const;
      }),
    );
    this.#showStatus(decisions[0]![1]);
    const round = planRound(decisions, this.#deps.concurrency ?? WATCH_CONCURRENCY);
    if (round.check.length > 0) {
      await Promise.all(round.check.map((tenantId) => this.#checkUnderLock(tenantId)));
      // The attempts are recorded: the next decision waits for them, it never checks one twice in a row.
      this.#decideAgain = true;
    } else if (round.wakeAt !== undefined) {
      this.#setTimer(round.wakeAt - conditions.now);
    }
  }

  /** The status line of the tenant on screen, from its own decision (off, offline or a sign-in: nothing is due until that changes). */
  #showStatus(decision: CheckDecision): void {
    if (decision.kind === 'check') this.status = { kind: 'checking' };
    else if (decision.kind === 'wait') this.status = { kind: 'waiting', until: decision.until };
    else this.status = decision;
  }

  async #checkUnderLock(tenantId: string): Promise<void> {
    await this.#deps.underLock(tenantId, async () => {
      // Another tab may have checked while this one waited for the lock: decide again with what it stored.
      const shared = await this.#deps.sharedRecord.load(tenantId);
      const { decision, record } = decideUnderLock(this.#tenants.input(tenantId, shared, this.#conditions()), shared);
      if (decision.kind !== 'check' || !this.#watched().includes(tenantId)) return;
      const at = record.lastAttemptAt!;
      this.#tenants.noteAttempt(tenantId, at);
      await this.#deps.sharedRecord.saveAttempt(tenantId, at).catch(() => undefined);
      this.#checking = [...this.#checking, tenantId];
      try {
        const outcome = await this.#deps.check(tenantId).catch((): CheckOutcome => 'failed');
        this.#tenants.noteOutcome(tenantId, outcome, this.#deps.now());
      } finally {
        this.#checking = this.#checking.filter((id) => id !== tenantId);
      }
    });
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
