import { allMicrosoftOrigins } from './clouds.ts';

/**
 * The Content-Security-Policy of every page: no inline script, no eval, and network access only to this
 * origin, Microsoft's sign-in and Defender API hosts, and the origins added at build time (a local
 * emulator, an organisation's relay) through SCORELINE_EXTRA_ORIGINS.
 */
export function contentSecurityPolicy(extraOrigins: readonly string[] = []): string {
  const microsoft = allMicrosoftOrigins();
  const signInHosts = microsoft.filter((origin) => origin.includes('login.'));
  const connect = ["'self'", ...microsoft, ...extraOrigins];
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'connect-src': connect,
    // MSAL renews a sign-in in a hidden frame when its refresh token cannot be used; it returns to our redirect bridge.
    'frame-src': ["'self'", ...signInHosts, ...extraOrigins],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'form-action': ["'self'", ...signInHosts, ...extraOrigins],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${[...new Set(values)].join(' ')}`)
    .join('; ');
}

/** Parses the build-time list of extra origins ("https://a.example http://localhost:4010"), refusing anything else. */
export function parseExtraOrigins(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => {
      const url = new URL(entry);
      if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== entry.replace(/\/$/, '')) {
        throw new Error(`SCORELINE_EXTRA_ORIGINS: "${entry}" is not an http(s) origin such as https://relay.contoso.example`);
      }
      return url.origin;
    });
}
