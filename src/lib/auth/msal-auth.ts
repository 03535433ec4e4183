import {
  InteractionRequiredAuthError,
  LogLevel,
  PublicClientApplication,
  type AccountInfo,
  type Configuration,
} from '@azure/msal-browser';
import type { AppConfig } from '../config/app-config';
import { err, ok, type Result } from '../util/result';
import { authFailureFrom, type AuthFailure } from './auth-failure';
import { appHomeUrl, redirectBridgeUrl } from './app-urls';
import { RECOMMENDATIONS_PERMISSION, SCORE_PERMISSION, scopesFor, type TokenPermissions } from './scopes';
import { addTenantSilently, addedTenantLabel, isCustomerProfile, signInToTenant, type AddTenantOutcome } from './customer-tenants';
import { accountsToSignOut, isSigningOutEverywhere, signOutNextAccount, stopSigningOutEverywhere } from './sign-out-everywhere';
import { authorityForTenant, type TenantReference } from './tenant-reference';
import type { Account } from './account';

/** Adding a customer tenant, as the app sees it: the tenant's sign-in as an `Account`. */
export type AddTenantResult = { kind: 'added'; account: Account } | Exclude<AddTenantOutcome, { kind: 'added' }>;

export interface AuthStart {
  auth: MsalAuth;
  /** A failure the redirect brought back (cancelled, consent required…), if any. */
  redirectFailure: AuthFailure | undefined;
  /** The silent sign-in with the remembered user name needed the user: do not try it again. */
  forgetLoginHint: boolean;
  /** The page came back from adding a customer tenant by this name (its sign-in is the active account). */
  addedTenantLabel?: string;
  /** Signing out of every account: 'leaving' for the next account's sign-out page, or 'done' (nothing is left). */
  signingOutEverywhere?: 'leaving' | 'done';
}

function msalConfiguration(config: AppConfig): Configuration {
  return {
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      knownAuthorities: config.knownAuthorities,
      ...(config.authorityMetadata ? { authorityMetadata: config.authorityMetadata } : {}),
      redirectUri: redirectBridgeUrl(),
      postLogoutRedirectUri: appHomeUrl(),
    },
    // localStorage so every tab of the app shares one sign-in; MSAL encrypts what it keeps there.
    cache: { cacheLocation: 'localStorage' },
    system: {
      // A hidden sign-in frame that gets no answer gives up after 6 s (MSAL's default is 10 s).
      iframeBridgeTimeout: 6_000,
      loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false, loggerCallback: () => {} },
    },
  };
}

/**
 * Starts MSAL and settles any redirect that brought the user back here. Call once per page load. With
 * no account in MSAL's cache (its key dies with the browser session), a known user is signed in
 * silently when their Entra ID session allows it.
 */
export async function startAuth(config: AppConfig, loginHint?: string): Promise<AuthStart> {
  const pca = new PublicClientApplication(msalConfiguration(config));
  await pca.initialize();
  let redirectFailure: AuthFailure | undefined;
  let addedLabel: string | undefined;
  try {
    const result = await pca.handleRedirectPromise();
    if (result?.account) pca.setActiveAccount(result.account);
    addedLabel = addedTenantLabel(result?.state);
  } catch (error) {
    redirectFailure = authFailureFrom(error);
  }
  const auth = new MsalAuth(pca, config.scopes, config.authority);
  if (isSigningOutEverywhere()) {
    // A failed sign-out page ends the chain here rather than looping through it on every load.
    if (redirectFailure) stopSigningOutEverywhere();
    else return { auth, redirectFailure, forgetLoginHint: false, signingOutEverywhere: (await signOutNextAccount(pca)) === 'redirecting' ? 'leaving' : 'done' };
  }
  let forgetLoginHint = false;
  if (!pca.getActiveAccount()) {
    const [first] = pca.getAllAccounts();
    if (first) pca.setActiveAccount(first);
    else if (loginHint && !redirectFailure) forgetLoginHint = (await signInSilently(pca, config.scopes, loginHint)) === 'needs-user';
  }
  return { auth, redirectFailure, forgetLoginHint, ...(addedLabel ? { addedTenantLabel: addedLabel } : {}) };
}

async function signInSilently(pca: PublicClientApplication, scopes: string[], loginHint: string): Promise<'signed-in' | 'needs-user' | 'failed'> {
  try {
    const result = await pca.ssoSilent({ scopes, loginHint });
    pca.setActiveAccount(result.account);
    return 'signed-in';
  } catch (error) {
    // No usable Entra ID session (or a browser that blocks it): the user signs in when they choose to.
    return error instanceof InteractionRequiredAuthError ? 'needs-user' : 'failed';
  }
}

