import { parse } from "csv-parse/sync";
import { dataFormatError } from "./file-errors.js";

/** A CSV delimiter Calibra reads and writes. */
export type CsvDelimiter = "," | ";" | "\t";

/** The delimiters detection chooses from, in the order that breaks ties (a header with as many `;` as `,`). */
export const DELIMITER_CANDIDATES: readonly CsvDelimiter[] = [",", ";", "\t"];

const QUOTE = 34; // "
const NEWLINE = 10; // \n
const CARRIAGE_RETURN = 13; // \r

/** Where the header line of a CSV text ends. */
export interface CsvHeaderLine {
  /** The header without its line ending (quoted newlines inside it kept). */
  readonly text: string;
  /** Index in the text just past the header's line ending: where the data rows start. */
  readonly end: number;
  /** Number of file lines the header spans (more than 1 only when a quoted column name holds a newline). */
  readonly lines: number;
}

/**
 * The first line of `text`: it ends at the first newline outside double quotes. `undefined` when `text` holds no
 * such newline yet and more of the file is to come (`atEnd` false); at the end of the file the whole text is the
 * header.
 */
export function findHeaderLine(text: string, atEnd: boolean): CsvHeaderLine | undefined {
  let quoted = false;
  let lines = 1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) quoted = !quoted;
    else if (code === NEWLINE) {
      if (!quoted) {
        const textEnd = i > 0 && text.charCodeAt(i - 1) === CARRIAGE_RETURN ? i - 1 : i;
        return { text: text.slice(0, textEnd), end: i + 1, lines };
      }
      lines++;
    }
  }
  if (!atEnd) return undefined;
  const textEnd = text.endsWith("\r") ? text.length - 1 : text.length;
  return { text: text.slice(0, textEnd), end: text.length, lines };
}

/**
 * The delimiter of a CSV file, from its header line: the candidate (`,` `;` tab) that occurs most often outside
 * double quotes; `,` when none occurs (a one-column file) or on a tie with `,`.
 */
export function detectDelimiter(headerText: string): CsvDelimiter {
  const counts = [0, 0, 0];
  let quoted = false;
  for (let i = 0; i < headerText.length; i++) {
    const char = headerText[i];
    if (char === '"') quoted = !quoted;
    else if (!quoted) {
      const candidate = DELIMITER_CANDIDATES.indexOf(char as CsvDelimiter);
      if (candidate >= 0) counts[candidate] = (counts[candidate] as number) + 1;
    }
  }
  let best = 0;
  for (let k = 1; k < counts.length; k++) if ((counts[k] as number) > (counts[best] as number)) best = k;
  return DELIMITER_CANDIDATES[best] as CsvDelimiter;
}

/**
 * The column names of a header line, split at `delimiter` (quoted names unquoted by csv-parse) and trimmed:
 * spaces around a name (`id, score`) are never part of it.
 */
export function parseHeaderColumns(headerText: string, delimiter: CsvDelimiter, file: string): string[] {
  let fields: string[];
  if (headerText.includes('"')) {
    try {
      const records = parse(headerText, {
        delimiter,
        relax_quotes: true,
        relax_column_count: true,
        record_delimiter: ["\r\n", "\n"],
      }) as string[][];
      fields = records[0] ?? [""];
    } catch (error) {
      throw dataFormatError(
        file,
        1,
        `the header line is not valid CSV (${(error as Error).message}); fix its quotes.`,
      );
    }
  } else {
    fields = headerText.split(delimiter);
  }
  return fields.map((name) => name.trim());
}
