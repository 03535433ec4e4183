/**
 * The build flags that add origins to the allow-list (read by vite.config.ts, which bakes the result into
 * the CSP and into the app). A production build sets none of them; origins on this machine come only
 * through SCORELINE_LOCAL_ORIGINS, which the demo, the tests, the benchmark and `npm run dev` set.
 */
import { err, ok, type Result } from '../util/result.ts';
import { isLocalHostname, type BuildOrigins } from './allowed-origins.ts';

export const BUILD_FLAGS = {
  api: 'SCORELINE_EXTRA_ORIGINS',
  identity: 'SCORELINE_EXTRA_IDENTITY_ORIGINS',
  local: 'SCORELINE_LOCAL_ORIGINS',
} as const satisfies Record<keyof BuildOrigins, string>;

/** Reads the three flags (space- or comma-separated origins), refusing anything that is not an origin of the right kind. */
export function buildOriginsFromFlags(env: Readonly<Record<string, string | undefined>>): Result<BuildOrigins, string> {
  const api = parseOrigins(BUILD_FLAGS.api, env[BUILD_FLAGS.api], 'remote');
  const identity = parseOrigins(BUILD_FLAGS.identity, env[BUILD_FLAGS.identity], 'remote');
  const local = parseOrigins(BUILD_FLAGS.local, env[BUILD_FLAGS.local], 'local');
  if (!api.ok) return api;
  if (!identity.ok) return identity;
  if (!local.ok) return local;
  return ok({ api: api.value, identity: identity.value, local: local.value });
}

function parseOrigins(flag: string, value: string | undefined, where: 'remote' | 'local'): Result<string[], string> {
  const origins: string[] = [];
  for (const entry of (value ?? '').split(/[\s,]+/).filter(Boolean)) {
    const origin = parseOrigin(entry);
    if (origin === undefined) {
      return err(`${flag}: "${entry}" is not an origin (scheme, host and port only) such as https://relay.contoso.example.`);
    }
    const local = isLocalHostname(origin.hostname);
    if (where === 'remote' && local) {
      return err(`${flag}: "${entry}" is on this machine; a demo or test build names such origins in ${BUILD_FLAGS.local} instead.`);
    }
    if (where === 'remote' && origin.protocol !== 'https:') return err(`${flag}: "${entry}" must be https.`);
    if (where === 'local' && !local) {
      return err(`${flag}: "${entry}" is not on this machine (localhost, *.localhost or a loopback address); name it in ${BUILD_FLAGS.api} or ${BUILD_FLAGS.identity}.`);
    }
    origins.push(origin.origin);
  }
  return ok([...new Set(origins)]);
}

function parseOrigin(entry: string): URL | undefined {
  try {
    const url = new URL(entry);
    const isOrigin = (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === entry.replace(/\/$/, '');
    return isOrigin ? url : undefined;
  } catch {
    return undefined;
  }
}
