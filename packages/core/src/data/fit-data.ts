import { CalibraError, ErrorCodes } from "../errors.js";
import { assertBinaryLabels } from "./labels.js";
import { assertFinite, assertNotEmpty, assertSameLength, type ScoresInput, toFloat64 } from "./scores.js";

/** Labelled rows, validated once at the boundary, as every fit routine receives them. */
export interface FitData {
  /** Log-odds of P(positive): finite float64 values. */
  readonly logOdds: Float64Array;
  /** 1 = positive class, 0 = negative class; both occur. */
  readonly labels: Uint8Array;
  /** Non-negative finite sample weights, or `undefined` for unit weights. */
  readonly weights: Float64Array | undefined;
  /** Number of rows. */
  readonly rows: number;
  /** Total weight of positive rows (their count without weights). */
  readonly positiveWeight: number;
  /** Total weight of negative rows (their count without weights). */
  readonly negativeWeight: number;
}

/**
 * Checks sample weights: finite, non-negative, one per row, and giving both classes positive total weight.
 * Returns the class totals.
 */
export function validateWeights(
  weights: Float64Array,
  labels: Uint8Array,
): { positiveWeight: number; negativeWeight: number } {
  assertSameLength(labels, "labels", weights, "weights");
  let positiveWeight = 0;
  let negativeWeight = 0;
  for (let i = 0; i < weights.length; i++) {
    const weight = weights[i] as number;
    if (!(weight >= 0) || weight === Number.POSITIVE_INFINITY) {
      throw new CalibraError(
        ErrorCodes.INVALID_WEIGHTS,
        `weights: row ${i} has weight ${weight}; weights must be finite and non-negative.`,
        { details: { row: i, value: weight } },
      );
    }
    if (labels[i] === 1) positiveWeight += weight;
    else negativeWeight += weight;
  }
  if (!Number.isFinite(positiveWeight + negativeWeight)) {
    throw new CalibraError(
      ErrorCodes.INVALID_WEIGHTS,
      "weights: their total overflows a double; divide every weight by a common factor (only ratios matter).",
      { details: { positiveWeight, negativeWeight } },
    );
  }
  if (positiveWeight === 0 || negativeWeight === 0) {
    throw new CalibraError(
      ErrorCodes.ONE_CLASS,
      `weights: the ${positiveWeight === 0 ? "positive" : "negative"} class has total weight 0, ` +
        "so only one class takes part in the fit. Give rows of both classes a positive weight.",
      { details: { positiveWeight, negativeWeight } },
    );
  }
  return { positiveWeight, negativeWeight };
}

/**
 * Validates and converts the inputs of a calibrator fit: log-odds finite, labels 0/1 with both classes, lengths
 * equal, weights valid. Each check throws a {@link CalibraError} with its code; nothing is copied that is already
 * a `Float64Array`.
 */
export function prepareFitData(
  logOdds: ScoresInput,
  labels: Uint8Array | readonly number[],
  weights?: ScoresInput,
): FitData {
  const z = toFloat64(logOdds, "log-odds");
  assertNotEmpty(z, "log-odds");
  const y =
    labels instanceof Uint8Array ? labels : Uint8Array.from(labels, (v) => (v === 0 || v === 1 ? v : 255));
  assertSameLength(z, "log-odds", y, "labels");
  assertFinite(z, "log-odds");
  if (!(labels instanceof Uint8Array)) assertBinaryLabels(labels);
  const counts = assertBinaryLabels(y);
  if (weights === undefined) {
    return {
      logOdds: z,
      labels: y,
      weights: undefined,
      rows: z.length,
      positiveWeight: counts.positives,
      negativeWeight: counts.negatives,
    };
  }
  const w = toFloat64(weights, "weights");
  const totals = validateWeights(w, y);
  return { logOdds: z, labels: y, weights: w, rows: z.length, ...totals };
}
