import { LOG_LOSS_EPSILON, type ScoresInput } from "@calibra/core";
import type { LabelsInput } from "../confusion/labelled-probabilities.js";
import { prepareProbabilityData } from "./metric-inputs.js";

/**
 * Log loss (cross-entropy) of P(positive), the weighted mean of −log of the probability given to the true class:
 *
 *   L = Σᵢ wᵢ·−[yᵢ·log pᵢ + (1 − yᵢ)·log(1 − pᵢ)] / Σᵢ wᵢ, with pᵢ clipped to [ε, 1 − ε], ε = 1e-15
 *
 * (core's `LOG_LOSS_EPSILON`), as scikit-learn 1.2's `log_loss(y, p, eps=1e-15, sample_weight=w)` computes it: a
 * probability of exactly 0 or 1 on the wrong class costs about 34.5 instead of ∞ (−log 1e-15 for p = 0 on a positive;
 * −log(1 − fl(1 − 1e-15)) = −log 9.992e-16 for p = 1 on a negative, the bound being rounded to a double). Like
 * scikit-learn it takes the log of 1 − p as computed in doubles, not log1p(−p): the loss of a negative row with a
 * tiny p is then off by up to 1e-16 absolute, far below anything a mean loss can show. One class is allowed (the
 * labels are known to be 0/1, so the loss is defined).
 *
 * Throws `CalibraError`: `E_LENGTH_MISMATCH`, `E_EMPTY_INPUT`, `E_NAN_INPUT`, `E_PROBABILITY_RANGE`,
 * `E_LABEL_CLASSES`, `E_INVALID_WEIGHTS`.
 *
 * @example
 * logLoss([0.9, 0.2], [1, 0]) // (−log 0.9 − log 0.8) / 2 ≈ 0.164252
 */
export function logLoss(probabilities: ScoresInput, labels: LabelsInput, weights?: ScoresInput): number {
  const data = prepareProbabilityData(probabilities, labels, weights, "logLoss");
  const p = data.probabilities;
  const y = data.labels;
  const w = data.weights;
  const upper = 1 - LOG_LOSS_EPSILON;
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const clipped = Math.min(Math.max(p[i] as number, LOG_LOSS_EPSILON), upper);
    // One log per row of the probability given to the true class; a select, not a branch between two functions.
    const loss = -Math.log(y[i] === 1 ? clipped : 1 - clipped);
    sum += w === undefined ? loss : (w[i] as number) * loss;
  }
  return sum / data.totalWeight;
}
