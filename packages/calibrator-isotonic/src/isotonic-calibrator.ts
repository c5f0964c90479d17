import { defineCalibrator } from "@calibra/core";
import { fitIsotonic } from "./isotonic-fit.js";
import { isotonicOptionsSchema } from "./isotonic-options.js";
import { isNonDecreasingFit, isotonicParamsSchema } from "./isotonic-params.js";
import { compilePrediction } from "./predict.js";

/**
 * Isotonic regression calibration: the monotone map from log-odds to P(positive) that minimises the (weighted)
 * squared error to the 0/1 labels, found by pool-adjacent-violators and read by linear interpolation between its
 * thresholds — scikit-learn 1.2's `IsotonicRegression(out_of_bounds="clip", y_min=0, y_max=1)`, which is what
 * `CalibratedClassifierCV(method="isotonic")` fits. Monotone for every increasing fit; a decreasing fit
 * (`increasing: "auto"` on scores that rank backwards) is monotone only if constant.
 *
 * Reference: Zadrozny & Elkan, "Transforming classifier scores into accurate multiclass probability estimates",
 * KDD 2002; Best & Chakravarti, Math. Programming 47 (1990).
 */
export const isotonicCalibrator = defineCalibrator({
  id: "isotonic",
  description: "isotonic regression (pool-adjacent-violators), linear interpolation between thresholds",
  input: "logOdds",
  monotone: isNonDecreasingFit,
  options: isotonicOptionsSchema,
  params: isotonicParamsSchema,
  fit: fitIsotonic,
  compile: compilePrediction,
  explain(params) {
    const count = params.logOdds.length;
    const first = params.logOdds[0] as number;
    const last = params.logOdds[count - 1] as number;
    const from = params.probabilities[0] as number;
    const to = params.probabilities[count - 1] as number;
    const reading =
      params.interpolation === "linear"
        ? "linear interpolation between them"
        : "each threshold's value held up to the next";
    if (count === 1 || first === last) {
      return `isotonic regression: a constant P(positive) = ${from} (every calibration score was equal).`;
    }
    return (
      `isotonic regression (${params.increasing ? "increasing" : "decreasing"}): ${count} thresholds from ` +
      `log-odds ${first} to ${last}, ${reading}; P(positive) goes from ${from} to ${to} and stays at those ` +
      "values outside that range."
    );
  },
});
