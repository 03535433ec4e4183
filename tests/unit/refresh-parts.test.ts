import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RECOMMENDATIONS_MIN_INTERVAL_MS, recommendationsDue, withServerRetries } from '../../src/lib/state/refresh-parts';
import { recommendationsOptInOver, throttlePrefKey, throttleStoreOver } from '../../src/lib/state/refresh-prefs';
import { PREF } from '../../src/lib/state/preferences';
import type { ApiFailure } from '../../src/lib/defender/api-failure';
import type { Result } from '../../src/lib/util/result';
import { REFRESH_PARTS } from '../../src/lib/state/refresh-parts';

const TENANT = 'aaaaaaaa-0000-4000-8000-000000000001';

describe('recommendationsDue', () => {
  it('is four hours', () => {
    expect(RECOMMENDATIONS_MIN_INTERVAL_MS).toBe(4 * 60 * 60 * 1000);
  });

  it('holds when never read, and exactly when the interval has passed since the last read', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 45 }), fc.integer({ min: -(2 ** 30), max: 2 ** 30 }), (lastRead, elapsed) => {
        expect(recommendationsDue(lastRead, lastRead + elapsed)).toBe(elapsed >= RECOMMENDATIONS_MIN_INTERVAL_MS);
        expect(recommendationsDue(undefined, lastRead)).toBe(true);
      }),
    );
  });
});

describe('withServerRetries', () => {
  const server: Result<number, ApiFailure> = { ok: false, error: { kind: 'server', status: 502, detail: undefined } };

  it('tries a server error three more times with growing waits, and nothing else', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const result = await withServerRetries(async () => (calls++, server), async (ms) => void sleeps.push(ms));
    expect(result).toBe(server);
    expect(calls).toBe(4);
    expect(sleeps).toHaveLength(3);

    calls = 0;
    const forbidden: Result<number, ApiFailure> = { ok: false, error: { kind: 'forbidden', detail: undefined } };
    expect(await withServerRetries(async () => (calls++, forbidden), async () => undefined)).toBe(forbidden);
    expect(calls).toBe(1);
  });

  it('starts from an answer already in hand', async () => {
    let calls = 0;
    const result = await withServerRetries(async () => (calls++, { ok: true, value: 7 }), async () => undefined, server);
    expect(result).toEqual({ ok: true, value: 7 });
    expect(calls).toBe(1);
  });
});

/** Preferences over a map, as the app's are over IndexedDB. */
function fakePreferences() {
  const values = new Map<string, string | number | undefined>();
  return {
    values,
    number: async (key: string) => {
      const value = values.get(key);
      return typeof value === 'number' ? value : undefined;
    },
    keep: async (key: string, value: string | number | undefined) => void values.set(key, value),
  };
}

describe('the stores kept with the preferences', () => {
  it('keep the score’s deadline under the per-tenant key it always had, and each other endpoint under its own', async () => {
    const preferences = fakePreferences();
    preferences.values.set(PREF.throttledUntil(TENANT), 1234);
    const store = throttleStoreOver(preferences);
    expect(await store.load(TENANT, 'score')).toBe(1234);
    expect(await store.load(TENANT, 'exposure')).toBeUndefined();
    await store.save(TENANT, 5678, 'groups');
    expect(await store.load(TENANT, 'groups')).toBe(5678);
    expect(await store.load(TENANT, 'score')).toBe(1234);
    expect(new Set(REFRESH_PARTS.map((part) => throttlePrefKey(TENANT, part))).size).toBe(REFRESH_PARTS.length);
    expect(throttlePrefKey('bbbbbbbb-0000-4000-8000-000000000002', 'groups')).not.toBe(throttlePrefKey(TENANT, 'groups'));
  });

  it('remember the choice to see recommendations per tenant; no choice is no', async () => {
    const store = recommendationsOptInOver(fakePreferences());
    expect(await store.load(TENANT)).toBe(false);
    await store.save(TENANT, true);
    expect(await store.load(TENANT)).toBe(true);
    expect(await store.load('bbbbbbbb-0000-4000-8000-000000000002')).toBe(false);
    await store.save(TENANT, false);
    expect(await store.load(TENANT)).toBe(false);
  });
});
