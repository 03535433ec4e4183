/**
 * Microsoft Secure Score's daily records, generated the same way every time for a tenant and a day: the score is the
 * sum of its controls' points, each control stepping up or down on its own rhythm, so some controls move between two
 * days and most do not. Graph keeps 90 days, newest first; a tenant's newest day moves on when the control surface
 * says a day has passed.
 */

/** How many daily records Graph keeps. */
export const KEPT_DAYS = 90;
const DAY_MS = 86_400_000;

/** @typedef {{ category: 'Identity' | 'Data' | 'Device' | 'Apps' | 'Infrastructure', name: string, description: string, max: number, period: number, phase: number }} Control */

/** @type {Control[]} */
const CONTROLS = [
  { category: 'Identity', name: 'AdminMFAV2', description: 'Ensure multifactor authentication is enabled for all users in administrative roles', max: 10, period: 29, phase: 3 },
  { category: 'Identity', name: 'MFARegistrationV2', description: 'Ensure all users can complete multifactor authentication', max: 9, period: 17, phase: 5 },
  { category: 'Identity', name: 'BlockLegacyAuthentication', description: 'Enable policy to block legacy authentication', max: 8, period: 41, phase: 11 },
  { category: 'Data', name: 'DLPEnabled', description: 'Data Loss Prevention (DLP) policies can be used to comply with business standards and industry regulations.', max: 20, period: 37, phase: 2 },
  { category: 'Data', name: 'InformationProtectionLabels', description: 'Apply sensitivity labels to protect your data', max: 10, period: 23, phase: 7 },
  { category: 'Device', name: 'scid_2070', description: 'Turn on Microsoft Defender Firewall', max: 9, period: 13, phase: 1 },
  { category: 'Device', name: 'scid_91', description: 'Turn on real-time protection', max: 8, period: 31, phase: 19 },
  { category: 'Apps', name: 'mdo_safeattachments', description: 'Turn on Safe Attachments in block mode', max: 8, period: 19, phase: 4 },
  { category: 'Apps', name: 'mcas_appconnector', description: 'Connect cloud apps to Defender for Cloud Apps', max: 6, period: 47, phase: 9 },
  { category: 'Infrastructure', name: 'AzureStorageSecureTransfer', description: 'Require secure transfer to storage accounts', max: 5, period: 43, phase: 21 },
];

/** Points of the controls that never move in the demo, so the total looks like a real tenant's. */
const STEADY_POINTS = { '3d0c6b6e-7a1f-4c3e-9d2a-5f1b8c4e0a11': 352, '8f2e9a47-1b6c-4d5e-a3f0-7c9d2e6b1f22': 211 };
const MAX_SCORE = 697;

/** Days since 1970-01-01 of a `yyyy-mm-dd`. @param {string} day */
export function dayNumber(day) {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

/** @param {number} number */
export function dayOf(number) {
  return new Date(number * DAY_MS).toISOString().slice(0, 10);
}

/** Yesterday in UTC: Graph's newest record is the last full day's. @param {number} now epoch ms */
export function newestDayAt(now) {
  return dayOf(Math.floor(now / DAY_MS) - 1);
}

/** A control's points on a day: a quarter of its maximum, stepping 0 → ¼ → ½ → ¾ → full and back. @param {Control} control @param {number} day @param {number} seed */
function controlPoints(control, day, seed) {
  const step = Math.floor((day + control.phase + seed) / control.period) % 8;
  const level = step <= 4 ? step : 8 - step;
  return Math.round(control.max * level * 25) / 100;
}

/**
 * The record Graph answers for a tenant and a day, in its field names (fixtures/graph/secureScores.200.json).
 * @param {string} tenantId
 * @param {number} day days since 1970-01-01
 */
export function secureScoreRecord(tenantId, day) {
  const seed = [...tenantId].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 11;
  const controlScores = CONTROLS.map((control) => ({ controlCategory: control.category, controlName: control.name, description: control.description, score: controlPoints(control, day, seed) }));
  const steady = STEADY_POINTS[/** @type {keyof typeof STEADY_POINTS} */ (tenantId)] ?? 300;
  const currentScore = Math.round((steady + controlScores.reduce((sum, c) => sum + c.score, 0)) * 100) / 100;
  const date = dayOf(day);
  return {
    id: `${tenantId}_${date}`,
    azureTenantId: tenantId,
    activeUserCount: 0,
    createdDateTime: `${date}T03:21:00Z`,
    currentScore,
    enabledServices: ['HasExchange', 'HasSharePoint', 'HasOD4B', 'HasMDEP'],
    licensedUserCount: 250,
    maxScore: MAX_SCORE,
    averageComparativeScores: [
      { basis: 'AllTenants', averageScore: Math.round((36 + (day % 10) / 10) * 100) / 100 },
      // Graph sometimes has no comparison for a seat size: -1 means unknown.
      { basis: 'TotalSeats', averageScore: day % 17 === 0 ? -1 : Math.round((45 + (day % 7) / 7) * 100) / 100, seatSizeRangeLowerValue: '100', seatSizeRangeUpperValue: '500' },
    ],
    controlScores,
    vendorInformation: { provider: 'SecureScore', providerVersion: null, subProvider: null, vendor: 'Microsoft' },
  };
}

/**
 * The records Graph holds for a tenant: 90 days up to its newest, newest first.
 * @param {string} tenantId
 * @param {string} newestDay
 */
export function keptRecords(tenantId, newestDay) {
  const newest = dayNumber(newestDay);
  return Array.from({ length: KEPT_DAYS }, (_, i) => secureScoreRecord(tenantId, newest - i));
}
