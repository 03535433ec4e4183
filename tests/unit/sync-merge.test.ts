import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { coverageOf, runForReading, type Run } from '../../src/lib/history/run';
import type { Reading } from '../../src/lib/history/reading';
import { clipRun, emptyRecords, joinRecords, type SyncRecords } from '../../src/lib/sync/sync-records';
import { filesOf, parseFileName } from '../../src/lib/sync/sync-layout';
import { fileText, parseFile } from '../../src/lib/sync/sync-file';
import { goalTombstone, noteTombstone, ruleTombstone } from '../../src/lib/history/tombstone';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 28);
const NOW = T0 + 60 * 24 * HOUR;
const TENANTS = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'] as const;

/**
 * One thing a device does: read the score, write a note, set a goal, add an alert rule, delete one note, the
 * goal or one rule, delete a tenant's history, or sync.
 */
type Step =
  | { kind: 'read'; device: number; tenant: number; hour: number; score: number }
  | { kind: 'note'; device: number; tenant: number; hour: number; text: string; editedHour: number }
  | { kind: 'goal'; device: number; tenant: number; target: number; editedHour: number }
  | { kind: 'rule'; device: number; tenant: number; id: string; points: number; editedHour: number }
  | { kind: 'unnote'; device: number; tenant: number; hour: number; deletedHour: number }
  | { kind: 'ungoal'; device: number; tenant: number; deletedHour: number }
  | { kind: 'unrule'; device: number; tenant: number; id: string; deletedHour: number }
  | { kind: 'delete'; device: number; tenant: number; hour: number }
  | { kind: 'sync'; device: number; upload: boolean[] };

const device = fc.integer({ min: 0, max: 1 });
const tenant = fc.integer({ min: 0, max: 1 });
// Hours across a month's end (hour 96), often close together so that runs meet, span two history files and a deletion.
const hour = fc.oneof(fc.integer({ min: 90, max: 102 }), fc.integer({ min: 0, max: 24 * 8 }));
// Notes and rules at a few places only, so that edits and deletions of one record meet often.
const noteHour = fc.constantFrom(91, 95, 100);
const ruleId = fc.constantFrom('rule-a', 'rule-b');
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('read' as const), device, tenant, hour, score: fc.constantFrom(300, 310, 325.5) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('note' as const), device, tenant, hour: noteHour, text: fc.constantFrom('patched', 'rolled back', 'audit'), editedHour: hour }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('goal' as const), device, tenant, target: fc.constantFrom(400, 500), editedHour: hour }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rule' as const), device, tenant, id: ruleId, points: fc.constantFrom(5, 10), editedHour: hour }) },
  // Deletions of one record, at a few hours so that they often tie with an edit or fall between two.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('unnote' as const), device, tenant, hour: noteHour, deletedHour: hour }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('ungoal' as const), device, tenant, deletedHour: hour }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unrule' as const), device, tenant, id: ruleId, deletedHour: hour }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), device, tenant, hour }) },
  // A sync that uploads only some of its files: one that failed part-way.
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), device, upload: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }) }) },
);

/** The app folder as text files, as devices leave it. */
type Folder = Map<string, string>;

function readFolder(folder: Folder): SyncRecords {
  const parsed = [...folder].map(([name, text]) => parseFile(parseFileName(name)!, text, NOW));
  for (const file of parsed) if (!file.ok) throw new Error(file.error);
  return joinRecords(...parsed.map((file) => (file.ok ? file.value : emptyRecords())));
}

/** A sync: merge every file in, then write back the device's files (`upload` false: that write failed). */
function sync(records: SyncRecords, folder: Folder, upload: readonly boolean[] = []): SyncRecords {
  const merged = joinRecords(records, readFolder(folder));
  [...filesOf(merged)].forEach(([name, file], index) => {
    if (upload[index % Math.max(upload.length, 1)] === false) return;
    folder.set(name, fileText(parseFileName(name)!, file));
  });
  return merged;
}

function play(steps: readonly Step[]) {
  const devices = [emptyRecords(), emptyRecords()];
  const folder: Folder = new Map();
  const readings: Reading[] = [];
  for (const s of steps) {
    const mine = devices[s.device]!;
    if (s.kind === 'sync') {
      devices[s.device] = sync(mine, folder, s.upload);
      continue;
    }
    const tenantId = TENANTS[s.tenant]!;
    const change = emptyRecords();
    if (s.kind === 'read') {
      const reading = { tenantId, time: T0 + s.hour * HOUR, score: s.score };
      readings.push(reading);
      change.runs.push(runForReading(reading, mine.runs.filter((run) => run.tenantId === tenantId)));
    } else if (s.kind === 'note') change.notes.push({ tenantId, time: T0 + s.hour * HOUR, text: s.text, edited: T0 + s.editedHour * HOUR });
    else if (s.kind === 'goal') change.goals.push({ tenantId, target: s.target, edited: T0 + s.editedHour * HOUR });
    else if (s.kind === 'rule') change.alertRules.push({ tenantId, id: s.id, kind: 'drop-points', points: s.points, edited: T0 + s.editedHour * HOUR });
    else if (s.kind === 'unnote') change.tombstones.push(noteTombstone(tenantId, T0 + s.hour * HOUR, T0 + s.deletedHour * HOUR));
    else if (s.kind === 'ungoal') change.tombstones.push(goalTombstone(tenantId, T0 + s.deletedHour * HOUR));
    else if (s.kind === 'unrule') change.tombstones.push(ruleTombstone(tenantId, s.id, T0 + s.deletedHour * HOUR));
    else change.deleted.set(tenantId, T0 + s.hour * HOUR);
    devices[s.device] = joinRecords(mine, change);
  }
  // Both back online: each syncs in full, twice over, and nothing is left to tell.
  for (let round = 0; round < 2; round += 1) for (const index of [0, 1]) devices[index] = sync(devices[index]!, folder);
  return { devices, folder, readings };
}

