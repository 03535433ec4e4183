import type { RecommendationsOptInStore } from '../auth/recommendations-opt-in';
import type { ThrottleStore } from './refresh-dependencies';
import type { RefreshPart } from './refresh-parts';
import { PREF, type Preferences } from './preferences';

/** The preference holding a part's Retry-After deadline: the score keeps the per-tenant key it always had. */
export function throttlePrefKey(tenantId: string, part: RefreshPart): string {
  return part === 'score' ? PREF.throttledUntil(tenantId) : `${PREF.throttledUntil(tenantId)}:${part}`;
}

/** The preference holding whether the user chose to see a tenant's recommendations. */
export function recommendationsOptInPrefKey(tenantId: string): string {
  return `recommendationsOptIn:${tenantId}`;
}

/** Each tenant's Retry-After deadlines, per endpoint, kept with the preferences. */
export function throttleStoreOver(preferences: Pick<Preferences, 'number' | 'keep'>): ThrottleStore {
  return {
    load: (tenantId, part) => preferences.number(throttlePrefKey(tenantId, part)),
    save: (tenantId, until, part) => preferences.keep(throttlePrefKey(tenantId, part), until),
  };
}

/** Each tenant's choice to see recommendations, kept with the preferences. */
export function recommendationsOptInOver(preferences: Pick<Preferences, 'number' | 'keep'>): RecommendationsOptInStore {
  return {
    load: async (tenantId) => (await preferences.number(recommendationsOptInPrefKey(tenantId))) === 1,
    save: (tenantId, optedIn) => preferences.keep(recommendationsOptInPrefKey(tenantId), optedIn ? 1 : 0),
  };
}
