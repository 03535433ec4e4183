import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EXPORT_CHUNK_SIZE, toCsv, toCsvInChunks, toJson, toJsonInChunks } from '../../src/lib/history/export-formats';
import type { Reading } from '../../src/lib/history/reading';

const TENANT = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const OTHER = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const LABELS = new Map([
  [TENANT, 'contoso.example'],
  [OTHER, '=fabrikam, "ops"'],
]);
const EXPORTED_AT = Date.UTC(2026, 10, 28, 12);
const noWait = async () => {};

/** More readings than fit in two chunks, notes on some, two tenants, not in order. */
function manyReadings(): Reading[] {
  const count = EXPORT_CHUNK_SIZE * 2 + 345;
  return Array.from({ length: count }, (_, i) => ({
    tenantId: i % 3 === 0 ? OTHER : TENANT,
    time: Date.UTC(2024, 0, 1) + ((i * 7919) % count) * 600_000,
    score: 300 + (i % 97) / 4,
    ...(i % 10 === 0 ? { note: `line ${i}, "quoted"\n=SUM(A1) é` } : {}),
  }));
}

const readingArbitrary = fc.record(
  {
    tenantId: fc.constantFrom(TENANT, OTHER),
    time: fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2030, 0, 1) }),
    score: fc.double({ min: 0, max: 10_000, noNaN: true }),
    note: fc.string(),
  },
  { requiredKeys: ['tenantId', 'time', 'score'] },
);

describe('toCsvInChunks', () => {
  it('writes exactly what toCsv writes, with and without labels, across chunks', async () => {
    const readings = manyReadings();
    expect(await toCsvInChunks(readings, LABELS, { yieldToMain: noWait })).toBe(toCsv(readings, LABELS));
    expect(await toCsvInChunks(readings, undefined, { yieldToMain: noWait })).toBe(toCsv(readings));
    expect(await toCsvInChunks([])).toBe(toCsv([]));
  });

  it('writes exactly what toCsv writes for any readings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(readingArbitrary), async (readings) => {
        expect(await toCsvInChunks(readings, LABELS, { yieldToMain: noWait })).toBe(toCsv(readings, LABELS));
      }),
    );
  });

  it('gives the page a turn between chunks', async () => {
    let turns = 0;
    await toCsvInChunks(manyReadings(), LABELS, { yieldToMain: async () => void (turns += 1) });
    expect(turns).toBe(2);
  });
});

describe('toJsonInChunks', () => {
  const tenants = [
    { tenantId: TENANT, label: 'contoso.example' },
    { tenantId: OTHER, label: 'fabrikam "ops"' },
  ];

  it('writes exactly what toJson writes, across chunks', async () => {
    const readings = manyReadings();
    expect(await toJsonInChunks({ tenants, readings }, EXPORTED_AT, { yieldToMain: noWait })).toBe(toJson({ tenants, readings }, EXPORTED_AT));
    expect(await toJsonInChunks({ tenants: [], readings: [] }, EXPORTED_AT)).toBe(toJson({ tenants: [], readings: [] }, EXPORTED_AT));
  });

  it('writes exactly what toJson writes for any readings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(readingArbitrary), async (readings) => {
        expect(await toJsonInChunks({ tenants, readings }, EXPORTED_AT, { yieldToMain: noWait })).toBe(toJson({ tenants, readings }, EXPORTED_AT));
      }),
    );
  });

  it('gives the page a turn between chunks', async () => {
    let turns = 0;
    await toJsonInChunks({ tenants, readings: manyReadings() }, EXPORTED_AT, { yieldToMain: async () => void (turns += 1) });
    expect(turns).toBe(2);
  });
});
