/** Answers in Microsoft Graph's shapes: `{ error: { code, message, innerError } }` and its headers. */
import { newId } from './http-utils.mjs';

/**
 * Graph's error body (Microsoft Graph "Error responses"): the request id and date an admin quotes to support.
 * @param {string} code e.g. `InvalidAuthenticationToken`, `Authorization_RequestDenied`, `TooManyRequests`
 * @param {string} message
 * @param {string} [requestId]
 */
export function graphError(code, message, requestId = newId()) {
  return { error: { code, message, innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': requestId, 'client-request-id': requestId } } };
}

/**
 * What Graph says for a status when a fault names only the status; a 403 names the permission the route needs.
 * @param {number} status
 * @param {string} permission
 */
export function graphErrorForStatus(status, permission) {
  if (status === 401) return graphError('InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.');
  if (status === 403) return graphError('Authorization_RequestDenied', `Insufficient privileges to complete the operation. The request needs the delegated permission ${permission}.`);
  if (status === 404) return graphError('itemNotFound', 'The resource could not be found.');
  if (status === 429) return graphError('TooManyRequests', 'Too many requests are being made. Retry after the time the Retry-After header gives.');
  if (status === 503) return graphError('serviceNotAvailable', 'The service is temporarily unavailable. Retry after the time the Retry-After header gives.');
  if (status === 504) return graphError('gatewayTimeout', 'The gateway did not get an answer in time.');
  if (status >= 500) return graphError('generalException', 'An unspecified error has occurred.');
  return graphError('BadRequest', 'The request is not valid.');
}

/** Graph sends Retry-After with 429 and 503. @param {number} status @returns {Record<string, string>} */
export function graphErrorHeaders(status) {
  return status === 429 || status === 503 ? { 'Retry-After': '10' } : {};
}

/** A Graph answer cut short, for `malformed` faults. */
export const GRAPH_MALFORMED_BODY = '{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata","value":[{"id":';
