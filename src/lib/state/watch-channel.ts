import { isTenantId } from '../util/guid';

/** What tabs tell each other about watching: a tenant's goal, rules or alert log changed, or the interval did. */
export type WatchMessage = { type: 'watch-changed'; tenantId: string } | { type: 'interval-changed' };

/** The part of a BroadcastChannel watching uses; tests pass a fake. */
export interface WatchChannel {
  postMessage(message: WatchMessage): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
}

export function openWatchChannel(): WatchChannel | undefined {
  return typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel('scoreline-watch');
}

/** Another tab's message is outside input like any other: only a well-formed one is acted on. */
export function isWatchMessage(data: unknown): data is WatchMessage {
  if (typeof data !== 'object' || data === null) return false;
  const { type, tenantId } = data as Record<string, unknown>;
  return type === 'interval-changed' || (type === 'watch-changed' && typeof tenantId === 'string' && isTenantId(tenantId));
}
