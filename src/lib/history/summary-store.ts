import type { TenantSummary } from './tenant-summary';

/** Each tenant's summary, kept up to date by every write of its device or exposure score. */
export interface SummaryStore {
  /** Every tenant's stored summary. */
  tenantSummaries(): Promise<TenantSummary[]>;
  /** Works these tenants' summaries out again from their stored runs (the window and the latest) and keeps them. */
  summarize(tenantIds: readonly string[]): Promise<TenantSummary[]>;
  /** Every tenant with a device or exposure score kept, found without reading their histories. */
  tenantsWithHistory(): Promise<string[]>;
}
