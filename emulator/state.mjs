/**
 * Everything the emulator remembers between requests, and the defaults `reset` returns to.
 * Handlers read and change this object; nothing else holds state.
 */
import { CONTOSO_TENANT_ID, FABRIKAM_TENANT_ID } from './accounts.mjs';
import { RECOMMENDATIONS_PERMISSION, SCORE_PERMISSION } from './defender-auth.mjs';
import { defaultRecommendations } from './recommendation-catalog.mjs';

/** @typedef {'configurationScore' | 'exposureScore' | 'exposureScoreByMachineGroups' | 'recommendations'} ApiEndpoint */
/** @typedef {ApiEndpoint | 'token' | 'authorize' | '*'} FaultEndpoint */

/**
 * @typedef {object} Fault
 * @property {FaultEndpoint} endpoint
 * @property {number | 'always'} remaining how many more requests it answers
 * @property {number} [status]
 * @property {unknown} [body]
 * @property {Record<string, string | null>} [headers]
 * @property {number} [delayMs]
 * @property {boolean} [malformed]
 * @property {boolean} [drop]
 * @property {string} [error]
 * @property {string} [errorDescription]
 * @property {string} [tenantId] an API fault for this tenant's calls only (the token's `tid`); any tenant's without it
 */

/** @typedef {{ rbacGroupName: string, rbacGroupId: number, score: number }} MachineGroupScore */
/**
 * @typedef {object} ExposureState
 * @property {number} score
 * @property {MachineGroupScore[]} machineGroups
 * @property {boolean} withGroupIds false answers ByMachineGroups with names only, like Microsoft's own example
 */

/**
 * A recommendation in the API's field names, plus what the emulator needs to move it consistently.
 * One whose `exposedMachinesCount` fell to 0 stays here (a regression can bring it back) but leaves the API's list.
 * @typedef {object} RecommendationState
 * @property {string} id
 * @property {string} recommendationName
 * @property {string | null} productName
 * @property {string | null} vendor
 * @property {string} recommendationCategory
 * @property {string} subCategory
 * @property {string} remediationType
 * @property {'Active' | 'Exception'} status
 * @property {number} configScoreImpact points of the configuration score still to gain
 * @property {number} exposureImpact how much the exposure score would fall
 * @property {number} totalMachineCount
 * @property {number} exposedMachinesCount
 * @property {number} weaknesses
 * @property {boolean} publicExploit
 * @property {string} relatedComponent
 * @property {{ configScoreImpact: number, exposureImpact: number }} perDevice the weights of one exposed device
 */

/**
 * @typedef {object} AuthCode
 * @property {string} clientId
 * @property {string} redirectUri
 * @property {string} codeChallenge
 * @property {string | undefined} nonce
 * @property {string} scope
 * @property {string} oid
 * @property {number} expiresAt epoch ms
 * @property {boolean} used
 */

/**
 * @typedef {object} RefreshGrant
 * @property {string} clientId
 * @property {string} oid
 * @property {string} scope
 * @property {number} expiresAt epoch ms; rotation keeps it, as Entra does for SPAs
 */

/** @typedef {{ endpoint: ApiEndpoint, tenantId: string | null, status: number, at: string }} ApiLogEntry */
/** @typedef {{ grantType: string, status: number, at: string, error?: string, suberror?: string }} TokenLogEntry */
/** @typedef {{ at: string, outcome: string, error?: string, oid?: string, prompt?: string }} AuthorizeLogEntry */

/** Enough for any test or demo session; older entries drop off so a long demo cannot grow without end. */
export const MAX_LOG_ENTRIES = 5000;

export const DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS = 3600;
/** Entra's fixed lifetime for single-page-app refresh tokens. */
export const DEFAULT_REFRESH_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;
export const AUTH_CODE_LIFETIME_MS = 5 * 60 * 1000;

/** @type {Record<string, number>} */
const DEFAULT_CONFIGURATION_SCORES = {
  [CONTOSO_TENANT_ID]: 412,
  [FABRIKAM_TENANT_ID]: 287,
};

