import { CalibraError, ErrorCodes } from "@calibra/core";
import { columnIndex, readNumbers, type TableBatch } from "./io/index.js";

/** Splits a comma-separated list option, dropping blanks. */
export function listOption(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/**
 * The feature columns to read: `--features` when given; else the names the model records; else every column but
 * `exclude`. `E_DATA_FORMAT` listing the columns when a named one is missing, `E_FEATURE_COUNT` when the count
 * differs from what the model expects.
 */
export function chooseFeatureColumns(
  file: string,
  columns: readonly string[],
  options: {
    readonly features?: readonly string[] | undefined;
    readonly modelNames?: readonly string[] | undefined;
    readonly exclude?: readonly string[] | undefined;
    readonly expected?: number | undefined;
  },
): { names: string[]; indices: number[] } {
  const names = [
    ...(options.features ??
      options.modelNames ??
      columns.filter((column) => !(options.exclude ?? []).includes(column))),
  ];
  const indices = names.map((name) => columnIndex(columns, name, file));
  if (options.expected !== undefined && names.length !== options.expected) {
    throw new CalibraError(
      ErrorCodes.FEATURE_COUNT,
      `the model expects ${options.expected} features per row; ${file} gives ${names.length} (${names.join(", ")}). ` +
        "Name them with --features a,b,c (in the model's order) or leave columns out with --exclude.",
      { details: { expected: options.expected, got: names.length } },
    );
  }
  return { names, indices };
}

/**
 * Reads a batch's feature columns into a row-major matrix (`rows × indices.length`) and returns how many rows hold
 * a missing value and the line of the first, so a command can refuse them with one message. `column` is a scratch
 * buffer of at least `batch.rows` numbers.
 */
export function readFeatureMatrix(
  batch: TableBatch,
  file: string,
  names: readonly string[],
  indices: readonly number[],
  matrix: Float64Array,
  column: Float64Array,
): { missingRows: number; firstMissingLine: number } {
  const width = indices.length;
  const n = batch.rows;
  indices.forEach((index, j) => {
    readNumbers(batch, index, column, 0, { file, column: names[j] as string });
    for (let i = 0; i < n; i++) matrix[i * width + j] = column[i] as number;
  });
  let missingRows = 0;
  let firstMissingLine = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < width; j++) {
      if (Number.isNaN(matrix[i * width + j])) {
        if (missingRows === 0) firstMissingLine = batch.line(i);
        missingRows++;
        break;
      }
    }
  }
  return { missingRows, firstMissingLine };
}

/** The error for rows with missing values, after all of them were counted. */
export function missingValuesError(
  file: string,
  what: string,
  missingRows: number,
  rows: number,
  firstLine: number,
): CalibraError {
  return new CalibraError(
    ErrorCodes.NAN_INPUT,
    `${file}: ${missingRows} of ${rows} rows have a missing (empty or NaN) ${what}, the first on line ${firstLine}. Nothing was written; remove or fill those rows.`,
    { details: { file, rows: missingRows, line: firstLine } },
  );
}
