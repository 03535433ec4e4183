import type { TokenRequest } from './refresh-dependencies';
import type { AppConfig } from '../config/app-config';
import type { AuthFailure } from '../auth/auth-failure';
import type { AddTenantResult, AuthStart, MsalAuth, ScopedToken } from '../auth/msal-auth';
import type { GraphTokenRequest } from '../auth/graph-token';
import type { TenantReference } from '../auth/tenant-reference';
import type { Account } from '../auth/account';
import { err, type Result } from '../util/result';

/** No account is signed in (or MSAL has not started): what a call that needs one gets. */
const NO_ACCOUNT: AuthFailure = { kind: 'sign-in-expired', errorCode: 'no_account_error', aadsts: undefined };

export type SessionStatus = 'starting' | 'signed-out' | 'signed-in' | 'leaving' | 'unavailable';

/** What the session asks of MSAL's adapter; tests pass a fake. */
export type AuthClient = Pick<
  MsalAuth,
  'account' | 'accounts' | 'useAccount' | 'signIn' | 'signOut' | 'getToken' | 'requestRecommendationsPermission' | 'addTenant' | 'signInToTenant' | 'signedInPeople'
> &
  Partial<Pick<MsalAuth, 'tokenForScopes'>>;

export interface SessionDependencies {
  /** Starts MSAL (a large chunk, loaded only when called) and settles a redirect that brought the user back. */
  startAuth(config: AppConfig, loginHint: string | undefined): Promise<Omit<AuthStart, 'auth'> & { auth: AuthClient }>;
  /** Where the last user name is kept, so a new browser session can sign the same user in silently. */
  loginHint: { load(): Promise<string | undefined>; save(hint: string | undefined): Promise<void> };
  /** Where the customer tenants this browser no longer signs in to are kept (tenant ids). */
  notSignedIn?: { load(): Promise<readonly string[]>; save(tenantIds: readonly string[]): Promise<void> };
}

/**
 * Who is signed in, and the verbs to sign in, out, and get a token. The session owns the remembered
 * user name: it keeps the active account's, and forgets it on sign-out or when Entra ID needs the user.
 */
export class SessionState {
  status = $state<SessionStatus>('starting');
  account = $state.raw<Account | undefined>();
  accounts = $state.raw<Account[]>([]);
  failure = $state.raw<AuthFailure | undefined>();
  /** How many people are signed in: with more than one, signing out of one is a choice of its own. */
  people = $state(0);
  /** Signing out of every account has just finished: nothing of any account is left in this browser. */
  signedOutEverywhere = $state(false);
  /** The name a customer tenant was added by, when the page came back from signing in to it. */
  addedTenantLabel: string | undefined;

  readonly #deps: SessionDependencies;
  #auth: AuthClient | undefined;
  #rememberedHint: string | undefined;
  #graphResource: string | undefined;
  /** Customer tenants the user stopped signing in to: left out of `accounts`, and no token is asked for them. */
  #notSignedIn: readonly string[] = [];

  constructor(deps: SessionDependencies) {
    this.#deps = deps;
  }

  async start(config: AppConfig): Promise<void> {
    this.#graphResource = config.graphResource;
    this.#rememberedHint = await this.#deps.loginHint.load();
    this.#notSignedIn = (await this.#deps.notSignedIn?.load().catch(() => undefined)) ?? [];
    try {
      const { auth, redirectFailure, forgetLoginHint, addedTenantLabel, signingOutEverywhere } = await this.#deps.startAuth(config, this.#rememberedHint);
      this.#auth = auth;
      this.failure = redirectFailure;
      this.addedTenantLabel = addedTenantLabel;
      if (signingOutEverywhere === 'leaving') {
        this.status = 'leaving';
        return;
      }
      this.signedOutEverywhere = signingOutEverywhere === 'done';
      if (forgetLoginHint) await this.#rememberHint(undefined);
      // Signed in to it again through "Add a tenant": this browser signs in to it again.
      if (addedTenantLabel && auth.account) await this.#keepNotSignedIn(this.#without(auth.account.tenantId));
      await this.#sync();
    } catch (error) {
      this.failure = await failureOf(error);
      this.status = 'unavailable';
    }
  }

  /** Leaves for the sign-in page. `addAccount` lets the user pick another account than the one signed in. */
  async signIn(options: { addAccount?: boolean } = {}): Promise<void> {
    await this.#leave(() => this.#auth?.signIn(options));
  }

  /** Signs the current user in again (after an expired or refused sign-in), without asking who they are. */
  async signInAgain(): Promise<void> {
    const loginHint = this.account?.username;
    await this.#leave(() => this.#auth?.signIn(loginHint ? { loginHint } : {}));
  }

  /**
   * Signs out of every account, or of one (`homeAccountId`): MSAL's cache forgets it and its tokens in every tenant,
   * and its Microsoft session ends. The history stays, but this browser no longer signs the user in by itself.
   */
  async signOut(options: { homeAccountId?: string } = {}): Promise<void> {
    await this.#rememberHint(undefined);
    await this.#leave(() => this.#auth?.signOut(options));
  }

