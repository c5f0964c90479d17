import { type ClassSortedScores, type ScoresInput, sortByClass } from "@calibra/core";
import { type LabelsInput, prepareLabelledProbabilities } from "../confusion/labelled-probabilities.js";
import { sweepValidated, type ThresholdCounts } from "../confusion/threshold-sweep.js";

/**
 * Area under the ROC curve, identical (to rounding) to scikit-learn 1.2's `roc_auc_score(y, p, sample_weight=w)`:
 * the trapezoidal area under {@link rocCurve}'s points,
 *
 *   AUC = Σₖ (FPₖ − FPₖ₋₁)·(TPₖ + TPₖ₋₁) / (2·N·P),
 *
 * over every distinct probability in descending order (FP₋₁ = TP₋₁ = 0). That equals the probability that a random
 * positive scores above a random negative, ties counting ½ (the Mann–Whitney U statistic over P·N); without
 * weights it is computed that way: each class sorted without a permutation (core's `sortByClass`), then one merge
 * counting, for every positive, the negatives below it and half those tied with it. The counts are integers, exact
 * below 2⁵³ pairs, so the result is one rounding from the true value. Weighted data go through
 * {@link thresholdSweep} and a compensated (Neumaier) sum of the trapezoids.
 *
 * Needs both classes with positive weight (`E_ONE_CLASS`, as scikit-learn's "Only one class present").
 * Probabilities must lie in [0, 1] (the package's contract; AUC itself only uses their order).
 *
 * @example
 * rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]) // 0.75: 3 of the 4 positive–negative pairs are ordered
 */
export function rocAuc(probabilities: ScoresInput, labels: LabelsInput, weights?: ScoresInput): number {
  const data = prepareLabelledProbabilities(probabilities, labels, weights, "rocAuc", "both");
  if (data.weights !== undefined) return rocAucFromSweep(sweepValidated(data));
  return rocAucClassSorted(sortByClass(data.probabilities, data.labels));
}

/**
 * Mann–Whitney AUC from each class's scores sorted ascending: 2U = Σ over positives of
 * (2·negatives below + negatives tied), AUC = 2U / (2·P·N).
 */
export function rocAucClassSorted(sorted: ClassSortedScores): number {
  const { negatives, positives } = sorted;
  const n = negatives.length;
  const m = positives.length;
  let below = 0; // negatives strictly below the current positive score
  let twiceU = 0;
  let j = 0;
  while (j < m) {
    const score = positives[j] as number;
    while (below < n && (negatives[below] as number) < score) below++;
    let tiedNegatives = below;
    while (tiedNegatives < n && negatives[tiedNegatives] === score) tiedNegatives++;
    let tiedPositives = j + 1;
    while (tiedPositives < m && positives[tiedPositives] === score) tiedPositives++;
    twiceU += (tiedPositives - j) * (below + tiedNegatives);
    j = tiedPositives;
  }
  return twiceU / (2 * m * n);
}

/** The trapezoidal ROC area of a threshold sweep (both classes present), summed with Neumaier's compensation. */
export function rocAucFromSweep(sweep: ThresholdCounts): number {
  const { truePositives: tps, falsePositives: fps } = sweep;
  let sum = 0;
  let compensation = 0;
  let fpBefore = 0;
  let tpBefore = 0;
  for (let k = 0; k < tps.length; k++) {
    const fp = fps[k] as number;
    const tp = tps[k] as number;
    const term = (fp - fpBefore) * (tp + tpBefore);
    const total = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - total + term : term - total + sum;
    sum = total;
    fpBefore = fp;
    tpBefore = tp;
  }
  return (sum + compensation) / (2 * fpBefore * tpBefore);
}
