import { CalibraError, ErrorCodes } from "@calibra/core";
import { AtomicFile } from "./atomic-file.js";
import { CsvBatch } from "./csv-batch.js";
import { csvFieldQuoter, csvValue } from "./csv-field.js";
import { JsonlBatch } from "./jsonl-reader.js";
import { formatCsvNumber, formatJsonNumber } from "./number-text.js";
import type { OutputColumn, TableBatch, TableFormat, TableWriter } from "./table.js";

/**
 * Characters of output gathered (as a string built with `+=`) before they go to the file. Measured: 16–64 Ki
 * characters are about twice as fast as 1 Mi, because the string's pieces are still in the CPU cache when it is
 * encoded; fewer would mean more stream writes for nothing.
 */
export const DEFAULT_WRITE_BUFFER_CHARS = 1 << 16;

/** Options of {@link createTableWriter}. */
export interface TableWriterOptions {
  /** Characters of output gathered before each write to the file (default 64 Ki); tests make it small. */
  readonly bufferChars?: number;
}

/** Checks that every output column has a value for each of `rows` rows. */
function checkColumns(columns: readonly OutputColumn[], rows: number): void {
  for (const column of columns) {
    if (column.values.length < rows) {
      throw new CalibraError(
        ErrorCodes.LENGTH_MISMATCH,
        `output column "${column.name}" has ${column.values.length} values for ${rows} rows.`,
      );
    }
  }
}

/** Rows written as text, gathered into pieces of `bufferChars` for the file. */
abstract class TextTableWriter implements TableWriter {
  constructor(
    protected readonly file: AtomicFile,
    protected readonly bufferChars: number,
  ) {}

  abstract write(batch: TableBatch, extra: readonly OutputColumn[]): Promise<void>;
  abstract writeColumns(columns: readonly OutputColumn[], rows: number): Promise<void>;

  /** Writes `rows` lines made by `line(i)` (each without its line ending). */
  protected async writeLines(rows: number, line: (i: number) => string, first = ""): Promise<void> {
    let text = first;
    for (let i = 0; i < rows; i++) {
      text += `${line(i)}\n`;
      if (text.length >= this.bufferChars) {
        await this.file.write(text);
        text = "";
      }
    }
    if (text !== "") await this.file.write(text);
  }

  commit(): Promise<void> {
    return this.file.commit();
  }

  abort(): Promise<void> {
    return this.file.abort();
  }
}

/**
 * CSV output: a header (the first batch's columns, then the new ones) once, then every row, each ending with `\n`.
 * Rows read from a CSV file with the same delimiter are copied through as their original text (quotes as they
 * were); other values are written as fields, quoted only when needed; numbers in shortest round-trip form, NaN as
 * the empty field.
 */
class CsvTableWriter extends TextTableWriter {
  private headerWritten = false;

  constructor(
    file: AtomicFile,
    bufferChars: number,
    private readonly delimiter: string,
  ) {
    super(file, bufferChars);
  }

  /** The header line (with its line ending) the first time, then "". */
  private header(names: readonly string[]): string {
    if (this.headerWritten) return "";
    this.headerWritten = true;
    const quote = csvFieldQuoter(this.delimiter);
    return `${names.map(quote).join(this.delimiter)}\n`;
  }

  /** Row i of a batch whose rows are re-written field by field (read from another format or delimiter). */
  private recordText(record: readonly unknown[], width: number, quote: (text: string) => string): string {
    let text = csvValue(record[0], quote);
    for (let k = 1; k < width; k++) text += this.delimiter + csvValue(record[k], quote);
    return text;
  }

  /**
   * Writes `rows` rows: each the batch's row (when there is a batch), then the columns' values, separated by the
   * delimiter. One loop with the text built in place, since this runs for every row of the biggest files.
   */
  private async writeRows(
    header: string,
    rows: number,
    batch: TableBatch | undefined,
    columns: readonly OutputColumn[],
  ): Promise<void> {
    checkColumns(columns, rows);
    const delimiter = this.delimiter;
    const count = columns.length;
    const numbers = columns.map(({ values }) => (values instanceof Float64Array ? values : undefined));
    const strings = columns.map(({ values }) => (values instanceof Float64Array ? [] : values));
    const quoters = columns.map(() => csvFieldQuoter(delimiter));
    const copied = batch instanceof CsvBatch && batch.delimiter === delimiter ? batch : undefined;
    const records = batch !== undefined && copied === undefined ? batch.records : undefined;
    const width = batch?.columns.length ?? 0;
    const quote = csvFieldQuoter(delimiter);
    const limit = this.bufferChars;
    let text = header;
    for (let i = 0; i < rows; i++) {
      if (copied !== undefined) text += copied.rowText(i);
      else if (records !== undefined) text += this.recordText(records[i] as readonly unknown[], width, quote);
      for (let j = 0; j < count; j++) {
        if (j > 0 || batch !== undefined) text += delimiter;
        const values = numbers[j];
        text +=
          values !== undefined
            ? formatCsvNumber(values[i] as number)
            : (quoters[j] as (text: string) => string)((strings[j] as readonly string[])[i] as string);
      }
      text += "\n";
      if (text.length >= limit) {
        await this.file.write(text);
        text = "";
      }
    }
    if (text !== "") await this.file.write(text);
  }

