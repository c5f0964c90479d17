import { dataFormatError } from "./file-errors.js";
import type { FileText } from "./file-text.js";
import type { TableBatch } from "./table.js";

const OPEN_BRACE = 123; // {

/** JSON's whitespace: space, tab, line feed, carriage return. */
function isJsonSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** A batch of JSON Lines rows: the parsed values in column order, and each row's text for writing it back. */
export class JsonlBatch implements TableBatch {
  constructor(
    readonly columns: readonly string[],
    readonly rows: number,
    readonly firstRow: number,
    readonly records: readonly (readonly unknown[])[],
    private readonly texts: readonly string[],
    private readonly lines: Float64Array,
  ) {}

  line(i: number): number {
    return this.lines[i] as number;
  }

  /** Row i's object as written in the file, without surrounding whitespace. */
  rowText(i: number): string {
    return this.texts[i] as string;
  }
}

/** The start of a JSON Lines file: the first object's keys. */
export interface JsonlPrelude {
  readonly columns: readonly string[];
  /** All the text read (to push back into a pipe that cannot be read again). */
  readonly consumed: string;
}

/** The message for a line that is not one JSON object. */
function lineError(file: string, line: number, text: string, error?: unknown) {
  if (error === undefined) {
    return dataFormatError(
      file,
      line,
      `not a JSON object (the line starts with ${JSON.stringify(text.slice(0, 1))}); ` +
        'each line must hold one object such as {"score": 0.7, "label": 1}.',
    );
  }
  return dataFormatError(
    file,
    line,
    `not valid JSON (${(error as Error).message}); each line must hold one complete object ` +
      "(JSON Lines, not a JSON array or pretty-printed JSON).",
  );
}

/** Parses one line's object: `E_DATA_FORMAT` naming file:line when it is not valid JSON or not an object. */
function parseObjectLine(file: string, line: number, text: string): Record<string, unknown> {
  if (text.charCodeAt(0) !== OPEN_BRACE) throw lineError(file, line, text);
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw lineError(file, line, text, error);
  }
}

/**
 * The lines of a text from `pos` on, one at a time: calls `onLine(start, end, line)` for each non-blank line (the
 * range without surrounding whitespace) and returns where the unfinished last line starts (`text.length` when the
 * text ends with a newline, or at the end of the file).
 */
function forEachLine(
  text: string,
  atEnd: boolean,
  firstLine: number,
  onLine: (start: number, end: number, line: number) => boolean,
): { pos: number; line: number } {
  let pos = 0;
  let line = firstLine;
  while (pos < text.length) {
    let newline = text.indexOf("\n", pos);
    if (newline === -1) {
      if (!atEnd) break;
      newline = text.length;
    }
    let start = pos;
    while (start < newline && isJsonSpace(text.charCodeAt(start))) start++;
    let end = newline;
    while (end > start && isJsonSpace(text.charCodeAt(end - 1))) end--;
    const stop = start < end && onLine(start, end, line);
    line++;
    pos = newline + 1;
    if (stop) break;
  }
  return { pos, line };
}

/** Reads a JSON Lines file up to its first object, whose keys are the table's columns (none for an empty file). */
export async function readJsonlPrelude(source: FileText): Promise<JsonlPrelude> {
  let consumed = "";
  let text = "";
  let line = 1;
  let atEnd = false;
  for (;;) {
    let columns: string[] | undefined;
    const scan = forEachLine(text, atEnd, line, (start, end, at) => {
      columns = Object.keys(parseObjectLine(source.path, at, text.slice(start, end)));
      return true;
    });
    if (columns !== undefined) return { columns, consumed };
    if (atEnd) return { columns: [], consumed };
    text = text.slice(scan.pos);
    line = scan.line;
    const chunk = await source.next();
    if (chunk === undefined) atEnd = true;
    else {
      consumed += chunk;
      text += chunk;
    }
  }
}

/**
 * The rows of a JSON Lines file in batches of `batchRows`: one object per line, blank lines skipped. The columns
 * are the first object's keys, then new keys in the order they are met (a batch lists those known at its end; rows
 * without a key hold `undefined` there). A line that is not a JSON object is `E_DATA_FORMAT` naming file:line.
 */
export async function* readJsonlBatches(source: FileText, batchRows: number): AsyncGenerator<TableBatch> {
  const file = source.path;
  const columns: string[] = [];
  const position = new Map<string, number>();
  let records = new Array<unknown[]>(batchRows);
  let texts = new Array<string>(batchRows);
  let lines = new Float64Array(batchRows);
  let rows = 0;
  let firstRow = 0;
  let line = 1;
  let text = "";
  let atEnd = false;
  const addRow = (start: number, end: number, at: number): boolean => {
    const rowText = text.slice(start, end);
    const object = parseObjectLine(file, at, rowText);
    const record = new Array<unknown>(columns.length);
    for (const key in object) {
      let index = position.get(key);
      if (index === undefined) {
        index = columns.length;
        columns.push(key);
        position.set(key, index);
      }
      record[index] = object[key];
    }
    records[rows] = record;
    texts[rows] = rowText;
    lines[rows] = at;
    rows++;
    return rows === batchRows;
  };
  try {
    for (;;) {
      const scan = forEachLine(text, atEnd, line, addRow);
      text = text.slice(scan.pos);
      line = scan.line;
      if (rows === batchRows) {
        records.length = rows;
        yield new JsonlBatch(columns.slice(), rows, firstRow, records, texts, lines);
        firstRow += rows;
        rows = 0;
        records = new Array<unknown[]>(batchRows);
        texts = new Array<string>(batchRows);
        lines = new Float64Array(batchRows);
        continue;
      }
      if (atEnd) break;
      const chunk = await source.next();
      if (chunk === undefined) atEnd = true;
      else text += chunk;
    }
    if (rows > 0) {
      records.length = rows;
      yield new JsonlBatch(columns.slice(), rows, firstRow, records, texts, lines);
    }
  } finally {
    await source.close();
  }
}
