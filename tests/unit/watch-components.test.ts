import '@testing-library/jest-dom/vitest';
// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import AlertBanners from '../../src/lib/ui/watch/AlertBanners.svelte';
import NotificationSwitch from '../../src/lib/ui/watch/NotificationSwitch.svelte';
import AlertRulesEditor from '../../src/lib/ui/watch/AlertRulesEditor.svelte';
import GoalEditor from '../../src/lib/ui/watch/GoalEditor.svelte';
import WatchStatusLine from '../../src/lib/ui/watch/WatchStatusLine.svelte';
import AlertLogView from '../../src/lib/ui/watch/AlertLogView.svelte';
import HistoryTable from '../../src/lib/ui/HistoryTable.svelte';
import { NotificationsState, type NotificationPermissionState } from '../../src/lib/state/notifications.svelte';
import { historyRows } from '../../src/lib/ui/history-rows';
import { scoreRuns } from '../../src/lib/history/score-runs';
import { alertEventId } from '../../src/lib/watch/alert-rules';
import type { AlertLogEntry } from '../../src/lib/watch/alert-log';
import { formatClock, formatDateTime } from '../../src/lib/ui/format';
import { endOfDay } from '../../src/lib/ui/watch/goal-form';

const TENANT = 'aaaaaaaa-0000-4000-8000-000000000001';
const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 2, 2, 12);

const alert = (time: number, before: number, after: number, dismissedAt?: number): AlertLogEntry => ({
  id: alertEventId(TENANT, 'r1', time),
  tenantId: TENANT,
  ruleId: 'r1',
  kind: 'drop-points',
  time,
  before,
  after,
  threshold: 10,
  firedAt: time,
  ...(dismissedAt === undefined ? {} : { dismissedAt }),
});

function notifications(permission: NotificationPermissionState, answer: NotificationPermissionState = permission) {
  const platform = { permission: vi.fn(() => permission), requestPermission: vi.fn(async () => ((permission = answer), answer)), show: vi.fn(async () => true) };
  const state = new NotificationsState({ platform, pref: { load: async () => false, save: async () => {} } });
  return { state, platform };
}

describe('AlertBanners', () => {
  it('shows each waiting alert with its rule, values and time, and dismisses the one asked', async () => {
    const dismiss = vi.fn(async () => {});
    const waiting = [alert(NOW - HOUR, 412, 398)];
    render(AlertBanners, { alerts: { waiting, focused: undefined, dismiss } });
    const banner = screen.getByRole('alert');
    expect(within(banner).getByRole('heading')).toHaveTextContent('Alert: A drop of at least 10 points');
    expect(banner).toHaveTextContent(`The score went from 412 to 398 at ${formatDateTime(NOW - HOUR)}.`);
    await fireEvent.click(within(banner).getByRole('button', { name: 'Dismiss alert: A drop of at least 10 points' }));
    expect(dismiss).toHaveBeenCalledWith(waiting[0]!.id);
  });
});

describe('NotificationSwitch', () => {
  it('asks the browser only when turned on, and is on once it allows', async () => {
    const { state, platform } = notifications('default', 'granted');
    await state.start();
    render(NotificationSwitch, { notifications: state });
    expect(platform.requestPermission).not.toHaveBeenCalled();
    const toggle = screen.getByRole('switch', { name: 'System notifications for alerts' });
    expect(toggle).not.toBeChecked();
    await fireEvent.click(toggle);
    await vi.waitFor(() => expect(toggle).toBeChecked());
    expect(platform.requestPermission).toHaveBeenCalledTimes(1);
  });

  it('names a refusal and a browser without them, and stays off', async () => {
    for (const [permission, words] of [
      ['denied', 'Notifications are blocked for Scoreline'],
      ['unsupported', 'This browser cannot show notifications'],
    ] as const) {
      const { state } = notifications(permission);
      await state.start();
      const { unmount } = render(NotificationSwitch, { notifications: state });
      expect(screen.getByRole('switch')).toBeDisabled();
      expect(screen.getByRole('status')).toHaveTextContent(words);
      expect(screen.getByRole('status')).toHaveTextContent('Alerts still show on this page');
      unmount();
    }
  });

  it('a refused request leaves notifications off', async () => {
    const { state } = notifications('default', 'denied');
    await state.turnOn();
    expect([state.chosen, state.active, state.permission]).toEqual([false, false, 'denied']);
    expect(await state.notify([{ title: 't', body: 'b', data: { tenantId: TENANT, time: 1, alertId: 'a', url: 'https://x.example/' } }])).toBe(0);
  });
});