/** What a token is for: the tenant's signed-in account, and what the call may do if the cache cannot answer. */
export interface TokenOptions {
  tenantId: string;
  forceRefresh?: boolean;
  interactive?: boolean;
  /** The permissions the token must carry; 'score' when left out. */
  permissions?: TokenPermissions;
}

/** How a token for other scopes than the Defender API's may be got (see `MsalAuth.tokenForScopes`). */
export interface ScopedTokenOptions {
  /** A user's click asked for it: the page may leave for Entra ID when the token needs the user. */
  interactive?: boolean;
  forceRefresh?: boolean;
  /** The permission a consent failure is about, e.g. "SecurityEvents.Read.All". */
  consentFor?: string;
}

/** A token, or the page is on its way to Entra ID and comes back through the redirect bridge. */
export type ScopedToken = { accessToken: string } | 'redirecting';

export class MsalAuth {
  constructor(
    private readonly pca: PublicClientApplication,
    private readonly scopes: string[],
    /** The configured authority: a customer tenant's is this one with that tenant in its path. */
    private readonly authority = 'https://login.microsoftonline.com/organizations',
  ) {}

  get account(): Account | undefined {
    const active = this.pca.getActiveAccount();
    return active ? toAccount(active) : undefined;
  }

  get accounts(): Account[] {
    return this.pca.getAllAccounts().map(toAccount);
  }

  /** Makes an account's sign-in the active one: in a given tenant (a customer tenant's profile), or its first. */
  useAccount(homeAccountId: string, tenantId?: string): Account | undefined {
    const accounts = this.pca.getAllAccounts().filter((a) => a.homeAccountId === homeAccountId);
    const match = accounts.find((a) => a.tenantId === tenantId) ?? accounts[0];
    if (match) this.pca.setActiveAccount(match);
    return match ? toAccount(match) : undefined;
  }

  /** Leaves for the sign-in page; comes back through the redirect bridge. */
  async signIn(options: { addAccount?: boolean; loginHint?: string } = {}): Promise<AuthFailure | undefined> {
    try {
      await this.pca.loginRedirect({
        scopes: this.scopes,
        prompt: options.addAccount ? 'select_account' : undefined,
        ...(options.loginHint ? { loginHint: options.loginHint } : {}),
      });
      return undefined;
    } catch (error) {
      return authFailureFrom(error);
    }
  }

  /** How many people are signed in (a customer tenant's sign-in is its account's, not another person's). */
  get signedInPeople(): number {
    return accountsToSignOut(this.pca).length;
  }

  /**
   * Signs out of one account (`homeAccountId`), or of every account: MSAL forgets the account and all its tokens (in
   * every tenant it reached), and Entra's sign-out page ends its Microsoft session. Every account takes its own trip
   * there, one after the other, each coming back to the app.
   */
  async signOut(options: { homeAccountId?: string } = {}): Promise<AuthFailure | undefined> {
    try {
      if (options.homeAccountId === undefined) {
        await signOutNextAccount(this.pca);
        return undefined;
      }
      const account = accountsToSignOut(this.pca).find((a) => a.homeAccountId === options.homeAccountId);
      await this.pca.logoutRedirect(account ? { account } : {});
      return undefined;
    } catch (error) {
      stopSigningOutEverywhere();
      return authFailureFrom(error);
    }
  }

  /** Gets a customer tenant's first token with the signed-in account, silently; it becomes the active sign-in. */
  async addTenant(reference: TenantReference): Promise<AddTenantResult> {
    const outcome = await addTenantSilently(this.pca, this.scopes, this.authority, reference);
    if (outcome.kind !== 'added') return outcome;
    this.pca.setActiveAccount(outcome.account);
    return { kind: 'added', account: toAccount(outcome.account) };
  }

  /** The sign-in Entra asked for to add a customer tenant: only on the user's click. */
  async signInToTenant(reference: TenantReference, label: string): Promise<AddTenantResult> {
    const outcome = await signInToTenant(this.pca, this.scopes, this.authority, reference, label);
    return outcome.kind === 'added' ? { kind: 'added', account: toAccount(outcome.account) } : outcome;
  }

