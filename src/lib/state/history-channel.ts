import { isTenantId } from '../util/guid';

/** How tabs of the app tell each other that a tenant's stored history changed. */
export interface HistoryChanged {
  type: 'changed';
  tenantIds: string[];
}

/** The part of a BroadcastChannel the history uses; tests pass a fake. */
export interface HistoryChannel {
  postMessage(message: HistoryChanged): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
}

const CHANNEL_NAME = 'scoreline-history';
const MAX_TENANTS_IN_MESSAGE = 10_000;

export function openHistoryChannel(): HistoryChannel | undefined {
  return typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(CHANNEL_NAME);
}

/** Another tab's message is outside input like any other: only a well-formed one is acted on. */
export function isHistoryChanged(data: unknown): data is HistoryChanged {
  if (typeof data !== 'object' || data === null) return false;
  const { type, tenantIds } = data as Record<string, unknown>;
  return (
    type === 'changed' &&
    Array.isArray(tenantIds) &&
    tenantIds.length <= MAX_TENANTS_IN_MESSAGE &&
    tenantIds.every((tenantId) => typeof tenantId === 'string' && isTenantId(tenantId))
  );
}
