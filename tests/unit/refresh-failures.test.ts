import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/lib/history/memory-store';
import { summarize } from '../../src/lib/history/tenant-summary';
import { overviewRows } from '../../src/lib/overview/overview-rows';
import type { RefreshFailure } from '../../src/lib/overview/refresh-all';
import { parseStoredFailure, storedFailureText } from '../../src/lib/overview/stored-failure';
import { Preferences } from '../../src/lib/state/preferences';
import { RefreshFailures, refreshFailurePrefKey } from '../../src/lib/state/refresh-failures';
import { OverviewState } from '../../src/lib/state/overview.svelte';

const NOW = Date.UTC(2026, 10, 29, 12);
const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'aaaaaaaa-0000-4000-8000-000000000002';
const SERVER: RefreshFailure = { source: 'api', failure: { kind: 'server', status: 503, detail: { code: 'ServiceUnavailable', message: 'Try later', target: 'c0ffee' } } };
const CONSENT: RefreshFailure = { source: 'auth', failure: { kind: 'consent-required', errorCode: 'invalid_grant', aadsts: '65001', permission: 'Score.Read' } };

describe('a failure kept for the overview', () => {
  it('reads back every kind of failure it kept', () => {
    const failures: RefreshFailure[] = [
      SERVER,
      CONSENT,
      { source: 'api', failure: { kind: 'offline' } },
      { source: 'api', failure: { kind: 'timeout', host: 'api.security.microsoft.com', afterMs: 30_000 } },
      { source: 'api', failure: { kind: 'forbidden', detail: undefined } },
      { source: 'api', failure: { kind: 'invalid-response', reason: 'no score' } },
      { source: 'auth', failure: { kind: 'network', errorCode: 'network_error', aadsts: undefined } },
    ];
    for (const failure of failures) expect(parseStoredFailure(storedFailureText(failure))).toEqual(failure);
  });

  it('uses nothing that is not a well-formed failure', () => {
    const damaged = ['', 'not json', '42', 'null', '{"source":"api"}', '{"source":"api","failure":{"kind":"server"}}', '{"source":"auth","failure":{"kind":"evil","errorCode":"x"}}', '{"source":"other","failure":{"kind":"offline"}}'];
    for (const text of [...damaged, undefined]) expect(parseStoredFailure(text)).toBeUndefined();
  });

  it('is kept per tenant by a failed refresh, left by a throttled one, and cleared by the next reading', async () => {
    const store = new MemoryStore();
    const failures = new RefreshFailures(new Preferences(() => store));
    await failures.note(A, { kind: 'failed', problem: SERVER });
    await failures.note(B, { kind: 'failed', problem: CONSENT });
    await failures.note(A, { kind: 'throttled', until: NOW + 1 });
    expect([await failures.load(A), await failures.load(B)]).toEqual([SERVER, CONSENT]);
    await failures.clear(A);
    await failures.note(B, { kind: 'updated' });
    expect([await failures.load(A), await failures.load(B)]).toEqual([undefined, undefined]);
    expect(await store.getPref(refreshFailurePrefKey(A))).toBeUndefined();
  });

  it('shows in the overview after a reload (a new overview over the same store), unless a refresh of every tenant since says otherwise', async () => {
    const store = new MemoryStore();
    await store.addReading({ tenantId: A, time: NOW - 1000, score: 400 });
    const failures = new RefreshFailures(new Preferences(() => store));
    await failures.note(A, { kind: 'failed', problem: SERVER });
    const overview = new OverviewState({
      store: () => store,
      signedInTenants: () => [A],
      throttledUntil: async () => undefined,
      failureOf: (tenantId) => failures.load(tenantId),
      refreshTenant: async () => ({ kind: 'updated' }),
      now: () => NOW,
    });
    await overview.load();
    expect(overview.rows(NOW).map((row) => row.state)).toEqual([{ kind: 'failed', problem: SERVER }]);

    const summary = summarize(A, [{ tenantId: A, firstSeen: NOW - 1000, lastSeen: NOW - 1000, score: 400 }], [], NOW);
    const facts = { labels: {}, signedIn: [A], deadlines: {}, failures: { [A]: SERVER } };
    expect(overviewRows([summary], { ...facts, outcomes: new Map([[A, { kind: 'updated' }]]) }, NOW)[0]!.state).toEqual({ kind: 'up-to-date' });
  });
});
