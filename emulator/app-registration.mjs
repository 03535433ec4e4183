/**
 * The app registration's redirect URIs, checked as Entra ID checks them: a `redirect_uri` or
 * `post_logout_redirect_uri` that is not registered gets AADSTS50011 and is never redirected to.
 */

/** The registration's display name, which Entra's consent errors quote. */
export const APP_DISPLAY_NAME = 'Scoreline';

/**
 * What the demo registers: the redirect bridge and the app's home (where sign-out returns), at the root
 * and under /scoreline/ (a GitHub Pages project site). Loopback addresses match on any port, as in Entra.
 */
export const REGISTERED_REDIRECT_URIS = Object.freeze([
  'http://localhost/redirect.html',
  'http://localhost/',
  'http://localhost/scoreline/redirect.html',
  'http://localhost/scoreline/',
]);

const LOOPBACK_HOST_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Exact match, except that for http on a loopback host the port is ignored (RFC 8252 §7.3), which is
 * Entra's "localhost exception".
 * @param {string} requested
 * @param {readonly string[]} [registered]
 */
export function isRegisteredRedirectUri(requested, registered = REGISTERED_REDIRECT_URIS) {
  const wanted = comparable(requested);
  return wanted !== undefined && registered.some((uri) => comparable(uri) === wanted);
}

/**
 * Entra's words for an unregistered address.
 * @param {string} uri
 * @param {string | undefined} clientId sign-out requests usually carry none
 */
export function redirectUriMismatch(uri, clientId) {
  const application = clientId ? `the application '${clientId}'` : 'the application';
  return (
    `AADSTS50011: The redirect URI '${uri}' specified in the request does not match the redirect URIs configured for ${application}. ` +
    'Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. ' +
    'Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.'
  );
}

/** @param {string} uri */
function comparable(uri) {
  let url;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (url.hash) return undefined;
  const loopback = url.protocol === 'http:' && LOOPBACK_HOST_NAMES.has(url.hostname);
  return `${url.protocol}//${url.hostname}${loopback ? '' : `:${url.port}`}${url.pathname}${url.search}`;
}
