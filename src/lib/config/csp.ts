import { allowedOriginsOfEveryCloud, NO_BUILD_ORIGINS, type BuildOrigins } from './allowed-origins.ts';

/**
 * The Content-Security-Policy of every page: no inline script, no eval, and network access only to this
 * origin and the allow-list (every cloud's sign-in, Defender API and Microsoft Graph hosts, and the origins added at build time).
 */
export function contentSecurityPolicy(build: BuildOrigins = NO_BUILD_ORIGINS): string {
  const allowed = allowedOriginsOfEveryCloud(build);
  const directives: Record<string, readonly string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...allowed.signIn, ...allowed.defenderApi, ...allowed.graph, ...allowed.fileDownloads],
    // MSAL renews a sign-in in a hidden frame when its refresh token cannot be used; it returns to our redirect bridge.
    'frame-src': ["'self'", ...allowed.signIn],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'form-action': ["'self'", ...allowed.signIn],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${[...new Set(values)].join(' ')}`)
    .join('; ');
}
