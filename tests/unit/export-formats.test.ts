import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exportFileName, guardAgainstFormula, plainDecimal, removeFormulaGuard, toCsv, toJson } from '../../src/lib/history/export-formats';
import type { Reading } from '../../src/lib/history/reading';

const TENANT = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const OTHER = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const T1 = Date.UTC(2026, 10, 27, 9, 15);
const T2 = Date.UTC(2026, 10, 28, 9, 15, 30, 250);

describe('toCsv', () => {
  it('writes a header and one CRLF-ended row per reading, oldest first, in UTC', () => {
    const csv = toCsv([
      { tenantId: TENANT, time: T2, score: 301.5, note: 'after patching' },
      { tenantId: TENANT, time: T1, score: 290 },
    ]);
    expect(csv).toBe(
      'time,score,tenant,note\r\n' + `2026-11-27T09:15:00.000Z,290,${TENANT},\r\n` + `2026-11-28T09:15:30.250Z,301.5,${TENANT},after patching\r\n`,
    );
  });

  it('writes only the header when there are no readings', () => {
    expect(toCsv([])).toBe('time,score,tenant,note\r\n');
  });

  it('quotes cells with commas, quotes and line breaks (RFC 4180)', () => {
    const csv = toCsv([{ tenantId: TENANT, time: T1, score: 1, note: 'a, "b"\nc' }]);
    expect(csv).toContain(`,${TENANT},"a, ""b""\nc"\r\n`);
  });

  it.each(['=HYPERLINK("http://evil.example","x")', '+1', '-1+1', '@SUM(A1)'])('puts a quote before a formula-like note %j', (note) => {
    const csv = toCsv([{ tenantId: TENANT, time: T1, score: 1, note }]);
    const lastCell = csv.trimEnd().split(`${TENANT},`)[1];
    expect(lastCell?.startsWith(`'`) || lastCell?.startsWith(`"'`)).toBe(true);
  });

  it('adds a tenant_label column when labels are given, guarded like any text', () => {
    const csv = toCsv(
      [
        { tenantId: TENANT, time: T1, score: 1 },
        { tenantId: OTHER, time: T2, score: 2 },
      ],
      new Map([[TENANT, 'contoso.example']]),
    );
    expect(csv.split('\r\n')).toEqual([
      'time,score,tenant,note,tenant_label',
      `2026-11-27T09:15:00.000Z,1,${TENANT},,contoso.example`,
      `2026-11-28T09:15:30.250Z,2,${OTHER},,`,
      '',
    ]);
  });

  it('never writes a score in exponent notation', () => {
    const csv = toCsv([{ tenantId: TENANT, time: T1, score: 1e-7 }]);
    expect(csv).toContain(',0.0000001,');
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
  it('writes the versioned document, pretty-printed, readings oldest first, notes only where present', () => {
    const json = toJson(
      {
        tenants: [{ tenantId: TENANT, label: 'contoso.example' }],
        readings: [
          { tenantId: TENANT, time: T2, score: 301.5, note: '<b>bold</b>' },
          { tenantId: TENANT, time: T1, score: 290 },
        ],
      },
      Date.UTC(2026, 10, 28, 10),
    );
    expect(json).toBe(`{
  "app": "Scoreline",
  "format": "scoreline.history",
  "version": 1,
  "exportedAt": "2026-11-28T10:00:00.000Z",
  "tenants": [
    {
      "tenantId": "${TENANT}",
      "label": "contoso.example"
    }
  ],
  "readings": [
    {
      "tenantId": "${TENANT}",
      "time": "2026-11-27T09:15:00.000Z",
      "score": 290
    },
    {
      "tenantId": "${TENANT}",
      "time": "2026-11-28T09:15:30.250Z",
      "score": 301.5,
      "note": "<b>bold</b>"
    }
  ]
}`);
  });

  it('does not copy extra properties of the readings it is given', () => {
    const withExtra = { tenantId: TENANT, time: T1, score: 1, change: 5 } as Reading;
    expect(JSON.parse(toJson({ tenants: [], readings: [withExtra] }, T1)).readings[0]).toEqual({
      tenantId: TENANT,
      time: '2026-11-27T09:15:00.000Z',
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
