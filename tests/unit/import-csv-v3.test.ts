import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toCsv, toJson } from '../../src/lib/history/export-formats';
import { parseImportFile, type ParsedImport } from '../../src/lib/history/import-parser';
import { joinRuns, type Run } from '../../src/lib/history/run';
import type { SeriesId, SeriesName } from '../../src/lib/history/series';
import { namesToPut, type SeriesRun } from '../../src/lib/history/series-store';
import type { Note } from '../../src/lib/history/note';
import type { Result } from '../../src/lib/util/result';
import { checkGroupName } from '../../src/lib/history/reading-rules';
import { historyArbitraries, TENANTS } from '../fixtures/history-arbitraries';
import { v2Csv, v2Json } from '../fixtures/v2-history';

const NOW = Date.UTC(2026, 10, 28, 12);
const HOUR = 3_600_000;
const TENANT = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const HEADER = 'first_seen,last_seen,score,tenant,series,group_name,note';
const T1 = '2026-11-27T09:15:00.000Z';
const T2 = '2026-11-28T09:15:00.000Z';
const [t1, t2] = [Date.parse(T1), Date.parse(T2)];

const parse = (name: string, text: string, defaultTenantId?: string) => parseImportFile(name, text, { now: NOW, defaultTenantId });
const csvFile = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';

function parsed(result: Result<ParsedImport, string>): ParsedImport {
  if (!result.ok) throw new Error(`refused: ${result.error}`);
  return result.value;
}

/** The one invalid row of a version 3 CSV with that single data row. */
function rowReason(row: string): string | undefined {
  const result = parsed(parse('h.csv', csvFile(row)));
  expect(result.version).toBe(3);
  return result.invalid[0]?.reason;
}

const byRun = (a: Run, b: Run) => a.firstSeen - b.firstSeen || a.score - b.score || `${a.tenantId}|${a.series}`.localeCompare(`${b.tenantId}|${b.series}`);
const byNote = (a: Note, b: Note) => a.time - b.time || a.tenantId.localeCompare(b.tenantId);

