import { assertValidThreshold, type ScoresInput } from "@calibra/core";
import type { ConfusionCounts } from "./confusion-counts.js";
import { type LabelsInput, prepareLabelledProbabilities } from "./labelled-probabilities.js";

/**
 * The (weighted) confusion matrix of the decisions `p >= threshold`: scikit-learn 1.2's
 * `confusion_matrix(y, p >= threshold, sample_weight=w).ravel()` read as `[TN, FP, FN, TP]`.
 *
 * One pass over the rows, summing weights in row order. `threshold` must be a probability in [0, 1]
 * (`E_INVALID_THRESHOLD`); probabilities in [0, 1], labels 0/1 (one class is allowed), optional finite
 * non-negative weights with a positive total.
 *
 * @example
 * confusionMatrix([0.1, 0.4, 0.4, 0.8], [0, 0, 1, 1], 0.4)
 * // { truePositives: 2, falsePositives: 1, trueNegatives: 1, falseNegatives: 0 }
 */
export function confusionMatrix(
  probabilities: ScoresInput,
  labels: LabelsInput,
  threshold: number,
  weights?: ScoresInput,
): ConfusionCounts {
  assertValidThreshold(threshold, "confusionMatrix");
  const data = prepareLabelledProbabilities(probabilities, labels, weights, "confusionMatrix", "any");
  const { probabilities: p, labels: y, weights: w } = data;
  let truePositives = 0;
  let falsePositives = 0;
  let trueNegatives = 0;
  let falseNegatives = 0;
  if (w === undefined) {
    for (let i = 0; i < p.length; i++) {
      const predicted = (p[i] as number) >= threshold;
      if (y[i] === 1) {
        if (predicted) truePositives++;
        else falseNegatives++;
      } else if (predicted) falsePositives++;
      else trueNegatives++;
    }
  } else {
    for (let i = 0; i < p.length; i++) {
      const weight = w[i] as number;
      const predicted = (p[i] as number) >= threshold;
      if (y[i] === 1) {
        if (predicted) truePositives += weight;
        else falseNegatives += weight;
      } else if (predicted) falsePositives += weight;
      else trueNegatives += weight;
    }
  }
  return { truePositives, falsePositives, trueNegatives, falseNegatives };
}
