import { freshestRecord, sharedJitter, type CheckRecord, type DecideCheckInput, type ScheduleInterval } from '../watch/schedule';

/** What a check of a tenant came to: a reading, a sign-in only the user can do, or a failure (the refresh's notice says which). */
export type CheckOutcome = 'read' | 'needs-sign-in' | 'failed';

/** The clock and conditions every tenant's decision shares. */
export interface RoundConditions {
  interval: ScheduleInterval;
  now: number;
  online: boolean;
}

/** This tab's own view of one tenant's checks, kept apart from the shared one: a check is never repeated because storage failed. */
interface TenantView {
  record: CheckRecord;
  /** Set when a check found that the sign-in needs the user; cleared by a newer reading (a manual refresh after signing in). */
  needsUserSince: number | undefined;
}

/**
 * What this tab knows of each tenant it watches, apart from what all tabs share: its own attempts and whether
 * its sign-in needs the user. Each tenant's are its own: one tenant waiting for a sign-in never stops another.
 */
export class TenantWatches {
  readonly #views = new Map<string, TenantView>();

  /** Forgets tenants no longer watched (their account was signed out). */
  keepOnly(tenantIds: readonly string[]): void {
    for (const tenantId of [...this.#views.keys()]) if (!tenantIds.includes(tenantId)) this.#views.delete(tenantId);
  }

  /** A check of the tenant began at `at` (this tab's, whether or not the shared record could be written). */
  noteAttempt(tenantId: string, at: number): void {
    const view = this.#view(tenantId);
    view.record = freshestRecord(view.record, { lastAttemptAt: at });
  }

  /** What a check of the tenant came to, at `now`. */
  noteOutcome(tenantId: string, outcome: CheckOutcome, now: number): void {
    if (outcome === 'needs-sign-in') this.#view(tenantId).needsUserSince = now;
  }

  /** The freshest of this tab's record and the shared one. */
  record(tenantId: string, shared: CheckRecord): CheckRecord {
    return freshestRecord(this.#view(tenantId).record, shared);
  }

  /** The decision's input for one tenant: the freshest record, its jitter, and whether its sign-in needs the user. */
  input(tenantId: string, shared: CheckRecord, conditions: RoundConditions): DecideCheckInput {
    const view = this.#view(tenantId);
    const record = this.record(tenantId, shared);
    if (view.needsUserSince !== undefined && (record.lastReadingAt ?? -Infinity) > view.needsUserSince) view.needsUserSince = undefined;
    return { ...record, ...conditions, jitter: sharedJitter(tenantId, record.lastReadingAt), tokenNeedsUser: view.needsUserSince !== undefined };
  }

  #view(tenantId: string): TenantView {
    let view = this.#views.get(tenantId);
    if (!view) this.#views.set(tenantId, (view = { record: {}, needsUserSince: undefined }));
    return view;
  }
}
