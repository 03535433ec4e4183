import type { AddOutcome } from '../history/history-store';
import type { ApiFailure } from '../defender/api-failure';
import type { AuthFailure } from '../auth/auth-failure';
import type { RecommendationsOptInStore } from '../auth/recommendations-opt-in';
import type { TokenPermissions } from '../auth/scopes';
import type { RecommendationsAnswer } from '../defender/recommendations-client';
import type { MachineGroupsSample } from '../defender/machine-groups-response';
import type { ScoreSample } from '../defender/score-response';
import type { Reading } from '../history/reading';
import type { Recommendation } from '../recommendations/recommendation';
import type { Result } from '../util/result';
import type { RefreshPart } from './refresh-parts';

/** What a refresh asks of the sign-in: a token for a tenant, carrying the permissions it names ('score' when left out). */
export interface TokenRequest {
  tenantId: string;
  forceRefresh?: boolean;
  interactive?: boolean;
  permissions?: TokenPermissions;
}

/** Keeps each tenant's Retry-After deadline per endpoint across reloads and tabs. */
export interface ThrottleStore {
  load(tenantId: string, part: RefreshPart): Promise<number | undefined>;
  save(tenantId: string, until: number, part: RefreshPart): Promise<void>;
}

/**
 * What ScoreState is given: the sign-in, the calls and the keepers of each part, and the stores and clocks
 * it must not reach for itself. Every part besides the score is optional: without its call and keeper, a
 * refresh reads the score alone.
 */
export interface ScoreDependencies {
  /** An access token for the signed-in account of this tenant. */
  token(options: TokenRequest): Promise<Result<string, AuthFailure>>;
  /** The tenant a refresh is for: the signed-in account's, at the moment of the click. */
  tenantId(): string | undefined;
  fetchScore(accessToken: string): Promise<Result<ScoreSample, ApiFailure>>;
  /** Keeps the score; what it did ('added' when a new run began) decides whether the recommendations are read early. */
  keep(reading: Reading): Promise<AddOutcome | void>;
  /** The exposure score; read on every refresh when given with keepExposure. */
  fetchExposure?(accessToken: string): Promise<Result<ScoreSample, ApiFailure>>;
  keepExposure?(tenantId: string, sample: ScoreSample): Promise<void>;
  /** Each device group's exposure; read on every refresh when given with keepGroups. */
  fetchGroups?(accessToken: string): Promise<Result<MachineGroupsSample, ApiFailure>>;
  keepGroups?(tenantId: string, sample: MachineGroupsSample): Promise<void>;
  /** The recommendation list; read only for a tenant that opted in, and at most every RECOMMENDATIONS_MIN_INTERVAL_MS. */
  fetchRecommendations?(accessToken: string): Promise<Result<RecommendationsAnswer, ApiFailure>>;
  keepRecommendations?(tenantId: string, time: number, recommendations: Recommendation[]): Promise<void>;
  /** When the recommendations of a tenant were last read and kept, if ever. */
  lastRecommendationsRead?(tenantId: string): Promise<number | undefined>;
  recommendationsOptIn?: RecommendationsOptInStore;
  /** Asks for the recommendations permission (incremental consent): only ever called on the user's choice. */
  requestRecommendationsPermission?(tenantId: string): Promise<Result<'granted' | 'redirecting', AuthFailure>>;
  throttle?: ThrottleStore;
  /** Runs the refresh only if no other tab of the app is refreshing the same tenant. */
  exclusive?: (tenantId: string, run: () => Promise<void>) => Promise<void>;
  isOnline?: () => boolean;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}