describe('AlertRulesEditor', () => {
  it('adds a rule of the chosen kind with its limit, and refuses a limit that is not a number', async () => {
    const addRule = vi.fn(async () => {});
    render(AlertRulesEditor, { alerts: { rules: [], addRule, removeRule: async () => {} }, canEdit: true });
    await fireEvent.change(screen.getByRole('combobox', { name: /Alert when/ }), { target: { value: 'below-threshold' } });
    const field = screen.getByRole('textbox', { name: 'Threshold score' });
    await fireEvent.input(field, { target: { value: 'soon' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a number from 0 to 100000');
    expect(addRule).not.toHaveBeenCalled();
    await fireEvent.input(field, { target: { value: '400' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    expect(addRule).toHaveBeenCalledWith({ kind: 'below-threshold', threshold: 400 });
  });

  it('lists the rules, each with its own Remove', async () => {
    const removeRule = vi.fn(async () => {});
    const rules = [{ tenantId: TENANT, id: 'r1', kind: 'drop-percent' as const, percent: 5, edited: 1 }];
    render(AlertRulesEditor, { alerts: { rules, addRule: async () => {}, removeRule }, canEdit: true });
    await fireEvent.click(screen.getByRole('button', { name: 'Remove rule: A drop of at least 5% from the 7-day high' }));
    expect(removeRule).toHaveBeenCalledWith('r1');
  });
});

describe('GoalEditor', () => {
  it('saves a target and the end of the chosen day', async () => {
    const set = vi.fn(async () => {});
    render(GoalEditor, { goal: { goal: undefined, set, clear: async () => {} }, now: NOW, canEdit: true });
    await fireEvent.input(screen.getByRole('textbox', { name: 'Target score' }), { target: { value: '450' } });
    await fireEvent.input(screen.getByLabelText('Reach it by (optional)'), { target: { value: '2026-06-30' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save goal' }));
    expect(set).toHaveBeenCalledWith(450, endOfDay('2026-06-30'));
  });
});

describe('WatchStatusLine', () => {
  it('says when the score was last checked and when the next check is', () => {
    render(WatchStatusLine, { watch: { record: { lastReadingAt: NOW - 10 * 60_000 }, status: { kind: 'waiting', until: NOW + 3 * HOUR }, effectiveInterval: 'every-4-hours', watchedCount: 1 }, now: NOW });
    expect(screen.getByTestId('watch-status')).toHaveTextContent(`Last checked 10 minutes ago (${formatClock(NOW - 10 * 60_000)}) · Next check around ${formatClock(NOW + 3 * HOUR)} (in 3 hours)`);
    expect(screen.getByTestId('watch-status')).not.toHaveTextContent('Watching');
  });

  it('says how many tenants are watched when there are several, unless watching is off', () => {
    const watch = { record: {}, status: { kind: 'waiting', until: NOW + HOUR } as const, effectiveInterval: 'hourly' as const, watchedCount: 3 };
    const { unmount } = render(WatchStatusLine, { watch, now: NOW });
    expect(screen.getByTestId('watch-status')).toHaveTextContent('Watching 3 tenants');
    unmount();
    render(WatchStatusLine, { watch: { ...watch, status: { kind: 'paused', reason: 'off' }, effectiveInterval: 'off' }, now: NOW });
    expect(screen.getByTestId('watch-status')).not.toHaveTextContent('Watching');
  });
});

describe('AlertLogView', () => {
  it('lists every alert, newest first, waiting or dismissed', () => {
    render(AlertLogView, { alerts: { log: [alert(NOW - 2 * HOUR, 430, 415, NOW - HOUR), alert(NOW - HOUR, 415, 400)], dismiss: async () => {} } });
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((row) => (row as HTMLTableRowElement).cells[0]!.textContent)).toEqual([formatDateTime(NOW - HOUR), formatDateTime(NOW - 2 * HOUR)]);
    expect(rows[0]).toHaveTextContent('Waiting');
    expect(rows[1]).toHaveTextContent(`Dismissed ${formatDateTime(NOW - HOUR)}`);
  });
});

describe('HistoryTable with alerts', () => {
  it('marks the row of a reading that fired an alert, saying which', () => {
    const runs = scoreRuns([
      { tenantId: TENANT, firstSeen: NOW - 3 * HOUR, lastSeen: NOW - 2 * HOUR, score: 412 },
      { tenantId: TENANT, firstSeen: NOW - HOUR, lastSeen: NOW - HOUR, score: 398 },
    ]);
    render(HistoryTable, { rows: historyRows(runs), now: NOW, alerts: new Map([[NOW - HOUR, 'Alert: A drop of at least 10 points']]) });
    const [newest, older] = screen.getAllByRole('row').slice(1);
    expect(newest).toHaveTextContent('Alert: A drop of at least 10 points');
    expect(older).not.toHaveTextContent('Alert');
  });
});
