import type { PlattTargets } from "./options.js";

/** The target probability of each class and the row counts they came from. */
export interface ClassTargets {
  /** Target P(positive) for every positive row. */
  readonly positive: number;
  /** Target P(positive) for every negative row. */
  readonly negative: number;
  /** Number of positive rows N₊ (rows, not weight: zero-weight rows count too). */
  readonly positiveRows: number;
  /** Number of negative rows N₋. */
  readonly negativeRows: number;
}

/**
 * Platt's targets for labels `labels` (1 = positive).
 *
 * Smoothed (Platt 1999, scikit-learn's `_sigmoid_calibration`): positives get (N₊ + 1)/(N₊ + 2) and negatives
 * 1/(N₋ + 2). N₊ and N₋ are ROW counts even when the fit is weighted — scikit-learn 1.2 counts rows
 * (`prior1 = y.shape[0] - prior0`) and ignores `sample_weight` here, and so does Calibra, so that weighted fits
 * match scikit-learn. A consequence: giving a row weight 2 is not the same as listing it twice (duplication raises
 * the count, weighting does not). Raw: positives get 1 and negatives 0, and weights then act exactly as
 * duplicated rows.
 */
export function classTargets(labels: Uint8Array, targets: PlattTargets): ClassTargets {
  let positiveRows = 0;
  for (let i = 0; i < labels.length; i++) positiveRows += labels[i] as number;
  const negativeRows = labels.length - positiveRows;
  if (targets === "raw") return { positive: 1, negative: 0, positiveRows, negativeRows };
  return {
    positive: (positiveRows + 1) / (positiveRows + 2),
    negative: 1 / (negativeRows + 2),
    positiveRows,
    negativeRows,
  };
}
