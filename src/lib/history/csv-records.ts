export interface CsvRecord {
  /** The 1-based line where the record starts (a quoted cell can span lines). */
  line: number;
  fields: string[];
  problem?: string;
}

/**
 * RFC 4180 records, one pass, no backtracking. Line ends may be CRLF, LF or CR. A quoted cell that
 * is never closed (a cut-off file) takes the rest of the file and makes its record invalid.
 */
export function* csvRecords(text: string): Generator<CsvRecord, void, undefined> {
  let position = 0;
  let line = 1;
  while (position < text.length) {
    const record: CsvRecord = { line, fields: [] };
    for (;;) {
      if (text[position] === '"') {
        const quoted = readQuotedField(text, position);
        record.fields.push(quoted.value);
        line += quoted.lineBreaks;
        position = quoted.end;
        if (!quoted.closed) record.problem ??= 'the row is cut off: a quoted cell is never closed';
        else if (position < text.length && !isFieldEnd(text, position)) {
          record.problem ??= 'a quoted cell has text after its closing quote';
          position = nextFieldEnd(text, position);
        }
      } else {
        const end = nextFieldEnd(text, position);
        record.fields.push(text.slice(position, end));
        position = end;
      }
      if (text[position] !== ',') break;
      position += 1;
    }
    const afterLineBreak = skipLineBreak(text, position);
    if (afterLineBreak !== position) line += 1;
    position = afterLineBreak;
    yield record;
  }
}

/** Spreadsheets save empty rows as `,,,`; a reader skips them rather than reporting them. */
export function isBlankRecord(record: CsvRecord): boolean {
  return record.problem === undefined && record.fields.every((field) => field.trim() === '');
}

function readQuotedField(text: string, start: number): { value: string; closed: boolean; end: number; lineBreaks: number } {
  const parts: string[] = [];
  let position = start + 1;
  let lineBreaks = 0;
  for (;;) {
    const quote = text.indexOf('"', position);
    if (quote === -1) {
      parts.push(text.slice(position));
      lineBreaks += countLineBreaks(text, position, text.length);
      return { value: parts.join(''), closed: false, end: text.length, lineBreaks };
    }
    parts.push(text.slice(position, quote));
    lineBreaks += countLineBreaks(text, position, quote);
    if (text[quote + 1] !== '"') return { value: parts.join(''), closed: true, end: quote + 1, lineBreaks };
    parts.push('"');
    position = quote + 2;
  }
}

function isFieldEnd(text: string, position: number): boolean {
  const character = text[position];
  return character === ',' || character === '\n' || character === '\r';
}

function nextFieldEnd(text: string, from: number): number {
  let position = from;
  while (position < text.length && !isFieldEnd(text, position)) position += 1;
  return position;
}

function skipLineBreak(text: string, position: number): number {
  if (text[position] === '\r') return text[position + 1] === '\n' ? position + 2 : position + 1;
  return text[position] === '\n' ? position + 1 : position;
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let position = from; position < to; position += 1) {
    const character = text[position];
    if (character === '\n' || (character === '\r' && text[position + 1] !== '\n')) count += 1;
  }
  return count;
}
