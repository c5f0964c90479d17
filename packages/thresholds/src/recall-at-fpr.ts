import { createThresholder, defineThresholder, type Thresholder } from "@calibra/core";
import { falsePositiveRateOf, recallOf } from "@calibra/metrics";
import { z } from "zod";
import { chooseUnderConstraint } from "./constraint.js";

/** Options of the `recall-at-fpr` thresholder. */
export interface RecallAtFprOptions {
  /** The highest acceptable false positive rate FP / (FP + TN), in [0, 1]. */
  readonly falsePositiveRate: number;
}

/**
 * The `recall-at-fpr` thresholder: the threshold with the highest recall (true positive rate) among those whose
 * false positive rate on labelled probabilities is at most `falsePositiveRate` — the ROC point for a false-alarm
 * budget (scikit-learn: the largest `tpr` of `roc_curve` with `fpr` ≤ target). Ties go to the higher threshold.
 * `E_NO_THRESHOLD` when even the highest probability's rule has too many false positives (the negatives share the
 * top score), with the lowest attainable rate in the message.
 */
export const recallAtFprThresholder = defineThresholder<RecallAtFprOptions>({
  id: "recall-at-fpr",
  description:
    "the threshold with the highest recall whose false positive rate is at most a target, on labelled data",
  options: z.object({ falsePositiveRate: z.number().min(0).max(1) }).strict(),
  needsData: true,
  choose: (options, data) =>
    chooseUnderConstraint(
      {
        id: "recall-at-fpr",
        measureName: "false positive rate",
        measure: falsePositiveRateOf,
        bound: "at most",
        target: options.falsePositiveRate,
        objectiveName: "recall",
        objective: recallOf,
      },
      data,
    ),
  explain: (options, choice) =>
    `Positive when the probability is at least the threshold with the highest recall among those with a false ` +
    `positive rate ≤ ${options.falsePositiveRate} on the fitting data` +
    (choice === undefined
      ? " (not fitted yet)."
      : `: ${choice.threshold} (false positive rate ${String(choice.details?.falsePositiveRate)}, recall ${String(choice.details?.recall)}).`),
});

/**
 * A thresholder that maximises recall subject to a false positive rate ≤ `falsePositiveRate` on labelled
 * probabilities ("at most 1 % of the negatives may be flagged").
 *
 * @example
 * maxRecallAtFpr(0.01).fit(probabilities, labels).threshold;
 */
export function maxRecallAtFpr(falsePositiveRate: number): Thresholder<RecallAtFprOptions> {
  return createThresholder(recallAtFprThresholder, { falsePositiveRate });
}
