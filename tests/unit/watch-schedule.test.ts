import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decideCheck,
  decideUnderLock,
  DEFAULT_WATCH_INTERVAL,
  freshestRecord,
  intervalMs,
  isWatchInterval,
  jitterSpreadMs,
  MAX_JITTER_MS,
  MIN_TEST_INTERVAL_MS,
  nextCheckAt,
  planRound,
  recordAttempt,
  RETRY_AFTER_FAILED_CHECK_MS,
  sharedJitter,
  WATCH_INTERVALS,
  type CheckRecord,
  type DecideCheckInput,
  type ScheduleInterval,
} from '../../src/lib/watch/schedule';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 0, 1);
const TENANT = '11111111-1111-4111-8111-111111111111';

const ready = { online: true, tokenNeedsUser: false };
const decide = (input: Partial<DecideCheckInput> & { now: number }) => decideCheck({ interval: 'hourly', jitter: 0, ...ready, ...input });

const intervals = fc.constantFrom<ScheduleInterval>('hourly', 'every-4-hours', 'daily', { testMs: 5_000 });
const anyRecord = (span: number): fc.Arbitrary<CheckRecord> =>
  fc.record(
    {
      lastReadingAt: fc.integer({ min: T0 - span, max: T0 + span }),
      lastAttemptAt: fc.integer({ min: T0 - span, max: T0 + span }),
      retryAfterUntil: fc.integer({ min: T0 - span, max: T0 + span }),
    },
    { requiredKeys: [] },
  );

describe('interval choices', () => {
  it('offers off, hourly, every 4 hours (the default) and daily', () => {
    expect(WATCH_INTERVALS).toEqual(['off', 'hourly', 'every-4-hours', 'daily']);
    expect(DEFAULT_WATCH_INTERVAL).toBe('every-4-hours');
    expect(WATCH_INTERVALS.map(intervalMs)).toEqual([undefined, HOUR, 4 * HOUR, DAY]);
  });

  it('accepts only those choices from storage: never a test interval, nor anything else', () => {
    expect(WATCH_INTERVALS.every(isWatchInterval)).toBe(true);
    for (const value of [{ testMs: 5_000 }, 'weekly', '', undefined, null, 4]) expect(isWatchInterval(value)).toBe(false);
  });

  it('raises a test interval to the minimum a test may use', () => {
    expect(intervalMs({ testMs: 10_000 })).toBe(10_000);
    expect(intervalMs({ testMs: 10 })).toBe(MIN_TEST_INTERVAL_MS);
    expect(intervalMs({ testMs: Number.NaN })).toBe(MIN_TEST_INTERVAL_MS);
  });

  it('spreads jitter over 10% of the interval or 15 minutes, whichever is smaller', () => {
    expect(jitterSpreadMs(HOUR)).toBe(6 * MINUTE);
    expect(jitterSpreadMs(4 * HOUR)).toBe(15 * MINUTE);
    expect(jitterSpreadMs(DAY)).toBe(15 * MINUTE);
    expect(jitterSpreadMs(10_000)).toBe(1_000);
  });
});

