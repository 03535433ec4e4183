import type { AlertLogEntry } from '../../watch/alert-log';
import type { ChartOverlay } from '../chart/overlay';
import { formatPoints } from '../format';
import { describeAlert } from '../watch-words';

/** The device score's alerts: exposure alerts belong to the exposure score's readings, not to this chart or table. */
function deviceAlerts(log: readonly AlertLogEntry[]): AlertLogEntry[] {
  return log.filter((entry) => entry.kind !== 'exposure-high');
}

/** The goal line and the alert marks over the device score's chart, with the words its description adds. */
export function chartOverlay(goal: number | undefined, log: readonly AlertLogEntry[]): ChartOverlay & { description: string } {
  const alerts = deviceAlerts(log);
  const marks = alerts.map((entry) => ({ time: entry.time, value: entry.after }));
  const goalWords = goal === undefined ? '' : ` The goal, ${formatPoints(goal)} points, is a dashed line.`;
  const alertWords = alerts.length === 0 ? '' : ` ${alerts.length === 1 ? 'One reading that fired an alert is' : `${alerts.length} readings that fired an alert are`} marked with a red triangle.`;
  return { goal, marks, description: goalWords + alertWords };
}

/** What each reading that fired an alert says in the History table: its rules, by the reading's time. */
export function tableAlerts(log: readonly AlertLogEntry[]): Map<number, string> {
  const byTime = new Map<number, string>();
  for (const entry of deviceAlerts(log)) {
    const title = `Alert: ${describeAlert(entry).title}`;
    const known = byTime.get(entry.time);
    byTime.set(entry.time, known ? `${known}; ${title}` : title);
  }
  return byTime;
}
