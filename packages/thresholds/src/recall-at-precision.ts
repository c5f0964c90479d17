import { createThresholder, defineThresholder, type Thresholder } from "@calibra/core";
import { precisionOf, recallOf } from "@calibra/metrics";
import { z } from "zod";
import { chooseUnderConstraint } from "./constraint.js";

/** Options of the `recall-at-precision` thresholder. */
export interface RecallAtPrecisionOptions {
  /** The lowest acceptable precision TP / (TP + FP), in [0, 1]. */
  readonly precision: number;
}

/**
 * The `recall-at-precision` thresholder: the threshold with the highest recall among those whose precision on
 * labelled probabilities is at least `precision` (scikit-learn: the largest recall in `precision_recall_curve` with
 * precision ≥ target). Ties go to the higher threshold, which then has the higher precision. `E_NO_THRESHOLD` when
 * no threshold reaches the precision, with the highest precision that any threshold reaches in the message.
 */
export const recallAtPrecisionThresholder = defineThresholder<RecallAtPrecisionOptions>({
  id: "recall-at-precision",
  description: "the threshold with the highest recall whose precision is at least a target, on labelled data",
  options: z.object({ precision: z.number().min(0).max(1) }).strict(),
  needsData: true,
  choose: (options, data) =>
    chooseUnderConstraint(
      {
        id: "recall-at-precision",
        measureName: "precision",
        measure: precisionOf,
        bound: "at least",
        target: options.precision,
        objectiveName: "recall",
        objective: recallOf,
      },
      data,
    ),
  explain: (options, choice) =>
    `Positive when the probability is at least the threshold with the highest recall among those with precision ` +
    `≥ ${options.precision} on the fitting data` +
    (choice === undefined
      ? " (not fitted yet)."
      : `: ${choice.threshold} (precision ${String(choice.details?.precision)}, recall ${String(choice.details?.recall)}).`),
});

/**
 * A thresholder that maximises recall subject to precision ≥ `precision` on labelled probabilities ("catch as many
 * positives as possible while at most 1 − precision of the alarms are false").
 *
 * @example
 * const fitted = maxRecallAtPrecision(0.9).fit(probabilities, labels);
 * fitted.details; // { precision, recall, falsePositiveRate } at fitted.threshold
 */
export function maxRecallAtPrecision(precision: number): Thresholder<RecallAtPrecisionOptions> {
  return createThresholder(recallAtPrecisionThresholder, { precision });
}
