import { allMicrosoftOrigins } from './clouds.ts';

export interface ExtraOrigins {
  /** Origins the app may call (an organisation's API relay): SCORELINE_EXTRA_ORIGINS. */
  api?: readonly string[];
  /** Origins of another sign-in authority (the local emulator), which may also be framed and posted to: SCORELINE_EXTRA_IDENTITY_ORIGINS. */
  identity?: readonly string[];
}

/**
 * The Content-Security-Policy of every page: no inline script, no eval, and network access only to this
 * origin, Microsoft's sign-in and Defender API hosts, and the origins added at build time.
 */
export function contentSecurityPolicy({ api = [], identity = [] }: ExtraOrigins = {}): string {
  const microsoft = allMicrosoftOrigins();
  const signInHosts = [...microsoft.filter((origin) => origin.includes('login.')), ...identity];
  const connect = ["'self'", ...microsoft, ...api, ...identity];
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'connect-src': connect,
    // MSAL renews a sign-in in a hidden frame when its refresh token cannot be used; it returns to our redirect bridge.
    'frame-src': ["'self'", ...signInHosts],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'form-action': ["'self'", ...signInHosts],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${[...new Set(values)].join(' ')}`)
    .join('; ');
}

/** Parses a build-time list of extra origins ("https://a.example http://localhost:4010"), refusing anything else. */
export function parseExtraOrigins(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => {
      const url = new URL(entry);
      if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== entry.replace(/\/$/, '')) {
        throw new Error(`"${entry}" is not an http(s) origin such as https://relay.contoso.example (check SCORELINE_EXTRA_ORIGINS and SCORELINE_EXTRA_IDENTITY_ORIGINS)`);
      }
      return url.origin;
    });
}
