import { loadConfig } from '../config/load-config';
import type { AppConfig, ConfigProblem } from '../config/app-config';
import { apiBaseUrlFor, REGIONS, type Region } from '../config/clouds';
import { RANGES, type RangeKey } from '../history/ranges';
import { getConfigurationScore } from '../defender/defender-client';
import type { Account } from '../auth/msal-auth';
import { historyState } from './history.svelte';
import { session } from './session.svelte';
import { ScoreState } from './score.svelte';
import { afterNextPaint } from '../util/after-paint';

const REGION_PREF = 'region';
const throttlePref = (tenantId: string) => `throttledUntil:${tenantId}`;
const RANGE_PREF = 'range';
/** The user name of the last account, so a new browser session can sign it in silently. */
const LOGIN_HINT_PREF = 'lastLoginHint';

export type AppPhase = 'loading' | 'setup-needed' | 'ready';

/** Starts the app in order: stored history first, then config, then sign-in, then a fresh reading. */
export class AppState {
  phase = $state<AppPhase>('loading');
  config = $state.raw<AppConfig | undefined>();
  configProblems = $state.raw<ConfigProblem[]>([]);
  region = $state<Region>('global');
  /** The time range of the chart, the table and the statistics. */
  range = $state<RangeKey>('90d');
  online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);

  /** Where the score is read: the configured override, else the cloud's host in the chosen region. */
  apiBaseUrl = $derived(this.config ? (this.config.apiBaseUrl ?? apiBaseUrlFor(this.config.cloud, this.region)) : '');

  readonly score = new ScoreState({
    token: (options) => session.token(options),
    tenantId: () => session.account?.tenantId,
    fetchScore: (accessToken) => getConfigurationScore({ apiBaseUrl: this.apiBaseUrl, accessToken }),
    keep: (reading) => historyState.add(reading),
    throttle: {
      load: (tenantId) => historyState.store.getPref<number>(throttlePref(tenantId)),
      save: (tenantId, until) => historyState.store.setPref(throttlePref(tenantId), until),
    },
    exclusive: runAloneAcrossTabs,
    isOnline: () => navigator.onLine,
  });

  async start(): Promise<void> {
    this.#watchConnectivity();
    const historyOpened = historyState.open();
    const configResult = await loadConfig();
    await historyOpened;
    this.range = (await this.#storedPref(RANGE_PREF, RANGES)) ?? this.range;
    if (!configResult.ok) {
      this.configProblems = configResult.problems;
      this.phase = 'setup-needed';
      return;
    }
    this.config = configResult.config;
    this.region = (await this.#storedPref(REGION_PREF, REGIONS)) ?? configResult.config.region;
    this.phase = 'ready';
    // Let the stored history paint before MSAL (the largest chunk) is even fetched.
    await afterNextPaint();
    const loginHint = await historyState.store.getPref<string>(LOGIN_HINT_PREF).catch(() => undefined);
    await session.start(configResult.config, typeof loginHint === 'string' ? loginHint : undefined);
    if (session.account) await this.#showAccount(session.account, { refresh: true });
  }

  async chooseRegion(region: Region): Promise<void> {
    this.region = region;
    await this.#keepPref(REGION_PREF, region);
  }

  async chooseRange(range: RangeKey): Promise<void> {
    this.range = range;
    await this.#keepPref(RANGE_PREF, range);
  }

  async #keepPref(key: string, value: string): Promise<void> {
    try {
      await historyState.store.setPref(key, value);
    } catch {
      // The choice still applies to this session; the storage banner already explains why it is not kept.
    }
  }

  async switchAccount(homeAccountId: string): Promise<void> {
    session.switchTo(homeAccountId);
    if (session.account) await this.#showAccount(session.account, { refresh: true });
  }

  /** Shows a tenant's history; if an account of that tenant is signed in, it becomes the active one. */
  async viewTenant(tenantId: string): Promise<void> {
    const account = session.accounts.find((a) => a.tenantId === tenantId);
    if (account && account.homeAccountId !== session.account?.homeAccountId) {
      await this.switchAccount(account.homeAccountId);
      return;
    }
    const label = historyState.tenants.find((t) => t.tenantId === tenantId)?.label;
    await historyState.show(tenantId, label);
  }

  /** Signs out; the history stays, but this browser no longer signs the user in by itself. */
  async signOut(): Promise<void> {
    await historyState.store.setPref(LOGIN_HINT_PREF, undefined).catch(() => undefined);
    await session.signOut();
  }

  refresh(): Promise<void> {
    return this.score.refresh({ interactive: true });
  }

  async #showAccount(account: Account, { refresh }: { refresh: boolean }): Promise<void> {
    await historyState.show(account.tenantId, tenantLabel(account));
    await this.#keepPref(LOGIN_HINT_PREF, account.username);
    if (refresh) await this.score.refresh({ interactive: false });
  }

  /** A stored preference, if it is still one of the allowed values. */
  async #storedPref<T extends string>(key: string, allowed: readonly T[]): Promise<T | undefined> {
    try {
      const stored = await historyState.store.getPref<string>(key);
      return allowed.find((value) => value === stored);
    } catch {
      return undefined;
    }
  }

  #watchConnectivity(): void {
    if (typeof window === 'undefined') return;
    window.addEventListener('pageshow', (event) => event.persisted && session.resume());
    window.addEventListener('online', () => {
      this.online = true;
      if (this.score.problem?.source === 'api' && this.score.problem.failure.kind === 'offline') this.score.dismissProblem();
    });
    window.addEventListener('offline', () => (this.online = false));
  }
}

/**
 * Takes a tenant's refresh lock across every tab of the app; a tab that finds it taken skips its call,
 * and gets the reading from the tab that made it (the history broadcasts new readings).
 */
async function runAloneAcrossTabs(tenantId: string, run: () => Promise<void>): Promise<void> {
  if (typeof navigator === 'undefined' || !navigator.locks) return run();
  await navigator.locks.request(`scoreline-refresh-${tenantId}`, { ifAvailable: true }, async (lock) => {
    if (lock) await run();
  });
}

/** A tenant's name for people: the domain of the account used to sign in to it. */
export function tenantLabel(account: Account): string {
  const domain = account.username.split('@')[1];
  return domain ?? account.tenantId;
}

export const app = new AppState();
