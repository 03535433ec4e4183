import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toJson } from '../../src/lib/history/export-formats';
import { MAX_IMPORT_ROWS, parseImportFile, type ParsedImport } from '../../src/lib/history/import-parser';
import type { Result } from '../../src/lib/util/result';
import { historyArbitraries } from '../fixtures/history-arbitraries';

const NOW = Date.UTC(2026, 10, 28, 12);
const TENANT = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const OTHER = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const T1 = '2026-11-27T09:15:00.000Z';
const T2 = '2026-11-28T09:15:00.000Z';

const parse = (text: string) => parseImportFile('h.json', text, { now: NOW });
const v3File = (lists: Record<string, unknown> = {}) =>
  JSON.stringify({
    app: 'Scoreline',
    format: 'scoreline.history',
    version: 3,
    exportedAt: T2,
    tenants: [],
    runs: [],
    notes: [],
    series: [],
    seriesNames: [],
    recommendationChanges: [],
    recommendationReads: [],
    ...lists,
  });

function parsed(result: Result<ParsedImport, string>): ParsedImport {
  if (!result.ok) throw new Error(`refused: ${result.error}`);
  return result.value;
}

function problemOf(result: Result<ParsedImport, string>): string {
  if (result.ok) throw new Error('expected the file to be refused');
  return result.error;
}

const goodSeriesRun = { tenantId: TENANT, series: 'exposure', firstSeen: T1, lastSeen: T2, score: 41.5 };
const goodName = { tenantId: TENANT, series: 'group-id:17', time: T1, name: 'Finance' };
const goodChange = {
  tenantId: TENANT,
  id: 'sca-_-scid-2070',
  time: T1,
  configScoreImpact: 1.25,
  exposureImpact: 0.5,
  exposedMachines: 12,
  totalMachines: 40,
  status: 'Active',
  name: 'Enable Microsoft Defender Antivirus scanning of downloaded files',
  category: 'SecurityControls',
  subCategory: 'Antivirus',
  remediationType: 'ConfigurationChange',
};
const goodRead = { tenantId: TENANT, time: T1, count: 1000 };

