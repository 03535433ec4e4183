import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { daysToAsk, gapsIn, newDaysOf } from '../../src/lib/secure-score/backfill';
import { changesForNewDays, controlsMovedBetween, controlsOn } from '../../src/lib/secure-score/control-log';
import { dayAfter, type ControlChange, type FetchedDay } from '../../src/lib/secure-score/secure-score-day';

const TENANT = '3d0c6b6e-7a1f-4c3e-9d2a-5f1b8c4e0a11';
const FIRST = '2026-06-01';
const CONTROLS = ['AdminMFAV2', 'DLPEnabled', 'scid_2070', 'mdo_safeattachments'];

/** The record Graph would give for day `n` after FIRST: controls whose points come from the arbitrary table. */
function fetched(n: number, points: readonly (readonly (number | null)[])[]): FetchedDay {
  const row = points[n % points.length] ?? [];
  const controls = CONTROLS.flatMap((name, i) => (row[i] === null || row[i] === undefined ? [] : [{ name, category: 'Identity', score: row[i] as number, description: name }]));
  return {
    tenantId: TENANT,
    day: dayAfter(FIRST, n),
    time: Date.parse(`${dayAfter(FIRST, n)}T03:21:00Z`),
    currentScore: controls.reduce((sum, c) => sum + c.score, 0),
    maxScore: 100,
    allTenantsAverage: null,
    similarSizeAverage: null,
    categories: { Identity: 0, Data: 0, Device: 0, Apps: 0, Infrastructure: 0 },
    controls,
  };
}

const pointsTable = fc.array(fc.array(fc.option(fc.constantFrom(0, 2.5, 5, 10), { nil: null }), { minLength: CONTROLS.length, maxLength: CONTROLS.length }), { minLength: 1, maxLength: 6 });
/** Reads of day numbers: pages of any size, overlapping, in any order. */
const reads = fc.array(fc.array(fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 30 }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 });

/** Keeps reads one after another as the store does: new days only, control changes only. */
function keep(readsOfDays: number[][][], points: readonly (readonly (number | null)[])[]) {
  const days = new Map<string, FetchedDay>();
  let log: ControlChange[] = [];
  for (const pages of readsOfDays) {
    const added = newDaysOf(new Set(days.keys()), pages.map((page) => page.map((n) => fetched(n, points))));
    const { written, removed } = changesForNewDays(log, [...days.keys()], added);
    log = [...log.filter((c) => !removed.includes(c)), ...written];
    for (const day of added) days.set(day.day, day);
  }
  return { days, log };
}

describe('backfill merging', () => {
  it('keeps each day once, whatever the order and overlap of pages and reads', () => {
    fc.assert(
      fc.property(reads, pointsTable, (readsOfDays, points) => {
        const { days } = keep(readsOfDays, points);
        const expected = new Set(readsOfDays.flat(2).map((n) => dayAfter(FIRST, n)));
        expect([...days.keys()].sort()).toEqual([...expected].sort());
      }),
    );
  });

  it('never takes a kept day again, so a kept day never changes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1 }), fc.array(fc.integer({ min: 0, max: 60 })), (kept, read) => {
        const keptDays = new Set(kept.map((n) => dayAfter(FIRST, n)));
        const added = newDaysOf(keptDays, [read.map((n) => ({ ...fetched(n, [[1, 1, 1, 1]]), currentScore: -1 }))]);
        expect(added.filter((d) => keptDays.has(d.day))).toEqual([]);
        expect(new Set(added.map((d) => d.day)).size).toBe(added.length);
      }),
    );
  });

  it('keeps the controls as changes only, and every kept day reads back as Graph gave it', () => {
    fc.assert(
      fc.property(reads, pointsTable, (readsOfDays, points) => {
        const { days, log } = keep(readsOfDays, points);
        for (const day of days.values()) {
          const state = controlsOn(log, day.day);
          expect(Object.fromEntries([...state].map(([name, c]) => [name, c.score]))).toEqual(Object.fromEntries(day.controls.map((c) => [c.name, c.score])));
        }
        // Changes only: one record per control and day at most, and never the same points as the record before it.
        const byControl = new Map<string, ControlChange[]>();
        for (const change of log) byControl.set(change.control, [...(byControl.get(change.control) ?? []), change]);
        for (const changes of byControl.values()) {
          const sorted = changes.sort((a, b) => (a.day < b.day ? -1 : 1));
          expect(new Set(sorted.map((c) => c.day)).size).toBe(sorted.length);
          for (let i = 1; i < sorted.length; i += 1) expect(sorted[i]?.score).not.toBe(sorted[i - 1]?.score);
        }
      }),
    );
  });
});

it('writes nothing for a control whose points did not change, across reads in any order', () => {
  fc.assert(
    fc.property(reads, (readsOfDays) => {
      const { days, log } = keep(readsOfDays, [[10, 5, 0, 2.5]]);
      expect(log.length).toBe(days.size > 0 ? CONTROLS.length : 0);
    }),
  );
});

describe('what a read asks for and what the days show', () => {
  it('asks for 90 days on first enable, and later the days since the newest kept one, with it and at least a week', () => {
    expect(daysToAsk(undefined, '2026-11-28')).toBe(90);
    expect(daysToAsk('2026-11-27', '2026-11-28')).toBe(7);
    expect(daysToAsk('2026-11-28', '2026-11-28')).toBe(7);
    expect(daysToAsk('2026-11-10', '2026-11-28')).toBe(19);
    expect(daysToAsk('2025-01-01', '2026-11-28')).toBe(90);
  });

  it('shows days Graph no longer had as a gap', () => {
    expect(gapsIn(['2026-01-01', '2026-01-02', '2026-06-01', '2026-06-03'])).toEqual([
      { after: '2026-01-02', before: '2026-06-01', missingDays: 149 },
      { after: '2026-06-01', before: '2026-06-03', missingDays: 1 },
    ]);
  });

  it('names the controls that moved between two days, biggest first', () => {
    const { log } = keep([[[0, 1]]], [[10, 5, 0, null], [10, 0, 2.5, 5]]);
    expect(controlsMovedBetween(log, FIRST, dayAfter(FIRST, 1)).map((m) => [m.control, m.from, m.to, m.change])).toEqual([
      ['DLPEnabled', 5, 0, -5],
      ['mdo_safeattachments', null, 5, 5],
      ['scid_2070', 0, 2.5, 2.5],
    ]);
  });
});