  /**
   * An access token for the Defender API from MSAL's cache, refreshed silently when needed. With
   * `interactive`, a sign-in that needs the user leads to the sign-in page instead of a failure.
   * `permissions` says which scopes the token must carry (the score alone by default); a consent failure
   * names the permission it is about: Score.Read, or SecurityRecommendation.Read when both were asked for.
   */
  async getToken(options: TokenOptions): Promise<Result<string, AuthFailure>> {
    const account = this.#accountOf(options.tenantId);
    if (!account) return err({ kind: 'sign-in-expired', errorCode: 'no_account_error', aadsts: undefined });
    const permissions = options.permissions ?? 'score';
    const scopes = scopesFor(this.scopes, permissions);
    const missingIfConsent = permissions === 'score' ? SCORE_PERMISSION : RECOMMENDATIONS_PERMISSION;
    const authority = this.#authorityOf(account);
    try {
      const result = await this.pca.acquireTokenSilent({ scopes, account, forceRefresh: options.forceRefresh ?? false, ...authority });
      return ok(result.accessToken);
    } catch (error) {
      // An account without access to the tenant cannot sign its way in: it is told so, never sent to Entra.
      if (error instanceof InteractionRequiredAuthError && options.interactive && authFailureFrom(error).kind !== 'wrong-tenant') {
        try {
          await this.pca.acquireTokenRedirect({ scopes, account, loginHint: account.username, ...authority });
        } catch (redirectError) {
          return err(authFailureFrom(redirectError, missingIfConsent));
        }
      }
      return err(authFailureFrom(error, missingIfConsent));
    }
  }

  /**
   * Asks for the recommendations permission, for the signed-in account of a tenant: only ever called when the
   * user chooses to see recommendations (incremental consent). When a token with both scopes is already to be
   * had silently it is 'granted' and nothing else happens; otherwise the page leaves for Entra ID ('redirecting')
   * to consent, or to ask an administrator, and comes back through the redirect bridge.
   */
  async requestRecommendationsPermission(tenantId: string): Promise<Result<'granted' | 'redirecting', AuthFailure>> {
    const account = this.#accountOf(tenantId);
    if (!account) return err({ kind: 'sign-in-expired', errorCode: 'no_account_error', aadsts: undefined });
    const scopes = scopesFor(this.scopes, 'score-and-recommendations');
    const authority = this.#authorityOf(account);
    try {
      await this.pca.acquireTokenSilent({ scopes, account, ...authority });
      return ok('granted');
    } catch (error) {
      const failure = authFailureFrom(error, RECOMMENDATIONS_PERMISSION);
      if (!(error instanceof InteractionRequiredAuthError) && failure.kind !== 'consent-required' && failure.kind !== 'sign-in-expired') return err(failure);
    }
    try {
      await this.pca.acquireTokenRedirect({ scopes, account, loginHint: account.username, ...authority });
      return ok('redirecting');
    } catch (redirectError) {
      return err(authFailureFrom(redirectError, RECOMMENDATIONS_PERMISSION));
    }
  }

  /**
   * A token for any resource's scopes (Microsoft Graph's, say), for the signed-in account of a tenant: from MSAL's
   * cache or renewed silently. Only with `interactive` — a user's click — does a token that needs the user (consent,
   * an expired sign-in) send the page to Entra ID ('redirecting'); it comes back through the redirect bridge.
   * A consent failure names `consentFor`, the permission the caller asked for.
   */
  async tokenForScopes(tenantId: string, scopes: readonly string[], options: ScopedTokenOptions = {}): Promise<Result<ScopedToken, AuthFailure>> {
    const account = this.#accountOf(tenantId);
    if (!account) return err({ kind: 'sign-in-expired', errorCode: 'no_account_error', aadsts: undefined });
    const request = { scopes: [...scopes], account, ...this.#authorityOf(account) };
    try {
      const result = await this.pca.acquireTokenSilent({ ...request, forceRefresh: options.forceRefresh ?? false });
      return ok({ accessToken: result.accessToken });
    } catch (error) {
      const failure = authFailureFrom(error, options.consentFor);
      const needsUser = error instanceof InteractionRequiredAuthError || failure.kind === 'consent-required' || failure.kind === 'sign-in-expired';
      if (!needsUser || !options.interactive) return err(failure);
    }
    try {
      await this.pca.acquireTokenRedirect({ ...request, loginHint: account.username });
      return ok('redirecting');
    } catch (redirectError) {
      return err(authFailureFrom(redirectError, options.consentFor));
    }
  }

  /** A customer tenant's tokens come from its own authority; the home tenant's from the configured one, as before. */
  #authorityOf(account: AccountInfo): { authority?: string } {
    return isCustomerProfile(account) ? { authority: authorityForTenant(this.authority, account.tenantId) } : {};
  }

  #accountOf(tenantId: string): AccountInfo | undefined {
    const active = this.pca.getActiveAccount();
    return active?.tenantId === tenantId ? active : this.pca.getAllAccounts().find((a) => a.tenantId === tenantId);
  }
}

function toAccount(info: AccountInfo): Account {
  return {
    homeAccountId: info.homeAccountId,
    tenantId: info.tenantId,
    name: info.name ?? info.username,
    username: info.username,
    ...(isCustomerProfile(info) ? { homeTenantId: info.homeAccountId.split('.')[1] } : {}),
  };
}
