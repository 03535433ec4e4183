import { describe, expect, it } from 'vitest';
import { recordsToAdd, type StoredHistory } from '../../src/lib/history/import-summary';
import type { Note } from '../../src/lib/history/note';
import { coverageOf, type Run } from '../../src/lib/history/run';

const TENANT = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const OTHER = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const HOUR = 3_600_000;

const run = (firstSeen: number, lastSeen: number, score: number, tenantId = TENANT): Run => ({ tenantId, firstSeen, lastSeen, score });
const note = (time: number, text: string, edited: number, tenantId = TENANT): Note => ({ tenantId, time, text, edited });

function storedHistory(runs: Run[], notes: Note[]): StoredHistory {
  return {
    covers: coverageOf(runs),
    note: (tenantId, time) => notes.find((n) => n.tenantId === tenantId && n.time === time),
  };
}

describe('recordsToAdd', () => {
  const stored = storedHistory([run(0, 10 * HOUR, 300)], [note(0, 'mine', 5 * HOUR)]);

  it('leaves out runs a stored run of their score spans, and keeps those that reach further, start earlier or differ in score or tenant', () => {
    const inside = run(HOUR, 9 * HOUR, 300);
    const reachesFurther = run(5 * HOUR, 12 * HOUR, 300);
    const startsEarlier = run(-HOUR, 2 * HOUR, 300);
    const otherScore = run(2 * HOUR, 2 * HOUR, 310);
    const otherTenant = run(HOUR, 2 * HOUR, 300, OTHER);
    const incoming = [inside, run(0, 10 * HOUR, 300), reachesFurther, startsEarlier, otherScore, otherTenant];
    expect(recordsToAdd({ runs: incoming, notes: [] }, stored).runs).toEqual([reachesFurther, startsEarlier, otherScore, otherTenant]);
  });

  it('keeps a note that is new or edited later than the stored copy, and leaves out one edited as late or earlier', () => {
    const newer = note(0, 'theirs, edited later', 6 * HOUR);
    const elsewhere = note(HOUR, 'new', 0);
    expect(recordsToAdd({ runs: [], notes: [newer, elsewhere] }, stored).notes).toEqual([newer, elsewhere]);
    expect(recordsToAdd({ runs: [], notes: [note(0, 'same edit time', 5 * HOUR), note(0, 'older', HOUR)] }, stored).notes).toEqual([]);
  });

  it('does not change what it is given', () => {
    const incoming = { runs: [run(HOUR, 20 * HOUR, 300)], notes: [note(0, 'x', 9 * HOUR)] };
    const frozen = structuredClone(incoming);
    recordsToAdd(incoming, stored);
    expect(incoming).toEqual(frozen);
  });
});
