import type { AppConfig } from '../config/app-config';
import { authFailureFrom, type AuthFailure } from '../auth/auth-failure';
import type { MsalAuth } from '../auth/msal-auth';
import type { Account } from '../auth/account';
import { err, type Result } from '../util/result';

export type SessionStatus = 'starting' | 'signed-out' | 'signed-in' | 'leaving' | 'unavailable';

/** Who is signed in, and the verbs to sign in, out, and get a token. MSAL loads lazily, off the history's path. */
export class SessionState {
  status = $state<SessionStatus>('starting');
  account = $state.raw<Account | undefined>();
  accounts = $state.raw<Account[]>([]);
  failure = $state.raw<AuthFailure | undefined>();

  #auth: MsalAuth | undefined;

  /** Starts MSAL; resolves to true when the remembered user name should be forgotten. */
  async start(config: AppConfig, loginHint?: string): Promise<boolean> {
    try {
      const { startAuth } = await import('../auth/msal-auth');
      const { auth, redirectFailure, forgetLoginHint } = await startAuth(config, loginHint);
      this.#auth = auth;
      this.failure = redirectFailure;
      this.#sync();
      return forgetLoginHint;
    } catch (error) {
      this.failure = authFailureFrom(error);
      this.status = 'unavailable';
      return false;
    }
  }

  async signIn(options: { addAccount?: boolean; loginHint?: string } = {}): Promise<void> {
    if (!this.#auth) return;
    this.failure = undefined;
    this.status = 'leaving';
    const failure = await this.#auth.signIn(options);
    if (failure) this.#fail(failure);
  }

  async signOut(): Promise<void> {
    if (!this.#auth) return;
    this.status = 'leaving';
    const failure = await this.#auth.signOut();
    if (failure) this.#fail(failure);
  }

  /**
   * A page restored from the back/forward cache (Back from the sign-in page) still says it is leaving:
   * read the state again so its buttons work.
   */
  resume(): void {
    if (this.status === 'leaving') this.#sync();
  }

  switchTo(homeAccountId: string): void {
    this.#auth?.useAccount(homeAccountId);
    this.#sync();
  }

  /** A token for the signed-in account of a tenant (not necessarily the one on screen by the time it returns). */
  async token(options: { tenantId: string; forceRefresh?: boolean; interactive?: boolean }): Promise<Result<string, AuthFailure>> {
    if (!this.#auth) return err({ kind: 'sign-in-expired', errorCode: 'no_account_error', aadsts: undefined });
    return this.#auth.getToken(options);
  }

  dismissFailure(): void {
    this.failure = undefined;
  }

  #fail(failure: AuthFailure): void {
    this.failure = failure;
    this.#sync();
  }

  #sync(): void {
    this.account = this.#auth?.account;
    this.accounts = this.#auth?.accounts ?? [];
    this.status = this.account ? 'signed-in' : 'signed-out';
  }
}

export const session = new SessionState();
