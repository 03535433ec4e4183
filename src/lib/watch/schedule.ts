/**
 * The automatic refresh as pure decisions: when the next check of a tenant is due, and whether a tab
 * should take it now. No timers here: the caller passes the clock (`now`) and re-decides when something
 * changes — a timer it set for `until`, the device waking, the tab becoming visible, `online`, a reading
 * another tab took.
 *
 * Due times follow from what was recorded, never from a chain of ticks: the next check is due an interval
 * (plus jitter) after the newest reading. So however long the device slept, at most one check is due when
 * it wakes, and once it is taken (its attempt recorded) none is due until the next interval has passed.
 *
 * Visibility does not change the decision: the app watches in a background tab too (best effort, as the
 * browser may freeze it), and becoming visible is only an occasion to decide again.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** The automatic-refresh choices the settings offer, per browser. */
export const WATCH_INTERVALS = ['off', 'hourly', 'every-4-hours', 'daily'] as const;
export type WatchInterval = (typeof WATCH_INTERVALS)[number];

/** What a browser watches at until the person chooses otherwise. */
export const DEFAULT_WATCH_INTERVAL: WatchInterval = 'every-4-hours';

/** How long each choice waits between readings. */
export const WATCH_INTERVAL_MS: Readonly<Record<Exclude<WatchInterval, 'off'>, number>> = {
  hourly: HOUR_MS,
  'every-4-hours': 4 * HOUR_MS,
  daily: DAY_MS,
};

/** Whether a stored or typed value is one of the choices the settings offer (a test interval never is). */
export function isWatchInterval(value: unknown): value is WatchInterval {
  return typeof value === 'string' && (WATCH_INTERVALS as readonly string[]).includes(value);
}

/**
 * A short interval for the end-to-end tests, which cannot wait an hour. Never offered in the settings and
 * never read from stored preferences (isWatchInterval rejects it): only a test build may pass one in.
 */
export interface TestInterval {
  testMs: number;
}

/** The shortest interval a test may ask for; a shorter one is raised to it, so even a test cannot hammer the API. */
export const MIN_TEST_INTERVAL_MS = 2_000;

/** What the scheduler runs on: a settings choice, or a test interval. */
export type ScheduleInterval = WatchInterval | TestInterval;

/** Milliseconds between readings; undefined when watching is off. */
export function intervalMs(interval: ScheduleInterval): number | undefined {
  if (typeof interval === 'object') return Math.max(MIN_TEST_INTERVAL_MS, Number.isFinite(interval.testMs) ? interval.testMs : 0);
  return interval === 'off' ? undefined : WATCH_INTERVAL_MS[interval];
}

/** Jitter is up to this share of the interval… */
export const JITTER_SHARE = 0.1;
/** …and never more than this. */
export const MAX_JITTER_MS = 15 * MINUTE_MS;

/**
 * How far jitter may push a due time: 10% of the interval or 15 minutes, whichever is smaller (6 minutes
 * for hourly, 15 for 4-hourly and daily). Jitter is only ever added: a check is never earlier than its interval.
 */
export function jitterSpreadMs(interval: number): number {
  return Math.min(interval * JITTER_SHARE, MAX_JITTER_MS);
}

/**
 * After a check that brought no reading (the network or the server failed), the next waits this long,
 * or a whole interval when that is shorter. A Retry-After answer sets its own deadline instead.
 */
export const RETRY_AFTER_FAILED_CHECK_MS = 30 * MINUTE_MS;

/** What all tabs share about a tenant's checks (epoch ms, on one clock with `now`). */
export interface CheckRecord {
  /** The newest reading of this tenant, whichever tab (or a manual refresh) took it. */
  lastReadingAt?: number | undefined;
  /** When a check last began, whatever came of it. */
  lastAttemptAt?: number | undefined;
  /** No call may reach the API before this time (the API's Retry-After). */
  retryAfterUntil?: number | undefined;
}

/** What the due time depends on: the setting, the shared record, the jitter and the clock. */
export interface ScheduleInput extends CheckRecord {
  interval: ScheduleInterval;
  /** A number in 0..1 that places the check inside the jitter spread (see sharedJitter); outside it is clamped. */
  jitter: number;
  now: number;
}

/**
 * When the next automatic check of a tenant is due (epoch ms), or undefined when watching is off: the
 * interval plus jitter after the newest reading, never before a Retry-After deadline nor within the wait
 * after a failed check, and never before `now` — a check that is overdue is due now, once.
 */
export function nextCheckAt(input: ScheduleInput): number | undefined {
  const ms = intervalMs(input.interval);
  if (ms === undefined) return undefined;
  const jitter = Number.isFinite(input.jitter) ? Math.min(1, Math.max(0, input.jitter)) : 0;
  const afterReading = input.lastReadingAt === undefined ? -Infinity : input.lastReadingAt + ms + jitter * jitterSpreadMs(ms);
  const afterAttempt = input.lastAttemptAt === undefined ? -Infinity : input.lastAttemptAt + Math.min(ms, RETRY_AFTER_FAILED_CHECK_MS);
  return Math.max(afterReading, afterAttempt, input.retryAfterUntil ?? -Infinity, input.now);
}

