import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvLines, exportFileName, toCsv, toJson } from '../../src/lib/history/export-formats';
import { guardAgainstFormula, plainDecimal, removeFormulaGuard } from '../../src/lib/history/csv-cells';
import { compareNotes, type Note } from '../../src/lib/history/note';
import type { Run } from '../../src/lib/history/run';
import type { SeriesId } from '../../src/lib/history/series';
import type { SeriesRun } from '../../src/lib/history/series-store';

const TENANT = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const OTHER = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const T1 = Date.UTC(2026, 10, 27, 9, 15);
const T2 = Date.UTC(2026, 10, 28, 9, 15, 30, 250);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const run = (firstSeen: number, lastSeen: number, score: number, tenantId = TENANT): Run => ({ tenantId, firstSeen, lastSeen, score });
const note = (time: number, text: string, tenantId = TENANT): Note => ({ tenantId, time, text, edited: time + HOUR });

describe('toCsv', () => {
  it('writes a header and one CRLF-ended row per run, oldest first, in UTC, the note at its start in its cell', () => {
    const csv = toCsv({ runs: [run(T2, T2 + HOUR, 301.5), run(T1, T1 + DAY / 2, 290)], notes: [note(T2, 'after patching')] });
    expect(csv).toBe(
      'first_seen,last_seen,score,tenant,series,group_name,note\r\n' +
        `2026-11-27T09:15:00.000Z,2026-11-27T21:15:00.000Z,290,${TENANT},device score,,\r\n` +
        `2026-11-28T09:15:30.250Z,2026-11-28T10:15:30.250Z,301.5,${TENANT},device score,,after patching\r\n`,
    );
  });

  it('writes only the header when there is nothing', () => {
    expect(toCsv({ runs: [], notes: [] })).toBe('first_seen,last_seen,score,tenant,series,group_name,note\r\n');
  });

  it('writes a note that no run starts at on a line of its own, at its time, with no score', () => {
    const csv = toCsv({ runs: [run(T1, T2, 290)], notes: [note(T1 + HOUR, 'mid-run'), note(T1 - HOUR, 'before any run'), note(T1, 'at the start')] });
    expect(csv.split('\r\n')).toEqual([
      'first_seen,last_seen,score,tenant,series,group_name,note',
      `2026-11-27T08:15:00.000Z,,,${TENANT},device score,,before any run`,
      `2026-11-27T09:15:00.000Z,2026-11-28T09:15:30.250Z,290,${TENANT},device score,,at the start`,
      `2026-11-27T10:15:00.000Z,,,${TENANT},device score,,mid-run`,
      '',
    ]);
  });

  it('gives a note at the start of two runs (histories that disagree) to the first of them only', () => {
    const csv = toCsv({ runs: [run(T1, T1, 300), run(T1, T1, 290)], notes: [note(T1, 'once')] });
    expect(csv.match(/once/g)).toHaveLength(1);
    expect(csv).toContain(`,290,${TENANT},device score,,once\r\n`);
  });

  it('quotes cells with commas, quotes and line breaks (RFC 4180)', () => {
    const csv = toCsv({ runs: [run(T1, T1, 1)], notes: [note(T1, 'a, "b"\nc')] });
    expect(csv).toContain(`,${TENANT},device score,,"a, ""b""\nc"\r\n`);
  });

  it.each(['=HYPERLINK("http://evil.example","x")', '+1', '-1+1', '@SUM(A1)'])('puts a quote before a formula-like note %j', (text) => {
    const csv = toCsv({ runs: [run(T1, T1, 1)], notes: [note(T1, text)] });
    const lastCell = csv.trimEnd().split(`${TENANT},device score,,`)[1];
    expect(lastCell?.startsWith(`'`) || lastCell?.startsWith(`"'`)).toBe(true);
  });

  it('adds a tenant_label column when labels are given, guarded like any text', () => {
    const csv = toCsv({ runs: [run(T1, T1, 1), run(T2, T2, 2, OTHER)], notes: [] }, new Map([[TENANT, '=contoso']]));
    expect(csv.split('\r\n')).toEqual([
      'first_seen,last_seen,score,tenant,series,group_name,note,tenant_label',
      `2026-11-27T09:15:00.000Z,2026-11-27T09:15:00.000Z,1,${TENANT},device score,,,'=contoso`,
      `2026-11-28T09:15:30.250Z,2026-11-28T09:15:30.250Z,2,${OTHER},device score,,,`,
      '',
    ]);
  });

  it('never writes a score in exponent notation', () => {
    expect(toCsv({ runs: [run(T1, T1, 1e-7)], notes: [] })).toContain(',0.0000001,');
  });
});

