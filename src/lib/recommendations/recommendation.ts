/**
 * A security recommendation as Scoreline keeps it: the fields of `GET /api/recommendations` that say
 * what the Secure Score for Devices is made of, validated (see defender/recommendations-response.ts).
 */
export interface Recommendation {
  /** e.g. "sca-_-scid-2070" (a security configuration) or "va-_-microsoft-_-windows_11" (software). */
  id: string;
  name: string;
  /** Accounts, Application, Network, OS, SecurityControls — or another text Microsoft adds later. */
  category: string;
  subCategory: string;
  /** ConfigurationChange, Update, Upgrade, Uninstall… */
  remediationType: string;
  /** Active or Exception (or another text Microsoft adds later). */
  status: string;
  /** Points of the Secure Score for Devices gained if remediated on every exposed device. */
  configScoreImpact: number;
  /** How much the exposure score would fall if remediated. */
  exposureImpact: number;
  exposedMachines: number;
  totalMachines: number;
}

/** The values a change record always carries, absolute (never differences), so histories merge by union. */
export type RecommendationValues = Pick<Recommendation, 'configScoreImpact' | 'exposureImpact' | 'exposedMachines' | 'totalMachines' | 'status'>;

/** The describing fields, kept when a recommendation is first seen or when one of them changes. */
export type RecommendationLabels = Pick<Recommendation, 'name' | 'category' | 'subCategory' | 'remediationType'>;

/**
 * One entry of a tenant's recommendation change log: what a recommendation became at `time` (the
 * time of the read that saw it), or that it left the list. Keyed by tenant, id and time; a log is a set
 * of these, and two logs merge by union (the same key from two devices carries the same meaning).
 */
export type RecommendationChange =
  | ({ tenantId: string; id: string; time: number; removed?: undefined } & RecommendationValues & Partial<RecommendationLabels>)
  | { tenantId: string; id: string; time: number; removed: true };

/** A full read of the recommendation list: that the tenant's state was known at `time`. */
export interface RecommendationRead {
  tenantId: string;
  time: number;
  /** How many recommendations the list held. */
  count: number;
}
