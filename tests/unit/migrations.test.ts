import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { openIndexedDbStore } from '../../src/lib/history/indexeddb-store';
import { DB_VERSION } from '../../src/lib/history/schema';

/**
 * Every schema version Scoreline has shipped, frozen as it was: how that version created its stores
 * and what its rows looked like. Never edit an entry; add one when DB_VERSION grows.
 */
const SHIPPED_VERSIONS: { version: number; create: (db: IDBDatabase) => void; rows: Record<string, { key?: IDBValidKey; value: unknown }[]> }[] = [
  {
    version: 1,
    create: (db) => {
      db.createObjectStore('readings', { keyPath: ['tenantId', 'time'] });
      db.createObjectStore('tenants', { keyPath: 'tenantId' });
      db.createObjectStore('prefs');
    },
    rows: {
      readings: [
        { value: { tenantId: 'aaaaaaaa-0000-4000-8000-000000000001', time: 1_700_000_000_000, score: 301 } },
        { value: { tenantId: 'aaaaaaaa-0000-4000-8000-000000000001', time: 1_700_086_400_000, score: 315.5, note: 'onboarded 200 servers' } },
        { value: { tenantId: 'bbbbbbbb-0000-4000-8000-000000000002', time: 1_700_000_000_000, score: 99 } },
      ],
      tenants: [{ value: { tenantId: 'aaaaaaaa-0000-4000-8000-000000000001', label: 'contoso.example', lastUsed: 1 } }],
      prefs: [{ key: 'region', value: 'eu' }],
    },
  },
];

async function createOldDatabase(name: string, shipped: (typeof SHIPPED_VERSIONS)[number]): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name, shipped.version);
    request.onupgradeneeded = () => shipped.create(request.result);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const tx = db.transaction(Object.keys(shipped.rows), 'readwrite');
  for (const [store, rows] of Object.entries(shipped.rows)) {
    for (const row of rows) tx.objectStore(store).add(row.value, row.key);
  }
  await new Promise((resolve) => (tx.oncomplete = resolve));
  db.close();
}

describe('migrations', () => {
  it('has a frozen copy of every shipped schema version, up to the current one', () => {
    expect(SHIPPED_VERSIONS.map((v) => v.version)).toEqual(Array.from({ length: DB_VERSION }, (_, i) => i + 1));
  });

  // While a version is the current one, this opens it as it is; once DB_VERSION grows, the same case
  // runs the real upgrade from it.
  it.each(SHIPPED_VERSIONS)('opens a frozen v$version database with data and keeps every reading, tenant and preference', async (shipped) => {
    const name = `migration-from-${shipped.version}`;
    await createOldDatabase(name, shipped);
    const store = await openIndexedDbStore({ name });
    const readings = [
      ...(await store.readingsFor('aaaaaaaa-0000-4000-8000-000000000001')),
      ...(await store.readingsFor('bbbbbbbb-0000-4000-8000-000000000002')),
    ];
    expect(readings).toEqual(shipped.rows.readings!.map((row) => row.value));
    expect(await store.tenants()).toEqual(shipped.rows.tenants!.map((row) => row.value));
    expect(await store.getPref('region')).toBe('eu');
  });
});