  write(batch: TableBatch, extra: readonly OutputColumn[]): Promise<void> {
    const header = this.header([...batch.columns, ...extra.map((column) => column.name)]);
    return this.writeRows(header, batch.rows, batch, extra);
  }

  writeColumns(columns: readonly OutputColumn[], rows: number): Promise<void> {
    if (columns.length === 0) return Promise.resolve();
    const header = this.header(columns.map((column) => column.name));
    return this.writeRows(header, rows, undefined, columns);
  }
}

/** `"name":` for each name: the start of a JSON member. */
function memberKeys(names: readonly string[]): string[] {
  return names.map((name) => `${JSON.stringify(name)}:`);
}

/** Any value as JSON: numbers as {@link formatJsonNumber} (so -0 and infinities survive), the rest as JSON. */
function jsonValue(value: unknown): string {
  return typeof value === "number" ? formatJsonNumber(value) : JSON.stringify(value);
}

/** True when `body` (an object's text without its closing brace) has no members: `{`, maybe with spaces. */
function isEmptyObjectBody(body: string): boolean {
  let k = body.length - 1;
  while (k > 0 && body.charCodeAt(k) <= 32) k--;
  return k === 0;
}

/**
 * JSON Lines output: each input object with the new keys added at its end (objects read from a JSON Lines file
 * are copied through as their original text), numbers as shortest round-trip JSON, NaN as null.
 */
class JsonlTableWriter extends TextTableWriter {
  /** Each column's values as JSON. */
  private cells(columns: readonly OutputColumn[], rows: number): string[][] {
    return columns.map(({ values }) => {
      const cells = new Array<string>(rows);
      if (values instanceof Float64Array) {
        for (let i = 0; i < rows; i++) cells[i] = formatJsonNumber(values[i] as number);
      } else {
        // A class-name column repeats a few values: encode each run once.
        let last: string | undefined;
        let lastJson = "";
        for (let i = 0; i < rows; i++) {
          const value = values[i] as string;
          if (value !== last) {
            last = value;
            lastJson = JSON.stringify(value);
          }
          cells[i] = lastJson;
        }
      }
      return cells;
    });
  }

  async write(batch: TableBatch, extra: readonly OutputColumn[]): Promise<void> {
    const rows = batch.rows;
    checkColumns(extra, rows);
    const extraKeys = memberKeys(extra.map((column) => column.name));
    const cells = this.cells(extra, rows);
    const extraCount = cells.length;
    /** The new members of row i, each preceded by a comma. */
    const members = (i: number): string => {
      let text = "";
      for (let j = 0; j < extraCount; j++) text += `,${extraKeys[j]}${(cells[j] as string[])[i]}`;
      return text;
    };
    if (batch instanceof JsonlBatch) {
      if (extraCount === 0) return this.writeLines(rows, (i) => batch.rowText(i));
      return this.writeLines(rows, (i) => {
        const text = batch.rowText(i);
        const body = text.slice(0, -1);
        const added = members(i);
        return `${body}${isEmptyObjectBody(body) ? added.slice(1) : added}}`;
      });
    }
    const keys = memberKeys(batch.columns);
    const width = keys.length;
    const records = batch.records;
    return this.writeLines(rows, (i) => {
      const record = records[i] as readonly unknown[];
      let text = "";
      for (let k = 0; k < width; k++) {
        const value = record[k];
        if (value !== undefined) text += `,${keys[k]}${jsonValue(value)}`;
      }
      text += members(i);
      return `{${text.slice(1)}}`;
    });
  }

  async writeColumns(columns: readonly OutputColumn[], rows: number): Promise<void> {
    checkColumns(columns, rows);
    const keys = memberKeys(columns.map((column) => column.name));
    const cells = this.cells(columns, rows);
    const count = cells.length;
    return this.writeLines(rows, (i) => {
      let text = "";
      for (let j = 0; j < count; j++) text += `,${keys[j]}${(cells[j] as string[])[i]}`;
      return `{${text.slice(1)}}`;
    });
  }
}

/**
 * Starts writing a table to `path` in `format` (the input's, for `apply`): CSV keeps the delimiter, JSON Lines
 * writes one object per line. The rows go to a temporary file in the same directory; {@link TableWriter.commit}
 * renames it over `path`, {@link TableWriter.abort} deletes it, and until a commit succeeds an existing file at
 * `path` is untouched. `E_IO` naming `path` when the directory does not exist or is not writable.
 */
export async function createTableWriter(
  path: string,
  format: TableFormat,
  options: TableWriterOptions = {},
): Promise<TableWriter> {
  const bufferChars = options.bufferChars ?? DEFAULT_WRITE_BUFFER_CHARS;
  if (!(Number.isInteger(bufferChars) && bufferChars > 0)) {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      `bufferChars must be a positive integer; got ${bufferChars}.`,
    );
  }
  const file = await AtomicFile.create(path);
  return format.kind === "csv"
    ? new CsvTableWriter(file, bufferChars, format.delimiter)
    : new JsonlTableWriter(file, bufferChars);
}
