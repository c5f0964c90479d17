import { createThresholder, defineThresholder, type Thresholder } from "@calibra/core";
import { z } from "zod";
import { bestCandidate, candidatesOf, countDetails, requireData } from "./candidates.js";
import { metricFunction, OPTIMIZE_METRICS, type OptimizeMetric } from "./metric.js";

/** Options of the `optimize` thresholder. */
export interface OptimizeOptions {
  /** The metric to maximise. */
  readonly metric: OptimizeMetric;
  /** β of Fβ, > 0: required with `metric: "fbeta"`, refused with any other metric. */
  readonly beta?: number | undefined;
}

const optimizeOptionsSchema = z
  .object({
    metric: z.enum(OPTIMIZE_METRICS),
    beta: z.number().positive().optional(),
  })
  .strict()
  .refine((options) => options.metric !== "fbeta" || options.beta !== undefined, {
    message: 'metric "fbeta" needs beta > 0 (recall counts beta times as much as precision; beta = 1 is F1)',
    path: ["beta"],
  })
  .refine((options) => options.metric === "fbeta" || options.beta === undefined, {
    message: 'beta only applies to metric "fbeta"; remove it or use metric: "fbeta"',
    path: ["beta"],
  }) satisfies z.ZodType<OptimizeOptions, unknown>;

function metricName(options: OptimizeOptions): string {
  return options.metric === "fbeta" ? `F-beta (beta = ${options.beta})` : options.metric;
}

/**
 * The `optimize` thresholder: the threshold that maximises a confusion-matrix metric on labelled probabilities.
 *
 * The candidates are every distinct probability (the rule p >= t changes only there) and 1; one sorted sweep
 * (`thresholdSweep` of `@calibra/metrics`) gives the confusion counts of all of them in O(n log n), so the result is
 * the exact optimum over every threshold, not a grid search. Among thresholds with equal metric values the
 * **higher** one wins. scikit-learn's usual recipe, argmax over `precision_recall_curve`'s ascending thresholds, picks
 * the lower one among F1 ties instead; argmax over `roc_curve`'s descending thresholds picks the higher one, as here.
 *
 * `details`: `value` (the metric reached) and the confusion counts `truePositives`, `falsePositives`,
 * `trueNegatives`, `falseNegatives` (weighted when the fit was).
 */
export const optimizeThresholder = defineThresholder<OptimizeOptions>({
  id: "optimize",
  description:
    "the threshold that maximises F1, F-beta, Youden's J, MCC, balanced accuracy or accuracy on labelled data",
  options: optimizeOptionsSchema,
  needsData: true,
  choose(options, data) {
    const candidates = candidatesOf(requireData("optimize", data), true);
    const score = metricFunction(options.metric, options.beta ?? 1);
    const best = bestCandidate(candidates, score);
    const details = countDetails(candidates, best);
    return {
      threshold: candidates.thresholds[best] as number,
      details: { value: score(details), ...details },
    };
  },
  explain(options, choice) {
    const rule = `Positive when the probability is at least the threshold that maximises ${metricName(options)} on the fitting data`;
    if (choice === undefined) return `${rule} (not fitted yet).`;
    return `${rule}: ${choice.threshold} (${metricName(options)} = ${String(choice.details?.value)}).`;
  },
});

/**
 * A thresholder that chooses the threshold maximising `metric` on labelled probabilities (exactly, over every
 * distinct probability; ties go to the higher threshold). Options are checked now (`E_INVALID_OPTIONS`);
 * `fit(probabilities, labels, weights?)` chooses.
 *
 * @example
 * const fitted = optimize({ metric: "f1" }).fit(probabilities, labels);
 * fitted.threshold; // the F1-optimal threshold
 * fitted.details.value; // the F1 it reaches on these rows
 */
export function optimize(options: OptimizeOptions): Thresholder<OptimizeOptions> {
  return createThresholder(optimizeThresholder, options);
}
