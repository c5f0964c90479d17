import { defineCalibrator, sigmoid } from "@calibra/core";
import { fitBeta } from "./beta-fit.js";
import { betaLinearPredictor } from "./beta-map.js";
import { type BetaOptions, type BetaParams, betaOptionsSchema, betaParamsSchema } from "./beta-schemas.js";

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(6);
}

/**
 * Beta calibration (Kull, Silva Filho & Flach, "Beyond sigmoids: How to obtain well-calibrated probabilities from
 * binary classifiers with beta calibration", Electronic Journal of Statistics 11(2), 2017; reference
 * implementation: the `betacal` Python package).
 *
 * With s = σ(z) the uncalibrated probability of the log-odds z,
 *   p = σ(a·ln(s) − b·ln(1 − s) + c),   a, b ≥ 0,
 * evaluated as σ(a·logSigmoid(z) + b·softplus(z) + c) (and σ(a·z + c) for `"am"`), so log-odds in the thousands
 * and ±∞ are handled without clipping. The map is non-decreasing in z: d/dz of the log-odds is a·(1 − s) + b·s ≥ 0.
 * a = b = 1, c = 0 is the identity map; a = b gives Platt scaling on z; a ≠ b bends the map into shapes no sigmoid
 * of z has (for instance an inverse S, which undoes the over-confidence of naive Bayes).
 *
 * Fitting is maximum likelihood, as logistic regression on the features ln s and −ln(1 − s) (see `fitBeta`).
 */
export const betaCalibrator = defineCalibrator<BetaOptions, BetaParams>({
  id: "beta",
  description:
    "beta calibration: p = sigmoid(a·ln s − b·ln(1 − s) + c) with s = sigmoid(log-odds), a, b ≥ 0 (Kull et al. 2017)",
  input: "logOdds",
  monotone: true,
  options: betaOptionsSchema,
  params: betaParamsSchema,
  fit: (data, options) => fitBeta(data, options.parameters),
  compile({ parameters, a, b, c }) {
    if (parameters === "am") {
      // a = b, so a·ln s − a·ln(1 − s) = a·z exactly: the fitted model, with no logSigmoid/softplus rounding.
      return (logOdds, out) => {
        for (let i = 0; i < logOdds.length; i++) {
          out[i] = sigmoid(a === 0 ? c : a * (logOdds[i] as number) + c);
        }
      };
    }
    return (logOdds, out) => {
      for (let i = 0; i < logOdds.length; i++) {
        out[i] = sigmoid(betaLinearPredictor(logOdds[i] as number, a, b, c));
      }
    };
  },
  explain({ parameters, a, b, c, m }) {
    const formula = `p = sigmoid(${formatNumber(a)}·ln s − ${formatNumber(b)}·ln(1 − s) + ${formatNumber(c)}), s = sigmoid(log-odds)`;
    const shape =
      a === 0 && b === 0
        ? "a constant probability (the scores carried no usable signal)"
        : a === 0
          ? "a = 0: only −ln(1 − s) matters, so the map is flat towards s = 0"
          : b === 0
            ? "b = 0: only ln s matters, so the map is flat towards s = 1"
            : a === b
              ? `a = b: Platt scaling of the log-odds with slope ${formatNumber(a)}`
              : a < 1 && b < 1
                ? "a, b < 1: an inverse-S map that pulls over-confident scores towards the middle"
                : a > 1 && b > 1
                  ? "a, b > 1: an S-shaped map that pushes under-confident scores outwards"
                  : "an asymmetric map";
    return `Beta calibration (${parameters}): ${formula}; ${shape}; calibrated probability ½ at s = ${formatNumber(m)}.`;
  },
});
