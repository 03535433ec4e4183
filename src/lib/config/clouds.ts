/** Sovereign clouds and commercial regions: where to sign in and which Defender API host to call. */

export const CLOUDS = ['commercial', 'gcc', 'gcc-high', 'dod'] as const;
export type Cloud = (typeof CLOUDS)[number];

export const REGIONS = ['global', 'us', 'eu', 'uk', 'au', 'swa', 'ina'] as const;
export type Region = (typeof REGIONS)[number];

export const REGION_LABELS: Record<Region, string> = {
  global: 'Global (nearest data centre)',
  us: 'United States',
  eu: 'Europe',
  uk: 'United Kingdom',
  au: 'Australia',
  swa: 'Switzerland',
  ina: 'India',
};

interface CloudEndpoints {
  authorityHost: string;
  /** The API's identifier URI: the audience of the token and the prefix of its scope. */
  apiResource: string;
  apiHost: string;
  /** Microsoft Graph: the host called and the resource its scopes are named after (they are the same). */
  graphHost: string;
}

const CLOUD_ENDPOINTS: Record<Cloud, CloudEndpoints> = {
  commercial: {
    authorityHost: 'https://login.microsoftonline.com',
    apiResource: 'https://api.securitycenter.microsoft.com',
    apiHost: 'https://api.security.microsoft.com',
    graphHost: 'https://graph.microsoft.com',
  },
  gcc: {
    authorityHost: 'https://login.microsoftonline.com',
    apiResource: 'https://api-gcc.securitycenter.microsoft.us',
    apiHost: 'https://api-gcc.securitycenter.microsoft.us',
    graphHost: 'https://graph.microsoft.com',
  },
  'gcc-high': {
    authorityHost: 'https://login.microsoftonline.us',
    apiResource: 'https://api-gov.securitycenter.microsoft.us',
    apiHost: 'https://api-gov.securitycenter.microsoft.us',
    graphHost: 'https://graph.microsoft.us',
  },
  dod: {
    authorityHost: 'https://login.microsoftonline.us',
    apiResource: 'https://api-gov.securitycenter.microsoft.us',
    apiHost: 'https://api-gov.securitycenter.microsoft.us',
    graphHost: 'https://dod-graph.microsoft.us',
  },
};

export function defaultAuthority(cloud: Cloud): string {
  return `${CLOUD_ENDPOINTS[cloud].authorityHost}/organizations`;
}

export function defaultScopes(cloud: Cloud): string[] {
  return [`${CLOUD_ENDPOINTS[cloud].apiResource}/Score.Read`];
}

/** The Defender API base URL for a cloud; the region only applies to the commercial cloud. */
export function apiBaseUrlFor(cloud: Cloud, region: Region): string {
  if (cloud !== 'commercial' || region === 'global') return CLOUD_ENDPOINTS[cloud].apiHost;
  return `https://${region}.api.security.microsoft.com`;
}

/** The origin a cloud signs in on. */
export function signInOrigin(cloud: Cloud): string {
  return CLOUD_ENDPOINTS[cloud].authorityHost;
}

/** Every Defender API origin of a cloud: its hosts in every region, and the legacy host its audience is named after. */
export function defenderApiOrigins(cloud: Cloud): string[] {
  const endpoints = CLOUD_ENDPOINTS[cloud];
  return [...new Set([endpoints.apiHost, ...REGIONS.map((region) => apiBaseUrlFor(cloud, region)), endpoints.apiResource])];
}

/**
 * Microsoft Graph's origin in a cloud (Microsoft's "National cloud deployments" page): commercial and GCC
 * graph.microsoft.com, GCC High graph.microsoft.us, DoD dod-graph.microsoft.us. Graph scopes are named after it.
 */
export function graphOrigin(cloud: Cloud): string {
  return CLOUD_ENDPOINTS[cloud].graphHost;
}
