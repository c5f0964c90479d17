import { CalibraError, ErrorCodes } from "@calibra/core";
import { CsvBatch } from "./csv-batch.js";
import { dataFormatError } from "./file-errors.js";
import { parseNumberText } from "./number-text.js";
import type { TableBatch } from "./table.js";

/** How many column names a "no such column" message lists before it says how many more there are. */
const LISTED_COLUMNS = 20;

/** How much of a bad value a message quotes: enough to recognise it, not a whole runaway field. */
const QUOTED_VALUE_CHARS = 40;

/** Where values are read from, for messages: the file (as the user named it) and the column's name. */
export interface ColumnSource {
  readonly file: string;
  readonly column: string;
}

/** A column name as a message shows it: bare, or quoted when empty or padded. */
function shownName(name: string): string {
  return name === "" || name.trim() !== name ? JSON.stringify(name) : name;
}

/**
 * The index of column `name` among `columns` (a reader's, a batch's, or a list). `E_DATA_FORMAT` when there is no
 * such column — `data.csv: no column "score"; the columns are: id, logit, label` (the first 20 and a count of the
 * rest when there are more), with a suggestion when a column differs only in case — or when the name occurs more
 * than once.
 */
export function columnIndex(
  columns: readonly string[] | { readonly columns: readonly string[] },
  name: string,
  file: string,
): number {
  const names = Array.isArray(columns)
    ? (columns as readonly string[])
    : (columns as { columns: string[] }).columns;
  const index = names.indexOf(name);
  if (index === -1) {
    const listed = names.slice(0, LISTED_COLUMNS).map(shownName).join(", ");
    const more = names.length > LISTED_COLUMNS ? ` and ${names.length - LISTED_COLUMNS} more` : "";
    const lower = name.trim().toLowerCase();
    const nearMiss = names.find((column) => column.trim().toLowerCase() === lower);
    const suggestion = nearMiss === undefined ? "" : ` (did you mean "${nearMiss}"?)`;
    const message =
      names.length === 0
        ? `${file}: no column "${name}"; the file has no columns (is it empty?)`
        : `${file}: no column "${name}"${suggestion}; the columns are: ${listed}${more}`;
    throw new CalibraError(ErrorCodes.DATA_FORMAT, message, {
      details: { file, column: name, columns: names },
    });
  }
  const again = names.indexOf(name, index + 1);
  if (again !== -1) {
    throw new CalibraError(
      ErrorCodes.DATA_FORMAT,
      `${file}: column "${name}" appears more than once (columns ${index + 1} and ${again + 1}); rename one of them.`,
      { details: { file, column: name } },
    );
  }
  return index;
}

/** Refuses a column index outside a CSV batch's columns (a CSV row has exactly that many fields). */
function checkColumnIndex(batch: CsvBatch, column: number): void {
  if (!(Number.isInteger(column) && column >= 0 && column < batch.columns.length)) {
    throw new CalibraError(
      ErrorCodes.DATA_FORMAT,
      `no column ${column}: the table has ${batch.columns.length} (${batch.columns.join(", ")}).`,
    );
  }
}

/** The message for a value that is not a number. */
function notANumber(where: ColumnSource, line: number, value: unknown): CalibraError {
  let shown = typeof value === "string" ? value : JSON.stringify(value);
  if (shown.length > QUOTED_VALUE_CHARS) shown = `${shown.slice(0, QUOTED_VALUE_CHARS)}…`;
  return dataFormatError(
    where.file,
    line,
    `column "${where.column}": ${JSON.stringify(shown)} is not a number`,
  );
}

/**
 * Reads column `column` of every row of `batch` as numbers into `out[offset … offset + batch.rows)` and returns
 * how many are NaN (missing).
 *
 * CSV text follows `Number(text)` (surrounding spaces ignored, exponents, `Infinity`), except that an empty or
 * all-space field and `NaN`/`nan` are NaN, and `inf`/`-inf` are ±Infinity. JSON values: numbers as they are,
 * `null` and absent keys NaN, numeric strings as CSV text. Anything else is `E_DATA_FORMAT`:
 * `scores.csv:1042: column "score": "abc" is not a number`.
 */
export function readNumbers(
  batch: TableBatch,
  column: number,
  out: Float64Array,
  offset: number,
  where: ColumnSource,
): number {
  const rows = batch.rows;
  if (offset < 0 || out.length - offset < rows) {
    throw new CalibraError(
      ErrorCodes.LENGTH_MISMATCH,
      `readNumbers: ${rows} rows do not fit in ${out.length} numbers from offset ${offset}.`,
    );
  }
  let missing = 0;
  if (batch instanceof CsvBatch) {
    checkColumnIndex(batch, column);
    for (let i = 0; i < rows; i++) {
      const text = batch.field(i, column);
      const value = parseNumberText(text);
      if (value === undefined) throw notANumber(where, batch.line(i), text);
      if (Number.isNaN(value)) missing++;
      out[offset + i] = value;
    }
    return missing;
  }
  const records = batch.records;
  for (let i = 0; i < rows; i++) {
    const raw = (records[i] as readonly unknown[])[column];
    let value: number | undefined;
    if (typeof raw === "number") value = raw;
    else if (raw === null || raw === undefined) value = Number.NaN;
    else if (typeof raw === "string") value = parseNumberText(raw);
    if (value === undefined) throw notANumber(where, batch.line(i), raw);
    if (Number.isNaN(value)) missing++;
    out[offset + i] = value;
  }
  return missing;
}

/**
 * Reads column `column` of every row of `batch` as text (for labels): CSV fields as they are, JSON strings as they
 * are, numbers with `String()`, booleans as `true`/`false`, objects as JSON; `null`, absent keys and empty fields
 * are `""`, for the command to treat as missing.
 */
export function readStrings(batch: TableBatch, column: number): string[] {
  const rows = batch.rows;
  const out = new Array<string>(rows);
  if (batch instanceof CsvBatch) {
    checkColumnIndex(batch, column);
    for (let i = 0; i < rows; i++) out[i] = batch.field(i, column);
    return out;
  }
  const records = batch.records;
  for (let i = 0; i < rows; i++) {
    const raw = (records[i] as readonly unknown[])[column];
    if (typeof raw === "string") out[i] = raw;
    else if (raw === null || raw === undefined) out[i] = "";
    else if (typeof raw === "object") out[i] = JSON.stringify(raw);
    else out[i] = String(raw);
  }
  return out;
}
