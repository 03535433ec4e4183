/**
 * The relay's settings, read from environment variables (app settings on Azure), checked once at start:
 * a wrong value is a problem in words, not a relay that forwards somewhere unexpected.
 */
import { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS } from './handler.mjs';
import { isRelayCloud, RELAY_CLOUDS } from './defender-hosts.mjs';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * @param {Record<string, string | undefined>} env
 * @param {{ acceptAuthorizationHeader: boolean }} platform false behind Azure Static Web Apps, which replaces `Authorization`
 * @returns {{ ok: true, settings: import('./handler.mjs').RelaySettings } | { ok: false, problems: string[] }}
 */
export function readRelaySettings(env, { acceptAuthorizationHeader }) {
  /** @type {string[]} */
  const problems = [];

  const cloud = env.SCORELINE_RELAY_CLOUD || 'commercial';
  if (!isRelayCloud(cloud)) problems.push(`SCORELINE_RELAY_CLOUD must be one of ${RELAY_CLOUDS.join(', ')}, not "${cloud}".`);

  /** @type {string[]} */
  const allowedOrigins = [];
  for (const entry of (env.SCORELINE_RELAY_ALLOWED_ORIGINS ?? '').split(/[\s,]+/).filter(Boolean)) {
    const origin = originOf(entry);
    if (origin) allowedOrigins.push(origin);
    else problems.push(`SCORELINE_RELAY_ALLOWED_ORIGINS: "${entry}" is not an origin such as https://scoreline.contoso.example (https, or http on localhost).`);
  }

  const defenderOrigin = env.SCORELINE_RELAY_DEFENDER_ORIGIN ? originOf(env.SCORELINE_RELAY_DEFENDER_ORIGIN) : undefined;
  if (env.SCORELINE_RELAY_DEFENDER_ORIGIN && !defenderOrigin) {
    problems.push('SCORELINE_RELAY_DEFENDER_ORIGIN must be an https origin (or http on localhost, for the emulator); leave it out to use Microsoft\'s hosts.');
  }

  const timeoutMs = positiveInteger(env.SCORELINE_RELAY_TIMEOUT_MS, DEFAULT_TIMEOUT_MS, 'SCORELINE_RELAY_TIMEOUT_MS', problems);
  const maxResponseBytes = positiveInteger(env.SCORELINE_RELAY_MAX_RESPONSE_BYTES, DEFAULT_MAX_RESPONSE_BYTES, 'SCORELINE_RELAY_MAX_RESPONSE_BYTES', problems);

  if (problems.length > 0 || !isRelayCloud(cloud)) return { ok: false, problems };
  return { ok: true, settings: { cloud, allowedOrigins, defenderOrigin, acceptAuthorizationHeader, timeoutMs, maxResponseBytes } };
}

/**
 * An https origin, or http on this machine; nothing with a path, query or user name.
 * @param {string} value
 * @returns {string | undefined}
 */
function originOf(value) {
  try {
    const url = new URL(value);
    const safe = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
    return safe && url.origin === value.replace(/\/$/, '') ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * @param {string | undefined} text
 * @param {number} fallback
 * @param {string} name
 * @param {string[]} problems
 */
function positiveInteger(text, fallback, name, problems) {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (Number.isInteger(value) && value > 0) return value;
  problems.push(`${name} must be a whole number above 0, not "${text}".`);
  return fallback;
}
