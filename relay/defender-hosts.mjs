/**
 * Where the relay may forward: the Defender API host of each cloud, and the commercial cloud's regional hosts.
 * The same table as the app's src/lib/config/clouds.ts (a unit test holds them equal); plain JS so the relay
 * runs on Node with no build step.
 */

export const RELAY_CLOUDS = /** @type {const} */ (['commercial', 'gcc', 'gcc-high', 'dod']);
export const RELAY_REGIONS = /** @type {const} */ (['global', 'us', 'eu', 'uk', 'au', 'swa', 'ina']);

/** @typedef {(typeof RELAY_CLOUDS)[number]} RelayCloud */
/** @typedef {(typeof RELAY_REGIONS)[number]} RelayRegion */

/** @type {Record<RelayCloud, string>} */
const CLOUD_API_ORIGINS = {
  commercial: 'https://api.security.microsoft.com',
  gcc: 'https://api-gcc.securitycenter.microsoft.us',
  'gcc-high': 'https://api-gov.securitycenter.microsoft.us',
  dod: 'https://api-gov.securitycenter.microsoft.us',
};

/** @param {string} value @returns {value is RelayCloud} */
export function isRelayCloud(value) {
  return /** @type {readonly string[]} */ (RELAY_CLOUDS).includes(value);
}

/** @param {string} value @returns {value is RelayRegion} */
export function isRelayRegion(value) {
  return /** @type {readonly string[]} */ (RELAY_REGIONS).includes(value);
}

/**
 * The Defender API origin for a cloud and region; regions only exist in the commercial cloud.
 * @param {RelayCloud} cloud
 * @param {RelayRegion} region
 */
export function defenderOriginFor(cloud, region) {
  if (cloud !== 'commercial' || region === 'global') return CLOUD_API_ORIGINS[cloud];
  return `https://${region}.api.security.microsoft.com`;
}
