/**
 * config.json's places checked against the allow-list: the authority, the hosts MSAL may trust, the
 * endpoints in the authority's metadata and the API base URL must each be an origin this build allows,
 * so a tampered or mistaken file cannot send a user to a look-alike sign-in page or a token elsewhere.
 */
import { isLocalHostname, type OriginAllowList } from './allowed-origins';
import { graphOrigin, signInOrigin, type Cloud } from './clouds';
import type { ConfigProblem } from './app-config';

/** The fields of a config.json, already well-formed, that name a place. */
export interface ConfigPlaces {
  cloud: Cloud;
  authority: string;
  knownAuthorities: readonly string[];
  /** Endpoint URLs read from `authorityMetadata`. */
  metadataEndpoints: readonly string[];
  apiBaseUrl: string | undefined;
  /** A relay on another origin is checked like apiBaseUrl; a path on this site needs no check. */
  relayUrl?: string | undefined;
  /** Where Microsoft Graph is called, when config.json names a place other than the cloud's Graph host. */
  graphBaseUrl?: string | undefined;
}

const CLOUD_NAMES: Record<Cloud, string> = {
  commercial: 'the commercial cloud',
  gcc: 'GCC',
  'gcc-high': 'GCC High',
  dod: 'DoD',
};

const ADD_AT_BUILD = 'Another host works only if it is added when the app is built (see "Headers for any other host" in the README).';

const LOCAL_FIX =
  'This build is for real use: point it at Microsoft (leave the field out to use your cloud\'s hosts). Only a demo or test build, made with SCORELINE_LOCAL_ORIGINS as `npm start` and the tests do, allows origins on this machine.';

/** Every field that names a place outside the allow-list, with what to put there instead. */
export function checkConfigOrigins(places: ConfigPlaces, allowed: OriginAllowList): ConfigProblem[] {
  // A build that allows a place on this machine is a demo or test build: there, localhost needs no words of its own.
  const demoBuild = [...allowed.signIn, ...allowed.defenderApi, ...allowed.graph].some((origin) => isLocalHostname(new URL(origin).hostname));
  const problems: ConfigProblem[] = [];
  const add = (field: string, found: Found | undefined, fix: string) => {
    if (found) problems.push({ field, problem: found.problem, fix: found.local ? LOCAL_FIX : fix });
  };
  const cloud = CLOUD_NAMES[places.cloud];

  add(
    'authority',
    urlProblem(places.authority, allowed.signIn, 'a sign-in host', demoBuild),
    `Use "${signInOrigin(places.cloud)}/<your tenant id>", the sign-in host of ${cloud}, or leave it out. ${ADD_AT_BUILD}`,
  );
  const signInHosts = new Set(allowed.signIn.map((origin) => new URL(origin).host));
  const strangeHost = places.knownAuthorities.find((host) => !signInHosts.has(host.toLowerCase()));
  add('knownAuthorities', strangeHost === undefined ? undefined : hostProblem(strangeHost, demoBuild), `Leave it out for Microsoft Entra ID. ${ADD_AT_BUILD}`);
  const strangeEndpoint = places.metadataEndpoints
    .map((endpoint) => urlProblem(endpoint, allowed.signIn, 'a sign-in host', demoBuild))
    .find((found) => found !== undefined);
  add('authorityMetadata', strangeEndpoint, `Leave it out for Microsoft Entra ID. ${ADD_AT_BUILD}`);
  if (places.relayUrl !== undefined && !places.relayUrl.startsWith('/')) {
    add(
      'relayUrl',
      urlProblem(places.relayUrl, allowed.defenderApi, 'a relay', demoBuild),
      'Use a path on this site such as "/api/relay", or a relay whose origin was added when the app was built (SCORELINE_RELAY_URL, see the README).',
    );
  }
  if (places.apiBaseUrl !== undefined) {
    add(
      'apiBaseUrl',
      urlProblem(places.apiBaseUrl, allowed.defenderApi, 'a Defender API host or relay', demoBuild),
      `Leave it out to use the Defender API host of ${cloud} and your region. A relay works only if its origin is added when the app is built (SCORELINE_EXTRA_ORIGINS, see the README).`,
    );
  }
  if (places.graphBaseUrl !== undefined) {
    add(
      'graphBaseUrl',
      urlProblem(places.graphBaseUrl, allowed.graph, 'a Microsoft Graph host', demoBuild),
      `Leave it out to use ${graphOrigin(places.cloud)}, the Microsoft Graph host of ${cloud}.`,
    );
  }
  return problems;
}

/** What is wrong with a place, and whether it is on this machine (which only a demo or test build allows). */
interface Found {
  problem: string;
  local: boolean;
}

/**
 * Why a URL is not in the list, in words that show where it really points; undefined when it is allowed.
 * Outside a demo or test build, a place on this machine gets words of its own: it is the demo's config.json.
 */
function urlProblem(value: string, allowed: readonly string[], what: string, demoBuild: boolean): Found | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: 'is not a URL', local: false };
  }
  if (url.username !== '' || url.password !== '') {
    return { problem: `has a user name in it, which hides where it really points: ${url.host}`, local: false };
  }
  if (allowed.includes(url.origin)) return undefined;
  if (!demoBuild && isLocalHostname(url.hostname)) {
    return { problem: `points to localhost (${url.origin}), which only a demo or test build allows`, local: true };
  }
  return { problem: `points to ${url.origin}, which is not ${what} this build allows`, local: false };
}

function hostProblem(host: string, demoBuild: boolean): Found {
  if (!demoBuild && isLocalHostname(hostnameOf(host))) return { problem: `names ${host}, on this machine, which only a demo or test build allows`, local: true };
  return { problem: `names ${host}, which is not a sign-in host this build allows`, local: false };
}

function hostnameOf(host: string): string {
  try {
    return new URL(`https://${host}`).hostname;
  } catch {
    return host;
  }
}
