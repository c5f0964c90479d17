import type { ScoresInput } from "@calibra/core";
import {
  type LabelledProbabilities,
  type LabelsInput,
  prepareLabelledProbabilities,
} from "../confusion/labelled-probabilities.js";

/** Probabilities, labels and weights after validation, with their total weight, as calibration metrics use them. */
export interface ProbabilityData extends LabelledProbabilities {
  /** Σ wᵢ over all rows (the row count without weights); always > 0. */
  readonly totalWeight: number;
}

/**
 * Validates a calibration metric's inputs once, at its boundary, with the package's shared check (labels of one
 * class allowed: Brier, log loss, ECE and calibration curves are defined on them): probabilities a non-empty
 * `Float64Array` (other arrays copied once) in [0, 1] without NaN (`E_EMPTY_INPUT`, `E_NAN_INPUT`,
 * `E_PROBABILITY_RANGE`), labels 0/1 (`E_LABEL_CLASSES`), equal lengths (`E_LENGTH_MISMATCH`), weights finite,
 * non-negative, with a positive total (`E_INVALID_WEIGHTS`). `metric` names the caller in messages.
 */
export function prepareProbabilityData(
  probabilities: ScoresInput,
  labels: LabelsInput,
  weights: ScoresInput | undefined,
  metric: string,
): ProbabilityData {
  const data = prepareLabelledProbabilities(probabilities, labels, weights, metric, "any");
  return { ...data, totalWeight: data.positiveWeight + data.negativeWeight };
}
