import { pipeline, Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { CsvBatchBuilder } from "./csv-batch.js";
import { type CsvDelimiter, detectDelimiter, findHeaderLine, parseHeaderColumns } from "./csv-header.js";
import { dataFormatError } from "./file-errors.js";
import type { FileText } from "./file-text.js";
import type { TableBatch } from "./table.js";

const NEWLINE = 10; // \n
const CARRIAGE_RETURN = 13; // \r

/** What the start of a CSV file says: its delimiter and columns, and the text after the header. */
export interface CsvPrelude {
  /** The file holds nothing but whitespace: a table without columns or rows. */
  readonly empty: boolean;
  readonly delimiter: CsvDelimiter;
  readonly columns: readonly string[];
  /** File lines the header spans. */
  readonly headerLines: number;
  /** The text read past the header (the first data rows, possibly a partial line). */
  readonly rest: string;
  /** All the text read so far, header included (to push back into a pipe that cannot be read again). */
  readonly consumed: string;
}

/**
 * Reads the header of a CSV file: the first line, its delimiter (`fixedDelimiter`, or detected) and column names.
 * A whitespace-only file is an empty table; a blank first line before non-blank lines is `E_DATA_FORMAT`.
 */
export async function readCsvPrelude(
  source: FileText,
  fixedDelimiter: CsvDelimiter | undefined,
): Promise<CsvPrelude> {
  let text = "";
  let atEnd = false;
  let header = findHeaderLine(text, atEnd);
  while (header === undefined) {
    const chunk = await source.next();
    if (chunk === undefined) atEnd = true;
    else text += chunk;
    header = findHeaderLine(text, atEnd);
  }
  const delimiter = fixedDelimiter ?? detectDelimiter(header.text);
  if (header.text.trim() === "") {
    // A blank first line: an empty table if nothing else follows, else a file without a header.
    let rest = text.slice(header.end);
    for (;;) {
      if (rest.trim() !== "") {
        await source.close();
        throw dataFormatError(
          source.path,
          1,
          "the first line is empty; it must be the header naming the columns (e.g. id,score,label).",
        );
      }
      if (atEnd) break;
      const chunk = await source.next();
      if (chunk === undefined) atEnd = true;
      else rest = chunk;
    }
    return { empty: true, delimiter, columns: [], headerLines: header.lines, rest: "", consumed: text };
  }
  const columns = parseHeaderColumns(header.text, delimiter, source.path);
  return {
    empty: false,
    delimiter,
    columns,
    headerLines: header.lines,
    rest: text.slice(header.end),
    consumed: text,
  };
}

/** The message for a row whose number of fields differs from the header's. */
function fieldCountError(file: string, line: number, fields: number, columns: number) {
  return dataFormatError(
    file,
    line,
    `${fields} field${fields === 1 ? "" : "s"}, the header has ${columns} column${columns === 1 ? "" : "s"}. ` +
      "Quote fields that contain the delimiter, or fix the row.",
  );
}

/** Number of `\n` in `text`. */
function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

/** A row's text as csv-parse hands it over (`raw`), without its line ending. */
function withoutLineEnding(raw: string): string {
  let end = raw.length;
  if (end > 0 && raw.charCodeAt(end - 1) === NEWLINE) end--;
  if (end > 0 && raw.charCodeAt(end - 1) === CARRIAGE_RETURN) end--;
  return end === raw.length ? raw : raw.slice(0, end);
}

/** The text of the file from `first` on: for csv-parse, once the file turned out to hold quotes. */
async function* remainingText(first: string, source: FileText): AsyncGenerator<string> {
  if (first !== "") yield first;
  for (let chunk = await source.next(); chunk !== undefined; chunk = await source.next()) yield chunk;
}

/**
 * The data rows of a CSV file in batches of `batchRows`, after its prelude.
 *
 * Lines without a double quote are sliced straight out of the text (the common case for files of scores, and many
 * times faster than a general parser). From the first line that holds a quote on, the rest of the file goes through
 * csv-parse's streaming parser, which handles quoted delimiters, `""` escapes and quoted fields spanning lines; the
 * line numbers are counted from each row's raw text so that `line(i)` stays right after a multi-line field.
 * Blank lines are skipped. A row with another number of fields than the header is `E_DATA_FORMAT` naming file:line.
 */
export async function* readCsvBatches(
  source: FileText,
  prelude: CsvPrelude,
  batchRows: number,
): AsyncGenerator<TableBatch> {
  const file = source.path;
  const { delimiter, columns } = prelude;
  const columnCount = columns.length;
  const builder = new CsvBatchBuilder(columns, delimiter, batchRows);
  let firstRow = 0;
  /** The file line the next line of text is on. */
  let line = prelude.headerLines + 1;
  let text = prelude.rest;
  let atEnd = false;
  let quoted = false;
  try {
    // Phase 1: lines without quotes, sliced from the text.
    for (;;) {
      const quote = text.indexOf('"');
      // Lines before the one holding the first quote are plain; from that line on, csv-parse takes over.
      const stop = quote === -1 ? text.length : text.lastIndexOf("\n", quote) + 1;
      /** Position of the next delimiter at or after `pos` (text.length when none): found once, reused by the lines. */
      let nextDelimiter = text.indexOf(delimiter);
      if (nextDelimiter === -1) nextDelimiter = text.length;
      let pos = 0;
      while (pos < stop) {
        let newline = text.indexOf("\n", pos);
        if (newline === -1) {
          if (!atEnd) break;
          newline = text.length; // the last line, without a line ending
        }
        let end = newline;
        if (end > pos && text.charCodeAt(end - 1) === CARRIAGE_RETURN) end--;
        if (end > pos) {
          let fields = 1;
          while (nextDelimiter < end) {
            if (nextDelimiter >= pos) fields++;
            nextDelimiter = text.indexOf(delimiter, nextDelimiter + 1);
            if (nextDelimiter === -1) nextDelimiter = text.length;
          }
          if (fields !== columnCount) throw fieldCountError(file, line, fields, columnCount);
          builder.addLine(text, pos, end, line);
          if (builder.full) {
            yield builder.take(firstRow);
            firstRow += batchRows;
          }
        }
        line++;
        pos = newline + 1;
      }
      if (quote !== -1 && pos >= stop) {
        text = text.slice(stop);
        quoted = true;
        break;
      }
      text = text.slice(pos);
      if (atEnd) break;
      const chunk = await source.next();
      if (chunk === undefined) atEnd = true;
      else text += chunk;
    }

    // Phase 2: from the first line with a quote on, csv-parse.
    if (quoted) {
      const parser = parse({
        delimiter,
        record_delimiter: ["\r\n", "\n"],
        raw: true,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: false,
        bom: false,
      });
      pipeline(Readable.from(remainingText(text, source), { objectMode: false }), parser, () => undefined);
      try {
        for await (const item of parser as AsyncIterable<{ record: string[]; raw: string }>) {
          const raw = withoutLineEnding(item.raw);
          const start = line;
          line += 1 + countNewlines(raw);
          if (raw === "") continue;
          const fields = item.record.length;
          if (fields !== columnCount) throw fieldCountError(file, start, fields, columnCount);
          builder.addRecord(raw, item.record, start);
          if (builder.full) {
            yield builder.take(firstRow);
            firstRow += batchRows;
          }
        }
      } catch (error) {
        if (error instanceof CsvError) throw csvParseError(file, line, error);
        throw error;
      } finally {
        parser.destroy();
      }
    }
    if (builder.rows > 0) yield builder.take(firstRow);
  } finally {
    await source.close();
  }
}

/** A csv-parse error as `E_DATA_FORMAT` at the line where the row being parsed starts. */
function csvParseError(file: string, line: number, error: CsvError) {
  if (error.code === "CSV_QUOTE_NOT_CLOSED") {
    return dataFormatError(
      file,
      line,
      'a quoted field starts on this row and is never closed; close the quote, or write a quote inside a quoted field as "".',
    );
  }
  return dataFormatError(file, line, `${error.message.replace(/ at line \d+/, "")}.`);
}