  /** Gets a customer tenant's first token with the signed-in account, silently; on success it is the active sign-in. */
  async addTenant(reference: TenantReference): Promise<AddTenantResult> {
    if (!this.#auth) return { kind: 'failed', failure: NO_ACCOUNT };
    const result = await this.#auth.addTenant(reference);
    if (result.kind === 'added') {
      await this.#keepNotSignedIn(this.#without(result.account.tenantId));
      await this.#sync();
    }
    return result;
  }

  /**
   * Stops signing in to a customer tenant added to an account: no token is asked for it again, so refreshing
   * every tenant and automatic checks skip it, while its history stays. MSAL has no way to remove one tenant's
   * profile of an account, so it stays in MSAL's cache; Microsoft's session and the account's other tenants are
   * untouched. Adding the tenant again signs in to it again. The account's home tenant is signed out of, not stopped.
   */
  async stopSigningInTo(tenantId: string): Promise<void> {
    const account = this.accounts.find((a) => a.tenantId === tenantId && a.homeTenantId !== undefined);
    if (!account?.homeTenantId) return;
    await this.#keepNotSignedIn([...this.#without(tenantId), tenantId]);
    if (this.account?.tenantId === tenantId) this.#auth?.useAccount(account.homeAccountId, account.homeTenantId);
    await this.#sync();
  }

  /** Leaves for the customer tenant's sign-in that Entra asked for; `label` comes back with the page. */
  async signInToTenant(reference: TenantReference, label: string): Promise<void> {
    await this.#leave(async () => {
      const result = await this.#auth?.signInToTenant(reference, label);
      return result?.kind === 'failed' ? result.failure : undefined;
    });
  }

  /**
   * A page restored from the back/forward cache (Back from the sign-in page) still says it is leaving:
   * read the state again so its buttons work.
   */
  async resume(): Promise<void> {
    if (this.status === 'leaving') await this.#sync();
  }

  async switchTo(homeAccountId: string, tenantId?: string): Promise<void> {
    this.#auth?.useAccount(homeAccountId, tenantId);
    await this.#sync();
  }

  /** A token for the signed-in account of a tenant (not necessarily the one on screen by the time it returns). */
  async token(options: TokenRequest): Promise<Result<string, AuthFailure>> {
    if (!this.#auth || this.#notSignedIn.includes(options.tenantId)) return err(NO_ACCOUNT);
    return this.#auth.getToken(options);
  }

  /** Asks for the permission to read a tenant's recommendations: at once when granted, else through Entra's consent page. */
  async requestRecommendationsPermission(tenantId: string): Promise<Result<'granted' | 'redirecting', AuthFailure>> {
    if (!this.#auth || this.#notSignedIn.includes(tenantId)) return err(NO_ACCOUNT);
    return this.#auth.requestRecommendationsPermission(tenantId);
  }

  /**
   * A Microsoft Graph token for the signed-in account of a tenant, for the Graph permissions named: silent first,
   * and through Entra ID's consent page ('redirecting') only when `interactive` (a user's click) allows it.
   */
  async graphToken(request: GraphTokenRequest): Promise<Result<ScopedToken, AuthFailure>> {
    const tokenForScopes = this.#auth?.tokenForScopes?.bind(this.#auth);
    if (!tokenForScopes || this.#graphResource === undefined || this.#notSignedIn.includes(request.tenantId)) return err(NO_ACCOUNT);
    const { getGraphToken } = await import('../auth/graph-token');
    return getGraphToken(tokenForScopes, this.#graphResource, request);
  }

  dismissFailure(): void {
    this.failure = undefined;
  }

  async #leave(go: () => Promise<AuthFailure | undefined> | undefined): Promise<void> {
    if (!this.#auth) return;
    this.failure = undefined;
    this.status = 'leaving';
    const failure = await go();
    if (failure) {
      this.failure = failure;
      await this.#sync();
    }
  }

  async #sync(): Promise<void> {
    const active = this.#auth?.account;
    // A tenant no longer signed in to is not the active sign-in: its account's home tenant is.
    if (active?.homeTenantId && this.#notSignedIn.includes(active.tenantId)) this.#auth?.useAccount(active.homeAccountId, active.homeTenantId);
    this.account = this.#auth?.account;
    this.accounts = (this.#auth?.accounts ?? []).filter((account) => !this.#notSignedIn.includes(account.tenantId));
    this.people = this.#auth?.signedInPeople ?? 0;
    this.status = this.account ? 'signed-in' : 'signed-out';
    if (this.account) await this.#rememberHint(this.account.username);
  }

  #without(tenantId: string): string[] {
    return this.#notSignedIn.filter((id) => id !== tenantId);
  }

  async #keepNotSignedIn(tenantIds: readonly string[]): Promise<void> {
    const changed = tenantIds.length !== this.#notSignedIn.length || tenantIds.some((id) => !this.#notSignedIn.includes(id));
    this.#notSignedIn = tenantIds;
    if (changed) await this.#deps.notSignedIn?.save(tenantIds).catch(() => undefined);
  }

  async #rememberHint(hint: string | undefined): Promise<void> {
    if (hint === this.#rememberedHint) return;
    this.#rememberedHint = hint;
    await this.#deps.loginHint.save(hint);
  }
}

/**
 * Why sign-in could not start, read by the code that names auth failures: loaded only then, as it is not
 * needed to show the stored history. If even that cannot load (the app's files are out of reach), the
 * network is named.
 */
async function failureOf(error: unknown): Promise<AuthFailure> {
  try {
    return (await import('../auth/auth-failure')).authFailureFrom(error);
  } catch {
    return { kind: 'network', errorCode: 'chunk_load_failed', aadsts: undefined };
  }
}
