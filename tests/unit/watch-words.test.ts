import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeAlert, describeGoalProgress, lastCheckedWords, nextCheckWords, ruleName } from '../../src/lib/ui/watch-words';
import { alertEventId, ALERT_KINDS } from '../../src/lib/watch/alert-rules';
import type { AlertLogEntry } from '../../src/lib/watch/alert-log';
import { goalProgress } from '../../src/lib/watch/goal-progress';
import type { Run } from '../../src/lib/history/run';
import { formatClock, formatDateTime, formatDay } from '../../src/lib/ui/format';
import { endOfDay, dateFieldValue, parseLimit } from '../../src/lib/ui/watch/goal-form';
import { chartOverlay, tableAlerts } from '../../src/lib/ui/watch/watch-marks';
import { watchTestInterval, WATCH_TEST_INTERVAL_KEY } from '../../src/lib/state/watch-test-interval';
import { NO_BUILD_ORIGINS } from '../../src/lib/config/allowed-origins';
import { alertInAddress, alertTarget, alertUrl } from '../../src/lib/state/browser-notifications';

const TENANT = 'aaaaaaaa-0000-4000-8000-000000000001';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 2, 2, 12);

const entry = (kind: AlertLogEntry['kind'], before: number, after: number, threshold: number, time = NOW - HOUR): AlertLogEntry => ({
  id: alertEventId(TENANT, kind, time),
  tenantId: TENANT,
  ruleId: kind,
  kind,
  time,
  before,
  after,
  threshold,
  firedAt: time,
});

describe('alert words', () => {
  it('names each rule by its kind and limit', () => {
    expect(ruleName('drop-points', 10)).toBe('A drop of at least 10 points');
    expect(ruleName('drop-points', 1)).toBe('A drop of at least 1 point');
    expect(ruleName('drop-percent', 5)).toBe('A drop of at least 5% from the 7-day high');
    expect(ruleName('below-threshold', 400)).toBe('The score falling below 400');
    expect(ruleName('exposure-high', undefined)).toBe('The exposure score entering “high” (70 or more)');
  });

  it('says the values before and after, and when', () => {
    const at = formatDateTime(NOW - HOUR);
    expect(describeAlert(entry('drop-points', 412, 398, 10))).toEqual({ title: 'A drop of at least 10 points', body: `The score went from 412 to 398 at ${at}.` });
    expect(describeAlert(entry('drop-percent', 400, 360, 5)).body).toBe(`The score fell to 360, 10% below its 7-day high of 400, at ${at}.`);
    expect(describeAlert(entry('exposure-high', 65, 72, 70)).body).toBe(`The exposure score went from 65 to 72 at ${at}.`);
  });

  it('marks the device score alerts on the chart and in the table, not the exposure ones', () => {
    const log = [entry('drop-points', 412, 398, 10), entry('below-threshold', 412, 398, 400), entry('exposure-high', 60, 75, 70, NOW)];
    const overlay = chartOverlay(450, log);
    expect(overlay.goal).toBe(450);
    expect(overlay.marks).toEqual([
      { time: NOW - HOUR, value: 398 },
      { time: NOW - HOUR, value: 398 },
    ]);
    expect(overlay.description).toContain('The goal, 450 points, is a dashed line.');
    expect([...tableAlerts(log)]).toEqual([[NOW - HOUR, 'Alert: A drop of at least 10 points; Alert: The score falling below 400']]);
    expect(chartOverlay(undefined, []).description).toBe('');
  });
});

describe('goal progress words', () => {
  const run = (day: number, score: number): Run => ({ tenantId: TENANT, firstSeen: NOW - day * DAY, lastSeen: NOW - day * DAY + HOUR, score });
  const rising = [run(20, 400), run(15, 405), run(10, 410), run(5, 415), { ...run(0, 420), lastSeen: NOW }];

  it('says the points to go and, at the recent pace stated as a 30-day least-squares fit, when the target is reached', () => {
    const progress = goalProgress(rising, { tenantId: TENANT, target: 432 }, NOW);
    expect(progress.projection.kind).toBe('on');
    const date = progress.projection.kind === 'on' ? progress.projection.date : 0;
    expect(describeGoalProgress(progress, undefined, NOW)).toBe(
      `Goal: 432 points. 12 points to go; at the recent pace (a least-squares fit over the last 30 days: +1 point a day) reached around ${formatDay(date, NOW)}.`,
    );
  });

  it('says when the pace will not reach it, when it is reached, and when there is too little history', () => {
    const falling = rising.map((r) => ({ ...r, score: 840 - r.score }));
    expect(describeGoalProgress(goalProgress(falling, { tenantId: TENANT, target: 500 }, NOW), undefined, NOW)).toMatch(/points to go; not reached at the recent pace \(a least-squares fit over the last 30 days: −1 point a day\)\.$/);
    expect(describeGoalProgress(goalProgress(rising, { tenantId: TENANT, target: 400 }, NOW), undefined, NOW)).toBe('Goal: 400 points — reached (the score is 420).');
    const single = goalProgress([{ ...run(0, 420), lastSeen: NOW }], { tenantId: TENANT, target: 430, by: NOW + 10 * DAY }, NOW);
    expect(describeGoalProgress(single, NOW + 10 * DAY, NOW)).toBe(
      `Goal: 430 points. 10 points to go; too little history yet for a pace (a least-squares fit over the last 30 days needs readings on two days). Due ${formatDay(NOW + 10 * DAY, NOW)}.`,
    );
  });

  it('with a date, says whether the pace meets it', () => {
    const onTrack = goalProgress(rising, { tenantId: TENANT, target: 425, by: NOW + 30 * DAY }, NOW);
    expect(describeGoalProgress(onTrack, NOW + 30 * DAY, NOW)).toMatch(/On track for /);
    const behind = goalProgress(rising, { tenantId: TENANT, target: 480, by: NOW + 30 * DAY }, NOW);
    expect(describeGoalProgress(behind, NOW + 30 * DAY, NOW)).toMatch(/Behind for /);
  });
});

