import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { alertEventId, alertEvents, EXPOSURE_HIGH_FROM, newAlerts, type AlertEvent, type AlertRule } from '../../src/lib/watch/alert-rules';
import { foldReadings, GAP_LIMIT_MS, joinRuns, runForReading, type Run } from '../../src/lib/history/run';
import { roundPoints, type Reading } from '../../src/lib/history/reading';
import { exposureLevel } from '../../src/lib/history/series';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 0, 1);
const TENANT = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

const reading = (hour: number, score: number, tenantId = TENANT): Reading => ({ tenantId, time: T0 + hour * HOUR, score });
/** A rule without its tenant (this tenant unless given), for each kind of rule. */
type WithTenantOptional<R> = R extends AlertRule ? Omit<R, 'tenantId'> & { tenantId?: string } : never;
type RuleFields = WithTenantOptional<AlertRule>;
const rule = (fields: RuleFields): AlertRule => ({ tenantId: TENANT, ...fields }) as AlertRule;

const dropTen = rule({ id: 'drop-10', kind: 'drop-points', points: 10 });
const dropTenPercent = rule({ id: 'drop-10%', kind: 'drop-percent', percent: 10 });
const belowSixty = rule({ id: 'below-60', kind: 'below-threshold', threshold: 60 });
const exposureHigh = rule({ id: 'exposure', kind: 'exposure-high' });

/** Every reading judged against the history of all of them (as after a reload). */
function judgeAll(rules: readonly AlertRule[], readings: readonly Reading[], exposure: readonly Reading[] = []): AlertEvent[] {
  return alertEvents({ tenantId: TENANT, rules, deviceRuns: foldReadings(readings), readings, exposureRuns: foldReadings(exposure), exposureReadings: exposure });
}

const fired = (events: readonly AlertEvent[]) => events.map((e) => [e.ruleId, (e.time - T0) / HOUR, e.before, e.after]);

