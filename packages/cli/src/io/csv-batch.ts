import type { TableBatch } from "./table.js";

/**
 * A batch of CSV rows kept as the file's own text: for each row, the string it lies in and where it starts and ends
 * (without its line ending). Rows that csv-parse unquoted (the file has quotes) also keep their fields.
 *
 * Nothing is split per row while reading: {@link CsvBatch.field} finds one field in a row's text when a command
 * asks for a column, and a writer copies {@link CsvBatch.rowText} through unchanged. `records` (every field of every
 * row) is built only when something reads it.
 */
export class CsvBatch implements TableBatch {
  private materialized: string[][] | undefined;

  constructor(
    readonly columns: readonly string[],
    readonly rows: number,
    readonly firstRow: number,
    /** The file's delimiter. */
    readonly delimiter: string,
    private readonly texts: readonly string[],
    private readonly starts: Int32Array,
    private readonly ends: Int32Array,
    private readonly lines: Float64Array,
    /** Per row: the fields as csv-parse unquoted them, or `undefined` when the row holds no quote. */
    private readonly parsed: readonly (readonly string[] | undefined)[] | undefined,
  ) {}

  /** Every row's fields (built on first use, then kept). */
  get records(): readonly (readonly string[])[] {
    if (this.materialized === undefined) {
      const records = new Array<string[]>(this.rows);
      for (let i = 0; i < this.rows; i++) {
        const fields = this.parsed?.[i];
        records[i] = fields ? [...fields] : this.rowText(i).split(this.delimiter);
      }
      this.materialized = records;
    }
    return this.materialized;
  }

  line(i: number): number {
    return this.lines[i] as number;
  }

  /** Row i's text as it is in the file (quotes kept), without its line ending. */
  rowText(i: number): string {
    const text = this.texts[i] as string;
    const start = this.starts[i] as number;
    const end = this.ends[i] as number;
    return start === 0 && end === text.length ? text : text.slice(start, end);
  }

  /** The value of column `column` in row i (unquoted). */
  field(i: number, column: number): string {
    const fields = this.parsed?.[i];
    if (fields !== undefined) return fields[column] as string;
    const text = this.texts[i] as string;
    const end = this.ends[i] as number;
    let start = this.starts[i] as number;
    for (let k = 0; k < column; k++) start = text.indexOf(this.delimiter, start) + 1;
    const next = text.indexOf(this.delimiter, start);
    return text.slice(start, next === -1 || next > end ? end : next);
  }
}

/** Gathers rows into {@link CsvBatch}es of a fixed number of rows. */
export class CsvBatchBuilder {
  /** Rows gathered so far. */
  rows = 0;
  private texts: string[];
  private starts: Int32Array;
  private ends: Int32Array;
  private lines: Float64Array;
  private parsed: (readonly string[] | undefined)[] | undefined;

  constructor(
    private readonly columns: readonly string[],
    private readonly delimiter: string,
    /** Rows per batch. */
    readonly capacity: number,
  ) {
    this.texts = new Array<string>(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.lines = new Float64Array(capacity);
  }

  /** True when a batch's worth of rows is gathered. */
  get full(): boolean {
    return this.rows === this.capacity;
  }

  /** Adds a row without quotes: `text.slice(start, end)`, starting on file line `line`. */
  addLine(text: string, start: number, end: number, line: number): void {
    const i = this.rows++;
    this.texts[i] = text;
    this.starts[i] = start;
    this.ends[i] = end;
    this.lines[i] = line;
  }

  /** Adds a row csv-parse read: its text in the file (`raw`) and its unquoted fields. */
  addRecord(raw: string, fields: readonly string[], line: number): void {
    if (this.parsed === undefined) this.parsed = new Array(this.capacity);
    const i = this.rows++;
    this.texts[i] = raw;
    this.starts[i] = 0;
    this.ends[i] = raw.length;
    this.lines[i] = line;
    this.parsed[i] = fields;
  }

  /**
   * The gathered rows as a batch whose first row has index `firstRow`; the builder starts afresh (new arrays, since
   * the batch keeps its own).
   */
  take(firstRow: number): CsvBatch {
    const rows = this.rows;
    const batch = new CsvBatch(
      this.columns,
      rows,
      firstRow,
      this.delimiter,
      this.texts,
      this.starts,
      this.ends,
      this.lines,
      this.parsed,
    );
    this.rows = 0;
    this.texts = new Array<string>(this.capacity);
    this.starts = new Int32Array(this.capacity);
    this.ends = new Int32Array(this.capacity);
    this.lines = new Float64Array(this.capacity);
    this.parsed = undefined;
    return batch;
  }
}
