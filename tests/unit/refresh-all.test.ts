import { describe, expect, it } from 'vitest';
import { refreshAll, type RefreshAllDependencies, type TenantRefreshOutcome } from '../../src/lib/overview/refresh-all';

const NOW = 1_800_000_000_000;

/** A refresh that waits for the test to release it, so the test sees how many run at once. */
function gatedRefresh(outcomeOf: (tenantId: string) => TenantRefreshOutcome = () => ({ kind: 'updated' })) {
  const running = new Set<string>();
  const called: string[] = [];
  const gates = new Map<string, () => void>();
  let mostAtOnce = 0;
  const refresh = async (tenantId: string) => {
    called.push(tenantId);
    running.add(tenantId);
    mostAtOnce = Math.max(mostAtOnce, running.size);
    await new Promise<void>((resolve) => gates.set(tenantId, resolve));
    running.delete(tenantId);
    return outcomeOf(tenantId);
  };
  /** Opens each gate as its refresh starts, until the whole run is over; resolves to its report. */
  const releaseUntilDone = async <T>(run: Promise<T>): Promise<T> => {
    let over = false;
    void run.finally(() => (over = true));
    while (!over) {
      for (const [tenantId, open] of gates) {
        gates.delete(tenantId);
        open();
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return run;
  };
  return { refresh, called, running, gates, releaseUntilDone, mostAtOnce: () => mostAtOnce };
}

const tenants = Array.from({ length: 10 }, (_, i) => `tenant-${i}`);

function deps(overrides: Partial<RefreshAllDependencies>): RefreshAllDependencies {
  return { refresh: async () => ({ kind: 'updated' }), throttledUntil: async () => undefined, now: () => NOW, concurrency: 3, ...overrides };
}

describe('refresh all', () => {
  it('refreshes every tenant once, never more than the bound at a time, and reports progress', async () => {
    const gated = gatedRefresh();
    const seen: number[] = [];
    const run = refreshAll([...tenants, tenants[0]!], deps({ refresh: gated.refresh, onProgress: (p) => seen.push(p.done) }));
    const report = await gated.releaseUntilDone(run);
    expect(gated.mostAtOnce()).toBe(3);
    expect([...gated.called].sort()).toEqual([...tenants].sort());
    expect(report).toMatchObject({ total: 10, done: 10, cancelled: false });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('never calls a tenant inside its Retry-After window, and calls it once the window is past', async () => {
    const deadlines: Record<string, number> = { 'tenant-1': NOW + 40_000, 'tenant-2': NOW - 1 };
    const gated = gatedRefresh();
    const run = refreshAll(tenants.slice(0, 3), deps({ refresh: gated.refresh, throttledUntil: async (id) => deadlines[id] }));
    const report = await gated.releaseUntilDone(run);
    expect(gated.called).not.toContain('tenant-1');
    expect(gated.called).toContain('tenant-2');
    expect(report.outcomes.get('tenant-1')).toEqual({ kind: 'throttled', until: NOW + 40_000 });
  });

  it('lists each tenant\'s own outcome: one failing or throttled does not stop the others', async () => {
    const outcomes: Record<string, TenantRefreshOutcome> = {
      'tenant-0': { kind: 'throttled', until: NOW + 5_000 },
      'tenant-1': { kind: 'needs-sign-in' },
      'tenant-2': { kind: 'failed', problem: { source: 'api', failure: { kind: 'server', status: 503, detail: undefined } } },
    };
    const report = await refreshAll(tenants.slice(0, 4), deps({ refresh: async (id) => outcomes[id] ?? { kind: 'updated' } }));
    expect(Object.fromEntries(report.outcomes)).toEqual({ ...outcomes, 'tenant-3': { kind: 'updated' } });
  });

  it('a refresh that throws is that tenant\'s failure', async () => {
    const report = await refreshAll(['x', 'y'], deps({ refresh: async (id) => (id === 'x' ? Promise.reject(new Error('boom')) : { kind: 'updated' }) }));
    expect(report.outcomes.get('x')?.kind).toBe('failed');
    expect(report.outcomes.get('y')?.kind).toBe('updated');
  });

  it('cancelling starts no further tenant, lets those under way finish, and says which were not called', async () => {
    const gated = gatedRefresh();
    const cancel = new AbortController();
    const run = refreshAll(tenants, deps({ refresh: gated.refresh }), cancel.signal);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(gated.running.size).toBe(3);
    cancel.abort();
    const report = await gated.releaseUntilDone(run);
    expect(gated.called).toHaveLength(3);
    expect(report).toMatchObject({ total: 10, done: 3, cancelled: true });
    expect([...report.outcomes.values()].every((outcome) => outcome.kind === 'updated')).toBe(true);
  });
});
