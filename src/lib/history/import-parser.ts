import { err, type Result } from '../util/result';
import { parseCsv } from './import-csv';
import { parseJson } from './import-json';
import type { ImportOptions, ParsedImport } from './import-rows';

export { MAX_IMPORT_ROWS } from './import-rows';
export type { FileVersion, ImportOptions, InvalidRow, ParsedImport, RowKind } from './import-rows';

/**
 * Checked against `text.length` (UTF-16 units, never more than the file's UTF-8 bytes) only as a
 * backstop: the UI should refuse a File whose `size` is larger before reading it into memory.
 */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/**
 * Reads a file made by toCsv or toJson, of this version or an older one. Invalid rows are skipped and
 * reported; the file as a whole is refused, with a sentence saying why, only when it cannot be one of
 * ours. Never throws.
 */
export function parseImportFile(name: string, text: string, options: ImportOptions): Result<ParsedImport, string> {
  if (!/\.(csv|json)$/i.test(name.trim())) return err('Only .csv and .json files exported from Scoreline can be imported.');
  if (text.length > MAX_IMPORT_BYTES) return err('The file is larger than 20 MB, more than any Scoreline history.');
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const firstCharacter = /\S/.exec(body)?.[0];
  if (firstCharacter === undefined) return err('The file is empty.');
  // A CSV of ours starts with its header, so `[` can only be (someone else's) JSON.
  return firstCharacter === '{' || firstCharacter === '[' ? parseJson(body, options.now) : parseCsv(body, options);
}

