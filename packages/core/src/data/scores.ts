import { CalibraError, ErrorCodes } from "../errors.js";

/** Scores as callers hold them; converted once to `Float64Array` at the boundary. */
export type ScoresInput = Float64Array | Float32Array | readonly number[];

/**
 * Returns `values` as a `Float64Array`: the same array when it already is one, otherwise one copy.
 * `what` names the argument in error messages.
 */
export function toFloat64(values: ScoresInput, what = "scores"): Float64Array {
  if (values instanceof Float64Array) return values;
  if (values instanceof Float32Array || Array.isArray(values)) return Float64Array.from(values);
  throw new CalibraError(
    ErrorCodes.NAN_INPUT,
    `${what} must be a Float64Array, a Float32Array or an array of numbers.`,
  );
}

/** Counts the entries of `values` that are not finite and returns the count with the first offending row. */
export function countNonFinite(values: ArrayLike<number>): { count: number; firstRow: number } {
  let count = 0;
  let firstRow = -1;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    // `value - value` is NaN exactly for NaN and ±Infinity: one subtraction instead of a call per row.
    if (Number.isNaN(value - value)) {
      if (count === 0) firstRow = i;
      count++;
    }
  }
  return { count, firstRow };
}

/** Counts NaN entries and returns the count with the first offending row. */
export function countNaN(values: ArrayLike<number>): { count: number; firstRow: number } {
  let count = 0;
  let firstRow = -1;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i] as number)) {
      if (count === 0) firstRow = i;
      count++;
    }
  }
  return { count, firstRow };
}

/**
 * Throws `E_NAN_INPUT` when any value is NaN or ±Infinity, saying how many and which row comes first
 * (rows are counted from 0).
 */
export function assertFinite(values: ArrayLike<number>, what = "log-odds"): void {
  const { count, firstRow } = countNonFinite(values);
  if (count > 0) {
    const first = values[firstRow] as number;
    throw new CalibraError(
      ErrorCodes.NAN_INPUT,
      `${what}: ${count} of ${values.length} values are not finite numbers; the first is ${first} at row ${firstRow}. ` +
        "Remove or repair those rows before fitting.",
      { details: { count, firstRow, value: first } },
    );
  }
}

/** Throws `E_NAN_INPUT` when any value is NaN, saying how many and which row comes first. */
export function assertNoNaN(values: ArrayLike<number>, what = "scores"): void {
  const { count, firstRow } = countNaN(values);
  if (count > 0) {
    throw new CalibraError(
      ErrorCodes.NAN_INPUT,
      `${what}: ${count} of ${values.length} values are NaN; the first is at row ${firstRow}. ` +
        "Remove or repair those rows.",
      { details: { count, firstRow } },
    );
  }
}

/** Throws `E_LENGTH_MISMATCH` when two arrays that describe the same rows differ in length. */
export function assertSameLength(
  a: ArrayLike<unknown>,
  aName: string,
  b: ArrayLike<unknown>,
  bName: string,
): void {
  if (a.length !== b.length) {
    throw new CalibraError(
      ErrorCodes.LENGTH_MISMATCH,
      `${aName} has ${a.length} rows but ${bName} has ${b.length}; they must describe the same rows.`,
      { details: { [aName]: a.length, [bName]: b.length } },
    );
  }
}

/** Throws `E_EMPTY_INPUT` when there are no rows. */
export function assertNotEmpty(values: ArrayLike<unknown>, what: string): void {
  if (values.length === 0) {
    throw new CalibraError(ErrorCodes.EMPTY_INPUT, `${what} is empty: there are no rows to work on.`);
  }
}
