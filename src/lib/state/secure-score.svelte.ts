import type { AuthFailure } from '../auth/auth-failure';
import type { GraphTokenRequest } from '../auth/graph-token';
import type { ScopedToken } from '../auth/msal-auth';
import type { ApiFailure } from '../defender/api-failure';
import { daysToAsk } from '../secure-score/backfill';
import type { SecureScoresRead } from '../secure-score/secure-score-client';
import { yesterday, type ControlChange, type SecureScoreDay } from '../secure-score/secure-score-day';
import type { SecureScoreStore } from '../secure-score/secure-score-store';
import type { Result } from '../util/result';

/** The delegated Microsoft Graph permission Microsoft Secure Score needs (least privileged; admin consent). */
export const SECURE_SCORE_PERMISSION = 'SecurityEvents.Read.All';

/** Why the last read of Microsoft Secure Score did not keep anything; never the device score's problem. */
export type SecureScoreProblem =
  | { source: 'auth'; failure: AuthFailure }
  | { source: 'graph'; failure: ApiFailure }
  | { source: 'storage' };

/** What a tenant's choice is kept as: on, off, and whether the page left for Entra ID to consent. */
export interface SecureScoreChoices {
  enabled(tenantId: string): Promise<boolean>;
  setEnabled(tenantId: string, on: boolean): Promise<void>;
  /** Set just before the page leaves for the consent page; read (and cleared) when it comes back. */
  consentAskedAt(tenantId: string): Promise<number | undefined>;
  setConsentAskedAt(tenantId: string, at: number | undefined): Promise<void>;
}

export interface SecureScoreDependencies {
  graphToken(request: GraphTokenRequest): Promise<Result<ScopedToken, AuthFailure>>;
  read(tenantId: string, accessToken: string, days: number): Promise<Result<SecureScoresRead, ApiFailure>>;
  store(): Promise<SecureScoreStore>;
  choices: SecureScoreChoices;
  /** A sign-in failure the page came back with (a refused consent), taken over when it is this feature's. */
  takeRedirectFailure(): AuthFailure | undefined;
  now(): number;
}

/** The outcome of the last read: days added and calls made. */
export interface SecureScoreReadSummary {
  at: number;
  added: number;
  calls: number;
}

/**
 * Microsoft Secure Score for the tenant on screen: whether it is tracked, its kept days and control changes, and the
 * verbs to turn it on (asking for the Graph permission), read it again, and turn it off. Nothing here touches the
 * device score: its failures are its own.
 */
export class SecureScoreState {
  tenantId = $state<string | undefined>();
  enabled = $state(false);
  days = $state.raw<SecureScoreDay[]>([]);
  changes = $state.raw<ControlChange[]>([]);
  busy = $state(false);
  problem = $state.raw<SecureScoreProblem | undefined>();
  lastRead = $state.raw<SecureScoreReadSummary | undefined>();
  /** Graph asked to wait (429): no read before then. */
  retryAt = $state<number | undefined>();

  readonly #deps: SecureScoreDependencies;

  constructor(deps: SecureScoreDependencies) {
    this.#deps = deps;
  }

  /** Shows a tenant's kept days; when tracked and `canRead` (its account is signed in), reads the days Graph added since. */
  async show(tenantId: string, canRead: boolean): Promise<void> {
    if (this.tenantId !== tenantId) this.problem = undefined;
    this.tenantId = tenantId;
    this.enabled = await this.#deps.choices.enabled(tenantId);
    // Back from the consent page (the account is signed in by then): a failure it brought is this feature's.
    const askedAt = canRead ? await this.#deps.choices.consentAskedAt(tenantId) : undefined;
    if (askedAt !== undefined) await this.#deps.choices.setConsentAskedAt(tenantId, undefined);
    const refused = askedAt !== undefined ? this.#deps.takeRedirectFailure() : undefined;
    if (refused) {
      // The consent page said no: the feature stays off, and says why in its own words.
      await this.#deps.choices.setEnabled(tenantId, false);
      this.enabled = false;
      this.problem = { source: 'auth', failure: refused };
    }
    await this.#load(tenantId);
    if (this.enabled && canRead && this.#due()) await this.refresh();
  }

  /** "Also track Microsoft Secure Score": a user's click, so the consent page may open. */
  async enable(): Promise<void> {
    const tenantId = this.tenantId;
    if (!tenantId || this.busy) return;
    this.problem = undefined;
    await this.#deps.choices.setEnabled(tenantId, true);
    this.enabled = true;
    await this.#deps.choices.setConsentAskedAt(tenantId, this.#deps.now());
    await this.refresh({ interactive: true });
  }

  /** Stops reading it; the kept days stay (export, import and the chart still have them). */
  async disable(): Promise<void> {
    const tenantId = this.tenantId;
    if (!tenantId) return;
    await this.#deps.choices.setEnabled(tenantId, false);
    this.enabled = false;
    this.problem = undefined;
  }

  /** Reads the days Graph has that are not kept: all 90 the first time, the newer ones after. */
  async refresh(options: { interactive?: boolean } = {}): Promise<void> {
    const tenantId = this.tenantId;
    if (!tenantId || !this.enabled || this.busy) return;
    if (this.retryAt !== undefined && this.retryAt > this.#deps.now()) return;
    this.busy = true;
    try {
      const token = await this.#deps.graphToken({ tenantId, permissions: [SECURE_SCORE_PERMISSION], interactive: options.interactive ?? false });
      if (!token.ok) return void (this.problem = { source: 'auth', failure: token.error });
      if (token.value === 'redirecting') return;
      await this.#deps.choices.setConsentAskedAt(tenantId, undefined);
      const read = await this.#deps.read(tenantId, token.value.accessToken, daysToAsk(this.days.at(-1)?.day, yesterday(this.#deps.now())));
      if (!read.ok) {
        if (read.error.kind === 'throttled') this.retryAt = read.error.retryAt;
        return void (this.problem = { source: 'graph', failure: read.error });
      }
      const store = await this.#deps.store();
      const added = await store.addDays(tenantId, read.value.pages);
      this.problem = undefined;
      this.lastRead = { at: this.#deps.now(), added, calls: read.value.calls };
      if (this.tenantId === tenantId) await this.#load(tenantId);
    } catch {
      this.problem = { source: 'storage' };
    } finally {
      this.busy = false;
    }
  }

  dismissProblem(): void {
    this.problem = undefined;
  }

  async #load(tenantId: string): Promise<void> {
    try {
      const store = await this.#deps.store();
      const [days, changes] = await Promise.all([store.days(tenantId), store.controlChanges(tenantId)]);
      if (this.tenantId !== tenantId) return;
      this.days = days;
      this.changes = changes;
    } catch {
      this.problem = { source: 'storage' };
    }
  }

  /** A read is due when the newest kept day is older than yesterday, Graph's newest. */
  #due(): boolean {
    const newest = this.days.at(-1)?.day;
    return newest === undefined || newest < yesterday(this.#deps.now());
  }
}
