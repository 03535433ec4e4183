import type { HistoryStore } from '../history/history-store';
import { isTenantId } from '../util/guid';

/** The names of the preferences kept beside the readings: small values, never secrets. */
export const PREF = {
  region: 'region',
  range: 'range',
  /** The tenant on screen when the app was last used, shown first on the next visit. */
  lastTenantId: 'lastTenantId',
  /** The user name of the last account, so a new browser session can sign it in silently. */
  loginHint: 'lastLoginHint',
  /** The customer tenants this browser no longer signs in to: their ids, separated by spaces. */
  notSignedIn: 'tenantsNotSignedIn',
  /** A tenant's Retry-After deadline (epoch ms). */
  throttledUntil: (tenantId: string) => `throttledUntil:${tenantId}`,
} as const;


/** Reads and writes preferences; a storage failure never stops the app (the storage notice explains it). */
export class Preferences {
  constructor(private readonly store: () => HistoryStore) {}

  /** A stored choice, if it is still one of the allowed values. */
  async choice<T extends string>(key: string, allowed: readonly T[]): Promise<T | undefined> {
    const stored = await this.read(key);
    return allowed.find((value) => value === stored);
  }

  async text(key: string): Promise<string | undefined> {
    const stored = await this.read(key);
    return typeof stored === 'string' ? stored : undefined;
  }

  /** A stored tenant ID, if it still is one (lower-case GUID, as Entra ID writes them). */
  async tenantId(key: string): Promise<string | undefined> {
    const stored = await this.text(key);
    return stored !== undefined && isTenantId(stored) ? stored : undefined;
  }

  /** A stored list of tenant IDs, keeping only those that still are one. */
  async tenantIds(key: string): Promise<string[]> {
    const stored = await this.text(key);
    return (stored ?? '').split(' ').filter(isTenantId);
  }

  async number(key: string): Promise<number | undefined> {
    const stored = await this.read(key);
    return typeof stored === 'number' && Number.isFinite(stored) ? stored : undefined;
  }

  async keep(key: string, value: string | number | undefined): Promise<void> {
    try {
      await this.store().setPref(key, value);
    } catch {
      // The choice still applies to this session.
    }
  }

  private async read(key: string): Promise<unknown> {
    try {
      return await this.store().getPref<unknown>(key);
    } catch {
      return undefined;
    }
  }
}