describe('nextCheckAt', () => {
  it('is an interval after the newest reading, pushed later by the jitter', () => {
    expect(nextCheckAt({ interval: 'hourly', lastReadingAt: T0, jitter: 0, now: T0 })).toBe(T0 + HOUR);
    expect(nextCheckAt({ interval: 'hourly', lastReadingAt: T0, jitter: 0.5, now: T0 })).toBe(T0 + HOUR + 3 * MINUTE);
    expect(nextCheckAt({ interval: 'daily', lastReadingAt: T0, jitter: 1, now: T0 })).toBe(T0 + DAY + 15 * MINUTE);
  });

  it('clamps a jitter outside 0..1', () => {
    expect(nextCheckAt({ interval: 'hourly', lastReadingAt: T0, jitter: -3, now: T0 })).toBe(T0 + HOUR);
    expect(nextCheckAt({ interval: 'hourly', lastReadingAt: T0, jitter: 7, now: T0 })).toBe(T0 + HOUR + 6 * MINUTE);
    expect(nextCheckAt({ interval: 'hourly', lastReadingAt: T0, jitter: Number.NaN, now: T0 })).toBe(T0 + HOUR);
  });

  it('is undefined when watching is off', () => {
    expect(nextCheckAt({ interval: 'off', lastReadingAt: T0, jitter: 0, now: T0 })).toBeUndefined();
  });

  it('is now when there is no reading yet, or when the check is overdue (once, not once per missed interval)', () => {
    expect(nextCheckAt({ interval: 'hourly', jitter: 0.3, now: T0 })).toBe(T0);
    expect(nextCheckAt({ interval: 'hourly', lastReadingAt: T0 - 30 * DAY, jitter: 0.3, now: T0 })).toBe(T0);
  });

  it('is never before a Retry-After deadline', () => {
    expect(nextCheckAt({ interval: 'hourly', lastReadingAt: T0 - 2 * HOUR, retryAfterUntil: T0 + 20 * MINUTE, jitter: 0, now: T0 })).toBe(T0 + 20 * MINUTE);
  });

  it('waits half an hour after a check that brought no reading, or the interval when shorter', () => {
    const failed = { lastReadingAt: T0 - 5 * DAY, lastAttemptAt: T0 };
    expect(nextCheckAt({ interval: 'daily', ...failed, jitter: 0, now: T0 })).toBe(T0 + RETRY_AFTER_FAILED_CHECK_MS);
    expect(nextCheckAt({ interval: { testMs: 5_000 }, ...failed, jitter: 0, now: T0 })).toBe(T0 + 5_000);
  });

  it('stays within its bounds for any record, interval and jitter', () => {
    fc.assert(
      fc.property(intervals, anyRecord(3 * DAY), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: T0 - DAY, max: T0 + DAY }), (interval, record, jitter, now) => {
        const ms = intervalMs(interval)!;
        const at = nextCheckAt({ interval, ...record, jitter, now })!;
        expect(at).toBeGreaterThanOrEqual(now);
        if (record.retryAfterUntil !== undefined) expect(at).toBeGreaterThanOrEqual(record.retryAfterUntil);
        if (record.lastReadingAt !== undefined) expect(at).toBeGreaterThanOrEqual(record.lastReadingAt + ms);
        const latest = Math.max(
          now,
          record.retryAfterUntil ?? -Infinity,
          (record.lastReadingAt ?? -Infinity) + ms + Math.min(ms * 0.1, MAX_JITTER_MS),
          (record.lastAttemptAt ?? -Infinity) + Math.min(ms, RETRY_AFTER_FAILED_CHECK_MS),
        );
        expect(at).toBeLessThanOrEqual(latest);
      }),
    );
  });

  it('never moves earlier as the jitter grows', () => {
    fc.assert(
      fc.property(intervals, anyRecord(DAY), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (interval, record, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(nextCheckAt({ interval, ...record, jitter: low, now: T0 })!).toBeLessThanOrEqual(nextCheckAt({ interval, ...record, jitter: high, now: T0 })!);
      }),
    );
  });
});

