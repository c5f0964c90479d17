import { assertValidThreshold, type ScoresInput, toFloat64 } from "@calibra/core";
import type { ConfusionCounts } from "./confusion-counts.js";
import { type LabelsInput, prepareLabelledProbabilities } from "./labelled-probabilities.js";
import { sweepValidated, type ThresholdCounts } from "./threshold-sweep.js";

/**
 * Confusion counts at the caller's thresholds (any order, repeats allowed), predicting positive for
 * `p >= threshold`: entry k of the result holds the counts at `thresholds[k]`. One {@link thresholdSweep} —
 * O(n log n) — then a binary search per threshold, O(m log n), instead of a pass over the rows per threshold.
 *
 * Every threshold must be a probability in [0, 1] (`E_INVALID_THRESHOLD`). Unweighted counts are exact integers
 * and equal {@link confusionMatrix}'s; weighted counts are summed in descending score order, so they may differ from
 * `confusionMatrix`'s row-order sums in the last bits.
 *
 * @example
 * confusionAtThresholds([0.1, 0.4, 0.4, 0.8], [0, 0, 1, 1], [0.5, 0])
 * // thresholds [0.5, 0], truePositives [1, 2], falsePositives [0, 2], positives 2, negatives 2
 */
export function confusionAtThresholds(
  probabilities: ScoresInput,
  labels: LabelsInput,
  thresholds: ScoresInput,
  weights?: ScoresInput,
): ThresholdCounts {
  const at = Float64Array.from(toFloat64(thresholds, "confusionAtThresholds: thresholds"));
  for (let k = 0; k < at.length; k++)
    assertValidThreshold(at[k] as number, `confusionAtThresholds: thresholds[${k}]`);
  const data = prepareLabelledProbabilities(probabilities, labels, weights, "confusionAtThresholds", "any");
  const sweep = sweepValidated(data);
  const truePositives = new Float64Array(at.length);
  const falsePositives = new Float64Array(at.length);
  for (let k = 0; k < at.length; k++) {
    const last = lastIndexAtLeast(sweep.thresholds, at[k] as number);
    if (last >= 0) {
      truePositives[k] = sweep.truePositives[last] as number;
      falsePositives[k] = sweep.falsePositives[last] as number;
    }
  }
  return {
    thresholds: at,
    truePositives,
    falsePositives,
    positives: sweep.positives,
    negatives: sweep.negatives,
  };
}

/** The last index of the descending `thresholds` whose value is at least `threshold`, or −1 when none is. */
function lastIndexAtLeast(thresholds: Float64Array, threshold: number): number {
  let low = 0;
  let high = thresholds.length; // invariant: thresholds[< low] >= threshold, thresholds[>= high] < threshold
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((thresholds[middle] as number) >= threshold) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/**
 * The confusion matrix at entry `index` of a {@link ThresholdCounts} (a sweep or {@link confusionAtThresholds}), to
 * feed the rate functions (`precisionOf`, `f1Of`, `youdenJOf`…): FN = positives − TP, TN = negatives − FP.
 */
export function countsAt(counts: ThresholdCounts, index: number): ConfusionCounts {
  if (!(index >= 0 && index < counts.thresholds.length && Number.isInteger(index))) {
    throw new RangeError(`countsAt: index ${index} is outside 0…${counts.thresholds.length - 1}.`);
  }
  const truePositives = counts.truePositives[index] as number;
  const falsePositives = counts.falsePositives[index] as number;
  return {
    truePositives,
    falsePositives,
    trueNegatives: counts.negatives - falsePositives,
    falseNegatives: counts.positives - truePositives,
  };
}
