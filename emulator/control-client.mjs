/**
 * A client for the emulator's control surface (`/_control/…`, see README.md): what the tests, the
 * benchmark and the screenshots use to set scores, move recommendations and device groups, grant
 * consent, queue faults and read which calls were made.
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
 * @property {string} [tenantId] an API fault for one tenant's calls only
 */

/** @typedef {{ access: string[], refresh: string[], id: string[] }} IssuedTokens */

/** @typedef {import('./recommendations.mjs').RecommendationMove} RecommendationMove */
/** @typedef {import('./recommendations.mjs').NewRecommendation} NewRecommendation */
/** @typedef {import('./state.mjs').ExposureState & { tenantId: string }} TenantExposure */
/** @typedef {{ tenantId?: string }} TenantChoice Contoso's when left out */

/**
 * What `GET /_control/state` describes, by tenant id.
 * @typedef {object} EmulatorStateView
 * @property {Record<string, number>} configurationScores
 * @property {Record<string, import('./state.mjs').ExposureState>} exposure
 * @property {Record<string, import('./state.mjs').RecommendationState[]>} recommendations resolved ones (no device exposed) included
 * @property {Record<string, string[]>} consent
 */

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
    /** Scores, recommendations, groups, consent, faults, logs, token settings and sessions back to their defaults. */
    reset: async () => void (await call('POST', 'reset')),
    /**
     * @param {number | null} score `null` removes the tenant's data (the API answers "not provisioned")
     * @param {string} [tenantId] Contoso's by default
     */
    setScore: async (score, tenantId) => void (await call('PUT', 'score', { score, ...(tenantId ? { tenantId } : {}) })),
    /** Scores, exposure, recommendations and consent of every tenant. */
    state: async () => /** @type {EmulatorStateView} */ (await call('GET', 'state')),
    /**
     * Fixes a recommendation on `devices` of its exposed devices: the score gains impact × devices / exposed.
     * @param {{ id: string, devices: number } & TenantChoice} request
     */
    remediate: async (request) => /** @type {RecommendationMove} */ (await call('POST', 'recommendations/remediate', request)),
    /**
     * The reverse of remediate: `devices` more devices are exposed again.
     * @param {{ id: string, devices: number } & TenantChoice} request
     */
    regress: async (request) => /** @type {RecommendationMove} */ (await call('POST', 'recommendations/regress', request)),
    /**
     * A new recommendation appears; the score falls by its impact.
     * @param {NewRecommendation & TenantChoice} recommendation
     */
    addRecommendation: async (recommendation) => /** @type {RecommendationMove} */ (await call('POST', 'recommendations', recommendation)),
    /**
     * An administrator makes it an exception; its impact no longer counts against the score.
     * @param {{ id: string } & TenantChoice} request
     */
    exception: async (request) => /** @type {RecommendationMove} */ (await call('POST', 'recommendations/exception', request)),
    /**
     * Microsoft re-weights it: same devices, new impact; the score moves by old − new.
     * @param {{ id: string, impact: number } & TenantChoice} request
     */
    reweight: async (request) => /** @type {RecommendationMove} */ (await call('POST', 'recommendations/reweight', request)),
    /** @param {{ rbacGroupId: number, name: string } & TenantChoice} request */
    renameGroup: async (request) => /** @type {TenantExposure} */ (await call('POST', 'groups/rename', request)),
    /** @param {{ rbacGroupId: number } & TenantChoice} request */
    removeGroup: async (request) => /** @type {TenantExposure} */ (await call('POST', 'groups/remove', request)),
    /** @param {{ name: string, rbacGroupId?: number, score: number } & TenantChoice} group */
    addGroup: async (group) => /** @type {TenantExposure} */ (await call('POST', 'groups', group)),
    /**
     * `false`: ByMachineGroups answers with `rbacGroupName` only, like Microsoft's own example.
     * @param {boolean} included
     * @param {string} [tenantId]
     */
    groupIds: async (included, tenantId) => /** @type {TenantExposure} */ (await call('PUT', 'groups/ids', { included, ...(tenantId ? { tenantId } : {}) })),
    /**
     * The Defender permissions the tenant's administrator has consented to, e.g. `['Score.Read']`.
     * @param {string[]} permissions
     * @param {string} [tenantId]
     */
    consent: async (permissions, tenantId) => void (await call('PUT', 'consent', { permissions, ...(tenantId ? { tenantId } : {}) })),
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
