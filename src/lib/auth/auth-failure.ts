/** Every way signing in or getting a token can fail, as a value the UI can explain. */
export type AuthFailureKind =
  | 'cancelled'
  | 'interaction-in-progress'
  | 'consent-required'
  | 'wrong-tenant'
  | 'sign-in-expired'
  | 'window-blocked'
  | 'network'
  | 'unknown';

export interface AuthFailure {
  kind: AuthFailureKind;
  /** MSAL's error code, e.g. "user_cancelled" or "invalid_grant". */
  errorCode: string;
  /** The Entra ID error number, e.g. "AADSTS65001", when the server sent one. */
  aadsts: string | undefined;
  /**
   * For 'consent-required': the permission that is not granted in the tenant, so the UI can say what an
   * administrator must grant (a Defender permission such as "Score.Read", or a Graph one such as
   * "SecurityEvents.Read.All"). Absent when it is not known.
   */
  permission?: string;
}

/** The parts of an MSAL AuthError that say what went wrong (its `message` is only a link in v5). */
export interface AuthErrorLike {
  errorCode?: string;
  errorMessage?: string;
  subError?: string;
}

const CONSENT_CODES = new Set(['65001', '65004', '90094', '90008']);
const WRONG_TENANT_CODES = new Set(['50020', '90072', '50034', '700016', '50177', '90002']);
const EXPIRED_CODES = new Set(['700084', '700082', '50173', '50133', '70043', '50076', '50079', '50058', '50078']);

export function aadstsCodeOf(text: string | undefined): string | undefined {
  return /AADSTS(\d{4,6})/.exec(text ?? '')?.[1];
}

/**
 * Maps an MSAL error to a failure the UI names in words. `missingIfConsent` is the permission a consent
 * failure is about, when the caller knows which one it asked for beyond those already granted.
 */
export function authFailureFrom(error: unknown, missingIfConsent?: string): AuthFailure {
  const { errorCode = 'unknown_error', errorMessage, subError } = asAuthErrorLike(error);
  const code = aadstsCodeOf(errorMessage) ?? aadstsCodeOf(subError);
  const aadsts = code ? `AADSTS${code}` : undefined;
  const kind = kindOf(errorCode, code);
  return kind === 'consent-required' && missingIfConsent ? { kind, errorCode, aadsts, permission: missingIfConsent } : { kind, errorCode, aadsts };
}

function kindOf(errorCode: string, aadsts: string | undefined): AuthFailureKind {
  // An account without access to the tenant is told so, whatever OAuth error carried the code.
  if (aadsts && WRONG_TENANT_CODES.has(aadsts)) return 'wrong-tenant';
  // The user declining consent (65004) is their own cancellation, not an admin's missing consent.
  if (aadsts === '65004' || errorCode === 'user_cancelled' || errorCode === 'access_denied') return 'cancelled';
  if (aadsts && CONSENT_CODES.has(aadsts)) return 'consent-required';
  if (aadsts && EXPIRED_CODES.has(aadsts)) return 'sign-in-expired';
  switch (errorCode) {
    case 'interaction_in_progress':
      return 'interaction-in-progress';
    case 'consent_required':
      return 'consent-required';
    case 'interaction_required':
    case 'login_required':
    case 'refresh_token_expired':
    case 'no_tokens_found':
    case 'invalid_grant':
    case 'bad_token':
    case 'no_account_error':
      return 'sign-in-expired';
    case 'popup_window_error':
    case 'empty_window_error':
    case 'redirect_in_iframe':
    case 'block_iframe_reload':
    case 'timed_out':
      return 'window-blocked';
    case 'no_network_connectivity':
    case 'post_request_failed':
    case 'get_request_failed':
    case 'endpoints_resolution_error':
    case 'openid_config_error':
      return 'network';
    default:
      return 'unknown';
  }
}

function asAuthErrorLike(error: unknown): AuthErrorLike {
  if (typeof error !== 'object' || error === null) return {};
  const candidate = error as Record<string, unknown>;
  const text = (key: string) => (typeof candidate[key] === 'string' ? (candidate[key] as string) : undefined);
  return { errorCode: text('errorCode'), errorMessage: text('errorMessage'), subError: text('subError') };
}

