import type { AlertEvent } from './alert-rules';

/**
 * One entry of the alert log, kept and exported with the history: an event, when this browser first
 * showed it, and when it was dismissed. Keyed by the event's id, which every tab and device computes alike.
 */
export interface AlertLogEntry extends AlertEvent {
  /** When the alert was first shown (epoch ms). */
  firedAt: number;
  /** When the alert was dismissed (epoch ms); undefined while it is waiting. */
  dismissedAt?: number | undefined;
}

/**
 * Adds the events the log does not hold yet, as fired at `firedAt`. Gives the log after, and the entries
 * it added: the alerts to show (a banner, a notification) — an event already logged is never shown again.
 */
export function logAlerts(log: readonly AlertLogEntry[], events: readonly AlertEvent[], firedAt: number): { log: AlertLogEntry[]; fired: AlertLogEntry[] } {
  const known = new Set(log.map((entry) => entry.id));
  const fired: AlertLogEntry[] = [];
  for (const event of events) {
    if (known.has(event.id)) continue;
    known.add(event.id);
    fired.push({ ...event, firedAt });
  }
  return { log: mergeAlertLogs(log, fired), fired };
}

/** The log with one alert dismissed at `at` (a later dismissal of an entry dismissed already keeps the later time). */
export function dismissAlert(log: readonly AlertLogEntry[], id: string, at: number): AlertLogEntry[] {
  return log.map((entry) => (entry.id === id ? { ...entry, dismissedAt: Math.max(entry.dismissedAt ?? at, at) } : entry));
}

/** The alerts not dismissed yet, newest first: the banners to show and what the app badge counts. */
export function waitingAlerts(log: readonly AlertLogEntry[]): AlertLogEntry[] {
  return log.filter((entry) => entry.dismissedAt === undefined).sort((a, b) => compareAlertLogEntries(b, a));
}

/** Oldest reading first, then by id: the order the log is kept and exported in. */
export function compareAlertLogEntries(a: AlertLogEntry, b: AlertLogEntry): number {
  return a.time - b.time || compareText(a.id, b.id);
}

/**
 * Every entry of the logs, one per id, in log order. Of copies of one entry (two tabs, an import), the
 * first fired is kept, and a dismissal wins: the latest dismissal time of any copy. Commutative,
 * associative and idempotent, so logs merge to the same result in any order.
 */
export function mergeAlertLogs(...logs: readonly (readonly AlertLogEntry[])[]): AlertLogEntry[] {
  const byId = new Map<string, AlertLogEntry>();
  for (const log of logs) {
    for (const entry of log) {
      const kept = byId.get(entry.id);
      byId.set(entry.id, kept ? mergeCopies(kept, entry) : { ...entry });
    }
  }
  return [...byId.values()].sort(compareAlertLogEntries);
}

function mergeCopies(a: AlertLogEntry, b: AlertLogEntry): AlertLogEntry {
  // Copies of one id describe one event; should they differ, a total order picks the same one whatever the merge order.
  const first = a.firedAt !== b.firedAt ? (a.firedAt < b.firedAt ? a : b) : compareText(eventText(a), eventText(b)) <= 0 ? a : b;
  const dismissals = [a.dismissedAt, b.dismissedAt].filter((time): time is number => time !== undefined);
  const { dismissedAt: _, ...event } = first;
  return dismissals.length === 0 ? event : { ...event, dismissedAt: Math.max(...dismissals) };
}

function eventText({ id, tenantId, ruleId, kind, time, before, after, threshold }: AlertLogEntry): string {
  return JSON.stringify([id, tenantId, ruleId, kind, time, before, after, threshold]);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
