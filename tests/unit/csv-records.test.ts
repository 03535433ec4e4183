import { describe, expect, it } from 'vitest';
import { csvRecords, isBlankRecord } from '../../src/lib/history/csv-records';

const read = (text: string) => [...csvRecords(text)];

describe('csvRecords', () => {
  it('splits records and fields, undoing RFC 4180 quoting', () => {
    expect(read('a,b\r\n"c, ""d""",\r\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c, "d"', ''] },
    ]);
  });

  it('gives the line where each record starts, across quoted line breaks of any kind', () => {
    expect(read('"1\r\n2\r3\n4",x\ny\rz').map((r) => r.line)).toEqual([1, 5, 6]);
  });

  it('marks a record cut off inside a quoted cell, which takes the rest of the file', () => {
    expect(read('a\n"never closed\nb,c')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 2, fields: ['never closed\nb,c'], problem: 'the row is cut off: a quoted cell is never closed' },
    ]);
  });

  it('marks text after a closing quote and goes on with the next cell', () => {
    expect(read('"a"b,c\nd')).toEqual([
      { line: 1, fields: ['a', 'c'], problem: 'a quoted cell has text after its closing quote' },
      { line: 2, fields: ['d'] },
    ]);
  });

  it('reads nothing from an empty text, and one empty field from an empty line', () => {
    expect(read('')).toEqual([]);
    expect(read('\n')).toEqual([{ line: 1, fields: [''] }]);
  });
});

describe('isBlankRecord', () => {
  it('is true for empty rows as spreadsheets save them, not for rows with a problem', () => {
    expect(isBlankRecord({ line: 1, fields: ['', ' ', ''] })).toBe(true);
    expect(isBlankRecord({ line: 1, fields: ['', 'x'] })).toBe(false);
    expect(isBlankRecord({ line: 1, fields: [''], problem: 'the row is cut off: a quoted cell is never closed' })).toBe(false);
  });
});
