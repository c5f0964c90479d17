import {
  assertBinaryLabels,
  assertNotEmpty,
  assertProbabilities,
  assertSameLength,
  CalibraError,
  ErrorCodes,
  type ScoresInput,
  toFloat64,
  validateWeights,
} from "@calibra/core";

/** Labels as callers hold them: 0/1 bytes (1 = positive), or an array of 0/1 numbers converted once. */
export type LabelsInput = Uint8Array | readonly number[];

/** Probabilities, labels and optional weights after the one validation at a metric's boundary. */
export interface LabelledProbabilities {
  /** P(positive) per row: every value in [0, 1], none NaN. */
  readonly probabilities: Float64Array;
  /** 1 = positive class, 0 = negative class. */
  readonly labels: Uint8Array;
  /** Finite non-negative weights, or `undefined` for unit weights. */
  readonly weights: Float64Array | undefined;
  /** Total weight of the positive rows (their count without weights). */
  readonly positiveWeight: number;
  /** Total weight of the negative rows (their count without weights). */
  readonly negativeWeight: number;
}

/**
 * Which classes a metric needs: `"both"` for those undefined on one class (ROC AUC, the ROC curve), `"positive"`
 * for those that divide by the positive total (precision–recall, average precision), `"any"` for plain counts.
 */
export type ClassRequirement = "both" | "positive" | "any";

/**
 * Validates a metric's inputs once, at its boundary: not empty (`E_EMPTY_INPUT`), equal lengths
 * (`E_LENGTH_MISMATCH`), probabilities in [0, 1] (`E_NAN_INPUT`, `E_PROBABILITY_RANGE`), labels 0/1
 * (`E_LABEL_CLASSES`), weights finite and non-negative with a positive total (`E_INVALID_WEIGHTS`) and the classes
 * `required` present with positive weight (`E_ONE_CLASS`). `metric` names the caller in messages.
 *
 * The common case (valid input) costs one branch-light pass per array; only a failing array is scanned again, by
 * core's helpers, so that the error names the first offending row exactly as the rest of Calibra does.
 */
export function prepareLabelledProbabilities(
  probabilities: ScoresInput,
  labels: LabelsInput,
  weights: ScoresInput | undefined,
  metric: string,
  required: ClassRequirement,
): LabelledProbabilities {
  const p = toFloat64(probabilities, `${metric}: probabilities`);
  assertNotEmpty(p, `${metric}: probabilities`);
  assertSameLength(p, "probabilities", labels, "labels");
  assertProbabilityRange(p, `${metric}: probabilities`);
  const y = toLabelBytes(labels);
  const positives = countPositiveLabels(labels, y);
  const negatives = y.length - positives;
  if (required === "both") assertBinaryLabels(y);
  else if (required === "positive" && positives === 0) throw noPositives(metric);

  if (weights === undefined) {
    return {
      probabilities: p,
      labels: y,
      weights: undefined,
      positiveWeight: positives,
      negativeWeight: negatives,
    };
  }
  const w = toFloat64(weights, `${metric}: weights`);
  assertSameLength(y, "labels", w, "weights");
  if (required === "both") return { probabilities: p, labels: y, weights: w, ...validateWeights(w, y) };
  const totals = sumWeightsByClass(w, y);
  if (totals.positiveWeight + totals.negativeWeight === 0) {
    throw new CalibraError(
      ErrorCodes.INVALID_WEIGHTS,
      `${metric}: every weight is 0, so no row takes part. Give at least one row a positive weight.`,
    );
  }
  if (required === "positive" && totals.positiveWeight === 0) throw noPositives(metric);
  return { probabilities: p, labels: y, weights: w, ...totals };
}

function noPositives(metric: string): CalibraError {
  return new CalibraError(
    ErrorCodes.ONE_CLASS,
    `${metric}: no positive row (label 1) has a positive weight, so recall is undefined. ` +
      "Precision–recall metrics need at least one positive row.",
  );
}

/** One pass: every value in [0, 1] (`!(p >= 0 && p <= 1)` is also true for NaN). */
function assertProbabilityRange(p: Float64Array, what: string): void {
  let valid = true;
  for (let i = 0; i < p.length; i++) {
    const value = p[i] as number;
    valid = valid && value >= 0 && value <= 1;
  }
  // Core's helper scans again only to name the first bad row and choose the code (NaN or range).
  if (!valid) assertProbabilities(p, what);
}

function toLabelBytes(labels: LabelsInput): Uint8Array {
  if (labels instanceof Uint8Array) return labels;
  // Anything but 0/1 becomes 255, which the check below rejects (naming the original value).
  return Uint8Array.from(labels, (v) => (v === 0 || v === 1 ? v : 255));
}

/** Counts label 1 in one pass; anything but 0/1 is handed to core's check, which names the row and value. */
function countPositiveLabels(original: LabelsInput, bytes: Uint8Array): number {
  let positives = 0;
  let others = 0;
  for (let i = 0; i < bytes.length; i++) {
    const label = bytes[i] as number;
    positives += label & 1;
    others |= label & 0xfe;
  }
  if (others !== 0) assertBinaryLabels(original); // throws E_LABEL_CLASSES at the first bad row
  return positives;
}

/** Class totals of finite non-negative weights; a bad weight is handed to core's check for its message. */
function sumWeightsByClass(
  weights: Float64Array,
  labels: Uint8Array,
): { positiveWeight: number; negativeWeight: number } {
  let positiveWeight = 0;
  let negativeWeight = 0;
  let valid = true;
  for (let i = 0; i < weights.length; i++) {
    const weight = weights[i] as number;
    valid = valid && weight >= 0 && weight !== Number.POSITIVE_INFINITY;
    if (labels[i] === 1) positiveWeight += weight;
    else negativeWeight += weight;
  }
  // validateWeights names the first bad row (or the overflow) before it looks at the classes.
  if (!valid || !Number.isFinite(positiveWeight + negativeWeight)) validateWeights(weights, labels);
  return { positiveWeight, negativeWeight };
}
