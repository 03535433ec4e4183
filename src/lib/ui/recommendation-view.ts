import type { Recommendation } from '../recommendations/recommendation';
import { pointsToGain, type CategoryPoints } from '../recommendations/points-to-gain';
import type { LoadStatus, RecommendationsProblem } from '../state/recommendations.svelte';
import { apiFailureNotice, authFailureNotice } from './notices';
import { categoryLabel, categoryLine, exposedDevices, formatTenths, remediationLabel } from './recommendation-words';

/** The permission recommendations need, as an administrator finds it in Entra ID. */
export const RECOMMENDATIONS_PERMISSION = {
  name: 'SecurityRecommendation.Read',
  api: 'WindowsDefenderATP',
  displayName: 'Read Threat and Vulnerability Management security recommendation information',
} as const;

/** A failure of the recommendations in words; `permission` when an administrator must grant something. */
export interface RecommendationsTrouble {
  permission: boolean;
  title: string;
  body: string;
  facts: { label: string; value: string }[];
}

/** How many recommendations the list shows before "Show all". */
export const FIRST_SHOWN = 10;

/** One row of the ranked list: texts from the API are kept as text, and shown as such. */
export interface RecommendationRow {
  id: string;
  name: string;
  category: string;
  devices: string;
  remediation: string;
  points: string;
}

/** One bar of the split by category; `share` is its points over the largest category's (0–1), for the bar's length. */
export interface CategoryBar {
  category: string;
  label: string;
  points: string;
  count: number;
  share: number;
}

/** The ranked list, the split by category and the exceptions of one read, ready to show. */
export interface PointsList {
  total: string;
  rankedCount: number;
  bars: CategoryBar[];
  rows: RecommendationRow[];
  exceptions: RecommendationRow[];
  exceptionPoints: string;
  /** Recommendations that move only the exposure score (software). */
  software: number;
}

/** What "Points to gain" shows, in every state. */
export type PointsToGainView =
  /** The user has not chosen to see recommendations (for this tenant). `canAsk`: the tenant on screen is the one signed in. */
  | { kind: 'not-chosen'; canAsk: boolean; asking: boolean }
  /** Chosen, but the permission is missing, or another failure left nothing to show. */
  | { kind: 'trouble'; trouble: RecommendationsTrouble }
  | { kind: 'loading' }
  /** Chosen, and nothing read yet: the next refresh reads them. */
  | { kind: 'waiting' }
  | { kind: 'storage-failed' }
  /** The list (`pointsList`) as read at `readAt`; `trouble`: the latest read failed, so it is from the read before. */
  | { kind: 'ready'; readAt: number; trouble: RecommendationsTrouble | undefined };

/** Which state the panel is in; the list itself comes from `pointsList`, worked out only when the read changes. */
export function pointsToGainView(input: {
  optedIn: boolean | undefined;
  canAsk: boolean;
  asking: boolean;
  trouble: RecommendationsTrouble | undefined;
  status: LoadStatus;
  hasList: boolean;
  readAt: number | undefined;
}): PointsToGainView {
  const { optedIn, trouble, status, readAt } = input;
  // Recommendations already kept are shown, with the trouble of the latest read above them.
  if (optedIn !== false && input.hasList && readAt !== undefined) return { kind: 'ready', readAt, trouble };
  if (optedIn !== true && !trouble) return { kind: 'not-chosen', canAsk: input.canAsk, asking: input.asking };
  if (trouble) return { kind: 'trouble', trouble };
  if (status === 'failed') return { kind: 'storage-failed' };
  if (status !== 'ready') return { kind: 'loading' };
  return { kind: 'waiting' };
}

/** The list of one read, ranked by points, with its split by category and its exceptions apart. */
export function pointsList(current: readonly Recommendation[]): PointsList {
  const points = pointsToGain(current);
  return {
    total: formatTenths(points.total),
    rankedCount: points.ranked.length,
    bars: categoryBars(points.byCategory),
    rows: points.ranked.map(recommendationRow),
    exceptions: points.exceptions.map(recommendationRow),
    exceptionPoints: formatTenths(points.exceptionPoints),
    software: points.software,
  };
}

export function categoryBars(byCategory: readonly CategoryPoints[]): CategoryBar[] {
  const largest = Math.max(0, ...byCategory.map((entry) => entry.points));
  return byCategory.map(({ category, points, count }) => ({
    category,
    label: categoryLabel(category),
    points: formatTenths(points),
    count,
    share: largest > 0 ? points / largest : 0,
  }));
}

export function recommendationRow(recommendation: Recommendation): RecommendationRow {
  return {
    id: recommendation.id,
    name: recommendation.name,
    category: categoryLine(recommendation),
    devices: exposedDevices(recommendation),
    remediation: remediationLabel(recommendation.remediationType),
    points: formatTenths(recommendation.configScoreImpact),
  };
}

const KEEPS_WORKING = 'The device score keeps refreshing without them.';

/** The failure of the last read of recommendations, in words; a missing permission says exactly what to grant. */
export function troubleOf(problem: RecommendationsProblem, now: number): RecommendationsTrouble {
  const { name, api, displayName } = RECOMMENDATIONS_PERMISSION;
  const grant =
    `An administrator must add the delegated API permission ${name} of ${api} ("${displayName}") to Scoreline's app registration ` +
    `and grant admin consent for the organisation (Entra admin center → App registrations → API permissions → Add a permission → ` +
    `APIs my organization uses → ${api} → Delegated permissions).`;
  if (problem.source === 'auth' && problem.failure.kind === 'consent-required') {
    const facts = problem.failure.aadsts ? [{ label: 'Entra ID error', value: problem.failure.aadsts }] : [];
    return { permission: true, title: `The permission ${name} is not granted`, body: `${grant} ${KEEPS_WORKING}`, facts };
  }
  if (problem.source === 'api' && problem.failure.kind === 'forbidden') {
    const detail = problem.failure.detail;
    return {
      permission: true,
      title: 'The Defender API refused to list recommendations',
      body: `The sign-in lacks the permission ${name}, or your account may not see vulnerability management data in the Defender portal. ${grant} ${KEEPS_WORKING}`,
      facts: detail ? [{ label: 'Error code', value: detail.code }, ...(detail.target ? [{ label: 'Correlation id', value: detail.target }] : [])] : [],
    };
  }
  const notice = problem.source === 'api' ? apiFailureNotice(problem.failure, now) : authFailureNotice(problem.failure, undefined);
  return { permission: false, title: 'The recommendations could not be read', body: `${notice.body} ${KEEPS_WORKING}`, facts: notice.facts };
}
