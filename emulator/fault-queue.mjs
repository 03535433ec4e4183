/** Queued faults: validated from control input, taken one request at a time, per endpoint. */

/** @typedef {import('./state.mjs').Fault} Fault */
/** @typedef {import('./state.mjs').FaultEndpoint} FaultEndpoint */
/** @typedef {import('./state.mjs').ApiEndpoint} ApiEndpoint */

/** @type {readonly FaultEndpoint[]} */
export const FAULT_ENDPOINTS = ['configurationScore', 'exposureScore', 'exposureScoreByMachineGroups', 'recommendations', 'token', 'authorize', '*'];

/** Long enough for any timeout test, short enough that a typo cannot hang a suite for ever. */
const MAX_DELAY_MS = 120_000;

/**
 * Checks a control request body and turns it into a queued fault.
 * @param {unknown} input
 * @returns {{ ok: true, fault: Fault } | { ok: false, message: string }}
 */
export function parseFault(input) {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return invalid('body must be a JSON object');
  const raw = /** @type {Record<string, unknown>} */ (input);
  const endpoint = /** @type {FaultEndpoint} */ (raw.endpoint);
  if (!FAULT_ENDPOINTS.includes(endpoint)) return invalid(`endpoint must be one of ${FAULT_ENDPOINTS.join(', ')}`);

  /** @type {Fault} */
  const fault = { endpoint, remaining: 1 };
  if (raw.times !== undefined) {
    if (raw.times === 'always' || raw.times === 0) fault.remaining = 'always';
    else if (Number.isInteger(raw.times) && /** @type {number} */ (raw.times) > 0) fault.remaining = /** @type {number} */ (raw.times);
    else return invalid('times must be a positive integer, 0 or "always"');
  }
  if (raw.status !== undefined) {
    if (!Number.isInteger(raw.status) || /** @type {number} */ (raw.status) < 200 || /** @type {number} */ (raw.status) > 599) {
      return invalid('status must be an integer from 200 to 599');
    }
    fault.status = /** @type {number} */ (raw.status);
  }
  if (raw.body !== undefined) fault.body = raw.body;
  if (raw.headers !== undefined) {
    const headers = raw.headers;
    if (!headers || typeof headers !== 'object' || Array.isArray(headers)) return invalid('headers must be an object');
    /** @type {Record<string, string | null>} */
    const clean = {};
    for (const [name, value] of Object.entries(headers)) {
      if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) return invalid(`header name ${JSON.stringify(name)} is not valid`);
      if (value === null) clean[name] = null;
      else if (['string', 'number'].includes(typeof value) && !/[\r\n]/.test(String(value))) clean[name] = String(value);
      else return invalid(`header ${name} must be a string, a number or null`);
    }
    fault.headers = clean;
  }
  if (raw.delayMs !== undefined) {
    if (typeof raw.delayMs !== 'number' || !(raw.delayMs >= 0) || raw.delayMs > MAX_DELAY_MS) {
      return invalid(`delayMs must be a number from 0 to ${MAX_DELAY_MS}`);
    }
    fault.delayMs = raw.delayMs;
  }
  for (const flag of /** @type {const} */ (['malformed', 'drop'])) {
    if (raw[flag] === undefined) continue;
    if (typeof raw[flag] !== 'boolean') return invalid(`${flag} must be true or false`);
    if (raw[flag]) fault[flag] = true;
  }
  for (const text of /** @type {const} */ (['error', 'errorDescription'])) {
    if (raw[text] === undefined) continue;
    if (typeof raw[text] !== 'string' || raw[text] === '') return invalid(`${text} must be a non-empty string`);
    fault[text] = /** @type {string} */ (raw[text]);
  }
  if (raw.tenantId !== undefined) {
    if (typeof raw.tenantId !== 'string' || raw.tenantId === '') return invalid('tenantId must be a non-empty string');
    if (endpoint === 'token' || endpoint === 'authorize') return invalid('tenantId applies to the API endpoints only');
    fault.tenantId = raw.tenantId;
  }
  if (fault.malformed && endpoint === 'authorize') return invalid('malformed applies to JSON endpoints, not authorize');
  const doesSomething = ['status', 'body', 'error', 'delayMs', 'malformed', 'drop'].some((key) => key in fault);
  if (!doesSomething) return invalid('a fault needs at least one of status, body, error, delayMs, malformed, drop');
  return { ok: true, fault };
}

/** @param {string} message */
function invalid(message) {
  return /** @type {const} */ ({ ok: false, message });
}

/**
 * @param {import('./state.mjs').EmulatorState} state
 * @param {Fault} fault
 */
export function queueFault(state, fault) {
  state.faults[fault.endpoint].push(fault);
}

/**
 * Takes the fault for this request, if any: the endpoint's own queue first, then `*`
 * (which covers the Defender API endpoints only, so an "API is down" fault leaves sign-in working).
 * @param {import('./state.mjs').EmulatorState} state
 * A fault that names a tenant answers only that tenant's calls, and waits in its queue for them.
 * @param {FaultEndpoint} endpoint
 * @param {string | null} [tenantId] the tenant of the request's token, when known
 * @returns {Fault | undefined}
 */
export function takeFault(state, endpoint, tenantId = null) {
  const isApi = endpoint !== 'token' && endpoint !== 'authorize';
  /** @param {Fault} candidate */
  const applies = (candidate) => candidate.tenantId === undefined || candidate.tenantId === tenantId;
  const own = state.faults[endpoint];
  const queue = own.some(applies) ? own : isApi ? state.faults['*'] : [];
  const index = queue.findIndex(applies);
  const fault = queue[index];
  if (!fault) return undefined;
  if (fault.remaining !== 'always') {
    fault.remaining -= 1;
    if (fault.remaining <= 0) queue.splice(index, 1);
  }
  return fault;
}

/**
 * The queues as JSON-friendly data for the control surface.
 * @param {import('./state.mjs').EmulatorState} state
 */
export function describeFaults(state) {
  return Object.fromEntries(
    Object.entries(state.faults).map(([endpoint, queue]) => [
      endpoint,
      queue.map(({ remaining, ...rest }) => ({ ...rest, times: remaining })),
    ]),
  );
}
