/**
 * The one list of places the app may send a user (to sign in) or a token (to an API). The
 * Content-Security-Policy is built from it at build time, and config.json is checked against it at
 * start-up, so a tampered or mistaken config.json cannot point sign-in at a look-alike page.
 */
import { CLOUDS, defenderApiOrigins, graphOrigin, signInOrigin, type Cloud } from './clouds.ts';

/** Origins added when the app is built (build flags, see build-flags.ts): baked into the CSP and the app alike. */
export interface BuildOrigins {
  /** An organisation's API relay (SCORELINE_EXTRA_ORIGINS): https, never on this machine. */
  api: readonly string[];
  /** Another sign-in authority (SCORELINE_EXTRA_IDENTITY_ORIGINS): https, never on this machine. */
  identity: readonly string[];
  /** Origins on this machine, for demo and test builds only (SCORELINE_LOCAL_ORIGINS): the emulator, a local relay. Both sign-in and API. */
  local: readonly string[];
}

export const NO_BUILD_ORIGINS: BuildOrigins = { api: [], identity: [], local: [] };

/** Where the app may go, by what it goes there for. A later feature that calls another service adds a field here. */
export interface OriginAllowList {
  /** Where a user is sent to sign in, and where MSAL fetches tokens and metadata. */
  signIn: readonly string[];
  /** Where the Defender API is called with a token. */
  defenderApi: readonly string[];
  /** Where Microsoft Graph is called with a Graph token (a demo or test build adds the emulator). */
  graph: readonly string[];
  /**
   * Where OneDrive hands out a file's content (its `@microsoft.graph.downloadUrl`), fetched without a token: CSP
   * wildcards, as the host differs per tenant. Only the CSP names them; config.json never points there.
   */
  fileDownloads: readonly string[];
}

/** What one cloud allows, plus the origins added at build time. */
export function allowedOrigins(cloud: Cloud, build: BuildOrigins): OriginAllowList {
  return {
    signIn: unique([signInOrigin(cloud), ...build.identity, ...build.local]),
    defenderApi: unique([...defenderApiOrigins(cloud), ...build.api, ...build.local]),
    graph: unique([graphOrigin(cloud), ...build.local]),
    fileDownloads: unique([...ONE_DRIVE_DOWNLOADS[cloud], ...build.local]),
  };
}

/** What any cloud allows: the Content-Security-Policy serves every cloud, since config.json picks one after the build. */
export function allowedOriginsOfEveryCloud(build: BuildOrigins): OriginAllowList {
  const each = CLOUDS.map((cloud) => allowedOrigins(cloud, build));
  return {
    signIn: unique(each.flatMap((list) => list.signIn)),
    defenderApi: unique(each.flatMap((list) => list.defenderApi)),
    graph: unique(each.flatMap((list) => list.graph)),
    fileDownloads: unique(each.flatMap((list) => list.fileDownloads)),
  };
}

/** Where OneDrive for Business (SharePoint) and personal OneDrive hand out file downloads, per cloud. */
export const ONE_DRIVE_DOWNLOADS = {
  commercial: ['https://*.sharepoint.com', 'https://*.files.1drv.com'],
  gcc: ['https://*.sharepoint.com'],
  'gcc-high': ['https://*.sharepoint.us'],
  dod: ['https://*.sharepoint-mil.us'],
} as const satisfies Record<Cloud, readonly string[]>;

/** This machine: localhost and its subdomains, and the loopback addresses. */
export function isLocalHostname(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127(\.\d{1,3}){3}$/.test(host) ||
    host === '[::1]' ||
    host === '0.0.0.0'
  );
}

function unique(origins: readonly string[]): string[] {
  return [...new Set(origins)];
}
