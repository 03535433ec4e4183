// The export formats, in one place for the code that loads them (lazily, on the first export or import).
export { CSV_COLUMNS, CSV_LABEL_COLUMN, CSV_V1_COLUMNS, CSV_V2_COLUMNS, DEVICE_SCORE_SERIES, csvLines, labelsByTenantId, toCsv, toCsvInChunks, type CsvLine } from './export-csv';
export {
  JSON_APP,
  JSON_FORMAT,
  JSON_VERSION,
  toJson,
  toJsonInChunks,
  type HistoryJsonDocument,
  type JsonNote,
  type JsonRecommendationChange,
  type JsonRecommendationRead,
  type JsonRun,
  type JsonSeriesName,
  type JsonSeriesRun,
} from './export-json';
export { EXPORT_CHUNK_SIZE, type ChunkOptions, type ExportKind, type ExportedRecords, type HistoryExport, type TenantLabel } from './export-common';
export { exportFileName } from './export-file-name';
