import type { RawInput, RawMatrix } from "../contracts/raw-output.js";
import { CalibraError, ErrorCodes } from "../errors.js";

function isRawMatrix(input: RawInput): input is RawMatrix {
  return (
    typeof input === "object" &&
    input !== null &&
    !Array.isArray(input) &&
    !ArrayBuffer.isView(input) &&
    "data" in input
  );
}

/**
 * Normalises raw model output to a row-major {@link RawMatrix} with `columns` values per row, and throws
 * `E_OUTPUT_SHAPE` (saying what was expected and what arrived) when the shape does not fit.
 */
export function toRawMatrix(input: RawInput, columns: 1 | 2, what: string): RawMatrix {
  if (isRawMatrix(input)) {
    if (input.columns !== columns) {
      throw shapeError(what, columns, `${input.columns} columns`);
    }
    if (input.data.length !== input.rows * input.columns) {
      throw new CalibraError(
        ErrorCodes.OUTPUT_SHAPE,
        `${what}: declared ${input.rows} rows × ${input.columns} columns but holds ${input.data.length} values.`,
      );
    }
    return input;
  }
  if (Array.isArray(input) && input.length > 0 && Array.isArray(input[0])) {
    const rows = input as readonly (readonly number[])[];
    const data = new Float64Array(rows.length * columns);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (!Array.isArray(row) || row.length !== columns) {
        throw shapeError(what, columns, `row ${i} with ${Array.isArray(row) ? row.length : "no"} values`);
      }
      for (let j = 0; j < columns; j++) data[i * columns + j] = row[j] as number;
    }
    return { data, rows: rows.length, columns };
  }
  const flat = input as Float64Array | Float32Array | readonly number[];
  if (columns !== 1) {
    throw shapeError(
      what,
      columns,
      `a flat array (one value per row); pass { data, rows, columns: 2 } or rows`,
    );
  }
  return { data: flat, rows: flat.length, columns: 1 };
}

function shapeError(what: string, columns: number, got: string): CalibraError {
  return new CalibraError(
    ErrorCodes.OUTPUT_SHAPE,
    `${what} expects ${columns} value${columns === 1 ? "" : "s"} per row, got ${got}.` +
      (columns === 2
        ? " Two-column activations read [negative, positive] per row (see positiveColumn)."
        : " A one-column activation reads a single logit or probability per row."),
    { details: { expectedColumns: columns } },
  );
}
