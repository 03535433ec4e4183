import { describe, expect, it } from 'vitest';
import { PREF, Preferences } from '../../src/lib/state/preferences';
import { MemoryStore } from '../../src/lib/history/memory-store';
import { StorageFailure, type HistoryStore } from '../../src/lib/history/history-store';

describe('Preferences', () => {
  it('keeps choices and reads them back only if still allowed', async () => {
    const store = new MemoryStore();
    const preferences = new Preferences(() => store);
    await preferences.keep(PREF.region, 'eu');
    expect(await preferences.choice(PREF.region, ['global', 'eu'] as const)).toBe('eu');
    expect(await preferences.choice(PREF.region, ['global', 'us'] as const)).toBeUndefined();
  });

  it('keeps a deadline per tenant and refuses values of the wrong type', async () => {
    const store = new MemoryStore();
    const preferences = new Preferences(() => store);
    await preferences.keep(PREF.throttledUntil('a'), 1_000);
    await store.setPref(PREF.throttledUntil('b'), 'soon');
    expect(await preferences.number(PREF.throttledUntil('a'))).toBe(1_000);
    expect(await preferences.number(PREF.throttledUntil('b'))).toBeUndefined();
    expect(await preferences.text(PREF.throttledUntil('a'))).toBeUndefined();
  });

  it('never throws when storage fails', async () => {
    const failing = {
      getPref: async () => {
        throw new StorageFailure('unavailable');
      },
      setPref: async () => {
        throw new StorageFailure('quota');
      },
    } as unknown as HistoryStore;
    const preferences = new Preferences(() => failing);
    await expect(preferences.keep(PREF.range, '30d')).resolves.toBeUndefined();
    await expect(preferences.text(PREF.loginHint)).resolves.toBeUndefined();
  });
});
