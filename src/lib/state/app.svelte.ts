import { loadConfig } from '../config/load-config';
import type { AppConfig, ConfigProblem } from '../config/app-config';
import { apiBaseUrlFor, REGIONS, type Region } from '../config/clouds';
import { RANGES, type RangeKey } from '../history/ranges';
import { getConfigurationScore } from '../defender/defender-client';
import { tenantLabel, type Account } from '../auth/account';
import { historyState } from './history.svelte';
import { session } from './session.svelte';
import { ScoreState } from './score.svelte';
import { PREF, Preferences } from './preferences';
import { runAloneAcrossTabs } from './tab-lock';
import { afterNextPaint } from '../util/after-paint';

const preferences = new Preferences(() => historyState.store);

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
      load: (tenantId) => preferences.number(PREF.throttledUntil(tenantId)),
      save: (tenantId, until) => preferences.keep(PREF.throttledUntil(tenantId), until),
    },
    exclusive: runAloneAcrossTabs,
    isOnline: () => navigator.onLine,
  });

  async start(): Promise<void> {
    this.#watchConnectivity();
    const historyOpened = historyState.open();
    const configResult = await loadConfig();
    await historyOpened;
    this.range = (await preferences.choice(PREF.range, RANGES)) ?? this.range;
    if (!configResult.ok) {
      this.configProblems = configResult.error;
      this.phase = 'setup-needed';
      return;
    }
    this.config = configResult.value;
    this.region = (await preferences.choice(PREF.region, REGIONS)) ?? configResult.value.region;
    this.phase = 'ready';
    // Let the stored history paint before MSAL (the largest chunk) is even fetched.
    await afterNextPaint();
    const forgetLoginHint = await session.start(configResult.value, await preferences.text(PREF.loginHint));
    if (forgetLoginHint) await preferences.keep(PREF.loginHint, undefined);
    if (session.account) await this.#showAccount(session.account, { refresh: true });
  }

  async chooseRegion(region: Region): Promise<void> {
    this.region = region;
    await preferences.keep(PREF.region, region);
  }

  async chooseRange(range: RangeKey): Promise<void> {
    this.range = range;
    await preferences.keep(PREF.range, range);
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
    await preferences.keep(PREF.loginHint, undefined);
    await session.signOut();
  }

  refresh(): Promise<void> {
    return this.score.refresh({ interactive: true });
  }

  async #showAccount(account: Account, { refresh }: { refresh: boolean }): Promise<void> {
    await historyState.show(account.tenantId, tenantLabel(account));
    await preferences.keep(PREF.loginHint, account.username);
    if (refresh) await this.score.refresh({ interactive: false });
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

export const app = new AppState();
