import type { FeatureBatch } from "../contracts/model.js";
import { CalibraError, ErrorCodes } from "../errors.js";

/**
 * Checks a batch before a model runs it, as every backend must: `E_FEATURE_COUNT` when the model declares a
 * feature count and the batch has another (saying expected and got), `E_LENGTH_MISMATCH` when `rows` or `columns`
 * is not a whole number or `data` does not hold `rows × columns` numbers.
 */
export function assertFeatureBatch(batch: FeatureBatch, featureCount: number | undefined): void {
  const { rows, columns, data } = batch;
  if (featureCount !== undefined && columns !== featureCount) {
    throw new CalibraError(
      ErrorCodes.FEATURE_COUNT,
      `the model expects ${featureCount} features per row, got ${columns}. Pass the columns the model was trained on, in the same order.`,
      { details: { expected: featureCount, got: columns } },
    );
  }
  if (
    !Number.isInteger(rows) ||
    rows < 0 ||
    !Number.isInteger(columns) ||
    columns < 1 ||
    data.length !== rows * columns
  ) {
    throw new CalibraError(
      ErrorCodes.LENGTH_MISMATCH,
      `the batch holds ${data.length} numbers, but rows × columns = ${rows} × ${columns}.`,
      { details: { length: data.length, rows, columns } },
    );
  }
}