describe('the sync join', () => {
  it('brings any interleaving of two devices’ edits, syncs and failed uploads to one history', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const { devices, folder } = play(steps);
        expect(devices[0]).toEqual(devices[1]);
        expect(readFolder(folder)).toEqual(devices[0]);
      }),
      { numRuns: 500 },
    );
  });

  it('never loses a reading, unless a later deletion of its tenant covers it', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const { devices, readings } = play(steps);
        const final = devices[0]!;
        const covered = coverageOf(final.runs);
        for (const reading of readings) {
          const deletedAt = final.deleted.get(reading.tenantId) ?? -Infinity;
          if (reading.time > deletedAt) expect(covered({ ...reading, firstSeen: reading.time, lastSeen: reading.time })).toBe(true);
          else expect(covered({ ...reading, firstSeen: reading.time, lastSeen: reading.time })).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a note or rule deleted one by one gone, unless some device edited it after the deletion', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const final = play(steps).devices[0]!;
        const latest = (times: number[]) => Math.max(-Infinity, ...times);
        for (const tenant of [0, 1]) {
          const tenantId = TENANTS[tenant]!;
          const tenantDeleted = final.deleted.get(tenantId) ?? -Infinity;
          const mine = steps.filter((s) => 'tenant' in s && s.tenant === tenant);
          for (const noteHour of [91, 95, 100]) {
            const edited = latest(mine.flatMap((s) => (s.kind === 'note' && s.hour === noteHour ? [T0 + s.editedHour * HOUR] : [])));
            const deleted = latest(mine.flatMap((s) => (s.kind === 'unnote' && s.hour === noteHour ? [T0 + s.deletedHour * HOUR] : [])));
            const kept = final.notes.find((note) => note.tenantId === tenantId && note.time === T0 + noteHour * HOUR);
            expect(kept !== undefined).toBe(edited > deleted && edited > tenantDeleted);
            if (kept) expect(kept.edited).toBe(edited);
          }
          for (const id of ['rule-a', 'rule-b']) {
            const edited = latest(mine.flatMap((s) => (s.kind === 'rule' && s.id === id ? [T0 + s.editedHour * HOUR] : [])));
            const deleted = latest(mine.flatMap((s) => (s.kind === 'unrule' && s.id === id ? [T0 + s.deletedHour * HOUR] : [])));
            expect(final.alertRules.some((rule) => rule.tenantId === tenantId && rule.id === id)).toBe(edited > deleted && edited > tenantDeleted);
          }
          const goalEdited = latest(mine.flatMap((s) => (s.kind === 'goal' ? [T0 + s.editedHour * HOUR] : [])));
          const goalDeleted = latest(mine.flatMap((s) => (s.kind === 'ungoal' ? [T0 + s.deletedHour * HOUR] : [])));
          expect(final.goals.some((goal) => goal.tenantId === tenantId)).toBe(goalEdited > goalDeleted && goalEdited > tenantDeleted);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('lets a note’s deletion win over an older edit and lose to a newer one, whichever device synced first', () => {
    const tenantId = TENANTS[0];
    const note = { tenantId, time: T0, text: 'patched', edited: T0 + HOUR };
    const deletion = { ...emptyRecords(), tombstones: [noteTombstone(tenantId, T0, T0 + 2 * HOUR)] };
    const older = { ...emptyRecords(), notes: [note] };
    const newer = { ...emptyRecords(), notes: [{ ...note, text: 'rolled back', edited: T0 + 3 * HOUR }] };
    expect(joinRecords(older, deletion).notes).toEqual([]);
    expect(joinRecords(deletion, older).notes).toEqual([]);
    expect(joinRecords(deletion, newer).notes).toEqual(newer.notes);
    expect(joinRecords(newer, deletion, older).notes).toEqual(newer.notes);
    // Deleted in the same millisecond as it was written: the deletion wins, on every device alike.
    const same = { ...emptyRecords(), notes: [{ ...note, edited: T0 + 2 * HOUR }] };
    expect(joinRecords(same, deletion).notes).toEqual([]);
    // The deletion stays in the join: a copy edited before it, synced later still, stays buried.
    expect(joinRecords(joinRecords(newer, deletion), older).tombstones).toEqual(deletion.tombstones);
  });

  it('keeps the later edit of a note, on both devices, whichever synced first', () => {
    const tenantId = TENANTS[0];
    const early = { ...emptyRecords(), notes: [{ tenantId, time: T0, text: 'patched', edited: T0 + HOUR }] };
    const late = { ...emptyRecords(), notes: [{ tenantId, time: T0, text: 'rolled back', edited: T0 + 2 * HOUR }] };
    expect(joinRecords(early, late).notes).toEqual(late.notes);
    expect(joinRecords(late, early).notes).toEqual(late.notes);
  });

  it('clips a run that went on past its tenant’s deletion, and drops one that ended before', () => {
    const run: Run = { tenantId: TENANTS[0], firstSeen: T0, lastSeen: T0 + 10 * HOUR, score: 300 };
    expect(clipRun(run, T0 + 10 * HOUR)).toEqual([]);
    expect(clipRun(run, T0 + 4 * HOUR)).toEqual([{ ...run, firstSeen: T0 + 4 * HOUR + 1 }]);
    expect(clipRun(run, T0 - 1)).toEqual([run]);
  });
});

describe('sync files', () => {
  it('read back exactly what they were written from', () => {
    const { devices } = play([
      { kind: 'read', device: 0, tenant: 0, hour: 90, score: 300 },
      { kind: 'read', device: 0, tenant: 0, hour: 100, score: 310 },
      { kind: 'note', device: 0, tenant: 0, hour: 100, text: 'patched', editedHour: 101 },
      { kind: 'goal', device: 0, tenant: 1, target: 500, editedHour: 3 },
      { kind: 'delete', device: 0, tenant: 1, hour: 2 },
      { kind: 'unnote', device: 0, tenant: 0, hour: 95, deletedHour: 102 },
      { kind: 'unrule', device: 0, tenant: 1, id: 'rule-a', deletedHour: 102 },
      { kind: 'ungoal', device: 0, tenant: 0, deletedHour: 102 },
    ]);
    const files = filesOf(devices[0]!);
    expect([...files.keys()].sort()).toEqual([
      `goals-${TENANTS[0]}.json`,
      `goals-${TENANTS[1]}.json`,
      `history-${TENANTS[0]}-2026-01.json`,
      `history-${TENANTS[0]}-2026-02.json`,
      `notes-${TENANTS[0]}.json`,
      'tenants.json',
    ]);
    for (const [name, records] of files) {
      const parsed = parseFile(parseFileName(name)!, fileText(parseFileName(name)!, records), NOW);
      expect(parsed).toEqual({ ok: true, value: records });
    }
  });

  it('are skipped whole, with the reason, when one entry is wrong or the file is not ours', () => {
    const name = parseFileName(`history-${TENANTS[0]}-2026-01.json`)!;
    const good = fileText(name, { ...emptyRecords(), runs: [{ tenantId: TENANTS[0], firstSeen: T0, lastSeen: T0 + HOUR, score: 300 }] });
    expect(parseFile(name, good.replace('300', '-1'), NOW)).toEqual({ ok: false, error: 'entry 1 of runs the score is negative' });
    const another = fileText(name, { ...emptyRecords(), runs: [{ tenantId: TENANTS[1], firstSeen: T0, lastSeen: T0 + HOUR, score: 300 }] });
    expect(parseFile(name, another, NOW)).toEqual({ ok: false, error: 'entry 1 of runs is of another tenant' });
    expect(parseFile(name, good.slice(0, -5), NOW)).toEqual({ ok: false, error: 'it is not JSON' });
    expect(parseFile(name, good.replace('"version": 2', '"version": 3'), NOW)).toEqual({ ok: false, error: 'it was written by a newer version of Scoreline; update this one' });
    expect(parseFile(parseFileName(`history-${TENANTS[0]}-2026-02.json`)!, good, NOW)).toEqual({ ok: false, error: 'what it says it holds does not match its name' });
  });

  it('of the first version, without deletions of single records, are read as having none', () => {
    const name = parseFileName(`notes-${TENANTS[0]}.json`)!;
    const note = { tenantId: TENANTS[0], time: T0, text: 'patched', edited: T0 + HOUR };
    const version1 = fileText(name, { ...emptyRecords(), notes: [note] }).replace('"version": 2', '"version": 1').replace(/,\n {2}"deletedNotes": \[\]/, '');
    expect(version1).not.toContain('deletedNotes');
    expect(parseFile(name, version1, NOW)).toEqual({ ok: true, value: { ...emptyRecords(), notes: [note] } });
    const withoutList = fileText(name, { ...emptyRecords(), notes: [note] }).replace(/,\n {2}"deletedNotes": \[\]/, '');
    expect(parseFile(name, withoutList, NOW)).toEqual({ ok: false, error: 'it has no deletedNotes list' });
  });

  it('are named only as Scoreline names them', () => {
    expect(parseFileName('notes.txt')).toBeUndefined();
    expect(parseFileName(`history-${TENANTS[0]}-2026-13.json`)).toBeUndefined();
    expect(parseFileName(`alert-log-${TENANTS[1]}.json`)).toEqual({ kind: 'alert-log', tenantId: TENANTS[1] });
  });
});
