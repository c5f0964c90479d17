/**
 * The table layer's contract: what the commands read and write. CSV (header row; `,` `;` or tab, detected;
 * quoted fields) and JSON Lines (one object per line), streamed in batches so that any file size runs in bounded
 * memory; output in the input's format, written atomically.
 */

/** A table file's format. */
export type TableFormat =
  | { readonly kind: "csv"; readonly delimiter: "," | ";" | "\t" }
  | { readonly kind: "jsonl" };

/** One batch of consecutive rows of a table. */
export interface TableBatch {
  /** The table's columns, in file order (for JSON Lines: the keys of the first object, then new keys as met). */
  readonly columns: readonly string[];
  /** Number of rows in the batch. */
  readonly rows: number;
  /** Index (0-based, over the whole table's data rows) of the batch's first row. */
  readonly firstRow: number;
  /**
   * The rows' values: CSV fields as strings; JSON Lines values as parsed (number, string, boolean, null; objects
   * and arrays as parsed). `undefined` for a column a row does not have.
   */
  readonly records: readonly (readonly unknown[])[];
  /** The file line on which row i of the batch starts (1-based, the header is line 1 for CSV), for messages. */
  line(i: number): number;
}

/** Options of {@link TableReader}. */
export interface TableReadOptions {
  /** Rows per batch (default 65 536). */
  readonly batchRows?: number;
  /** Called with (bytes read so far, file size in bytes) as the file is read, for a progress bar. */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** A table being read: its format and columns are known once it is opened. */
export interface TableReader extends AsyncIterable<TableBatch> {
  readonly path: string;
  readonly format: TableFormat;
  /** The header's columns (JSON Lines: the first object's keys). */
  readonly columns: readonly string[];
}

/** A column of values to append to each output row. */
export interface OutputColumn {
  readonly name: string;
  /** One value per row of the batch: numbers (written with full precision) or strings. */
  readonly values: Float64Array | readonly string[];
}

/** A table being written in a given format; nothing is visible at `path` until {@link TableWriter.commit}. */
export interface TableWriter {
  /** Writes the batch's rows, each followed by the extra columns' values, respecting backpressure. */
  write(batch: TableBatch, extra: readonly OutputColumn[]): Promise<void>;
  /** Writes rows made entirely of new columns (for outputs that do not echo input rows). */
  writeColumns(columns: readonly OutputColumn[], rows: number): Promise<void>;
  /** Flushes, closes and renames the temporary file over `path`. */
  commit(): Promise<void>;
  /** Closes and deletes the temporary file; `path` is untouched. Safe to call after a failure, and twice. */
  abort(): Promise<void>;
}
