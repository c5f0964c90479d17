import {
  CalibraError,
  createThresholder,
  defineThresholder,
  ErrorCodes,
  type Thresholder,
} from "@calibra/core";
import { z } from "zod";
import { bestCandidate, candidatesOf, countDetails, requireData } from "./candidates.js";

/** The cost of each kind of error, in any one unit (only their ratio matters for the threshold). */
export interface CostOptions {
  /** Cost of one false positive (a negative row predicted positive), ≥ 0. */
  readonly fp: number;
  /** Cost of one false negative (a positive row predicted negative), ≥ 0. */
  readonly fn: number;
}

/** How {@link minCost} turns costs into a threshold. */
export type CostMode = "empirical" | "bayes";

/** Options of {@link minCost}: the two costs and the mode. */
export interface MinCostOptions extends CostOptions {
  /**
   * `"empirical"`: the threshold with the lowest total cost on labelled data (a fit is needed). `"bayes"`: the
   * Bayes-optimal t = fp / (fp + fn) for calibrated probabilities (no data needed).
   */
  readonly mode: CostMode;
}

const costOptionsSchema = z
  .object({ fp: z.number().min(0), fn: z.number().min(0) })
  .strict()
  .refine((costs) => costs.fp + costs.fn > 0, {
    message:
      "at least one of the costs fp and fn must be positive (with both 0 every threshold costs nothing)",
  }) satisfies z.ZodType<CostOptions, unknown>;

/**
 * The `min-cost` thresholder: the threshold with the lowest total cost fp·FP + fn·FN on labelled probabilities
 * (weighted counts when the fit has weights). The candidates are every distinct probability and 1 (which, when no
 * row has p = 1, predicts nothing positive: the cheapest choice when false positives are expensive enough); one
 * sorted sweep scores them all, and among equal costs the higher threshold wins. It needs no calibration — only the
 * ranking and the fitting rows' mix of classes — but it is only as good as those rows are representative.
 *
 * `details`: `cost` (the total reached) and the confusion counts at the threshold.
 */
export const minCostThresholder = defineThresholder<CostOptions>({
  id: "min-cost",
  description: "the threshold with the lowest total cost fp·FP + fn·FN on labelled data",
  options: costOptionsSchema,
  needsData: true,
  choose(options, data) {
    const candidates = candidatesOf(requireData("min-cost", data), true);
    const { fp, fn } = options;
    const best = bestCandidate(candidates, (c) => -(fp * c.falsePositives + fn * c.falseNegatives));
    const details = countDetails(candidates, best);
    return {
      threshold: candidates.thresholds[best] as number,
      details: { cost: fp * details.falsePositives + fn * details.falseNegatives, ...details },
    };
  },
  explain(options, choice) {
    const rule =
      `Positive when the probability is at least the threshold with the lowest total cost on the fitting data, ` +
      `a false positive costing ${options.fp} and a false negative ${options.fn}`;
    if (choice === undefined) return `${rule} (not fitted yet).`;
    return `${rule}: ${choice.threshold} (total cost ${String(choice.details?.cost)}).`;
  },
});

/**
 * The Bayes-optimal threshold for calibrated probabilities, t = fp / (fp + fn).
 *
 * Predicting positive costs (1 − p)·fp in expectation and predicting negative costs p·fn; the first is no dearer
 * exactly when p ≥ fp / (fp + fn) (Elkan 2001, "The foundations of cost-sensitive learning"). At equality both
 * decisions cost the same and `>=` predicts positive.
 */
export function bayesThreshold(costs: CostOptions): number {
  return costs.fp / (costs.fp + costs.fn);
}

/**
 * The `bayes-cost` thresholder: t = fp / (fp + fn) ({@link bayesThreshold}), the decision that minimises expected
 * cost when the probabilities are calibrated. Needs no data: the threshold is known from the costs alone.
 */
export const bayesCostThresholder = defineThresholder<CostOptions>({
  id: "bayes-cost",
  description: "the Bayes-optimal threshold fp / (fp + fn) for calibrated probabilities",
  options: costOptionsSchema,
  needsData: false,
  choose: (options) => ({ threshold: bayesThreshold(options) }),
  explain: (options) =>
    `Positive when the probability is at least fp / (fp + fn) = ${bayesThreshold(options)}: with calibrated ` +
    `probabilities, the decision with the lowest expected cost (false positive ${options.fp}, false negative ${options.fn}).`,
});

/**
 * A cost-based thresholder. `mode: "empirical"` gives the `min-cost` thresholder (fit it on labelled probabilities:
 * the threshold with the lowest total cost fp·FP + fn·FN on them); `mode: "bayes"` gives the `bayes-cost` thresholder
 * (t = fp / (fp + fn) at once, right when the probabilities are calibrated). The two are separate definitions because
 * one needs data and the other does not; a spec stores `{ fp, fn }` under the type `min-cost` or `bayes-cost`.
 *
 * @example
 * minCost({ fp: 1, fn: 9, mode: "bayes" }).threshold; // 0.1
 * minCost({ fp: 1, fn: 9, mode: "empirical" }).fit(probabilities, labels).threshold;
 */
export function minCost(options: MinCostOptions): Thresholder<CostOptions> {
  const { mode, ...costs } = options;
  if (mode === "bayes") return createThresholder(bayesCostThresholder, costs);
  if (mode === "empirical") return createThresholder(minCostThresholder, costs);
  throw new CalibraError(
    ErrorCodes.INVALID_OPTIONS,
    `minCost: mode is ${JSON.stringify(mode)}; use "empirical" (lowest cost on labelled data) or "bayes" ` +
      "(fp / (fp + fn) for calibrated probabilities).",
    { details: { mode } },
  );
}