/** @type {Record<string, ExposureState>} */
const DEFAULT_EXPOSURE = {
  [CONTOSO_TENANT_ID]: {
    withGroupIds: true,
    score: 33.491554051195706,
    machineGroups: [
      { rbacGroupName: 'Servers', rbacGroupId: 101, score: 41.38041766305988 },
      { rbacGroupName: 'Workstations', rbacGroupId: 102, score: 27.403726933165366 },
    ],
  },
  [FABRIKAM_TENANT_ID]: {
    withGroupIds: true,
    score: 58.12,
    machineGroups: [{ rbacGroupName: 'UnassignedGroup', rbacGroupId: 201, score: 58.12 }],
  },
};

/**
 * The Defender permissions an administrator has consented to, per tenant: Fabrikam has not granted
 * the recommendations permission, so asking for it there needs consent first.
 * @type {Record<string, string[]>}
 */
const DEFAULT_CONSENT = {
  [CONTOSO_TENANT_ID]: [SCORE_PERMISSION, RECOMMENDATIONS_PERMISSION],
  [FABRIKAM_TENANT_ID]: [SCORE_PERMISSION],
};

export function createState() {
  return {
    /** @type {Map<string, number>} tenant id → Secure Score for Devices */
    configurationScores: new Map(Object.entries(DEFAULT_CONFIGURATION_SCORES)),
    /** @type {Map<string, ExposureState>} */
    exposure: new Map(Object.entries(structuredClone(DEFAULT_EXPOSURE))),
    /** @type {Map<string, RecommendationState[]>} tenant id → recommendations, resolved ones included */
    recommendations: new Map(Object.entries(defaultRecommendations())),
    /** @type {Map<string, string[]>} tenant id → consented Defender permission names, e.g. `Score.Read` */
    consent: new Map(Object.entries(structuredClone(DEFAULT_CONSENT))),
    /** @type {Record<FaultEndpoint, Fault[]>} queued per endpoint, consumed in order */
    faults: emptyFaultQueues(),
    /** Whether the Defender API answers a browser's CORS preflight; off, it behaves like a host that refuses it. */
    cors: { defenderApi: true },
    tokenSettings: {
      accessTokenLifetimeSeconds: DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS,
      refreshTokenLifetimeSeconds: DEFAULT_REFRESH_TOKEN_LIFETIME_SECONDS,
    },
    /** @type {Map<string, { oid: string, sessionState: string }>} emu_session cookie value → who signed in */
    sessions: new Map(),
    /** @type {Map<string, AuthCode>} */
    authCodes: new Map(),
    /** @type {Map<string, RefreshGrant>} */
    refreshTokens: new Map(),
    /** Every token handed out, so a test can look for them where they must never be. */
    issuedTokens: {
      /** @type {string[]} */
      access: [],
      /** @type {string[]} */
      refresh: [],
      /** @type {string[]} */
      id: [],
    },
    log: {
      /** @type {ApiLogEntry[]} */
      api: [],
      /** @type {TokenLogEntry[]} */
      token: [],
      /** @type {AuthorizeLogEntry[]} */
      authorize: [],
    },
  };
}

/** @typedef {ReturnType<typeof createState>} EmulatorState */

/** @returns {Record<FaultEndpoint, Fault[]>} */
function emptyFaultQueues() {
  return { configurationScore: [], exposureScore: [], exposureScoreByMachineGroups: [], recommendations: [], token: [], authorize: [], '*': [] };
}

/**
 * Back to the defaults, in place, so references held by tests stay valid.
 * @param {EmulatorState} state
 */
export function resetState(state) {
  Object.assign(state, createState());
}

/** @param {EmulatorState} state */
export function clearFaults(state) {
  state.faults = emptyFaultQueues();
}

/** @param {EmulatorState} state */
export function clearLog(state) {
  state.log = { api: [], token: [], authorize: [] };
}

/**
 * Appends to a log, dropping the oldest entry past the cap.
 * @template T
 * @param {T[]} entries
 * @param {T} entry
 */
export function appendLog(entries, entry) {
  entries.push(entry);
  if (entries.length > MAX_LOG_ENTRIES) entries.shift();
}

/**
 * The Defender permission names a tenant's administrator has consented to.
 * @param {EmulatorState} state
 * @param {string} tenantId
 * @returns {readonly string[]}
 */
export function consentedPermissions(state, tenantId) {
  return state.consent.get(tenantId) ?? [];
}

/** @param {EmulatorState} state */
export function expireAllRefreshTokens(state) {
  const past = Date.now() - 1;
  for (const grant of state.refreshTokens.values()) grant.expiresAt = past;
}
