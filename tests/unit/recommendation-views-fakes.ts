import { MemoryStore } from '../../src/lib/history/memory-store';
import type { RecommendationStore } from '../../src/lib/history/recommendation-store';
import type { Run } from '../../src/lib/history/run';
import type { Recommendation } from '../../src/lib/recommendations/recommendation';
import type { RecommendationsAccess, RecommendationsProblem } from '../../src/lib/state/recommendations.svelte';

export const TENANT = '11111111-1111-4111-8111-111111111111';
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const T0 = Date.UTC(2026, 10, 1, 9);
export const at = (hour: number) => T0 + hour * HOUR;

export const firewall: Recommendation = {
  id: 'sca-_-scid-2070',
  name: 'Turn on Microsoft Defender Firewall',
  category: 'Network',
  subCategory: 'Firewall',
  remediationType: 'ConfigurationChange',
  status: 'Active',
  configScoreImpact: 9.3,
  exposureImpact: 1.12,
  exposedMachines: 12,
  totalMachines: 240,
};
export const smb: Recommendation = { ...firewall, id: 'sca-_-scid-2011', name: 'Disable SMBv1', category: 'OS', subCategory: 'Network protocols', configScoreImpact: 2.6, exposureImpact: 0.8, exposedMachines: 7 };
export const lsass: Recommendation = { ...firewall, id: 'sca-_-scid-91', name: 'Block credential stealing from LSASS', category: 'SecurityControls', subCategory: 'Attack surface reduction', configScoreImpact: 12.75, exposureImpact: 2.05, exposedMachines: 198 };
export const chrome: Recommendation = { ...firewall, id: 'va-_-google-_-chrome', name: 'Update Google Chrome', category: 'Application', subCategory: '', remediationType: 'Update', configScoreImpact: 0, exposureImpact: 3.94, exposedMachines: 5, totalMachines: 6 };

export const run = (firstSeen: number, lastSeen: number, score: number): Run => ({ tenantId: TENANT, firstSeen, lastSeen, score });

/** Every call a store got, with its arguments: what an explanation read. */
export type StoreCall = { method: 'recommendationReads'; since: number | undefined } | { method: 'recommendationChanges'; after: number | undefined; until: number | undefined } | { method: 'recommendationChangesOf'; ids: readonly string[] };

/** A store that records its reads, in front of a MemoryStore; `gate` holds every read until it resolves. */
export function recordingStore(inner: RecommendationStore = new MemoryStore()): RecommendationStore & { calls: StoreCall[]; gate: Promise<void> | undefined; fail: Error | undefined } {
  const recorder = {
    calls: [] as StoreCall[],
    gate: undefined as Promise<void> | undefined,
    fail: undefined as Error | undefined,
    async addRecommendationRead(tenantId: string, time: number, recommendations: readonly Recommendation[]) {
      return inner.addRecommendationRead(tenantId, time, recommendations);
    },
    async recommendationReads(tenantId: string, since?: number) {
      recorder.calls.push({ method: 'recommendationReads', since });
      await wait();
      return inner.recommendationReads(tenantId, since);
    },
    async recommendationChanges(tenantId: string, range?: { after?: number; until?: number }) {
      recorder.calls.push({ method: 'recommendationChanges', after: range?.after, until: range?.until });
      await wait();
      return inner.recommendationChanges(tenantId, range);
    },
    async recommendationChangesOf(tenantId: string, ids: readonly string[]) {
      recorder.calls.push({ method: 'recommendationChangesOf', ids: [...ids] });
      await wait();
      return inner.recommendationChangesOf(tenantId, ids);
    },
  };
  async function wait() {
    await recorder.gate;
    if (recorder.fail) throw recorder.fail;
  }
  return recorder;
}

/** A gate a test opens when it chooses. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** The refresh's side of recommendations, as a test sets it. */
export function fakeAccess(initial: { optedIn?: boolean; problem?: RecommendationsProblem } = {}): RecommendationsAccess & {
  chosen: boolean | undefined;
  failure: RecommendationsProblem | undefined;
  enabled: number;
} {
  const access = {
    chosen: initial.optedIn,
    failure: initial.problem,
    enabled: 0,
    optedIn: () => access.chosen,
    problem: () => access.failure,
    enable: async () => {
      access.enabled += 1;
    },
  };
  return access;
}
