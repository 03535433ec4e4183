/**
 * The only calls the relay forwards: the Defender endpoints Scoreline reads, each with the query parameters
 * it may carry, by name. Anything else is refused before a byte goes to Microsoft.
 */

/** @typedef {{ path: string, query: readonly string[] }} RelayEndpoint */

/** @type {readonly RelayEndpoint[]} */
export const RELAY_ENDPOINTS = [
  { path: '/api/configurationScore', query: [] },
  { path: '/api/exposureScore', query: [] },
  { path: '/api/exposureScore/ByMachineGroups', query: [] },
  // A list of up to 10,000 recommendations, read a page at a time.
  { path: '/api/recommendations', query: ['$top', '$skip'] },
];

/**
 * The allowed endpoint a request path names (Defender paths are case-insensitive; a trailing slash is ignored).
 * @param {string} path
 * @param {readonly RelayEndpoint[]} [endpoints]
 * @returns {RelayEndpoint | undefined}
 */
export function endpointFor(path, endpoints = RELAY_ENDPOINTS) {
  const wanted = path.replace(/\/+$/, '').toLowerCase();
  return endpoints.find((endpoint) => endpoint.path.toLowerCase() === wanted);
}
