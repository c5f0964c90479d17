import type { ScoresInput } from "@calibra/core";
import { type LabelsInput, prepareLabelledProbabilities } from "../confusion/labelled-probabilities.js";
import { sweepValidated, type ThresholdCounts } from "../confusion/threshold-sweep.js";

/**
 * Points of a precision–recall curve in scikit-learn's order: thresholds ascending, recall non-increasing, and one
 * final point (recall 0, precision 1) that has no threshold.
 */
export interface PrecisionRecallCurve {
  /** TP / (TP + FP) at each threshold, then 1. Length = thresholds + 1. */
  readonly precision: Float64Array;
  /** TP / P at each threshold, then 0. Length = thresholds + 1. */
  readonly recall: Float64Array;
  /** Every distinct probability, ascending; entry k is the decision rule `p >= thresholds[k]`. */
  readonly thresholds: Float64Array;
}

/**
 * The precision–recall curve, identical to scikit-learn 1.2's `precision_recall_curve(y, p, sample_weight=w)`:
 * from {@link thresholdSweep}'s counts, `precision = TP / (TP + FP)` and `recall = TP / P` at every distinct
 * probability, reversed so thresholds ascend, then the point (recall 0, precision 1) appended.
 *
 * scikit-learn 1.2 keeps every threshold: the curve is no longer cut at the first threshold reaching full recall
 * (versions before 1.1 did that), and `drop_intermediate` only arrived in 1.3. Rows of weight 0 are left out first.
 *
 * Needs a positive row with positive weight (`E_ONE_CLASS`; scikit-learn warns and sets recall to 1 instead);
 * negatives may be absent. Probabilities must lie in [0, 1] (the package's contract).
 *
 * @example
 * precisionRecallCurve([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])
 * // precision [0.5, 2/3, 0.5, 1, 1], recall [1, 1, 0.5, 0.5, 0], thresholds [0.1, 0.35, 0.4, 0.8]
 */
export function precisionRecallCurve(
  probabilities: ScoresInput,
  labels: LabelsInput,
  weights?: ScoresInput,
): PrecisionRecallCurve {
  const data = prepareLabelledProbabilities(
    probabilities,
    labels,
    weights,
    "precisionRecallCurve",
    "positive",
  );
  return precisionRecallFromSweep(sweepValidated(data));
}

/** The precision–recall curve of a threshold sweep (descending distinct thresholds, positives present). */
export function precisionRecallFromSweep(sweep: ThresholdCounts): PrecisionRecallCurve {
  const { thresholds: scores, truePositives: tps, falsePositives: fps } = sweep;
  const m = scores.length;
  const positives = tps[m - 1] as number;
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const thresholds = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const at = m - 1 - k;
    const tp = tps[k] as number;
    const predicted = tp + (fps[k] as number);
    // Every kept row has positive weight, so nothing is predicted positive only if all weights are subnormal-tiny;
    // scikit-learn leaves precision 0 there.
    precision[at] = predicted === 0 ? 0 : tp / predicted;
    recall[at] = tp / positives;
    thresholds[at] = scores[k] as number;
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds };
}
