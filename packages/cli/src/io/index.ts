export { type ColumnSource, columnIndex, readNumbers, readStrings } from "./columns.js";
export { type CsvDelimiter, detectDelimiter } from "./csv-header.js";
export { formatCsvNumber, formatJsonNumber, parseNumberText } from "./number-text.js";
export { DEFAULT_BATCH_ROWS, openTable } from "./open-table.js";
export { createProgress, formatBytes, type Progress, type ProgressOptions } from "./progress.js";
export { selectRows } from "./select-rows.js";
export type {
  OutputColumn,
  TableBatch,
  TableFormat,
  TableReader,
  TableReadOptions,
  TableWriter,
} from "./table.js";
export { createTableWriter, DEFAULT_WRITE_BUFFER_CHARS, type TableWriterOptions } from "./table-writer.js";
