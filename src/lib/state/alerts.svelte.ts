import type { HistoryStore } from '../history/history-store';
import { tenantIdsOf, type Reading } from '../history/reading';
import type { Run } from '../history/run';
import { EXPOSURE_SERIES } from '../history/series';
import type { AlertRuleRecord } from '../history/schema';
import { alertEvents, DROP_PERCENT_WINDOW_MS, type AlertRule } from '../watch/alert-rules';
import { waitingAlerts, type AlertLogEntry } from '../watch/alert-log';
import type { KeptReading } from './app.svelte';


/** A new rule as the settings describe it: everything but its tenant, id and edit time. */
export type NewAlertRule = AlertRule extends infer R ? (R extends AlertRule ? Omit<R, 'id' | 'tenantId'> : never) : never;

export interface AlertDependencies {
  store(): HistoryStore;
  now(): number;
  /** A fresh id for a new rule. */
  newId(): string;
  /** Tells the other tabs that a tenant's rules or log changed. */
  announce?(tenantId: string): void;
}

/** How many of a tenant's latest changes are judged again when the app starts: enough for a reading taken before the rules were read. */
const CATCH_UP_RUNS = 3;

/**
 * Each tenant's alert rules and alert log, and the judging of new readings: each reading a refresh keeps
 * (in this tab, by a click or automatically) is judged against the tenant's rules, and what fires is logged
 * once — the store logs an alert only if no tab did — then shown until dismissed. A rule judges only the
 * readings taken after it was set: a new rule does not fire on the history.
 */
export class AlertState {
  /** The tenant whose rules and log are shown. */
  tenantId = $state<string | undefined>();
  rules = $state.raw<AlertRuleRecord[]>([]);
  /** The tenant's log, oldest reading first. */
  log = $state.raw<AlertLogEntry[]>([]);
  /** The alerts not dismissed yet, newest first: the banners. */
  waiting = $derived(waitingAlerts(this.log));
  /** The alert a notification's click asked to see. */
  focused = $state<string | undefined>();

  readonly #deps: AlertDependencies;
  #showRequests = 0;
  /** The tenant last asked for: `tenantId` follows once its rules and log are read. */
  #wanted: string | undefined;

  constructor(deps: AlertDependencies) {
    this.#deps = deps;
  }

  /** Shows a tenant's rules and log. */
  async show(tenantId: string | undefined): Promise<void> {
    const request = ++this.#showRequests;
    this.#wanted = tenantId;
    if (!tenantId) {
      [this.tenantId, this.rules, this.log] = [undefined, [], []];
      return;
    }
    let [rules, log]: [AlertRuleRecord[], AlertLogEntry[]] = [[], []];
    try {
      const store = this.#deps.store();
      [rules, log] = await Promise.all([store.alertRules(tenantId), store.alertLog(tenantId)]);
    } catch {
      // Storage failed: no rules or log to show (the history's notice says why).
    }
    if (request !== this.#showRequests) return;
    [this.tenantId, this.rules, this.log] = [tenantId, rules, log];
  }

  /** Reads the tenant on screen again (another tab changed its rules or log). */
  reload(): Promise<void> {
    return this.show(this.#wanted);
  }

  /**
   * Judges readings just kept against the tenant's rules; logs and shows what fires. Resolves to the alerts
   * this tab logged: the ones to notify about. A storage failure judges nothing (the history's notice says why).
   */
  async judge(kept: readonly KeptReading[]): Promise<AlertLogEntry[]> {
    const fired: AlertLogEntry[] = [];
    for (const tenantId of tenantIdsOf(kept.map((k) => k.reading))) {
      const ofTenant = kept.filter((k) => k.reading.tenantId === tenantId);
      fired.push(...(await this.#judgeTenant(tenantId, ofTenant).catch(() => [])));
    }
    return fired;
  }

  /** Judges a tenant's latest changes again: a reading kept before this tab read the rules still fires (once). */
  async catchUp(tenantId: string): Promise<AlertLogEntry[]> {
    const store = this.#deps.store();
    try {
      const [device, series] = await Promise.all([store.latestRuns(tenantId, CATCH_UP_RUNS), store.seriesRuns(tenantId, this.#deps.now() - DROP_PERCENT_WINDOW_MS)]);
      const exposure = series.filter((run) => run.series === EXPOSURE_SERIES).slice(-CATCH_UP_RUNS);
      const starts = (runs: readonly Run[], kind: KeptReading['series']) => runs.map((run) => ({ series: kind, reading: { tenantId, time: run.firstSeen, score: run.score } }));
      return await this.judge([...starts(device, 'score'), ...starts(exposure, 'exposure')]);
    } catch {
      return [];
    }
  }

  async addRule(rule: NewAlertRule): Promise<void> {
    const tenantId = this.tenantId;
    if (!tenantId) return;
    await this.#change(tenantId, () => this.#deps.store().putAlertRule({ ...rule, tenantId, id: this.#deps.newId(), edited: this.#deps.now() } as AlertRuleRecord));
  }

  async removeRule(id: string): Promise<void> {
    const tenantId = this.tenantId;
    if (tenantId) await this.#change(tenantId, () => this.#deps.store().deleteAlertRule(tenantId, id, this.#deps.now()));
  }

  /** Dismisses a waiting alert in every tab; it stays in the log. */
  async dismiss(id: string): Promise<void> {
    const tenantId = this.tenantId;
    if (!tenantId) return;
    if (this.focused === id) this.focused = undefined;
    await this.#change(tenantId, () => this.#deps.store().dismissAlert(tenantId, id, this.#deps.now()));
  }

  /** A notification was clicked: the alert to bring into view once its tenant is shown. */
  focus(id: string | undefined): void {
    this.focused = id;
  }

  async #judgeTenant(tenantId: string, kept: readonly KeptReading[]): Promise<AlertLogEntry[]> {
    const store = this.#deps.store();
    const rules = await store.alertRules(tenantId);
    if (rules.length === 0 || kept.length === 0) return [];
    const device = kept.filter((k) => k.series === 'score').map((k) => plain(k.reading));
    const exposure = kept.filter((k) => k.series === 'exposure').map((k) => plain(k.reading));
    // The history each reading is judged against: the week before the earliest, and the change before that.
    const earliest = Math.min(...kept.map((k) => k.reading.time));
    const since = earliest - DROP_PERCENT_WINDOW_MS;
    const [recent, before, series] = await Promise.all([store.runsFor(tenantId, since), store.latestRuns(tenantId, 1, since), store.seriesRuns(tenantId, since)]);
    const events = alertEvents({
      tenantId,
      rules,
      deviceRuns: [...before, ...recent],
      readings: device,
      exposureRuns: series.filter((run) => run.series === EXPOSURE_SERIES).map(({ series: _, ...run }) => run),
      exposureReadings: exposure,
    });
    const editedOf = (ruleId: string) => rules.find((rule) => rule.id === ruleId)?.edited ?? Infinity;
    const applicable = events.filter((event) => editedOf(event.ruleId) <= event.time);
    if (applicable.length === 0) return [];
    const fired = await store.logAlerts(applicable.map((event) => ({ ...event, firedAt: this.#deps.now() })));
    if (fired.length > 0) {
      if (tenantId === this.#wanted) await this.reload();
      this.#deps.announce?.(tenantId);
    }
    return fired;
  }

  async #change(tenantId: string, write: () => Promise<void>): Promise<void> {
    await write().catch(() => undefined);
    if (tenantId === this.#wanted) await this.reload();
    this.#deps.announce?.(tenantId);
  }
}

function plain({ tenantId, time, score }: Reading): Reading {
  return { tenantId, time, score };
}