/** What can stop a due check from being taken. */
export interface CheckConditions {
  online: boolean;
  /** The token cache cannot give a token without the user (an interactive sign-in is needed). */
  tokenNeedsUser: boolean;
}

export type DecideCheckInput = ScheduleInput & CheckConditions;

/** Why watching is paused, for the "next check" line in the settings. */
export type PauseReason = 'off' | 'needs-sign-in' | 'offline' | 'throttled';

/**
 * What a tab should do now: take the check, wait until a time (then decide again), or stay paused. A
 * throttled pause says until when; the others last until their condition changes (the caller decides
 * again on `online`, after a sign-in, or when the setting changes).
 */
export type CheckDecision =
  | { kind: 'check' }
  | { kind: 'wait'; until: number }
  | { kind: 'paused'; reason: Exclude<PauseReason, 'throttled'> }
  | { kind: 'paused'; reason: 'throttled'; until: number };

/**
 * Decides whether to check now. Paused when watching is off, when the sign-in needs the user (never an
 * unprompted redirect or popup), when offline, and while a Retry-After deadline is what holds a due check
 * back; otherwise a check when one is due, else a wait until it is. A reading fresher than the interval
 * (also one another tab took) makes it wait.
 */
export function decideCheck(input: DecideCheckInput): CheckDecision {
  const due = nextCheckAt(input);
  if (due === undefined) return { kind: 'paused', reason: 'off' };
  if (input.tokenNeedsUser) return { kind: 'paused', reason: 'needs-sign-in' };
  if (!input.online) return { kind: 'paused', reason: 'offline' };
  const deadline = input.retryAfterUntil;
  if (deadline !== undefined && input.now < deadline) {
    const dueUnthrottled = nextCheckAt({ ...input, retryAfterUntil: undefined })!;
    if (dueUnthrottled < deadline) return { kind: 'paused', reason: 'throttled', until: deadline };
  }
  return due <= input.now ? { kind: 'check' } : { kind: 'wait', until: due };
}

/** The freshest of several views of one tenant's checks (this tab's, the stored one, another tab's message). */
export function freshestRecord(...records: readonly CheckRecord[]): CheckRecord {
  const latest = (pick: (record: CheckRecord) => number | undefined) => {
    const times = records.map(pick).filter((time): time is number => time !== undefined);
    return times.length === 0 ? undefined : Math.max(...times);
  };
  return {
    lastReadingAt: latest((r) => r.lastReadingAt),
    lastAttemptAt: latest((r) => r.lastAttemptAt),
    retryAfterUntil: latest((r) => r.retryAfterUntil),
  };
}

/** The record once a check begins at `now`: written before the API is called, so no other tab takes the same check. */
export function recordAttempt(record: CheckRecord, now: number): CheckRecord {
  return freshestRecord(record, { lastAttemptAt: now });
}

/**
 * The decision a tab makes once it holds the tenant's refresh lock (the tab lock lets one tab in at a
 * time): decided again with the freshest shared record, since another tab may have checked while this one
 * waited. When the answer is to check, `record` is what to store before calling the API (the attempt), and
 * from then on every tab's decision is to wait: a check, once taken, is not taken again.
 */
export function decideUnderLock(tab: DecideCheckInput, shared: CheckRecord): { decision: CheckDecision; record: CheckRecord } {
  const record = freshestRecord(tab, shared);
  const decision = decideCheck({ ...tab, ...record });
  return { decision, record: decision.kind === 'check' ? recordAttempt(record, tab.now) : record };
}

/**
 * A jitter in 0..1 that every tab computes alike for one tenant and newest reading, so all tabs show the
 * same "next check", while tenants (and each new reading) fall at different points of the spread.
 */
export function sharedJitter(tenantId: string, lastReadingAt: number | undefined): number {
  // FNV-1a, 32 bits: small, stable and well spread for short texts.
  let hash = 0x811c9dc5;
  for (const char of `${tenantId}|${lastReadingAt ?? ''}`) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 2 ** 32;
}

/** How many tenants an automatic refresh checks at once: a small number, so many tenants never flood the API. */
export const WATCH_CONCURRENCY = 2;

/** One round over every tenant watched: those to check now, and when to decide again if none is. */
export interface WatchRound {
  /** Tenants whose check is due, at most the limit, in the order given (the tenant on screen first). */
  check: string[];
  /** The earliest time a waiting or throttled tenant comes due; undefined when every tenant is paused for good. */
  wakeAt: number | undefined;
}

/**
 * Plans a round from each tenant's own decision: a tenant throttled or waiting for a sign-in holds back only
 * itself; due ones beyond the limit are taken in the next round, decided once these are done.
 */
export function planRound(decisions: readonly (readonly [string, CheckDecision])[], limit: number): WatchRound {
  const due = decisions.filter(([, decision]) => decision.kind === 'check').map(([tenantId]) => tenantId);
  const times = decisions.flatMap(([, decision]) => (decision.kind === 'wait' || (decision.kind === 'paused' && decision.reason === 'throttled') ? [decision.until] : []));
  return { check: due.slice(0, Math.max(1, limit)), wakeAt: times.length === 0 ? undefined : Math.min(...times) };
}
