import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareAlertLogEntries, dismissAlert, logAlerts, mergeAlertLogs, waitingAlerts, type AlertLogEntry } from '../../src/lib/watch/alert-log';
import { alertEventId, type AlertEvent } from '../../src/lib/watch/alert-rules';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
const TENANT = '11111111-1111-4111-8111-111111111111';

const event = (hour: number, ruleId = 'drop-10'): AlertEvent => ({
  id: alertEventId(TENANT, ruleId, T0 + hour * HOUR),
  tenantId: TENANT,
  ruleId,
  kind: 'drop-points',
  time: T0 + hour * HOUR,
  before: 80,
  after: 65,
  threshold: 10,
});
const entry = (hour: number, firedAt: number, dismissedAt?: number): AlertLogEntry => ({ ...event(hour), firedAt, ...(dismissedAt === undefined ? {} : { dismissedAt }) });

describe('logAlerts', () => {
  it('logs the events not logged yet and gives them back as the alerts to show', () => {
    const first = logAlerts([], [event(1), event(2)], T0 + 3 * HOUR);
    expect(first.fired.map((e) => e.time)).toEqual([T0 + HOUR, T0 + 2 * HOUR]);
    expect(first.log).toEqual(first.fired);
    expect(first.fired.every((e) => e.firedAt === T0 + 3 * HOUR)).toBe(true);

    const again = logAlerts(first.log, [event(2), event(4), event(4)], T0 + 5 * HOUR);
    expect(again.fired.map((e) => e.time)).toEqual([T0 + 4 * HOUR]);
    expect(again.log.map((e) => [e.time, e.firedAt])).toEqual([
      [T0 + HOUR, T0 + 3 * HOUR],
      [T0 + 2 * HOUR, T0 + 3 * HOUR],
      [T0 + 4 * HOUR, T0 + 5 * HOUR],
    ]);
  });
});

describe('dismissAlert and waitingAlerts', () => {
  it('dismisses one alert, keeping the later time when dismissed twice', () => {
    const log = [entry(1, 10), entry(2, 20)];
    const dismissed = dismissAlert(log, event(1).id, 500);
    expect(dismissed.map((e) => e.dismissedAt)).toEqual([500, undefined]);
    expect(dismissAlert(dismissed, event(1).id, 400)[0]!.dismissedAt).toBe(500);
    expect(dismissAlert(dismissed, event(1).id, 600)[0]!.dismissedAt).toBe(600);
  });

  it('lists the alerts still waiting, newest first', () => {
    const log = [entry(1, 10), entry(2, 20, 30), entry(3, 40)];
    expect(waitingAlerts(log).map((e) => e.time)).toEqual([T0 + 3 * HOUR, T0 + HOUR]);
  });
});

describe('mergeAlertLogs', () => {
  it('keeps one entry per event: the first fired, dismissed if any copy was (at the latest dismissal)', () => {
    const tabA = [entry(1, 100, 300), entry(2, 100)];
    const tabB = [entry(1, 150, 250), entry(2, 90), entry(3, 95)];
    const merged = mergeAlertLogs(tabA, tabB);
    expect(merged.map((e) => [e.time, e.firedAt, e.dismissedAt])).toEqual([
      [T0 + HOUR, 100, 300],
      [T0 + 2 * HOUR, 90, undefined],
      [T0 + 3 * HOUR, 95, undefined],
    ]);
    expect(merged[1]).not.toHaveProperty('dismissedAt');
  });

  const entries = fc.array(
    fc.record({
      hour: fc.integer({ min: 0, max: 6 }),
      rule: fc.constantFrom('drop-10', 'below-60'),
      after: fc.constantFrom(60, 65),
      firedAt: fc.integer({ min: 0, max: 5 }),
      dismissedAt: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
    }),
    { maxLength: 12 },
  ).map((list) => list.map(({ hour, rule, after, firedAt, dismissedAt }): AlertLogEntry => ({ ...event(hour, rule), after, firedAt, ...(dismissedAt === undefined ? {} : { dismissedAt }) })));

  it('merges in any order and any grouping to the same log, and merging a log into itself changes nothing', () => {
    fc.assert(
      fc.property(entries, entries, entries, (a, b, c) => {
        expect(mergeAlertLogs(a, b)).toEqual(mergeAlertLogs(b, a));
        expect(mergeAlertLogs(mergeAlertLogs(a, b), c)).toEqual(mergeAlertLogs(a, mergeAlertLogs(b, c)));
        const merged = mergeAlertLogs(a);
        expect(mergeAlertLogs(merged, merged)).toEqual(merged);
      }),
    );
  });

  it('keeps every id once, in log order, with the earliest firing and the latest dismissal of its copies', () => {
    fc.assert(
      fc.property(entries, entries, (a, b) => {
        const merged = mergeAlertLogs(a, b);
        const all = [...a, ...b];
        expect(new Set(merged.map((e) => e.id)).size).toBe(merged.length);
        expect(new Set(merged.map((e) => e.id))).toEqual(new Set(all.map((e) => e.id)));
        expect([...merged].sort(compareAlertLogEntries)).toEqual(merged);
        for (const kept of merged) {
          const copies = all.filter((e) => e.id === kept.id);
          expect(kept.firedAt).toBe(Math.min(...copies.map((e) => e.firedAt)));
          const dismissals = copies.flatMap((e) => (e.dismissedAt === undefined ? [] : [e.dismissedAt]));
          expect(kept.dismissedAt).toBe(dismissals.length ? Math.max(...dismissals) : undefined);
        }
      }),
    );
  });
});
