import type { AppConfig, ConfigProblem } from '../config/app-config';
import { apiBaseUrlFor, REGIONS, type Region } from '../config/clouds';
import { RANGES, rangeStartTime, type RangeKey } from '../history/ranges';
import type { RelayTarget } from '../defender/defender-client';
import type { ScoreSample } from '../defender/score-response';
import { adminConsentUrl } from '../auth/admin-consent';
import { tenantLabel, type Account } from '../auth/account';
import type { AddTenantResult } from '../auth/msal-auth';
import type { TenantReference } from '../auth/tenant-reference';
import type { HistoryState } from './history.svelte';
import type { SessionState } from './session.svelte';
import type { DataTransferState } from './data-transfer.svelte';
import type { RecommendationsAccess } from './recommendations.svelte';
import { ScoreState, type ScoreDependencies } from './score.svelte';
import { PREF, type Preferences } from './preferences';
import { recommendationsOptInOver, throttleStoreOver } from './refresh-prefs';
import { RECOMMENDATIONS_MIN_INTERVAL_MS } from './recommendation-interval';
import type { MachineGroupsSample } from '../defender/machine-groups-response';
import type { Recommendation } from '../recommendations/recommendation';
import { EXPOSURE_SERIES, groupSeries, type SeriesName } from '../history/series';
import type { SeriesReading } from '../history/series-store';

export type { KeptReading, AppPhase, DefenderCallTarget, DismissibleNotice, NoticeAction, NewVersionOffer, AppDependencies } from './app-types';
import type { KeptReading, AppPhase, DefenderCallTarget, DismissibleNotice, NoticeAction, NewVersionOffer, AppDependencies } from './app-types';

/**
 * The app as a whole: starts it in order (stored history first, then config, then sign-in, then a
 * fresh reading) and holds the state every view reads: `app.history`, `app.session`, `app.score`,
 * `app.update`, and `app.transfer()` once export and import are needed.
 */
export class AppState {
  readonly #deps: AppDependencies;
  #transfer: Promise<DataTransferState> | undefined;
  readonly history: HistoryState;
  readonly session: SessionState;
  readonly update: NewVersionOffer;
  readonly score: ScoreState;

  phase = $state<AppPhase>('loading');
  /** The stored history has been read (it may be empty). */
  storedHistoryRead = $state(false);
  /** Start-up is over: the stored history, config, the session and (when signed in) the first refresh. */
  startedUp = $state(false);
  config = $state.raw<AppConfig | undefined>();
  configProblems = $state.raw<ConfigProblem[]>([]);
  region = $state<Region>('global');
  /** The time range of the chart, the table and the statistics. */
  range = $state<RangeKey>('90d');
  online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  /**
   * Grows each time a refresh (or an import) keeps exposure, device groups or recommendations of a tenant:
   * views of those read the store again when it changes.
   */
  keptVersion = $state(0);
  /**
   * Told of each device or exposure score a refresh keeps (a click's or an automatic one's), once kept and
   * before the refresh ends: alert rules judge it. Its failure is its own, never the refresh's.
   */
  onReadingKept: ((kept: KeptReading) => Promise<void>) | undefined;

  /** Where the score is read: the configured override, else the cloud's host in the chosen region. */
  apiBaseUrl = $derived(this.config ? (this.config.apiBaseUrl ?? apiBaseUrlFor(this.config.cloud, this.region)) : '');
  /** A configured relay calls the API instead of the browser, in the chosen region. */
  relay = $derived<RelayTarget | undefined>(this.config?.relayUrl ? { url: this.config.relayUrl, region: this.region } : undefined);