describe('alertEvents, by rule', () => {
  it('drop-points fires on a fall of at least N points since the previous reading (9 is not enough)', () => {
    const readings = [reading(0, 80), reading(4, 75), reading(8, 65), reading(12, 56), reading(16, 70), reading(20, 59.99)];
    expect(fired(judgeAll([dropTen], readings))).toEqual([
      [dropTen.id, 8, 75, 65],
      [dropTen.id, 20, 70, 59.99],
    ]);
  });

  it('fires nothing on a tenant’s first reading, nor on a reading that repeats the score', () => {
    expect(judgeAll([dropTen, belowSixty, dropTenPercent], [reading(0, 10)])).toEqual([]);
    expect(judgeAll([dropTen, belowSixty, dropTenPercent], [reading(0, 40), reading(4, 40), reading(60, 40)])).toEqual([]);
  });

  it('below-threshold fires on the crossing, not on every reading below, and again only after the score was back', () => {
    const readings = [reading(0, 65), reading(4, 58), reading(8, 55), reading(12, 59), reading(16, 60), reading(20, 50), reading(24, 40)];
    expect(fired(judgeAll([belowSixty], readings))).toEqual([
      [belowSixty.id, 4, 65, 58],
      [belowSixty.id, 20, 60, 50],
    ]);
  });

  it('drop-percent measures from the highest score of the previous 7 days, and fires when the score falls that far', () => {
    const readings = [reading(0, 80), reading(24, 76), reading(48, 72), reading(72, 70), reading(96, 79), reading(120, 71)];
    // 72 is 10% below 80; 70 stays there; after 79, 71 falls there again.
    expect(fired(judgeAll([dropTenPercent], readings))).toEqual([
      [dropTenPercent.id, 48, 80, 72],
      [dropTenPercent.id, 120, 80, 71],
    ]);
  });

  it('drop-percent forgets a high older than 7 days', () => {
    const daily = [80, 79, 78, 77, 76, 75, 74, 73, 72].map((score, day) => reading(day * 24, score));
    // On day 8, 72 is 10% below 80 — but 80 was read 8 days before, and the highest of the 7 days before is 79.
    expect(judgeAll([dropTenPercent], daily)).toEqual([]);
  });

  it('drop-percent counts a score that held into the window until the next change', () => {
    // 80 held from day 0 until the change at hour 7·24 + 12, inside the window of the reading at day 8 + 6h.
    const readings = [reading(6 * 24, 80), reading(6 * 24 + 30, 80), reading(7 * 24 + 12, 78), reading(8 * 24 + 6, 71)];
    expect(fired(judgeAll([dropTenPercent], readings))).toEqual([[dropTenPercent.id, 8 * 24 + 6, 80, 71]]);
  });

  it('exposure-high fires when the exposure score enters "high" from below, not while it stays high', () => {
    const exposure = [reading(0, 45), reading(4, 69.9), reading(8, 70), reading(12, 85), reading(16, 30), reading(20, 90)];
    const events = judgeAll([exposureHigh, dropTen], [], exposure);
    expect(fired(events)).toEqual([
      [exposureHigh.id, 8, 69.9, 70],
      [exposureHigh.id, 20, 30, 90],
    ]);
    expect(events.every((e) => e.threshold === EXPOSURE_HIGH_FROM && e.kind === 'exposure-high')).toBe(true);
    expect([exposureLevel(EXPOSURE_HIGH_FROM), exposureLevel(EXPOSURE_HIGH_FROM - 0.01)]).toEqual(['high', 'medium']);
  });

  it('keeps the rule’s limit in the event', () => {
    const [event] = judgeAll([dropTen], [reading(0, 80), reading(1, 60)]);
    expect(event).toEqual({ id: alertEventId(TENANT, 'drop-10', T0 + HOUR), tenantId: TENANT, ruleId: 'drop-10', kind: 'drop-points', time: T0 + HOUR, before: 80, after: 60, threshold: 10 });
  });

  it('ignores rules, runs and readings of other tenants', () => {
    const foreignRule = rule({ id: 'other', tenantId: OTHER, kind: 'drop-points', points: 1 });
    const readings = [reading(0, 80), reading(1, 60, OTHER), reading(2, 70)];
    expect(fired(judgeAll([foreignRule, dropTen], readings))).toEqual([[dropTen.id, 2, 80, 70]]);
  });

  it('judges a reading the same whether the history already holds it or not', () => {
    const history = [reading(0, 80), reading(4, 80)];
    const latest = reading(8, 65);
    const without = alertEvents({ tenantId: TENANT, rules: [dropTen, belowSixty], deviceRuns: foldReadings(history), readings: [latest] });
    const stored = alertEvents({ tenantId: TENANT, rules: [dropTen, belowSixty], deviceRuns: foldReadings([...history, latest]), readings: [latest] });
    expect(without).toEqual(stored);
    expect(fired(without)).toEqual([[dropTen.id, 8, 80, 65]]);
  });
  it('judges several new readings in turn, each against the one before it, stored or not', () => {
    const history = foldReadings([reading(0, 80)]);
    const events = alertEvents({ tenantId: TENANT, rules: [dropTen], deviceRuns: history, readings: [reading(8, 50), reading(4, 65)] });
    expect(fired(events)).toEqual([
      [dropTen.id, 4, 80, 65],
      [dropTen.id, 8, 65, 50],
    ]);
  });
});

describe('alertEventId', () => {
  it('differs for any two different (tenant, rule, time), whatever the texts hold', () => {
    fc.assert(
      fc.property(fc.tuple(fc.string(), fc.string(), fc.integer()), fc.tuple(fc.string(), fc.string(), fc.integer()), (a, b) => {
        fc.pre(a[0] !== b[0] || a[1] !== b[1] || a[2] !== b[2]);
        expect(alertEventId(...a)).not.toBe(alertEventId(...b));
      }),
    );
  });
});

