/**
 * Where the user's choice to see recommendations is remembered, per tenant. Recommendations need a
 * permission of their own (SecurityRecommendation.Read), asked for only once the user opts in; the app
 * keeps the choice with its preferences (state/refresh-prefs.ts), tests pass a fake.
 */
export interface RecommendationsOptInStore {
  /** Whether the user chose to see this tenant's recommendations; false when they never chose. */
  load(tenantId: string): Promise<boolean>;
  save(tenantId: string, optedIn: boolean): Promise<void>;
}
