/** OAuth errors the way Entra ID words and shapes them. */
import { APP_DISPLAY_NAME } from './app-registration.mjs';
import { newId } from './http-utils.mjs';

/** Entra's usual description for each OAuth error code, used when a fault gives none. */
/** @type {Record<string, string>} */
export const DEFAULT_DESCRIPTIONS = {
  access_denied: 'AADSTS65004: User declined to consent to access the app.',
  consent_required:
    "AADSTS65001: The user or administrator has not consented to use the application. Send an interactive authorization request for this user and resource.",
  interaction_required:
    'AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the resource.',
  login_required: 'AADSTS50058: A silent sign-in request was sent but no user is signed in.',
  invalid_grant: 'AADSTS50173: The provided grant has expired due to it being revoked, a fresh auth token is needed.',
  invalid_request: 'AADSTS90014: The required field is missing from the request.',
  invalid_client: "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  unauthorized_client: 'AADSTS700016: Application was not found in the directory.',
  unsupported_grant_type: 'AADSTS70003: The app requested an unsupported grant type.',
  server_error: 'AADSTS50000: There was an error issuing a token or an issue with our sign-in service.',
  temporarily_unavailable: 'AADSTS90033: A transient error has occurred. Please try again.',
};

/**
 * AADSTS65001 as Entra words it for a request that asks for a permission no administrator consented to.
 * @param {string | undefined} clientId
 */
export function consentRequiredDescription(clientId) {
  return (
    `AADSTS65001: The user or administrator has not consented to use the application with ID '${clientId ?? ''}' named '${APP_DISPLAY_NAME}'. ` +
    'Send an interactive authorization request for this user and resource.'
  );
}

/**
 * The error code an HTTP status most likely carries at /token, for faults that give only a status.
 * @param {number} status
 */
export function tokenErrorForStatus(status) {
  if (status === 400) return 'invalid_grant';
  if (status === 401) return 'invalid_client';
  if (status === 429 || status === 503) return 'temporarily_unavailable';
  if (status >= 500) return 'server_error';
  return 'invalid_request';
}

/** @param {string} error */
export function describeError(error) {
  return DEFAULT_DESCRIPTIONS[error] ?? `AADSTS90000: ${error}`;
}

/**
 * `2024-05-01 10:00:00Z`, Entra's timestamp style in error bodies.
 * @param {Date} at
 */
function entraTimestamp(at) {
  return `${at.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/**
 * The JSON body /token answers errors with. Like Entra, the description ends with trace lines,
 * so an app should show only its first line.
 * @param {string} error
 * @param {string} description starts with `AADSTSnnnn:`
 * @param {string | undefined} correlationId the request's client-request-id, echoed back
 * @param {string} [suberror] e.g. `consent_required` under `invalid_grant`: what tells MSAL that interaction is needed
 */
export function tokenErrorBody(error, description, correlationId, suberror) {
  const now = new Date();
  const traceId = newId();
  const correlation = correlationId || newId();
  const timestamp = entraTimestamp(now);
  const code = /AADSTS(\d+)/.exec(description)?.[1];
  return {
    error,
    error_description: `${description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlation}\r\nTimestamp: ${timestamp}`,
    error_codes: code ? [Number(code)] : [],
    timestamp,
    trace_id: traceId,
    correlation_id: correlation,
    error_uri: 'https://login.microsoftonline.com/error',
    ...(suberror ? { suberror } : {}),
  };
}

/**
 * AADSTS50020 as Entra words it when a user signs in to a tenant they have no account, guest account or
 * delegated (GDAP) access in.
 * @param {{ username: string }} account
 * @param {{ id: string, name: string }} tenant
 * @param {string | undefined} clientId
 */
export function noAccessDescription(account, tenant, clientId) {
  return (
    `AADSTS50020: User account '${account.username}' from identity provider 'https://sts.windows.net/${tenant.id}/' does not exist in tenant '${tenant.name}' ` +
    `and cannot access the application '${clientId ?? ''}'(${APP_DISPLAY_NAME}) in that tenant. The account needs to be added as an external user in the tenant first.`
  );
}

/**
 * AADSTS90002: the authority names a tenant (id or domain) Entra does not know.
 * @param {string} segment
 */
export function tenantNotFoundDescription(segment) {
  return (
    `AADSTS90002: Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. ` +
    'Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.'
  );
}