  constructor(deps: AppDependencies) {
    this.#deps = deps;
    this.history = deps.history;
    this.session = deps.session;
    this.update = deps.update;
    this.score = new ScoreState(this.#scoreDependencies(() => this.session.account?.tenantId));
  }

  /**
   * A refresh of one tenant, apart from the one on screen (refreshing every tenant uses one per tenant):
   * the same calls, keepers, Retry-After deadlines and locks as `app.score`.
   */
  scoreFor(tenantId: string): ScoreState {
    return new ScoreState(this.#scoreDependencies(() => tenantId));
  }

  #scoreDependencies(whichTenant: () => string | undefined): ScoreDependencies {
    const deps = this.#deps;
    const target = (accessToken: string): DefenderCallTarget => ({ apiBaseUrl: this.apiBaseUrl, accessToken, relay: this.relay });
    const { fetchExposure, fetchGroups, fetchRecommendations } = deps;
    return {
      token: (options) => this.session.token(options),
      tenantId: whichTenant,
      fetchScore: (accessToken) => deps.fetchScore(target(accessToken)),
      // A storage failure is the history's to show (its notice); the refresh itself went well.
      keep: async (reading) => {
        const outcome = await this.history.add(reading);
        await this.onReadingKept?.({ series: 'score', reading }).catch(() => undefined);
        return outcome.ok ? outcome.value : undefined;
      },
      ...(fetchExposure && {
        fetchExposure: (accessToken: string) => fetchExposure(target(accessToken)),
        keepExposure: async (tenantId: string, sample: ScoreSample) => {
          await this.#kept(this.history.addSeries([{ tenantId, series: EXPOSURE_SERIES, ...sample }]));
          await this.onReadingKept?.({ series: 'exposure', reading: { tenantId, ...sample } }).catch(() => undefined);
        },
      }),
      ...(fetchGroups && {
        fetchGroups: (accessToken: string) => fetchGroups(target(accessToken)),
        keepGroups: (tenantId: string, sample: MachineGroupsSample) => this.#kept(this.history.addSeries(...groupRecords(tenantId, sample))),
      }),
      ...(fetchRecommendations && {
        fetchRecommendations: (accessToken: string) => fetchRecommendations(target(accessToken)),
        keepRecommendations: (tenantId: string, time: number, recommendations: Recommendation[]) =>
          this.#kept(this.history.addRecommendationRead(tenantId, time, recommendations)),
        // Only the last few hours are looked at: an older read, or none, makes the list due.
        lastRecommendationsRead: (tenantId: string) => this.history.lastRecommendationsRead(tenantId, deps.now() - 2 * RECOMMENDATIONS_MIN_INTERVAL_MS),
        recommendationsOptIn: recommendationsOptInOver(deps.preferences),
        requestRecommendationsPermission: (tenantId: string) => this.session.requestRecommendationsPermission(tenantId),
      }),
      throttle: throttleStoreOver(deps.preferences),
      ...(deps.exclusive ? { exclusive: deps.exclusive } : {}),
      ...(deps.isOnline ? { isOnline: deps.isOnline } : {}),
    };
  }

  /** After a part of a refresh is kept (or failed to be: the history's notice says so), its views read the store again. */
  async #kept(keeping: Promise<unknown>): Promise<void> {
    await keeping;
    this.keptVersion += 1;
  }

  /** The preferences kept beside the history, for features loaded later to keep their own choices. */
  get preferences(): Preferences {
    return this.#deps.preferences;
  }

  /** Export, import and delete, loaded on first use so they never delay the stored history. */
  transfer(): Promise<DataTransferState> {
    this.#transfer ??= this.#deps.loadTransfer(() => (this.keptVersion += 1));
    return this.#transfer;
  }

  /** The user's choice to see recommendations, its problem and the permission's request, as the refresh keeps them. */
  get recommendationsAccess(): RecommendationsAccess {
    const score = this.score;
    return {
      optedIn: (tenantId) => score.recommendationsChosen(tenantId),
      problem: (tenantId) => score.problemOf(tenantId, 'recommendations'),
      enable: () => score.enableRecommendations(),
    };
  }

