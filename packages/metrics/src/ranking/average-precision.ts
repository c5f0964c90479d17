import { type ClassSortedScores, type ScoresInput, sortByClass } from "@calibra/core";
import { type LabelsInput, prepareLabelledProbabilities } from "../confusion/labelled-probabilities.js";
import { sweepValidated, type ThresholdCounts } from "../confusion/threshold-sweep.js";

/**
 * Average precision, identical (to rounding) to scikit-learn 1.2's `average_precision_score(y, p,
 * sample_weight=w)`: the step-function (not interpolated) area under the precision–recall curve,
 *
 *   AP = Σₖ (Rₖ − Rₖ₋₁)·Pₖ = (1/P)·Σₖ (TPₖ − TPₖ₋₁)·TPₖ / (TPₖ + FPₖ),
 *
 * over every distinct probability in descending order (R₋₁ = TP₋₁ = 0): each newly recalled positive weight is
 * credited with the precision at its own threshold, ties moving together. Without weights each class is sorted
 * without a permutation (core's `sortByClass`) and merged from the top; weighted data go through
 * {@link thresholdSweep}. The sum is compensated (Neumaier), so it stays within a few ulps at 10⁷ thresholds.
 *
 * Needs a positive row with positive weight (`E_ONE_CLASS`; scikit-learn warns and returns 0 there); negatives may
 * be absent (AP = 1). Probabilities must lie in [0, 1] (the package's contract).
 *
 * @example
 * averagePrecision([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]) // 5/6 = ½·1 + ½·⅔
 */
export function averagePrecision(
  probabilities: ScoresInput,
  labels: LabelsInput,
  weights?: ScoresInput,
): number {
  const data = prepareLabelledProbabilities(probabilities, labels, weights, "averagePrecision", "positive");
  if (data.weights !== undefined) return averagePrecisionFromSweep(sweepValidated(data));
  return averagePrecisionClassSorted(sortByClass(data.probabilities, data.labels));
}

/** Average precision from each class's scores sorted ascending, walking both from the top (at least one positive). */
export function averagePrecisionClassSorted(sorted: ClassSortedScores): number {
  const { negatives, positives } = sorted;
  let i = negatives.length - 1;
  let j = positives.length - 1;
  let falsePositives = 0;
  let truePositives = 0;
  let sum = 0;
  let compensation = 0;
  // Once the positives are used up, the remaining thresholds recall nothing new and add 0.
  while (j >= 0) {
    const score = positives[j] as number;
    while (i >= 0 && (negatives[i] as number) >= score) {
      i--;
      falsePositives++;
    }
    const recalledBefore = truePositives;
    while (j >= 0 && positives[j] === score) {
      j--;
      truePositives++;
    }
    const term = ((truePositives - recalledBefore) * truePositives) / (truePositives + falsePositives);
    const total = sum + term;
    compensation += sum >= term ? sum - total + term : term - total + sum;
    sum = total;
  }
  return (sum + compensation) / positives.length;
}

/** Average precision of a threshold sweep (positives present), summed with Neumaier's compensation. */
export function averagePrecisionFromSweep(sweep: ThresholdCounts): number {
  const { truePositives: tps, falsePositives: fps } = sweep;
  let sum = 0;
  let compensation = 0;
  let tpBefore = 0;
  for (let k = 0; k < tps.length; k++) {
    const tp = tps[k] as number;
    if (tp === tpBefore) continue;
    const term = ((tp - tpBefore) * tp) / (tp + (fps[k] as number));
    const total = sum + term;
    compensation += sum >= term ? sum - total + term : term - total + sum;
    sum = total;
    tpBefore = tp;
  }
  return (sum + compensation) / tpBefore;
}