describe('a version 3 CSV', () => {
  it('writes one row per run of every series, saying which series it is, with the group’s name at the run’s start', () => {
    const csv = toCsv({
      runs: [{ tenantId: TENANT, firstSeen: t1, lastSeen: t2, score: 301.5 }],
      notes: [{ tenantId: TENANT, time: t1, text: 'patched', edited: t2 }],
      seriesRuns: [
        { tenantId: TENANT, series: 'group-name:Servers, EU', firstSeen: t1, lastSeen: t2, score: 12 },
        { tenantId: TENANT, series: 'group-id:17', firstSeen: t1 + HOUR, lastSeen: t2, score: 20.5 },
        { tenantId: TENANT, series: 'group-id:17', firstSeen: t1, lastSeen: t1, score: 22 },
        { tenantId: TENANT, series: 'exposure', firstSeen: t1, lastSeen: t2, score: 41.38 },
      ],
      seriesNames: [
        { tenantId: TENANT, series: 'group-id:17', time: t1, name: '=Finance' },
        { tenantId: TENANT, series: 'group-id:17', time: t1 + HOUR, name: 'Finance, renamed' },
        { tenantId: TENANT, series: 'group-name:Servers, EU', time: t1, name: 'Servers, EU' },
      ],
      recommendationChanges: [{ tenantId: TENANT, id: 'sca-_-scid-2070', time: t1, removed: true }],
      recommendationReads: [{ tenantId: TENANT, time: t1, count: 1 }],
    });
    expect(csv.split('\r\n')).toEqual([
      HEADER,
      `${T1},${T2},301.5,${TENANT},device score,,patched`,
      `${T1},${T2},41.38,${TENANT},exposure,,`,
      `${T1},${T1},22,${TENANT},group-id:17,'=Finance,`,
      `${T1},${T2},12,${TENANT},"group-name:Servers, EU","Servers, EU",`,
      `2026-11-27T10:15:00.000Z,${T2},20.5,${TENANT},group-id:17,"Finance, renamed",`,
      '',
    ]);
  });

  it('reads each row into its series, and a group’s name at the run’s start, undoing the formula guard', () => {
    const result = parsed(
      parse(
        'h.csv',
        csvFile(
          `${T1},${T2},301.5,${TENANT},device score,,patched`,
          `${T1},${T2},41.38,${TENANT},exposure,,`,
          `${T1},${T1},22,${TENANT},group-id:17,'=Finance,`,
          `${T1},${T2},12,${TENANT},"group-name:Servers, EU","Servers, EU",`,
        ),
      ),
    );
    expect(result).toMatchObject({ format: 'csv', version: 3, invalid: [], tenantIds: [TENANT], recommendationChanges: [], recommendationReads: [] });
    expect(result.runs).toStrictEqual([{ tenantId: TENANT, firstSeen: t1, lastSeen: t2, score: 301.5 }]);
    expect(result.notes).toStrictEqual([{ tenantId: TENANT, time: t1, text: 'patched', edited: t1 }]);
    expect(result.seriesRuns.slice().sort(byRun)).toStrictEqual([
      { tenantId: TENANT, series: 'group-name:Servers, EU', firstSeen: t1, lastSeen: t2, score: 12 },
      { tenantId: TENANT, series: 'group-id:17', firstSeen: t1, lastSeen: t1, score: 22 },
      { tenantId: TENANT, series: 'exposure', firstSeen: t1, lastSeen: t2, score: 41.38 },
    ]);
    expect(result.seriesNames).toStrictEqual([
      { tenantId: TENANT, series: 'group-id:17', time: t1, name: '=Finance' },
      { tenantId: TENANT, series: 'group-name:Servers, EU', time: t1, name: 'Servers, EU' },
    ]);
  });

  it('reads an empty series cell as the device score, and the series words in any letter case', () => {
    const result = parsed(parse('h.csv', csvFile(`${T1},${T2},300,${TENANT},,,`, `${T1},${T2},40,${TENANT}, Exposure ,,`, `${T2},${T2},301,${TENANT},DEVICE SCORE,,`)));
    expect(result.invalid).toEqual([]);
    expect(result.runs.map((run) => run.score)).toEqual([300, 301]);
    expect(result.seriesRuns).toStrictEqual([{ tenantId: TENANT, series: 'exposure', firstSeen: t1, lastSeen: t2, score: 40 }]);
  });

  it('accepts the header with or without the group name, note and label columns, in any letter case', () => {
    for (const header of ['first_seen,last_seen,score,tenant,series', 'FIRST_SEEN,last_seen,score,tenant,Series,group_name', `${HEADER},tenant_label`]) {
      const result = parsed(parse('h.csv', `${header}\r\n${T1},${T2},40,${TENANT},exposure\r\n`));
      expect([result.version, result.seriesRuns.length, result.invalid]).toEqual([3, 1, []]);
    }
  });

  it.each([
    [`${T1},${T2},41,${TENANT},exposure,,patched`, 'only device score rows have notes'],
    [`${T1},,,${TENANT},group-id:1,,a note`, 'only device score rows have notes'],
    [`${T1},${T2},41,${TENANT},exposure,Finance,`, 'only device group rows have a group name'],
    [`${T1},${T2},300,${TENANT},device score,Finance,`, 'only device group rows have a group name'],
    [`${T1},${T2},100.5,${TENANT},exposure,,`, 'the value is more than 100'],
    [`${T1},${T2},1e2,${TENANT},group-id:1,,`, 'the score "1e2" is not a plain number from 0 to 100, such as 41.5'],
    [`${T1},${T2},,${TENANT},exposure,,`, 'has no score'],
    [`${T1},${T2},41,${TENANT},group,,`, 'the series "group" is not exposure, group-id:… or group-name:…'],
    [`${T1},${T2},41,${TENANT},group-name:,,`, 'the series "group-name:" names no group'],
    [`${T1},${T2},41,${TENANT},group-id:${'1'.repeat(101)},,`, 'the group id is longer than 100 characters'],
    [`${T1},${T2},41,${TENANT},group-id:1,${'n'.repeat(201)},`, 'the group name is longer than 200 characters'],
    [`${T1},${T2},41,${TENANT},"group-id:1","a\u0000b",`, 'the group name contains control characters'],
    [`${T1},${T2},300,${TENANT},device score,,<b>x</b>`, 'the note contains markup (such as <b> or <script>), which Scoreline does not keep'],
    [`${T2},${T1},41,${TENANT},exposure,,`, 'the score was last seen before it was first seen'],
  ])('line %j: %s', (row, reason) => {
    expect(rowReason(row)).toBe(reason);
  });

  it('keeps a group’s name once for runs that start together, reports a line that names the group otherwise, and keeps only changes of name', () => {
    const result = parsed(
      parse(
        'h.csv',
        csvFile(
          `${T1},${T1},20,${TENANT},group-id:1,Finance,`,
          `${T1},${T2},21,${TENANT},group-id:1,Finance,`,
          `${T1},${T2},22,${TENANT},group-id:1,Renamed,`,
          `${T2},${T2},23,${TENANT},group-id:1,Finance,`,
        ),
      ),
    );
    expect(result.invalid).toEqual([{ kind: 'line', line: 4, reason: 'its group name differs from the one on line 2 for the same group and time' }]);
    expect(result.seriesRuns.map((run) => run.score)).toEqual([20, 21, 23]);
    expect(result.seriesNames).toStrictEqual([{ tenantId: TENANT, series: 'group-id:1', time: t1, name: 'Finance' }]);
  });

  it('gives back exactly the runs of every series, every note at its time, and each group’s name at its runs’ starts, for any history', () => {
    const arbitrary = historyArbitraries(NOW);
    const series = fc.constantFrom<SeriesId>('exposure', 'group-id:1', 'group-id:=2', 'group-name:Servers, "EU"');
    const groups = fc.constantFrom<SeriesId>('group-id:1', 'group-id:=2', 'group-name:Servers, "EU"');
    const time = fc.integer({ min: 0, max: 30 }).map((step) => NOW - 20 * 24 * HOUR + step * 6 * HOUR);
    const tenantId = fc.constantFrom(...TENANTS);
    const seriesRuns = fc
      .array(fc.record({ tenantId, series, firstSeen: time, hours: fc.nat(30), score: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true })) }), { maxLength: 15 })
      .map((specs) => joinRuns(specs.map(({ hours, ...run }) => ({ ...run, lastSeen: Math.min(run.firstSeen + hours * HOUR, NOW) }))) as SeriesRun[]);
    const names = fc.array(fc.record({ tenantId, series: groups, time, name: fc.oneof(fc.constantFrom('Finance', '=Ops', 'Servers, "EU"', ''), arbitrary.text(checkGroupName, 20)) }), { maxLength: 8 });
    fc.assert(
      fc.property(arbitrary.runs, arbitrary.notes, seriesRuns, names, (runs, notes, seriesRunList, nameList) => {
        // What a store would hold: one name per group and time, and only changes of name.
        const storedNames = namesToPut(nameList.map((name) => ({ ...name })), []);
        const result = parsed(parse('h.csv', toCsv({ runs, notes, seriesRuns: seriesRunList, seriesNames: storedNames }, new Map([[TENANTS[0], '=label']]))));
        expect(result.invalid).toEqual([]);
        expect(result.runs.slice().sort(byRun)).toStrictEqual(runs.slice().sort(byRun));
        expect(result.seriesRuns.slice().sort(byRun)).toStrictEqual(seriesRunList.slice().sort(byRun));
        expect(result.notes.slice().sort(byNote)).toStrictEqual(notes.map((note) => ({ ...note, edited: note.time })).sort(byNote));
        const importedNames = namesToPut(result.seriesNames, []);
        for (const run of seriesRunList) {
          const name = nameAt(storedNames, run);
          if (name) expect(nameAt(importedNames, run)).toBe(name);
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});

describe('files of version 2 still import exactly as before', () => {
  const arbitrary = historyArbitraries(NOW);

  it('a version 2 JSON file gives back exactly its runs and notes, and nothing else', () => {
    fc.assert(
      fc.property(arbitrary.runs, arbitrary.notes, (runs, notes) => {
        const result = parsed(parse('h.json', v2Json([{ tenantId: TENANT, label: 'contoso.example' }], runs, notes, NOW)));
        expect(result).toMatchObject({ version: 2, invalid: [], seriesRuns: [], seriesNames: [], recommendationChanges: [], recommendationReads: [] });
        expect(result.runs.slice().sort(byRun)).toStrictEqual(runs.slice().sort(byRun));
        expect(result.notes.slice().sort(byNote)).toStrictEqual(notes.slice().sort(byNote));
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('a version 2 CSV gives back exactly its runs, and every note at its time', () => {
    fc.assert(
      fc.property(arbitrary.runs, arbitrary.notes, fc.boolean(), (runs, notes, withLabels) => {
        const result = parsed(parse('h.csv', v2Csv(runs, notes, withLabels ? new Map([[TENANT, '=contoso, "eu"']]) : undefined)));
        expect(result).toMatchObject({ version: 2, invalid: [], seriesRuns: [], seriesNames: [] });
        expect(result.runs.slice().sort(byRun)).toStrictEqual(runs.slice().sort(byRun));
        expect(result.notes.slice().sort(byNote)).toStrictEqual(notes.map((note) => ({ ...note, edited: note.time })).sort(byNote));
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('reads a frozen version 2 file of each kind', () => {
    const csv = ['first_seen,last_seen,score,tenant,note,tenant_label', `${T1},${T2},300,${TENANT},"patched, rebooted",contoso.example`, `${T2},,,${TENANT},later,contoso.example`].join('\r\n');
    const json = `{"app":"Scoreline","format":"scoreline.history","version":2,"exportedAt":"${T2}","tenants":[{"tenantId":"${TENANT}","label":"contoso.example"}],"runs":[{"tenantId":"${TENANT}","firstSeen":"${T1}","lastSeen":"${T2}","score":300}],"notes":[{"tenantId":"${TENANT}","time":"${T1}","text":"patched, rebooted","edited":"${T2}"}]}`;
    const fromCsv = parsed(parse('h.csv', csv));
    const fromJson = parsed(parse('h.json', json));
    for (const result of [fromCsv, fromJson]) {
      expect(result).toMatchObject({ version: 2, invalid: [], runs: [{ tenantId: TENANT, firstSeen: t1, lastSeen: t2, score: 300 }], seriesRuns: [] });
    }
    expect(fromCsv.notes.map((note) => [note.time, note.text, note.edited])).toEqual([
      [t1, 'patched, rebooted', t1],
      [t2, 'later', t2],
    ]);
    expect(fromJson.notes).toStrictEqual([{ tenantId: TENANT, time: t1, text: 'patched, rebooted', edited: t2 }]);
    expect(fromJson.tenantLabels).toEqual({ [TENANT]: 'contoso.example' });
  });

  it('a version 3 JSON export of device score runs and notes alone reads as the version 2 file of them did', () => {
    fc.assert(
      fc.property(arbitrary.runs, arbitrary.notes, (runs, notes) => {
        const v3 = parsed(parse('h.json', toJson({ tenants: [], runs, notes }, NOW)));
        const v2 = parsed(parse('h.json', v2Json([], runs, notes, NOW)));
        expect({ ...v3, version: 2 }).toStrictEqual(v2);
      }),
      { numRuns: 100 },
    );
  }, 60_000);
});

/** The name a group had at a run's start: the latest of its series at or before it. */
function nameAt(names: readonly SeriesName[], run: SeriesRun): string | undefined {
  return names.filter((name) => name.tenantId === run.tenantId && name.series === run.series && name.time <= run.firstSeen).sort((a, b) => a.time - b.time).at(-1)?.name;
}
