/**
 * The names of the emulator's Microsoft Graph endpoints, for its call log and its fault queues. `graph` stands
 * for every Graph endpoint at once: a fault queued there answers any Graph call whose own queue is empty, and
 * never a Defender call (so "Graph is down" leaves the device score working).
 */
export const GRAPH_ENDPOINTS = /** @type {const} */ (['graph', 'graphMe', 'secureScores', 'driveList', 'driveItem', 'driveContent', 'driveUpload']);

/** @typedef {(typeof GRAPH_ENDPOINTS)[number]} GraphEndpoint */

/** @param {string} endpoint @returns {endpoint is GraphEndpoint} */
export function isGraphEndpoint(endpoint) {
  return /** @type {readonly string[]} */ (GRAPH_ENDPOINTS).includes(endpoint);
}
