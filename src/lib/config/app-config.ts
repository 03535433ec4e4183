import * as v from 'valibot';
import { isGuid } from '../util/guid';
import { err, ok, type Result } from '../util/result';
import { allowedOrigins, type BuildOrigins } from './allowed-origins';
import { BUILD_ORIGINS } from './baked-origins';
import { CLOUDS, REGIONS, defaultAuthority, defaultScopes, graphOrigin, type Cloud, type Region } from './clouds';
import { checkConfigOrigins } from './origin-check';

/** Validated runtime configuration, read from `config.json` beside `index.html`. */
export interface AppConfig {
  clientId: string;
  authority: string;
  knownAuthorities: string[];
  authorityMetadata: string | undefined;
  cloud: Cloud;
  region: Region;
  apiBaseUrl: string | undefined;
  /** A relay that calls the API for the browser (README "Relay"): a path on this origin such as "/api/relay", or a URL. */
  relayUrl: string | undefined;
  scopes: string[];
  /** Where Microsoft Graph is called: the cloud's Graph host unless config.json names another allowed origin (the demo's emulator). */
  graphBaseUrl: string;
  /** The resource Graph scopes are named after: always the cloud's Graph host, wherever the calls go. */
  graphResource: string;
}

/** One thing wrong with config.json, in words an admin can act on. */
export interface ConfigProblem {
  field: string;
  problem: string;
  fix: string;
}

const FIXES: Record<string, string> = {
  clientId:
    'Put the "Application (client) ID" of your app registration here, e.g. "11111111-2222-3333-4444-555555555555" (Entra admin center → App registrations → your app → Overview).',
  authority:
    'Use an https URL such as "https://login.microsoftonline.com/<your tenant id>", or leave it out to let any work account sign in ("…/organizations").',
  knownAuthorities: 'A list of host names, e.g. ["login.contoso.example"]; leave it out for Microsoft Entra ID.',
  authorityMetadata:
    'A JSON string with the OpenID metadata of the authority (issuer, authorization_endpoint, token_endpoint…); leave it out for Microsoft Entra ID.',
  cloud: `One of ${CLOUDS.map((c) => `"${c}"`).join(', ')}; leave it out for the commercial cloud.`,
  region: `One of ${REGIONS.map((r) => `"${r}"`).join(', ')}; leave it out for "global".`,
  apiBaseUrl:
    'An origin with no path, e.g. "https://defender-relay.contoso.example", that was added to the app when it was built (SCORELINE_EXTRA_ORIGINS); leave it out to use the Microsoft API host of your cloud and region.',
  relayUrl:
    'A path on this site such as "/api/relay" (the Static Web Apps function) or an https URL such as "https://relay.contoso.example" ' +
    '(plain http only for localhost); leave it out to call the Defender API directly. Use it instead of apiBaseUrl, not with it.',
  graphBaseUrl:
    'An origin with no path that this build allows for Microsoft Graph; leave it out to use the Graph host of your cloud (graph.microsoft.com, graph.microsoft.us or dod-graph.microsoft.us).',
  scopes: 'A list of scopes, e.g. ["https://api.securitycenter.microsoft.com/Score.Read"]; leave it out to use the default of your cloud.',
};

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/** An origin and nothing else: no path, query, fragment or user name to confuse where the token goes. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value.replace(/\/$/, '');
  } catch {
    return false;
  }
}

/**
 * A relay's address: a path on this origin ("/api/relay"), or an http(s) URL with no query,
 * fragment or user name. Nothing that could climb out of the path or turn into another host ("//host"). Where
 * it may point is the allow-list's to say (origin-check.ts): https, and this machine only in a demo or test build.
 */
function isSafeRelayUrl(value: string): boolean {
  if (value.startsWith('/')) return /^(\/[A-Za-z0-9\-_~]+(\.[A-Za-z0-9\-_~]+)*)+\/?$/.test(value);
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '' && url.search === '' && url.hash === '' && !value.includes('..');
  } catch {
    return false;
  }
}

const METADATA_ENDPOINTS = ['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri', 'end_session_endpoint'];

/** The endpoint URLs in OpenID metadata, or undefined when the string is not a JSON object of URLs. */
function metadataEndpoints(value: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    const record = parsed as Record<string, unknown>;
    const endpoints: string[] = [];
    for (const key of METADATA_ENDPOINTS) {
      const endpoint = record[key];
      if (endpoint === undefined) continue;
      if (typeof endpoint !== 'string') return undefined;
      new URL(endpoint);
      endpoints.push(endpoint);
    }
    return endpoints;
  } catch {
    return undefined;
  }
}

