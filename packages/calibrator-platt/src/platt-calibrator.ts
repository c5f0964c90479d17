import { defineCalibrator, sigmoid } from "@calibra/core";
import { fitPlattParams } from "./fit-platt.js";
import { type PlattOptions, plattOptionsSchema } from "./options.js";
import { type PlattParams, plattParamsSchema } from "./params.js";

/**
 * Platt scaling (J. Platt, "Probabilistic outputs for support vector machines", 1999), as scikit-learn 1.2's
 * `CalibratedClassifierCV(method="sigmoid")` does it:
 *
 *   p(z) = 1 / (1 + exp(a·z + b)) = σ(−(a·z + b))
 *
 * on log-odds z, with scikit-learn's sign convention (a < 0 when higher scores mean "more positive"). Fitted by
 * {@link fitPlatt} to the exact optimum of scikit-learn's objective. Non-decreasing in z exactly when a ≤ 0.
 * Predictions accept ±∞ (a = 0 gives the constant σ(−b), never 0·∞ = NaN).
 */
export const plattCalibrator = defineCalibrator<PlattOptions, PlattParams>({
  id: "platt",
  description: "Platt scaling: p = 1 / (1 + exp(a·z + b)), fitted by log loss on smoothed targets",
  input: "logOdds",
  monotone: (params) => params.a <= 0,
  options: plattOptionsSchema,
  params: plattParamsSchema,
  fit: (data, options) => fitPlattParams(data, options),
  compile({ a, b }) {
    if (a === 0) {
      const constant = sigmoid(-b);
      return (logOdds, out) => {
        for (let i = 0; i < logOdds.length; i++) out[i] = constant;
      };
    }
    return (logOdds, out) => {
      for (let i = 0; i < logOdds.length; i++) out[i] = sigmoid(-(a * (logOdds[i] as number) + b));
    };
  },
  explain({ a, b }) {
    const formula = `p = 1 / (1 + exp(${a}·z ${signed(b)}))`;
    if (a === 0) return `${formula}: every score gets the same probability, ${sigmoid(-b)}.`;
    const slope = -a;
    const midpoint = -b / a;
    const shape =
      slope < 0
        ? "decreasing: higher scores get LOWER probabilities (the scores are anti-correlated with the labels)"
        : slope < 1
          ? `the model's log-odds are shrunk by a factor ${slope} (it was over-confident)`
          : slope > 1
            ? `the model's log-odds are stretched by a factor ${slope} (it was under-confident)`
            : "the model's log-odds keep their scale";
    return `${formula}, i.e. calibrated log-odds ${slope}·z ${signed(-b)}: ${shape}; p = 0.5 at z = ${midpoint}.`;
  },
});

/** "+ 3" or "− 3", for a term that follows another in a formula. */
function signed(value: number): string {
  return value < 0 ? `− ${-value}` : `+ ${value}`;
}
