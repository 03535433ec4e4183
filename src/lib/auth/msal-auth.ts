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

import type { Account } from './account';

export interface AuthStart {
  auth: MsalAuth;
  /** A failure the redirect brought back (cancelled, consent required…), if any. */
  redirectFailure: AuthFailure | undefined;
  /** The silent sign-in with the remembered user name needed the user: do not try it again. */
  forgetLoginHint: boolean;
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
  try {
    const result = await pca.handleRedirectPromise();
    if (result?.account) pca.setActiveAccount(result.account);
  } catch (error) {
    redirectFailure = authFailureFrom(error);
  }
  const auth = new MsalAuth(pca, config.scopes);
  let forgetLoginHint = false;
  if (!pca.getActiveAccount()) {
    const [first] = pca.getAllAccounts();
    if (first) pca.setActiveAccount(first);
    else if (loginHint && !redirectFailure) forgetLoginHint = (await signInSilently(pca, config.scopes, loginHint)) === 'needs-user';
  }
  return { auth, redirectFailure, forgetLoginHint };
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

export class MsalAuth {
  constructor(
    private readonly pca: PublicClientApplication,
    private readonly scopes: string[],
  ) {}

  get account(): Account | undefined {
    const active = this.pca.getActiveAccount();
    return active ? toAccount(active) : undefined;
  }

  get accounts(): Account[] {
    return this.pca.getAllAccounts().map(toAccount);
  }

  useAccount(homeAccountId: string): Account | undefined {
    const match = this.pca.getAllAccounts().find((a) => a.homeAccountId === homeAccountId);
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

  async signOut(): Promise<AuthFailure | undefined> {
    const account = this.pca.getActiveAccount();
    try {
      await this.pca.logoutRedirect(account ? { account } : {});
      return undefined;
    } catch (error) {
      return authFailureFrom(error);
    }
  }

  /**
   * An access token for the Defender API from MSAL's cache, refreshed silently when needed. With
   * `interactive`, a sign-in that needs the user leads to the sign-in page instead of a failure.
   */
  async getToken(options: { tenantId: string; forceRefresh?: boolean; interactive?: boolean }): Promise<Result<string, AuthFailure>> {
    const active = this.pca.getActiveAccount();
    const account = active?.tenantId === options.tenantId ? active : this.pca.getAllAccounts().find((a) => a.tenantId === options.tenantId);
    if (!account) return err({ kind: 'sign-in-expired', errorCode: 'no_account_error', aadsts: undefined });
    try {
      const result = await this.pca.acquireTokenSilent({
        scopes: this.scopes,
        account,
        forceRefresh: options.forceRefresh ?? false,
      });
      return ok(result.accessToken);
    } catch (error) {
      if (error instanceof InteractionRequiredAuthError && options.interactive) {
        try {
          await this.pca.acquireTokenRedirect({ scopes: this.scopes, account, loginHint: account.username });
        } catch (redirectError) {
          return err(authFailureFrom(redirectError));
        }
      }
      return err(authFailureFrom(error));
    }
  }
}

function toAccount(info: AccountInfo): Account {
  return {
    homeAccountId: info.homeAccountId,
    tenantId: info.tenantId,
    name: info.name ?? info.username,
    username: info.username,
  };
}
