import { extname } from "node:path";
import { CalibraError, ErrorCodes } from "@calibra/core";
import type { CsvDelimiter } from "./csv-header.js";
import { readCsvBatches, readCsvPrelude } from "./csv-reader.js";
import { FileText } from "./file-text.js";
import { readJsonlBatches, readJsonlPrelude } from "./jsonl-reader.js";
import type { TableBatch, TableFormat, TableReader, TableReadOptions } from "./table.js";

/**
 * Rows per batch unless the caller says otherwise: 65 536 rows of a few columns are a few MB, big enough that the
 * per-batch work (one pipeline call, one write) vanishes, small enough that memory stays flat for any file size.
 */
export const DEFAULT_BATCH_ROWS = 65_536;

/** File extensions read as JSON Lines. */
const JSON_LINES_EXTENSIONS = new Set([".jsonl", ".ndjson"]);

/** The format a file's name implies: JSON Lines, tab-separated, or CSV with its delimiter still to detect. */
function formatOfPath(
  path: string,
): { kind: "jsonl" } | { kind: "csv"; delimiter: CsvDelimiter | undefined } {
  const extension = extname(path).toLowerCase();
  if (JSON_LINES_EXTENSIONS.has(extension)) return { kind: "jsonl" };
  return { kind: "csv", delimiter: extension === ".tsv" ? "\t" : undefined };
}

/** A table being read: a regular file is read afresh by each iteration; a pipe once, from where opening left it. */
class FileTableReader implements TableReader {
  private pipe: FileText | undefined;
  /** True for a pipe or a device: a second pass cannot open it again (opening would wait for a new writer). */
  private readonly readOnce: boolean;

  constructor(
    readonly path: string,
    readonly format: TableFormat,
    readonly columns: readonly string[],
    /** The opened file when it cannot be opened again (a pipe), with the text read so far pushed back. */
    pipe: FileText | undefined,
    private readonly batchRows: number,
    private readonly onProgress: ((bytesRead: number, totalBytes: number) => void) | undefined,
  ) {
    this.pipe = pipe;
    this.readOnce = pipe !== undefined;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<TableBatch> {
    let source: FileText;
    if (this.pipe !== undefined) {
      source = this.pipe;
      this.pipe = undefined;
    } else if (this.readOnce) {
      throw new CalibraError(
        ErrorCodes.IO,
        `cannot read ${this.path} twice: it is a pipe or a device. Save it to a file first.`,
      );
    } else {
      source = await FileText.open(this.path, this.onProgress);
    }
    try {
      if (this.format.kind === "jsonl") {
        yield* readJsonlBatches(source, this.batchRows);
      } else {
        // The delimiter found on opening holds for every pass.
        const prelude = await readCsvPrelude(source, this.format.delimiter);
        if (!prelude.empty) yield* readCsvBatches(source, prelude, this.batchRows);
      }
    } finally {
      await source.close();
    }
  }
}

/**
 * Opens a table file: JSON Lines for `.jsonl` and `.ndjson`, tab-separated CSV for `.tsv`, and CSV otherwise with
 * the delimiter (`,` `;` or tab) that occurs most often outside quotes in the header line. Reads only the start of
 * the file (the header, or the first object); iterating the reader streams the rows in batches of
 * `options.batchRows`, calling `options.onProgress` as it reads.
 *
 * An empty file (or a header alone) gives a reader without rows; a blank first line before data is
 * `E_DATA_FORMAT`, as is a first JSON line that is not an object. A missing or unreadable file is `E_IO` naming
 * the path.
 */
export async function openTable(path: string, options: TableReadOptions = {}): Promise<TableReader> {
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  if (!Number.isInteger(batchRows) || batchRows < 1) {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      `batchRows must be a positive integer; got ${batchRows}.`,
    );
  }
  const implied = formatOfPath(path);
  // Opening reads the header only; progress is reported by the pass over the rows.
  const source = await FileText.open(path);
  try {
    let format: TableFormat;
    let columns: readonly string[];
    let consumed: string;
    if (implied.kind === "jsonl") {
      const prelude = await readJsonlPrelude(source);
      format = { kind: "jsonl" };
      columns = prelude.columns;
      consumed = prelude.consumed;
    } else {
      const prelude = await readCsvPrelude(source, implied.delimiter);
      format = { kind: "csv", delimiter: prelude.delimiter };
      columns = prelude.columns;
      consumed = prelude.consumed;
    }
    let pipe: FileText | undefined;
    if (source.rereadable) await source.close();
    else {
      source.pushBack(consumed);
      pipe = source;
    }
    return new FileTableReader(
      path,
      format,
      Object.freeze([...columns]),
      pipe,
      batchRows,
      options.onProgress,
    );
  } catch (error) {
    await source.close();
    throw error;
  }
}
