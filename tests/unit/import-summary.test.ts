import { describe, expect, it } from 'vitest';
import { summariseImport } from '../../src/lib/history/import-summary';
import type { Reading } from '../../src/lib/history/reading';

const TENANT = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const OTHER = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

describe('summariseImport', () => {
  const stored: Reading = { tenantId: TENANT, time: 1, score: 300, note: 'mine' };
  const existing = (tenantId: string, time: number) => tenantId === stored.tenantId && time === stored.time;

  it('adds only readings not already kept; a stored reading wins even with another score or note', () => {
    const incoming: Reading[] = [
      { tenantId: TENANT, time: 1, score: 999, note: 'theirs' },
      { tenantId: TENANT, time: 2, score: 301 },
      { tenantId: OTHER, time: 1, score: 5 },
    ];
    const frozen = structuredClone(incoming);
    expect(summariseImport(incoming, existing)).toEqual({ toAdd: [incoming[1], incoming[2]], alreadyPresent: 1 });
    expect(incoming).toEqual(frozen);
  });

  it('adds a repeated reading only once', () => {
    const reading = { tenantId: TENANT, time: 5, score: 1 };
    expect(summariseImport([reading, { ...reading, score: 2 }], () => false)).toEqual({ toAdd: [reading], alreadyPresent: 1 });
  });
});
