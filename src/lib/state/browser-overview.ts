import { app } from './browser-app';
import { OverviewState } from './overview.svelte';
import { Preferences } from './preferences';
import { throttleStoreOver } from './refresh-prefs';
import { refreshTenantQuietly } from './refresh-tenant';
import { RefreshFailures } from './refresh-failures';

const preferences = new Preferences(() => app.history.store);
const throttle = throttleStoreOver(preferences);
const failures = new RefreshFailures(preferences);

/** The overview of every tenant as the browser runs it, loaded with its view. */
export const overview = new OverviewState({
  store: () => app.history.store,
  signedInTenants: () => app.session.accounts.map((account) => account.tenantId),
  throttledUntil: (tenantId) => throttle.load(tenantId, 'score'),
  failureOf: (tenantId) => failures.load(tenantId),
  refreshTenant: async (tenantId) => {
    // Without an account for it in this browser, a token would need a sign-in page: say so instead of leaving.
    if (!app.session.accounts.some((account) => account.tenantId === tenantId)) return { kind: 'needs-sign-in' };
    const outcome = await refreshTenantQuietly(app.scoreFor(tenantId), tenantId, Date.now);
    await failures.note(tenantId, outcome);
    return outcome;
  },
  now: Date.now,
});