const nonEmptyString = (what: string) =>
  v.pipe(v.string(`must be ${what}`), v.trim(), v.nonEmpty(`must not be empty`));

const ConfigSchema = v.object({
  clientId: v.pipe(nonEmptyString('a GUID'), v.check(isGuid, 'is not a GUID')),
  authority: v.optional(v.pipe(nonEmptyString('an https URL'), v.check(isHttpsUrl, 'is not an https URL'))),
  knownAuthorities: v.optional(v.array(nonEmptyString('a host name'), 'must be a list of host names')),
  authorityMetadata: v.optional(
    v.pipe(nonEmptyString('a JSON string'), v.check((value) => metadataEndpoints(value) !== undefined, 'is not a JSON object of endpoint URLs in a string')),
  ),
  cloud: v.optional(v.picklist(CLOUDS, 'is not a known cloud'), 'commercial'),
  region: v.optional(v.picklist(REGIONS, 'is not a known region'), 'global'),
  apiBaseUrl: v.optional(v.pipe(nonEmptyString('a URL'), v.check(isOrigin, 'is not an origin (scheme, host and port only)'))),
  relayUrl: v.optional(v.pipe(nonEmptyString('a path or URL'), v.check(isSafeRelayUrl, 'is not a path on this site (like /api/relay) or an https URL'))),
  graphBaseUrl: v.optional(v.pipe(nonEmptyString('a URL'), v.check(isOrigin, 'is not an origin (scheme, host and port only)'))),
  scopes: v.optional(v.pipe(v.array(nonEmptyString('a scope'), 'must be a list of scopes'), v.minLength(1, 'must name at least one scope'))),
});

/**
 * Validates the parsed contents of config.json, naming each bad field and how to fix it. Every place it
 * names must be on the allow-list of its cloud and the origins this copy was built with (the CSP's list).
 */
export function parseAppConfig(input: unknown, buildOrigins: BuildOrigins = BUILD_ORIGINS): Result<AppConfig, ConfigProblem[]> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return err([{ field: 'config.json', problem: 'is not a JSON object', fix: 'Write an object such as { "clientId": "…" }.' }]);
  }
  const result = v.safeParse(ConfigSchema, input);
  if (!result.success) {
    const problems = result.issues.map((issue): ConfigProblem => {
      const field = String(issue.path?.[0]?.key ?? 'config.json');
      const missing = issue.input === undefined;
      return {
        field,
        problem: missing ? 'is missing' : issue.message,
        fix: FIXES[field] ?? 'Check this field against the README.',
      };
    });
    return err(uniqueByField(problems));
  }
  const raw = result.output;
  if (raw.apiBaseUrl !== undefined && raw.relayUrl !== undefined) {
    return err([{ field: 'relayUrl', problem: 'cannot be used together with apiBaseUrl', fix: FIXES.relayUrl ?? '' }]);
  }
  const authority = raw.authority ?? defaultAuthority(raw.cloud);
  const knownAuthorities = raw.knownAuthorities ?? [];
  const outsideTheList = checkConfigOrigins(
    {
      cloud: raw.cloud,
      authority,
      knownAuthorities,
      metadataEndpoints: raw.authorityMetadata === undefined ? [] : (metadataEndpoints(raw.authorityMetadata) ?? []),
      apiBaseUrl: raw.apiBaseUrl,
      relayUrl: raw.relayUrl,
      graphBaseUrl: raw.graphBaseUrl,
    },
    allowedOrigins(raw.cloud, buildOrigins),
  );
  if (outsideTheList.length > 0) return err(outsideTheList);
  return ok({
    clientId: raw.clientId,
    authority,
    knownAuthorities,
    authorityMetadata: raw.authorityMetadata,
    cloud: raw.cloud,
    region: raw.region,
    apiBaseUrl: raw.apiBaseUrl?.replace(/\/+$/, ''),
    relayUrl: raw.relayUrl?.replace(/\/+$/, ''),
    scopes: raw.scopes ?? defaultScopes(raw.cloud),
    graphBaseUrl: (raw.graphBaseUrl ?? graphOrigin(raw.cloud)).replace(/\/+$/, ''),
    graphResource: graphOrigin(raw.cloud),
  });
}

function uniqueByField(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.field) && seen.add(p.field));
}