describe('newAlerts', () => {
  const event = (id: string) => ({ id }) as AlertEvent;
  it('keeps the events not known yet, each once, in order', () => {
    expect(newAlerts([event('a'), event('b'), event('a'), event('c')], ['b']).map((e) => e.id)).toEqual(['a', 'c']);
  });
});

// ---- Properties over any sequence of readings ----

const scores = [40, 55, 59.5, 60, 62, 66, 70, 72.5, 80];
const exposureScores = [20, 45, 69, 70, 75, 90];
/** Readings in time order, from 1 hour to 3 days apart (so gaps happen), scores from a few values so that they repeat. */
const readingsOf = (values: readonly number[]) =>
  fc.array(fc.tuple(fc.integer({ min: 1, max: 72 }), fc.constantFrom(...values)), { maxLength: 40 }).map((steps) => {
    let hour = 0;
    return steps.map(([gap, score]) => reading((hour += gap), score));
  });
const rulesArbitrary = fc
  .record({ points: fc.constantFrom(0.5, 5, 10), percent: fc.constantFrom(5, 10, 25), threshold: fc.constantFrom(55, 60, 70) })
  .map(({ points, percent, threshold }): AlertRule[] => [
    rule({ id: 'points', kind: 'drop-points', points }),
    rule({ id: 'percent', kind: 'drop-percent', percent }),
    rule({ id: 'below', kind: 'below-threshold', threshold }),
    rule({ id: 'exposure', kind: 'exposure-high' }),
  ]);

/** The rules written out plainly over a list of readings (time order), as the model the run-based code must match. */
function modelEvents(rules: readonly AlertRule[], device: readonly Reading[], exposure: readonly Reading[]): string[] {
  const events: string[] = [];
  const each = (series: readonly Reading[], judge: (r: AlertRule, previous: Reading, current: Reading, index: number) => boolean, forExposure: boolean) =>
    series.forEach((current, index) => {
      const previous = series[index - 1];
      if (!previous) return;
      for (const r of rules) if ((r.kind === 'exposure-high') === forExposure && judge(r, previous, current, index)) events.push(alertEventId(TENANT, r.id, current.time));
    });
  const highOfWeekBefore = (index: number) => {
    const from = device[index]!.time - 7 * DAY;
    const inWindow = device.slice(0, index).filter((r) => r.time >= from);
    const lastBefore = device.slice(0, index).findLast((r) => r.time < from);
    const next = lastBefore && device[device.indexOf(lastBefore) + 1];
    const heldInto = lastBefore && next && next.time > from && next.time - lastBefore.time <= GAP_LIMIT_MS ? [lastBefore] : [];
    const all = [...inWindow, ...heldInto].map((r) => r.score);
    return all.length ? Math.max(...all) : undefined;
  };
  each(
    device,
    (r, previous, current, index) => {
      if (r.kind === 'drop-points') return previous.score - current.score >= r.points - 1e-9 && current.score < previous.score;
      if (r.kind === 'below-threshold') return previous.score >= r.threshold && current.score < r.threshold;
      if (r.kind !== 'drop-percent') return false;
      const high = highOfWeekBefore(index);
      const far = (score: number) => high !== undefined && score < high && (high - score) / high >= r.percent / 100 - 1e-9;
      return far(current.score) && !far(previous.score);
    },
    false,
  );
  each(exposure, (_, previous, current) => previous.score < 70 && current.score >= 70, true);
  return events.sort();
}