describe('check status words', () => {
  it('says when the score was last checked, by any tab', () => {
    expect(lastCheckedWords({}, NOW)).toBe('Not checked yet');
    expect(lastCheckedWords({ lastReadingAt: NOW - 5 * MINUTE }, NOW)).toBe(`Last checked 5 minutes ago (${formatClock(NOW - 5 * MINUTE)})`);
  });

  it('says when the next check is, or why there is none', () => {
    expect(nextCheckWords({ kind: 'waiting', until: NOW + 2 * HOUR }, 'every-4-hours', NOW)).toBe(`Next check around ${formatClock(NOW + 2 * HOUR)} (in 2 hours)`);
    expect(nextCheckWords({ kind: 'waiting', until: NOW + 2_000 }, { testMs: 3_000 }, NOW)).toBe('Next check in under a minute (test interval: every 3 s)');
    expect(nextCheckWords({ kind: 'paused', reason: 'off' }, 'off', NOW)).toBe('Automatic checks are off');
    expect(nextCheckWords({ kind: 'paused', reason: 'offline' }, 'hourly', NOW)).toMatch(/paused: offline/);
    expect(nextCheckWords({ kind: 'paused', reason: 'needs-sign-in' }, 'hourly', NOW)).toMatch(/Sign in again to keep watching/);
    expect(nextCheckWords({ kind: 'paused', reason: 'throttled', until: NOW + HOUR }, 'hourly', NOW)).toBe(
      `Automatic checks paused until ${formatClock(NOW + HOUR)}: the Defender API asked to wait`,
    );
    expect(nextCheckWords({ kind: 'checking' }, 'hourly', NOW)).toBe('Checking now…');
  });
});

describe('goal and rule fields', () => {
  it('a chosen date falls due at the end of that day; the field shows it back', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(2000, 0, 1), max: new Date(2100, 0, 1), noInvalidDate: true }), (date) => {
        const text = dateFieldValue(date.getTime());
        const due = endOfDay(text)!;
        expect(dateFieldValue(due)).toBe(text);
        expect(due).toBeGreaterThanOrEqual(date.getTime());
        expect(endOfDay(dateFieldValue(due + 1))).toBeGreaterThan(due);
      }),
    );
    for (const text of ['', '2026-02-30', '2026-2-1', 'tomorrow']) expect(endOfDay(text)).toBeUndefined();
  });

  it('accepts a number within bounds, with a comma or a point', () => {
    expect(parseLimit('450', { min: 0, max: 1000 })).toBe(450);
    expect(parseLimit(' 2,5 ', { min: 0, max: 100 })).toBe(2.5);
    for (const text of ['', 'ten', '-1', '101', 'Infinity']) expect(parseLimit(text, { min: 0, max: 100 })).toBeUndefined();
  });
});

describe('the test interval', () => {
  const storage = (value: string | null) => ({ getItem: (key: string) => (key === WATCH_TEST_INTERVAL_KEY ? value : null) });
  const testBuild = { ...NO_BUILD_ORIGINS, local: ['http://localhost:4010'] };

  it('is honoured only by a build with origins on this machine (a demo or test build), never by a production build', () => {
    expect(watchTestInterval(storage('3000'), testBuild)).toEqual({ testMs: 3000 });
    expect(watchTestInterval(storage('3000'), NO_BUILD_ORIGINS)).toBeUndefined();
    for (const value of [null, '', '0', '-5', 'soon']) expect(watchTestInterval(storage(value), testBuild)).toBeUndefined();
  });
});

describe("a notification's address", () => {
  it('names the tenant, the reading and the alert, and reads them back; anything else is refused', () => {
    const url = alertUrl('https://scoreline.example/app/?x=1#top', TENANT, NOW, 'alert:a:b:1');
    const params = new URL(url).searchParams;
    expect(alertTarget({ tenant: params.get('tenant'), reading: params.get('reading'), alert: params.get('alert') })).toEqual({ tenantId: TENANT, time: NOW, alertId: 'alert:a:b:1' });
    expect(alertTarget({ tenant: 'not a tenant', reading: NOW, alert: 'a' })).toBeUndefined();
    expect(alertTarget({ tenant: TENANT, reading: 'soon', alert: 'a' })).toBeUndefined();
    expect(ALERT_KINDS).toHaveLength(4);
  });

  it('opened with such an address, the app finds the alert in it and takes it out', () => {
    const url = alertUrl('https://scoreline.example/app/', TENANT, NOW, 'alert:a:b:1');
    expect(alertInAddress(url)).toEqual({ target: { tenantId: TENANT, time: String(NOW), alertId: 'alert:a:b:1' }, withoutIt: 'https://scoreline.example/app/' });
    expect(alertInAddress('https://scoreline.example/app/?x=1')).toBeUndefined();
  });
});
