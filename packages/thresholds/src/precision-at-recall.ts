import { createThresholder, defineThresholder, type Thresholder } from "@calibra/core";
import { precisionOf, recallOf } from "@calibra/metrics";
import { z } from "zod";
import { chooseUnderConstraint } from "./constraint.js";

/** Options of the `precision-at-recall` thresholder. */
export interface PrecisionAtRecallOptions {
  /** The lowest acceptable recall TP / (TP + FN), in [0, 1]. */
  readonly recall: number;
}

/**
 * The `precision-at-recall` thresholder: the threshold with the highest precision among those whose recall on
 * labelled probabilities is at least `recall`. Ties go to the higher threshold. Every target in [0, 1] is met by the
 * lowest threshold (recall 1), so this one never throws `E_NO_THRESHOLD` on valid data.
 */
export const precisionAtRecallThresholder = defineThresholder<PrecisionAtRecallOptions>({
  id: "precision-at-recall",
  description: "the threshold with the highest precision whose recall is at least a target, on labelled data",
  options: z.object({ recall: z.number().min(0).max(1) }).strict(),
  needsData: true,
  choose: (options, data) =>
    chooseUnderConstraint(
      {
        id: "precision-at-recall",
        measureName: "recall",
        measure: recallOf,
        bound: "at least",
        target: options.recall,
        objectiveName: "precision",
        objective: precisionOf,
      },
      data,
    ),
  explain: (options, choice) =>
    `Positive when the probability is at least the threshold with the highest precision among those with recall ` +
    `≥ ${options.recall} on the fitting data` +
    (choice === undefined
      ? " (not fitted yet)."
      : `: ${choice.threshold} (recall ${String(choice.details?.recall)}, precision ${String(choice.details?.precision)}).`),
});

/**
 * A thresholder that maximises precision subject to recall ≥ `recall` on labelled probabilities ("find at least
 * this share of the positives with as few false alarms as possible").
 *
 * @example
 * maxPrecisionAtRecall(0.95).fit(probabilities, labels).threshold;
 */
export function maxPrecisionAtRecall(recall: number): Thresholder<PrecisionAtRecallOptions> {
  return createThresholder(precisionAtRecallThresholder, { recall });
}