/** Readings stored one by one as the app keeps them, judged as they come; what one tab fires into its log. */
function watchLive(rules: readonly AlertRule[], device: readonly Reading[], exposure: readonly Reading[], log: Map<string, AlertEvent>): void {
  let deviceRuns: Run[] = [];
  let exposureRuns: Run[] = [];
  const timeline = [...device.map((r) => ({ r, exposure: false })), ...exposure.map((r) => ({ r, exposure: true }))].sort((a, b) => a.r.time - b.r.time);
  for (const { r, exposure: isExposure } of timeline) {
    if (isExposure) exposureRuns = joinRuns(exposureRuns, [runForReading(r, exposureRuns)]);
    else deviceRuns = joinRuns(deviceRuns, [runForReading(r, deviceRuns)]);
    const events = alertEvents({ tenantId: TENANT, rules, deviceRuns, exposureRuns, readings: isExposure ? [] : [r], exposureReadings: isExposure ? [r] : [] });
    for (const event of newAlerts(events, log.keys())) log.set(event.id, event);
  }
}

describe('alert rules over any sequence of readings', () => {
  it('fire exactly on the readings that meet them, as the plain model says', () => {
    fc.assert(
      fc.property(rulesArbitrary, readingsOf(scores), readingsOf(exposureScores), (rules, device, exposure) => {
        const events = judgeAll(rules, device, exposure);
        expect(events.map((e) => e.id).sort()).toEqual(modelEvents(rules, device, exposure));
      }),
      { numRuns: 300 },
    );
  });

  it('never fire for a reading that does not meet the rule', () => {
    fc.assert(
      fc.property(rulesArbitrary, readingsOf(scores), readingsOf(exposureScores), (rules, device, exposure) => {
        for (const e of judgeAll(rules, device, exposure)) {
          expect(e.after).toBeLessThan(e.kind === 'exposure-high' ? Infinity : e.before);
          if (e.kind === 'drop-points') expect(roundPoints(e.before - e.after)).toBeGreaterThanOrEqual(e.threshold);
          if (e.kind === 'drop-percent') expect(roundPoints(((e.before - e.after) / e.before) * 100)).toBeGreaterThanOrEqual(e.threshold);
          if (e.kind === 'below-threshold') expect(e.before >= e.threshold && e.after < e.threshold).toBe(true);
          if (e.kind === 'exposure-high') expect(e.before < 70 && e.after >= 70).toBe(true);
          const series = e.kind === 'exposure-high' ? exposure : device;
          expect(series.find((r) => r.time === e.time)?.score).toBe(e.after);
        }
      }),
    );
  });

  it('below-threshold fires only on crossings: between two firings the score was back at or above the threshold', () => {
    fc.assert(
      fc.property(rulesArbitrary, readingsOf(scores), (rules, device) => {
        const below = rules.find((r) => r.kind === 'below-threshold')!;
        const times = judgeAll(rules, device).filter((e) => e.ruleId === below.id).map((e) => e.time);
        times.slice(1).forEach((time, i) => {
          expect(device.some((r) => r.time > times[i]! && r.time < time && r.score >= below.threshold)).toBe(true);
        });
      }),
    );
  });

  it('fire each event exactly once across live watching, reloads and a second tab', () => {
    fc.assert(
      fc.property(rulesArbitrary, readingsOf(scores), readingsOf(exposureScores), fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }), (rules, device, exposure, picks) => {
        const everything = judgeAll(rules, device, exposure);
        const log = new Map<string, AlertEvent>();
        // One tab watches live; it reloads and judges everything again.
        watchLive(rules, device, exposure, log);
        for (const event of newAlerts(judgeAll(rules, device, exposure), log.keys())) log.set(event.id, event);
        // A second tab, opened later, judges any of the readings again against the full history.
        const again = device.filter((_, i) => picks[i]);
        const second = alertEvents({ tenantId: TENANT, rules, deviceRuns: foldReadings(device), readings: again });
        expect(newAlerts(second, log.keys())).toEqual([]);
        // The live log holds the events of a full judgement, each once and identical.
        expect([...log.values()].sort((a, b) => a.time - b.time || a.ruleId.localeCompare(b.ruleId))).toEqual(everything);
        for (const event of second) expect(log.get(event.id)).toEqual(event);
      }),
      { numRuns: 200 },
    );
  });
});
