/**
 * A client for the emulator's control surface (`/_control/…`, see README.md): what the tests, the
 * benchmark and the screenshots use to set scores, queue faults and read which calls were made.
 */
import { EMULATOR_ORIGIN } from './demo.mjs';

/** @typedef {import('./state.mjs').ApiEndpoint} ApiEndpoint */
/** @typedef {import('./state.mjs').ApiLogEntry} ApiLogEntry */
/** @typedef {import('./state.mjs').TokenLogEntry} TokenLogEntry */
/** @typedef {import('./state.mjs').AuthorizeLogEntry} AuthorizeLogEntry */

/**
 * What `POST /_control/faults` takes (README.md, "Faults").
 * @typedef {object} FaultRequest
 * @property {import('./state.mjs').FaultEndpoint} endpoint
 * @property {number | 'always'} [times]
 * @property {number} [status]
 * @property {unknown} [body]
 * @property {Record<string, string | null>} [headers]
 * @property {number} [delayMs]
 * @property {boolean} [malformed]
 * @property {boolean} [drop]
 * @property {string} [error]
 * @property {string} [errorDescription]
 */

/** @typedef {{ access: string[], refresh: string[], id: string[] }} IssuedTokens */

/** @typedef {{ accessTokenLifetimeSeconds?: number, refreshTokenLifetimeSeconds?: number, refreshTokensExpired?: boolean }} TokenSettings */

/**
 * Every API, token and authorize call since the last reset, and their counts.
 * @typedef {object} EmulatorLog
 * @property {ApiLogEntry[]} api
 * @property {TokenLogEntry[]} token
 * @property {AuthorizeLogEntry[]} authorize
 * @property {{ api: Partial<Record<ApiEndpoint, { total: number, byTenant: Record<string, number> }>>, token: Record<string, number> }} counts
 */

/** @param {string} [emulatorOrigin] e.g. `http://localhost:4010`; the configured demo emulator by default */
export function emulatorControl(emulatorOrigin = EMULATOR_ORIGIN) {
  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @returns {Promise<unknown>}
   */
  async function call(method, path, body) {
    const response = await fetch(`${emulatorOrigin}/_control/${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`emulator ${method} /_control/${path}: HTTP ${response.status} ${await response.text()}`);
    return response.json();
  }

  /** @returns {Promise<EmulatorLog>} */
  const log = async () => /** @type {EmulatorLog} */ (await call('GET', 'log'));

  return {
    /** Scores, faults, logs, token settings and sessions back to their defaults. */
    reset: async () => void (await call('POST', 'reset')),
    /**
     * @param {number | null} score `null` removes the tenant's data (the API answers "not provisioned")
     * @param {string} [tenantId] Contoso's by default
     */
    setScore: async (score, tenantId) => void (await call('PUT', 'score', { score, ...(tenantId ? { tenantId } : {}) })),
    /** @param {FaultRequest} fault */
    fault: async (fault) => void (await call('POST', 'faults', fault)),
    clearFaults: async () => void (await call('DELETE', 'faults')),
    /** @param {TokenSettings} settings */
    tokens: async (settings) => void (await call('PUT', 'tokens', settings)),
    /** Every access, refresh and id token issued since the last reset, as the app received them. */
    issuedTokens: async () => /** @type {IssuedTokens} */ (await call('GET', 'issued-tokens')),
    /**
     * `{ defenderApi: false }`: the Defender API refuses the browser's preflight, as a real tenant's may; a relay still gets answers.
     * @param {{ defenderApi: boolean }} settings
     */
    cors: async (settings) => void (await call('PUT', 'cors', settings)),
    log,
    clearLog: async () => void (await call('DELETE', 'log')),
    /**
     * How many calls reached one API endpoint since the last reset or cleared log.
     * @param {ApiEndpoint} [endpoint]
     */
    apiCalls: async (endpoint = 'configurationScore') => (await log()).counts.api[endpoint]?.total ?? 0,
  };
}

/** @typedef {ReturnType<typeof emulatorControl>} EmulatorControl */

/**
 * API calls per endpoint, token calls per grant type and authorize visits, from a log.
 * @param {EmulatorLog} log
 */
export function callCounts(log) {
  /** @type {Record<string, number>} */
  const apiByEndpoint = {};
  for (const [endpoint, counts] of Object.entries(log.counts.api)) if (counts) apiByEndpoint[endpoint] = counts.total;
  const tokenByGrant = { ...log.counts.token };
  return {
    apiByEndpoint,
    tokenByGrant,
    tokenCalls: Object.values(tokenByGrant).reduce((sum, n) => sum + n, 0),
    authorizeVisits: log.authorize.length,
  };
}