describe('decideCheck', () => {
  it('checks when due and waits when not', () => {
    expect(decide({ lastReadingAt: T0 - 2 * HOUR, now: T0 })).toEqual({ kind: 'check' });
    expect(decide({ lastReadingAt: T0 - 10 * MINUTE, now: T0 })).toEqual({ kind: 'wait', until: T0 + 50 * MINUTE });
  });

  it('waits when another tab took a reading fresher than the interval', () => {
    expect(decide({ lastReadingAt: T0 - 59 * MINUTE, now: T0 })).toEqual({ kind: 'wait', until: T0 + MINUTE });
  });

  it('is paused when off, when the sign-in needs the user, and offline — in that order', () => {
    const due = { lastReadingAt: T0 - 2 * HOUR, now: T0 };
    expect(decide({ ...due, interval: 'off', online: false, tokenNeedsUser: true })).toEqual({ kind: 'paused', reason: 'off' });
    expect(decide({ ...due, online: false, tokenNeedsUser: true })).toEqual({ kind: 'paused', reason: 'needs-sign-in' });
    expect(decide({ ...due, online: false })).toEqual({ kind: 'paused', reason: 'offline' });
  });

  it('resumes a due check when back online, and after the sign-in', () => {
    const due = { lastReadingAt: T0 - 2 * HOUR, now: T0 };
    expect(decide({ ...due, online: false }).kind).toBe('paused');
    expect(decide({ ...due, online: true })).toEqual({ kind: 'check' });
    expect(decide({ ...due, tokenNeedsUser: false })).toEqual({ kind: 'check' });
  });

  it('is paused as throttled while a Retry-After deadline holds back a due check, then checks', () => {
    const state = { lastReadingAt: T0 - 2 * HOUR, retryAfterUntil: T0 + 10 * MINUTE };
    expect(decide({ ...state, now: T0 })).toEqual({ kind: 'paused', reason: 'throttled', until: T0 + 10 * MINUTE });
    expect(decide({ ...state, now: T0 + 10 * MINUTE })).toEqual({ kind: 'check' });
  });

  it('just waits when the deadline ends before the check is due anyway', () => {
    expect(decide({ lastReadingAt: T0, retryAfterUntil: T0 + MINUTE, now: T0 })).toEqual({ kind: 'wait', until: T0 + HOUR });
  });

  it('runs one check after sleep or a hidden stretch, however long: taking it makes the next decision a wait', () => {
    fc.assert(
      fc.property(
        intervals,
        fc.array(fc.integer({ min: 1_000, max: 30 * DAY }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.oneof(fc.constant<'reading' | 'failed'>('reading'), fc.constant<'reading' | 'failed'>('failed'), fc.integer({ min: 1, max: HOUR })), { minLength: 60, maxLength: 60 }),
        (interval, wakeGaps, outcomes) => {
          const ms = intervalMs(interval)!;
          let record: CheckRecord = {};
          let now = T0;
          const checks: number[] = [];
          for (const gap of wakeGaps) {
            now += gap;
            const input = () => ({ interval, jitter: sharedJitter(TENANT, record.lastReadingAt), now, ...ready, ...record });
            const previous = checks.at(-1);
            const decision = decideCheck(input());
            // Liveness: long enough after the last check (interval, jitter and the longest throttle), a wake checks.
            if (previous === undefined || now - previous >= ms + MAX_JITTER_MS + HOUR) expect(decision).toEqual({ kind: 'check' });
            if (decision.kind !== 'check') continue;
            checks.push(now);
            record = recordAttempt(record, now);
            const outcome = outcomes[checks.length - 1]!;
            if (outcome === 'reading') record = { ...record, lastReadingAt: now };
            else if (typeof outcome === 'number') record = { ...record, retryAfterUntil: now + outcome };
            expect(decideCheck(input()).kind).not.toBe('check');
          }
          // No burst: checks are at least the interval (or the wait after a failure) apart.
          for (let i = 1; i < checks.length; i += 1) expect(checks[i]! - checks[i - 1]!).toBeGreaterThanOrEqual(Math.min(ms, RETRY_AFTER_FAILED_CHECK_MS));
        },
      ),
    );
  });
});

describe('checks across tabs', () => {
  it('freshestRecord keeps the latest of each time', () => {
    expect(freshestRecord({ lastReadingAt: 5, lastAttemptAt: 9 }, { lastReadingAt: 7, retryAfterUntil: 3 }, {})).toEqual({
      lastReadingAt: 7,
      lastAttemptAt: 9,
      retryAfterUntil: 3,
    });
    expect(freshestRecord()).toEqual({ lastReadingAt: undefined, lastAttemptAt: undefined, retryAfterUntil: undefined });
  });

  it('re-decides under the lock with the reading another tab just took', () => {
    const staleTab: DecideCheckInput = { interval: 'hourly', jitter: 0, now: T0, lastReadingAt: T0 - 2 * HOUR, ...ready };
    expect(decideCheck(staleTab)).toEqual({ kind: 'check' });
    const { decision, record } = decideUnderLock(staleTab, { lastReadingAt: T0 - MINUTE });
    expect(decision).toEqual({ kind: 'wait', until: T0 + 59 * MINUTE });
    expect(record.lastAttemptAt).toBeUndefined();
  });

  it('lets exactly one of two tabs check when a check is due, whatever each tab last heard', () => {
    fc.assert(
      fc.property(
        intervals,
        anyRecord(2 * DAY),
        anyRecord(2 * DAY),
        anyRecord(2 * DAY),
        fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
        fc.integer({ min: 0, max: RETRY_AFTER_FAILED_CHECK_MS - 1 }),
        fc.boolean(),
        (interval, stored, viewA, viewB, [jitterA, jitterB], delay, readingArrives) => {
          const ms = intervalMs(interval)!;
          const tabA: DecideCheckInput = { interval, jitter: jitterA, now: T0, ...ready, ...viewA };
          const tabB: DecideCheckInput = { interval, jitter: jitterB, now: T0 + Math.min(delay, ms - 1), ...ready, ...viewB };

          const first = decideUnderLock(tabA, stored);
          let shared = first.record;
          if (first.decision.kind === 'check' && readingArrives) shared = { ...shared, lastReadingAt: tabA.now };
          const second = decideUnderLock(tabB, shared);

          expect([first, second].filter((turn) => turn.decision.kind === 'check').length).toBeLessThanOrEqual(1);
          // A check due by the freshest record is not lost under the lock: the first tab in takes it.
          if (decideCheck({ ...tabA, ...freshestRecord(viewA, stored) }).kind === 'check') expect(first.decision).toEqual({ kind: 'check' });
        },
      ),
    );
  });
});

describe('sharedJitter', () => {
  it('is the same in every tab for one tenant and reading, and lies in 0..1', () => {
    expect(sharedJitter(TENANT, T0)).toBe(sharedJitter(TENANT, T0));
    fc.assert(
      fc.property(fc.string(), fc.option(fc.integer(), { nil: undefined }), (tenant, time) => {
        const jitter = sharedJitter(tenant, time);
        expect(jitter).toBeGreaterThanOrEqual(0);
        expect(jitter).toBeLessThan(1);
      }),
    );
  });

  it('spreads tenants over the range', () => {
    const jitters = Array.from({ length: 200 }, (_, i) => sharedJitter(`tenant-${i}`, T0));
    const quarters = [0, 1, 2, 3].map((q) => jitters.filter((j) => j >= q / 4 && j < (q + 1) / 4).length);
    for (const count of quarters) expect(count).toBeGreaterThan(20);
  });
});

describe('planRound over several tenants', () => {
  it('never checks a tenant inside its Retry-After window nor one waiting for a sign-in, checks at most the limit, and wakes by the earliest due time', () => {
    const tenantRecord = fc.record({ record: anyRecord(3 * HOUR), needsUser: fc.boolean() });
    fc.assert(
      fc.property(fc.array(tenantRecord, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 4 }), (tenants, limit) => {
        const inputs = tenants.map(({ record, needsUser }, index) => [`t${index}`, { interval: 'hourly' as const, jitter: 0.5, now: T0, online: true, tokenNeedsUser: needsUser, ...record }] as const);
        const round = planRound(inputs.map(([id, input]) => [id, decideCheck(input)] as const), limit);
        expect(round.check.length).toBeLessThanOrEqual(limit);
        for (const id of round.check) {
          const input = inputs.find(([tenant]) => tenant === id)![1];
          expect(input.tokenNeedsUser).toBe(false);
          expect(input.retryAfterUntil === undefined || input.retryAfterUntil <= T0).toBe(true);
        }
        const due = inputs.filter(([, input]) => decideCheck(input).kind === 'check').length;
        expect(round.check.length).toBe(Math.min(due, limit));
        const later = inputs.map(([, input]) => decideCheck(input)).flatMap((d) => ('until' in d ? [d.until] : []));
        expect(round.wakeAt).toBe(later.length === 0 ? undefined : Math.min(...later));
      }),
    );
  });

  it('two tenants due, one throttled: only the other is checked, and the round wakes when the throttle ends', () => {
    const base = { interval: 'hourly' as const, jitter: 0, now: T0, online: true, tokenNeedsUser: false, lastReadingAt: T0 - 2 * HOUR };
    const round = planRound(
      [
        ['a', decideCheck(base)],
        ['b', decideCheck({ ...base, retryAfterUntil: T0 + 5 * MINUTE })],
      ],
      2,
    );
    expect(round).toEqual({ check: ['a'], wakeAt: T0 + 5 * MINUTE });
  });
});
