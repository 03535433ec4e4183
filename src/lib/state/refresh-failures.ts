import type { RefreshFailure, TenantRefreshOutcome } from '../overview/refresh-all';
import { parseStoredFailure, storedFailureText } from '../overview/stored-failure';
import type { Preferences } from './preferences';

/** The preference holding why a tenant's last refresh failed (plain data, never a token). */
export function refreshFailurePrefKey(tenantId: string): string {
  return `refreshFailure:${tenantId}`;
}

/**
 * Why each tenant's last refresh failed — refreshing every tenant, an automatic check or a click — kept with the
 * preferences so the overview still says it after a reload; the next reading kept clears it.
 */
export class RefreshFailures {
  constructor(private readonly preferences: Pick<Preferences, 'text' | 'keep'>) {}

  async load(tenantId: string): Promise<RefreshFailure | undefined> {
    return parseStoredFailure(await this.preferences.text(refreshFailurePrefKey(tenantId)));
  }

  /** Keeps a failure; a throttled answer or a sign-in is told by its own state, so it changes nothing. */
  async note(tenantId: string, outcome: TenantRefreshOutcome): Promise<void> {
    if (outcome.kind === 'failed') await this.preferences.keep(refreshFailurePrefKey(tenantId), storedFailureText(outcome.problem));
    else if (outcome.kind === 'updated') await this.clear(tenantId);
  }

  /** A reading of the tenant was kept: its last refresh did not fail. */
  async clear(tenantId: string): Promise<void> {
    // Read first: most readings follow a refresh that did not fail, and need no write.
    if ((await this.preferences.text(refreshFailurePrefKey(tenantId))) !== undefined) await this.preferences.keep(refreshFailurePrefKey(tenantId), undefined);
  }
}