describe('csvLines', () => {
  it('writes every run once and every note once, whatever the runs and notes', () => {
    const time = fc.integer({ min: 0, max: 20 }).map((step) => T1 + step * HOUR);
    const runs = fc.array(fc.record({ start: time, hours: fc.nat(5), score: fc.constantFrom(1, 2), tenantId: fc.constantFrom(TENANT, OTHER) }));
    const notes = fc.uniqueArray(fc.record({ time, tenantId: fc.constantFrom(TENANT, OTHER) }), { selector: (n) => `${n.tenantId}|${n.time}` });
    fc.assert(
      fc.property(runs, notes, (runSpecs, noteSpecs) => {
        const records = {
          runs: runSpecs.map((r) => run(r.start, r.start + r.hours * HOUR, r.score, r.tenantId)),
          notes: noteSpecs.map((n) => note(n.time, `at ${n.time}`, n.tenantId)),
        };
        const lines = csvLines(records);
        expect(lines.flatMap((line) => (line.run ? [line.run] : []))).toHaveLength(records.runs.length);
        const byKey = (a: Note, b: Note) => compareNotes(a, b) || a.tenantId.localeCompare(b.tenantId);
        expect(lines.flatMap((line) => (line.note ? [line.note] : [])).sort(byKey)).toEqual([...records.notes].sort(byKey));
        for (const line of lines) if (line.run && line.note) expect(line.note.time).toBe(line.run.firstSeen);
        const times = lines.map((line) => (line.run ? line.run.firstSeen : line.note.time));
        expect(times).toEqual([...times].sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  });
});

describe('csvLines with the other series', () => {
  it('writes every run of every series once, oldest first, device score runs alone with notes', () => {
    const time = fc.integer({ min: 0, max: 20 }).map((step) => T1 + step * HOUR);
    const runs = fc.array(fc.record({ start: time, hours: fc.nat(5), score: fc.constantFrom(1, 2), tenantId: fc.constantFrom(TENANT, OTHER) }));
    const seriesRuns = fc.array(fc.record({ start: time, hours: fc.nat(5), score: fc.constantFrom(1, 2), tenantId: fc.constantFrom(TENANT, OTHER), series: fc.constantFrom<SeriesId>('exposure', 'group-id:1', 'group-name:b') }));
    const notes = fc.uniqueArray(fc.record({ time, tenantId: fc.constantFrom(TENANT, OTHER) }), { selector: (n) => `${n.tenantId}|${n.time}` });
    fc.assert(
      fc.property(runs, seriesRuns, notes, (runSpecs, seriesSpecs, noteSpecs) => {
        const records = {
          runs: runSpecs.map((r) => run(r.start, r.start + r.hours * HOUR, r.score, r.tenantId)),
          seriesRuns: seriesSpecs.map((r): SeriesRun => ({ ...run(r.start, r.start + r.hours * HOUR, r.score, r.tenantId), series: r.series })),
          notes: noteSpecs.map((n) => note(n.time, `at ${n.time}`, n.tenantId)),
        };
        const lines = csvLines(records);
        const written = lines.flatMap((line) => (line.run ? [line.run] : []));
        expect(written.filter((r) => r.series === undefined)).toHaveLength(records.runs.length);
        expect(new Set(written.filter((r) => r.series !== undefined))).toEqual(new Set(records.seriesRuns));
        expect(lines.flatMap((line) => (line.note ? [line.note] : []))).toHaveLength(records.notes.length);
        for (const line of lines) if (line.note) expect(line.run?.series).toBeUndefined();
        const times = lines.map((line) => (line.run ? line.run.firstSeen : line.note.time));
        expect(times).toEqual([...times].sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  });

  it('writes no recommendation changes or reads: JSON carries them', () => {
    const csv = toCsv({
      runs: [run(T1, T1, 300)],
      notes: [],
      recommendationChanges: [{ tenantId: TENANT, id: 'sca-_-scid-1', time: T1, removed: true }],
      recommendationReads: [{ tenantId: TENANT, time: T1, count: 1 }],
    });
    expect(csv).toBe(toCsv({ runs: [run(T1, T1, 300)], notes: [] }));
  });
});

describe('formula guard', () => {
  it('guards only text that a spreadsheet would run', () => {
    expect(guardAgainstFormula('=1+1')).toBe("'=1+1");
    expect(guardAgainstFormula('\tx')).toBe("'\tx");
    expect(guardAgainstFormula('plain')).toBe('plain');
    expect(guardAgainstFormula("'quoted")).toBe("'quoted");
    expect(guardAgainstFormula('')).toBe('');
  });

  it('guards text that already starts with quotes before a formula, so the importer can undo it exactly', () => {
    expect(guardAgainstFormula("'=1")).toBe("''=1");
    expect(removeFormulaGuard("''=1")).toBe("'=1");
    expect(removeFormulaGuard("'quoted")).toBe("'quoted");
  });

  it('is undone exactly by removeFormulaGuard for any text', () => {
    const text = fc.string({ unit: fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', 'a', ' ') });
    fc.assert(
      fc.property(fc.oneof(text, fc.string()), (value) => {
        expect(removeFormulaGuard(guardAgainstFormula(value))).toBe(value);
      }),
      { numRuns: 300 },
    );
  });
});

describe('plainDecimal', () => {
  it.each([
    [0, '0'],
    [301.5, '301.5'],
    [1e-7, '0.0000001'],
    [1.5e-10, '0.00000000015'],
    [1e21, '1000000000000000000000'],
    [1.25e22, '12500000000000000000000'],
  ])('writes %d as %s', (value, text) => {
    expect(plainDecimal(value)).toBe(text);
  });

  it('gives back the same number', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e25, noNaN: true }), (value) => {
        const text = plainDecimal(value);
        expect(text).toMatch(/^\d+(\.\d+)?$/);
        expect(Number(text)).toBe(value);
      }),
      { numRuns: 300 },
    );
  });
});

describe('toJson', () => {
  it('writes the versioned document, pretty-printed, runs and notes oldest first, with every field of each', () => {
    const json = toJson(
      {
        tenants: [{ tenantId: TENANT, label: 'contoso.example' }],
        runs: [run(T2, T2, 301.5), run(T1, T1 + HOUR, 290)],
        notes: [{ tenantId: TENANT, time: T2, text: '<b>bold</b>', edited: T2 + DAY }],
      },
      Date.UTC(2026, 10, 28, 10),
    );
    expect(json).toBe(`{
  "app": "Scoreline",
  "format": "scoreline.history",
  "version": 4,
  "exportedAt": "2026-11-28T10:00:00.000Z",
  "tenants": [
    {
      "tenantId": "${TENANT}",
      "label": "contoso.example"
    }
  ],
  "runs": [
    {
      "tenantId": "${TENANT}",
      "firstSeen": "2026-11-27T09:15:00.000Z",
      "lastSeen": "2026-11-27T10:15:00.000Z",
      "score": 290
    },
    {
      "tenantId": "${TENANT}",
      "firstSeen": "2026-11-28T09:15:30.250Z",
      "lastSeen": "2026-11-28T09:15:30.250Z",
      "score": 301.5
    }
  ],
  "notes": [
    {
      "tenantId": "${TENANT}",
      "time": "2026-11-28T09:15:30.250Z",
      "text": "<b>bold</b>",
      "edited": "2026-11-29T09:15:30.250Z"
    }
  ],
  "series": [],
  "seriesNames": [],
  "recommendationChanges": [],
  "recommendationReads": [],
  "goals": [],
  "alertRules": [],
  "alertLog": [],
  "secureScoreDays": [],
  "secureScoreControls": []
}`);
  });

  it('writes the other series, group names, recommendation changes (labels only where kept, removals) and reads, each list in order', () => {
    const json = toJson(
      {
        tenants: [],
        runs: [],
        notes: [],
        seriesRuns: [
          { tenantId: TENANT, series: 'group-id:7', firstSeen: T1, lastSeen: T2, score: 12.5 },
          { tenantId: TENANT, series: 'exposure', firstSeen: T2, lastSeen: T2, score: 41 },
          { tenantId: TENANT, series: 'exposure', firstSeen: T1, lastSeen: T1, score: 40 },
        ],
        seriesNames: [{ tenantId: TENANT, series: 'group-id:7', time: T1, name: 'Finance' }],
        recommendationChanges: [
          { tenantId: TENANT, id: 'b', time: T1, removed: true },
          { tenantId: TENANT, id: 'a', time: T2, configScoreImpact: 0.5, exposureImpact: 0, exposedMachines: 2, totalMachines: 9, status: 'Active' },
          {
            tenantId: TENANT,
            id: 'a',
            time: T1,
            configScoreImpact: 1,
            exposureImpact: 0.25,
            exposedMachines: 3,
            totalMachines: 9,
            status: 'Active',
            name: 'Turn on PUA protection',
            category: 'SecurityControls',
            subCategory: '',
            remediationType: 'ConfigurationChange',
          },
        ],
        recommendationReads: [{ tenantId: TENANT, time: T1, count: 2 }],
      },
      T2,
    );
    const document = JSON.parse(json);
    expect(document.version).toBe(4);
    expect(document.series).toEqual([
      { tenantId: TENANT, series: 'exposure', firstSeen: '2026-11-27T09:15:00.000Z', lastSeen: '2026-11-27T09:15:00.000Z', score: 40 },
      { tenantId: TENANT, series: 'exposure', firstSeen: '2026-11-28T09:15:30.250Z', lastSeen: '2026-11-28T09:15:30.250Z', score: 41 },
      { tenantId: TENANT, series: 'group-id:7', firstSeen: '2026-11-27T09:15:00.000Z', lastSeen: '2026-11-28T09:15:30.250Z', score: 12.5 },
    ]);
    expect(document.seriesNames).toEqual([{ tenantId: TENANT, series: 'group-id:7', time: '2026-11-27T09:15:00.000Z', name: 'Finance' }]);
    expect(document.recommendationChanges).toStrictEqual([
      {
        tenantId: TENANT,
        id: 'a',
        time: '2026-11-27T09:15:00.000Z',
        configScoreImpact: 1,
        exposureImpact: 0.25,
        exposedMachines: 3,
        totalMachines: 9,
        status: 'Active',
        name: 'Turn on PUA protection',
        category: 'SecurityControls',
        subCategory: '',
        remediationType: 'ConfigurationChange',
      },
      { tenantId: TENANT, id: 'b', time: '2026-11-27T09:15:00.000Z', removed: true },
      { tenantId: TENANT, id: 'a', time: '2026-11-28T09:15:30.250Z', configScoreImpact: 0.5, exposureImpact: 0, exposedMachines: 2, totalMachines: 9, status: 'Active' },
    ]);
    expect(document.recommendationReads).toEqual([{ tenantId: TENANT, time: '2026-11-27T09:15:00.000Z', count: 2 }]);
    expect(Object.keys(document)).toEqual(['app', 'format', 'version', 'exportedAt', 'tenants', 'runs', 'notes', 'series', 'seriesNames', 'recommendationChanges', 'recommendationReads', 'goals', 'alertRules', 'alertLog', 'secureScoreDays', 'secureScoreControls']);
  });

  it('does not copy extra properties of the runs it is given', () => {
    const withExtra = { ...run(T1, T1, 1), change: 5, notes: [] } as Run;
    expect(JSON.parse(toJson({ tenants: [], runs: [withExtra], notes: [] }, T1)).runs[0]).toEqual({
      tenantId: TENANT,
      firstSeen: '2026-11-27T09:15:00.000Z',
      lastSeen: '2026-11-27T09:15:00.000Z',
      score: 1,
    });
  });
});

describe('exportFileName', () => {
  // Local noon, so the date is the same in every time zone the tests run in.
  const now = new Date(2026, 10, 28, 12).getTime();

  it('names the file after the tenant and the local date', () => {
    expect(exportFileName('contoso.example', 'csv', now)).toBe('scoreline-contoso.example-2026-11-28.csv');
    expect(exportFileName('Contoso.Example', 'json', now)).toBe('scoreline-contoso.example-2026-11-28.json');
    expect(exportFileName('contoso.example', 'png', now)).toBe('scoreline-contoso.example-2026-11-28.png');
  });

  it.each([
    ['Contoso Ltd (EU)', 'contoso-ltd-eu'],
    ['Société Générale', 'societe-generale'],
    ['../../etc/passwd', 'etc-passwd'],
    ['.hidden', 'hidden'],
    ['', 'tenant'],
    ['日本語', 'tenant'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a-b-c-d-e-f-g-h-i-j'],
  ])('makes %j safe as %j', (label, safe) => {
    expect(exportFileName(label, 'csv', now)).toBe(`scoreline-${safe}-2026-11-28.csv`);
  });

  it('keeps any label to a bounded, safe name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (label) => {
        const name = exportFileName(label, 'json', now);
        expect(name).toMatch(/^scoreline-[a-z0-9](?:[a-z0-9.-]{0,58}[a-z0-9])?-2026-11-28\.json$/);
      }),
      { numRuns: 300 },
    );
  });
});
