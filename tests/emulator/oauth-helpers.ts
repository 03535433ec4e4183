/** What a browser and MSAL would do against the emulator, done with plain fetch for tests. */
import { APP_ORIGIN } from '../../emulator/demo.mjs';

export const CLIENT_ID = '11111111-2222-4333-8444-555555555555';
export const REDIRECT_URI = `${APP_ORIGIN}/redirect.html`;
export const API_SCOPE = 'https://api.securitycenter.microsoft.com/Score.Read';
export const REQUESTED_SCOPE = `${API_SCOPE} openid profile offline_access`;

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeBase64urlJson(text: string): Record<string, unknown> {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

export function jwtClaims(token: string): Record<string, unknown> {
  return decodeBase64urlJson(token.split('.')[1] ?? '');
}

export async function pkcePair(): Promise<{ verifier: string; challenge: string }> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return { verifier, challenge: base64url(new Uint8Array(digest)) };
}

export interface AuthorizeOptions {
  tenant?: string;
  challenge: string;
  nonce?: string;
  state?: string;
  prompt?: string;
  loginHint?: string;
  responseMode?: string;
  extra?: Record<string, string>;
  omit?: string[];
}

export function authorizeParams(options: AuthorizeOptions): URLSearchParams {
  const params = new URLSearchParams({
    client_id: CLIENT_ID,
    scope: REQUESTED_SCOPE,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    response_mode: options.responseMode ?? 'fragment',
    state: options.state ?? 'state-123',
    nonce: options.nonce ?? 'nonce-abc',
    code_challenge: options.challenge,
    code_challenge_method: 'S256',
    'client-request-id': 'c0ffee00-0000-4000-8000-000000000000',
    ...(options.prompt ? { prompt: options.prompt } : {}),
    ...(options.loginHint ? { login_hint: options.loginHint } : {}),
    ...options.extra,
  });
  for (const name of options.omit ?? []) params.delete(name);
  return params;
}

export function authorizeUrl(baseUrl: string, options: AuthorizeOptions): string {
  return `${baseUrl}/${options.tenant ?? 'organizations'}/oauth2/v2.0/authorize?${authorizeParams(options)}`;
}

/** The parameters the emulator sent back in the redirect's fragment (or query). */
export function answerFrom(location: string | null): URLSearchParams {
  if (!location) throw new Error('no Location header');
  const url = new URL(location);
  return new URLSearchParams(url.hash ? url.hash.slice(1) : url.search.slice(1));
}

/** Posts the picker form: the original parameters plus the chosen account (or Cancel). */
export async function chooseAccount(
  baseUrl: string,
  options: AuthorizeOptions,
  choice: { account: string } | { cancel: true },
  cookie?: string,
): Promise<Response> {
  const body = authorizeParams(options);
  if ('account' in choice) body.set('account', choice.account);
  else body.set('cancel', '1');
  return fetch(`${baseUrl}/${options.tenant ?? 'organizations'}/oauth2/v2.0/authorize`, {
    method: 'POST',
    body,
    redirect: 'manual',
    headers: cookie ? { cookie } : {},
  });
}

export async function postToken(baseUrl: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}/organizations/oauth2/v2.0/token?client-request-id=c0ffee00-0000-4000-8000-000000000000`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8', Origin: APP_ORIGIN, ...headers },
    body: new URLSearchParams(form),
  });
}

export interface TokenBody {
  token_type: string;
  scope: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  refresh_token: string;
  refresh_token_expires_in: number;
  id_token: string;
  client_info: string;
}

/** The whole redirect sign-in: choose an account, redeem the code with the right verifier. */
export async function signIn(
  baseUrl: string,
  accountOid: string,
  scope = REQUESTED_SCOPE,
): Promise<{ tokens: TokenBody; cookie: string }> {
  const { verifier, challenge } = await pkcePair();
  const chosen = await chooseAccount(baseUrl, { challenge }, { account: accountOid });
  const code = answerFrom(chosen.headers.get('location')).get('code');
  if (!code) throw new Error(`sign-in gave no code: ${chosen.headers.get('location')}`);
  const response = await postToken(baseUrl, {
    client_id: CLIENT_ID,
    grant_type: 'authorization_code',
    code,
    code_verifier: verifier,
    redirect_uri: REDIRECT_URI,
    scope,
    client_info: '1',
  });
  if (response.status !== 200) throw new Error(`token exchange failed: ${response.status} ${await response.text()}`);
  const cookie = (chosen.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { tokens: (await response.json()) as TokenBody, cookie };
}
