import type { ScoresInput } from "@calibra/core";
import type { LabelsInput } from "../confusion/labelled-probabilities.js";
import { prepareLabelledProbabilities } from "../confusion/labelled-probabilities.js";
import { sweepValidated, type ThresholdCounts } from "../confusion/threshold-sweep.js";

/** Points of a ROC curve, from (0, 0) to (1, 1); entry k is the decision rule `p >= thresholds[k]`. */
export interface RocCurve {
  /** False positive rate FP / N at each threshold, non-decreasing from 0 to 1. */
  readonly fpr: Float64Array;
  /** True positive rate TP / P at each threshold, non-decreasing from 0 to 1. */
  readonly tpr: Float64Array;
  /**
   * Decreasing thresholds. The first, `max(p) + 1`, predicts nothing positive (the point (0, 0)); the others are
   * distinct probabilities.
   */
  readonly thresholds: Float64Array;
}

/** Options for {@link rocCurve}. */
export interface RocCurveOptions {
  /**
   * Drop thresholds whose point lies on a straight segment between its neighbours (they never change the curve
   * or its area), as scikit-learn's `drop_intermediate`. Default `true`.
   */
  readonly dropIntermediate?: boolean;
}

/**
 * The receiver operating characteristic curve, identical to scikit-learn 1.2's
 * `roc_curve(y, p, sample_weight=w, drop_intermediate=…)`: one point per distinct probability (tied rows move
 * together), `fpr = FP / N`, `tpr = TP / P` from {@link thresholdSweep}'s counts, with the point (0, 0) at threshold
 * `max(p) + 1` put first (scikit-learn 1.2's convention; later versions use +∞ there).
 *
 * With `dropIntermediate` (the default), a point k is kept when it is the first or last, or when the second
 * difference of FP or TP there is not zero — `FP[k+1] − 2·FP[k] + FP[k−1]`, evaluated as
 * `(FP[k+1] − FP[k]) − (FP[k] − FP[k−1])` as numpy's `diff(·, 2)` does — before (0, 0) is prepended.
 *
 * Needs both classes with positive weight (`E_ONE_CLASS`; scikit-learn warns and returns NaN rates instead).
 * Probabilities must lie in [0, 1] — the package's contract, although ranking would accept any real scores.
 *
 * @example
 * rocCurve([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])
 * // fpr [0, 0, 0.5, 0.5, 1], tpr [0, 0.5, 0.5, 1, 1], thresholds [1.8, 0.8, 0.4, 0.35, 0.1]
 */
export function rocCurve(
  probabilities: ScoresInput,
  labels: LabelsInput,
  weights?: ScoresInput,
  options: RocCurveOptions = {},
): RocCurve {
  const data = prepareLabelledProbabilities(probabilities, labels, weights, "rocCurve", "both");
  return rocFromSweep(sweepValidated(data), options.dropIntermediate ?? true);
}

/** The ROC curve of a threshold sweep (descending distinct thresholds, both classes present). */
export function rocFromSweep(sweep: ThresholdCounts, dropIntermediate: boolean): RocCurve {
  const { thresholds: scores, truePositives: tps, falsePositives: fps } = sweep;
  const m = scores.length;
  const last = m - 1;
  const keep = new Uint8Array(m);
  let kept = 0;
  for (let k = 0; k < m; k++) {
    const corner =
      !dropIntermediate ||
      m <= 2 ||
      k === 0 ||
      k === last ||
      secondDifference(fps, k) !== 0 ||
      secondDifference(tps, k) !== 0;
    if (corner) {
      keep[k] = 1;
      kept++;
    }
  }
  const fpr = new Float64Array(kept + 1);
  const tpr = new Float64Array(kept + 1);
  const thresholds = new Float64Array(kept + 1);
  const negatives = fps[last] as number;
  const positives = tps[last] as number;
  thresholds[0] = (scores[0] as number) + 1;
  let at = 1;
  for (let k = 0; k < m; k++) {
    if (keep[k] === 0) continue;
    fpr[at] = (fps[k] as number) / negatives;
    tpr[at] = (tps[k] as number) / positives;
    thresholds[at] = scores[k] as number;
    at++;
  }
  return { fpr, tpr, thresholds };
}

/** `(x[k+1] − x[k]) − (x[k] − x[k−1])`, rounded as numpy's `diff(x, 2)[k−1]`. */
function secondDifference(x: Float64Array, k: number): number {
  const before = x[k - 1] as number;
  const here = x[k] as number;
  const after = x[k + 1] as number;
  return after - here - (here - before);
}