  /** The link an administrator follows to consent for the whole organisation. */
  get adminConsentUrl(): string | undefined {
    const config = this.config;
    return config ? adminConsentUrl(config.authority, config.clientId, config.scopes, this.#deps.redirectUri()) : undefined;
  }

  async start(): Promise<void> {
    try {
      await this.#startInOrder();
    } finally {
      this.startedUp = true;
    }
  }

  async #startInOrder(): Promise<void> {
    // The stored history never waits for config.json. config.json, and the code that checks it, are read once the
    // history is on screen: nothing needs them before sign-in, which starts only after that paint anyway.
    await this.#showStoredHistory().finally(() => (this.storedHistoryRead = true));
    const configResult = await this.#deps.loadConfig();
    if (!configResult.ok) {
      this.configProblems = configResult.error;
      this.phase = 'setup-needed';
      return;
    }
    this.config = configResult.value;
    this.region = (await this.#deps.preferences.choice(PREF.region, REGIONS)) ?? configResult.value.region;
    this.phase = 'ready';
    await this.#deps.afterPaint();
    await this.session.start(configResult.value);
    if (this.session.account) await this.#showAccount(this.session.account);
  }

  async chooseRegion(region: Region): Promise<void> {
    this.region = region;
    await this.#deps.preferences.keep(PREF.region, region);
  }

  /** Shows another range; a longer one reads the older readings it needs, a shorter one reads nothing. */
  async chooseRange(range: RangeKey): Promise<void> {
    this.range = range;
    await Promise.all([this.history.reachBack(rangeStartTime(range, this.#deps.now())), this.#deps.preferences.keep(PREF.range, range)]);
  }

  async switchAccount(homeAccountId: string, tenantId?: string): Promise<void> {
    await this.session.switchTo(homeAccountId, tenantId);
    if (this.session.account) await this.#showAccount(this.session.account);
  }

  /** Shows a tenant's history; if an account has a sign-in for that tenant, it becomes the active one. */
  async viewTenant(tenantId: string): Promise<void> {
    const account = this.session.accounts.find((a) => a.tenantId === tenantId);
    if (account && tenantId !== this.session.account?.tenantId) await this.switchAccount(account.homeAccountId, tenantId);
    else await this.history.show(tenantId);
  }

  /**
   * Adds a customer tenant with the signed-in account (silently: Entra's own sign-in only through
   * `signInToTenant`, on a click). Once added, it is kept under the name it was added by and shown with a fresh reading.
   */
  async addTenant(reference: TenantReference, label: string): Promise<AddTenantResult> {
    const result = await this.session.addTenant(reference);
    if (result.kind === 'added') await this.#showAccount(result.account, label);
    return result;
  }

  refresh(): Promise<void> {
    return this.score.refresh({ interactive: true });
  }

  /** Does what a notice's button offers. */
  async follow(action: NoticeAction): Promise<void> {
    // Without MSAL (it failed to start) only a reload can offer sign-in again.
    if (action === 'sign-in' && this.session.status !== 'unavailable') await this.session.signInAgain();
    else if (action === 'retry') await this.refresh();
    else this.#deps.reloadPage();
  }

  dismiss(notice: DismissibleNotice): void {
    if (notice === 'refresh') this.score.dismissProblem();
    else this.session.dismissFailure();
  }

  /** Called when the browser goes online or offline; an "offline" problem clears itself. */
  setOnline(online: boolean): void {
    this.online = online;
    const problem = this.score.problem;
    if (online && problem?.source === 'api' && problem.failure.kind === 'offline') this.score.dismissProblem();
  }

  async #showStoredHistory(): Promise<void> {
    await this.history.open();
    this.range = (await this.#deps.preferences.choice(PREF.range, RANGES)) ?? this.range;
    // Only the chosen range is read: the first paint does not grow with the history.
    await this.history.reachBack(rangeStartTime(this.range, this.#deps.now()));
    const lastTenantId = await this.history.lastTenantId();
    if (lastTenantId && !this.history.tenantId) await this.history.show(lastTenantId);
  }

  async #showAccount(account: Account, addedAs?: string): Promise<void> {
    const known = addedAs ?? this.history.tenants.find((t) => t.tenantId === account.tenantId)?.label ?? this.session.addedTenantLabel;
    await this.history.rememberTenant(account.tenantId, tenantLabel(account, known));
    await this.history.show(account.tenantId);
    await this.score.refresh({ interactive: false });
  }
}

/** One answer of the device groups as the values of their series and the names they had then. */
function groupRecords(tenantId: string, { groups }: MachineGroupsSample): [SeriesReading[], SeriesName[]] {
  const readings = groups.map((group) => ({ tenantId, series: groupSeries(group), time: group.time, score: group.score }));
  const names = groups.map((group) => ({ tenantId, series: groupSeries(group), time: group.time, name: group.rbacGroupName }));
  return [readings, names];
}