describe('a version 3 JSON file', () => {
  it('gives every list back as written: the other series, group names, changes with and without labels, removals and reads', () => {
    const { name: _name, category: _category, subCategory: _sub, remediationType: _type, ...unlabelled } = goodChange;
    const result = parsed(
      parse(
        v3File({
          series: [goodSeriesRun, { ...goodSeriesRun, series: 'group-name:Servers, EU', score: 0 }],
          seriesNames: [goodName, { ...goodName, time: T2, name: '' }],
          recommendationChanges: [goodChange, { ...unlabelled, time: T2, exposedMachines: 10 }, { tenantId: OTHER, id: 'va-_-x', time: T2, removed: true }],
          recommendationReads: [goodRead, { tenantId: OTHER, time: T2, count: 0 }],
        }),
      ),
    );
    const [t1, t2] = [Date.parse(T1), Date.parse(T2)];
    expect(result).toMatchObject({ format: 'json', version: 3, readingCount: undefined, invalid: [], runs: [], notes: [], tenantIds: [TENANT, OTHER] });
    expect(result.seriesRuns).toStrictEqual([
      { tenantId: TENANT, series: 'group-name:Servers, EU', firstSeen: t1, lastSeen: t2, score: 0 },
      { tenantId: TENANT, series: 'exposure', firstSeen: t1, lastSeen: t2, score: 41.5 },
    ]);
    expect(result.seriesNames).toStrictEqual([
      { tenantId: TENANT, series: 'group-id:17', time: t1, name: 'Finance' },
      { tenantId: TENANT, series: 'group-id:17', time: t2, name: '' },
    ]);
    expect(result.recommendationChanges).toStrictEqual([
      { ...goodChange, time: t1 },
      { ...unlabelled, time: t2, exposedMachines: 10 },
      { tenantId: OTHER, id: 'va-_-x', time: t2, removed: true },
    ]);
    expect(result.recommendationReads).toStrictEqual([
      { tenantId: TENANT, time: t1, count: 1000 },
      { tenantId: OTHER, time: t2, count: 0 },
    ]);
  });

  it('gives back exactly the records it was exported from, for any records', () => {
    const arbitrary = historyArbitraries(NOW);
    fc.assert(
      fc.property(
        arbitrary.runs,
        arbitrary.notes,
        arbitrary.seriesRuns,
        arbitrary.seriesNames.map((names) => uniqueBy(names, (n) => `${n.tenantId}|${n.series}|${n.time}`)),
        arbitrary.recommendationChanges,
        arbitrary.recommendationReads,
        (runs, notes, seriesRuns, seriesNames, recommendationChanges, recommendationReads) => {
          const records = { runs, notes, seriesRuns, seriesNames, recommendationChanges, recommendationReads };
          const result = parsed(parse(toJson({ tenants: [], ...records }, NOW)));
          expect(result.invalid).toEqual([]);
          for (const key of Object.keys(records) as (keyof typeof records)[]) {
            expect(sortedRecords(result[key]), key).toStrictEqual(sortedRecords(records[key]));
          }
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);

  it.each([
    ['null', null, 'is not an object with tenantId, series, firstSeen, lastSeen and score'],
    ['no series', { ...goodSeriesRun, series: undefined }, 'has no series text'],
    ['an unknown series', { ...goodSeriesRun, series: 'device' }, 'the series "device" is not exposure, group-id:… or group-name:…'],
    ['a series naming no group', { ...goodSeriesRun, series: 'group-id:' }, 'the series "group-id:" names no group'],
    ['a group id of 101 characters', { ...goodSeriesRun, series: `group-id:${'1'.repeat(101)}` }, 'the group id is longer than 100 characters'],
    ['a group name of 201 characters', { ...goodSeriesRun, series: `group-name:${'n'.repeat(201)}` }, 'the group name is longer than 200 characters'],
    ['a control character in the group', { ...goodSeriesRun, series: 'group-name:a\u0000b' }, 'the group name contains control characters'],
    ['a line break in the group', { ...goodSeriesRun, series: 'group-name:a\nb' }, 'the group name contains control characters'],
    ['a direction override in the group', { ...goodSeriesRun, series: 'group-id:evil\u202e' }, 'the group id contains characters that change the direction of text'],
    ['a value above 100', { ...goodSeriesRun, score: 100.5 }, 'the value is more than 100'],
    ['a negative value', { ...goodSeriesRun, score: -1 }, 'the value is negative'],
    ['a text value', { ...goodSeriesRun, score: '41' }, 'has no numeric score'],
    ['a future lastSeen', { ...goodSeriesRun, lastSeen: '2099-01-01T00:00:00Z' }, 'the time is in the future'],
    ['lastSeen before firstSeen', { ...goodSeriesRun, firstSeen: T2, lastSeen: T1 }, 'the score was last seen before it was first seen'],
    ['a bad tenant', { ...goodSeriesRun, tenantId: 'contoso' }, 'the tenant "contoso" is not a tenant ID (a GUID)'],
  ])('skips a series run with %s, and says why', (_, entry, reason) => {
    const result = parsed(parse(v3File({ series: [goodSeriesRun, entry] })));
    expect(result.invalid).toEqual([{ kind: 'series-run', line: 2, reason }]);
    expect(result.seriesRuns).toHaveLength(1);
  });

  it('accepts group ids and names at their longest, and values at 0 and 100', () => {
    const series = [`group-id:${'1'.repeat(100)}`, `group-name:${'n'.repeat(200)}`, 'group-name:Servers «EU» 🚀'];
    const result = parsed(parse(v3File({ series: series.map((id, index) => ({ ...goodSeriesRun, series: id, score: index === 0 ? 0 : 100 })) })));
    expect(result.invalid).toEqual([]);
    expect(result.seriesRuns.map((run) => run.series).sort()).toEqual(series.sort());
  });

  it.each([
    ['a series that is not a group', { ...goodName, series: 'exposure' }, 'names a series that is not a device group'],
    ['no name', { ...goodName, name: undefined }, 'has no name text'],
    ['a name of 201 characters', { ...goodName, name: 'n'.repeat(201) }, 'the group name is longer than 200 characters'],
    ['a tab in the name', { ...goodName, name: 'a\tb' }, 'the group name contains control characters'],
    ['a broken name', { ...goodName, name: 'a\ud800' }, 'the group name contains broken Unicode text'],
    ['no time', { ...goodName, time: undefined }, 'has no time text'],
  ])('skips a series name with %s, and says why', (_, entry, reason) => {
    const result = parsed(parse(v3File({ seriesNames: [{ ...goodName, time: T2 }, entry] })));
    expect(result.invalid).toEqual([{ kind: 'series-name', line: 2, reason }]);
    expect(result.seriesNames).toHaveLength(1);
  });

  it.each([
    ['an array', [goodChange], 'is not an object with tenantId, id, time and the values (or removed)'],
    ['no id', { ...goodChange, id: 5 }, 'has no id text'],
    ['an empty id', { ...goodChange, id: '' }, 'has an empty id'],
    ['an id of 201 characters', { ...goodChange, id: 'x'.repeat(201) }, 'the id is longer than 200 characters'],
    ['a control character in the id', { ...goodChange, id: 'sca\u0007' }, 'the id contains control characters'],
    ['no time', { ...goodChange, time: Date.parse(T1) }, 'has no time text'],
    ['a bad tenant', { ...goodChange, tenantId: TENANT.toUpperCase() + 'x' }, `the tenant "${TENANT.toUpperCase()}x" is not a tenant ID (a GUID)`],
    ['an impact as text', { ...goodChange, exposureImpact: '1' }, 'has no numeric exposureImpact'],
    ['a fraction of a device', { ...goodChange, exposedMachines: 1.5 }, 'the exposedMachines is not a whole number'],
    ['a negative count', { ...goodChange, totalMachines: -1 }, 'the totalMachines is negative'],
    ['a count beyond exact numbers', { ...goodChange, totalMachines: 2 ** 53 }, 'the totalMachines is not a whole number'],
    ['no status', { ...goodChange, status: undefined }, 'has no status text'],
    ['a long status', { ...goodChange, status: 's'.repeat(201) }, 'the status is longer than 200 characters'],
    ['a name that is not text', { ...goodChange, name: 5 }, 'has a name that is not text'],
    ['a name of 1,001 characters', { ...goodChange, name: 'n'.repeat(1001) }, 'the name is longer than 1000 characters'],
    ['a line break in the sub-category', { ...goodChange, subCategory: 'a\nb' }, 'the subCategory contains control characters'],
    ['a direction override in the category', { ...goodChange, category: 'OS\u202e' }, 'the category contains characters that change the direction of text'],
    ['removed that is not true', { ...goodChange, removed: false }, 'has a removed that is not true'],
  ])('skips a recommendation change with %s whole, and says why', (_, entry, reason) => {
    const result = parsed(parse(v3File({ recommendationChanges: [{ ...goodChange, time: T2 }, entry] })));
    expect(result.invalid).toEqual([{ kind: 'recommendation-change', line: 2, reason }]);
    expect(result.recommendationChanges).toEqual([{ ...goodChange, time: Date.parse(T2) }]);
  });

  it('refuses an impact of 1e400 (JSON reads it as Infinity), and keeps a name of 1,000 characters and markup as text', () => {
    const text = v3File({ recommendationChanges: [{ ...goodChange, exposureImpact: 7 }, { ...goodChange, time: T2, name: `<b>${'n'.repeat(993)}</b>` }] }).replace('"exposureImpact":7', '"exposureImpact":1e400');
    const result = parsed(parse(text));
    expect(result.invalid).toEqual([{ kind: 'recommendation-change', line: 1, reason: 'the exposureImpact is not a finite number' }]);
    expect(result.recommendationChanges.map((change) => !change.removed && change.name?.length)).toEqual([1000]);
  });

  it('keeps a removal as a removal only, whatever else its entry holds, and turns -0 into 0', () => {
    const text = v3File({ recommendationChanges: [{ ...goodChange, removed: true }, { ...goodChange, time: T2, configScoreImpact: 0 }] }).replace('"configScoreImpact":0', '"configScoreImpact":-0');
    const result = parsed(parse(text));
    expect(result.recommendationChanges[0]).toStrictEqual({ tenantId: TENANT, id: goodChange.id, time: Date.parse(T1), removed: true });
    const kept = result.recommendationChanges[1];
    expect(kept && !kept.removed && Object.is(kept.configScoreImpact, 0)).toBe(true);
  });

  it.each([
    ['a negative count', { ...goodRead, count: -1 }, 'the count is negative'],
    ['a fraction', { ...goodRead, count: 1.5 }, 'the count is not a whole number'],
    ['no count', { ...goodRead, count: undefined }, 'has no numeric count'],
    ['a future time', { ...goodRead, time: '2099-01-01T00:00:00Z' }, 'the time is in the future'],
    ['a time before 2015', { ...goodRead, time: '2014-01-01T00:00:00Z' }, 'the time is before 2015, when Secure Score did not exist yet'],
  ])('skips a recommendation read with %s, and says why', (_, entry, reason) => {
    const result = parsed(parse(v3File({ recommendationReads: [{ ...goodRead, time: T2 }, entry] })));
    expect(result.invalid).toEqual([{ kind: 'recommendation-read', line: 2, reason }]);
    expect(result.recommendationReads).toHaveLength(1);
  });

  it('reports an entry that repeats the key of an earlier one in its list, by its place in that list', () => {
    const result = parsed(
      parse(
        v3File({
          seriesNames: [goodName, { ...goodName, name: 'Renamed' }],
          recommendationChanges: [goodChange, { ...goodChange, id: 'other' }, { tenantId: TENANT, id: goodChange.id, time: T1, removed: true }],
          recommendationReads: [goodRead, { ...goodRead, count: 999 }, { ...goodRead, tenantId: OTHER }],
        }),
      ),
    );
    expect(result.invalid).toEqual([
      { kind: 'series-name', line: 2, reason: 'duplicate of series name 1' },
      { kind: 'recommendation-change', line: 3, reason: 'duplicate of recommendation change 1' },
      { kind: 'recommendation-read', line: 2, reason: 'duplicate of recommendation read 1' },
    ]);
    expect([result.seriesNames.length, result.recommendationChanges.length, result.recommendationReads.length]).toEqual([1, 2, 2]);
  });

  it('joins series runs of one series and value that overlap, and keeps other series apart', () => {
    const result = parsed(
      parse(
        v3File({
          series: [goodSeriesRun, { ...goodSeriesRun, firstSeen: '2026-11-27T12:00:00Z', lastSeen: '2026-11-28T10:00:00Z' }, { ...goodSeriesRun, series: 'group-id:1' }],
        }),
      ),
    );
    expect(result.seriesRuns.map((run) => [run.series, run.firstSeen, run.lastSeen])).toEqual([
      ['exposure', Date.parse(T1), Date.parse('2026-11-28T10:00:00Z')],
      ['group-id:1', Date.parse(T1), Date.parse(T2)],
    ]);
  });

  it.each(['series', 'seriesNames', 'recommendationChanges', 'recommendationReads'])('refuses a version 3 file without its list of %s', (key) => {
    expect(problemOf(parse(v3File({ [key]: { not: 'a list' } })))).toBe(`The file has no list of ${key}.`);
  });

  it(`refuses more than ${MAX_IMPORT_ROWS} entries over all its lists together`, () => {
    const quarter = new Array(MAX_IMPORT_ROWS / 4).fill(null);
    const lists = { runs: quarter, notes: quarter, series: quarter, recommendationChanges: quarter };
    expect(parse(v3File(lists)).ok).toBe(true);
    expect(problemOf(parse(v3File({ ...lists, recommendationReads: [null] })))).toBe(
      'The file has more than 200,000 runs, notes and other records; split it into smaller files.',
    );
  }, 30_000);

  it('reads only the entries’ own keys and ignores unknown ones', () => {
    const text = v3File({
      recommendationReads: [JSON.parse(`{"__proto__":{"count":5},"tenantId":"${TENANT}","time":"${T1}","colour":"red"}`)],
      seriesNames: [{ ...goodName, extra: 1 }],
    });
    const result = parsed(parse(text));
    expect(result.invalid).toEqual([{ kind: 'recommendation-read', line: 1, reason: 'has no numeric count' }]);
    expect(result.seriesNames).toStrictEqual([{ tenantId: TENANT, series: 'group-id:17', time: Date.parse(T1), name: 'Finance' }]);
  });
});

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && seen.add(key(item)));
}

/** A list in an order that depends only on its records, to compare sets of records. */
function sortedRecords(list: readonly object[]): object[] {
  const canonical = (record: object) => JSON.stringify(record, Object.keys(record).sort());
  return [...list].sort((a, b) => (canonical(a) < canonical(b) ? -1 : canonical(a) > canonical(b) ? 1 : 0));
}
