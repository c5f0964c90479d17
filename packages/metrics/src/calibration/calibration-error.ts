import type { ScoresInput } from "@calibra/core";
import type { LabelsInput } from "../confusion/labelled-probabilities.js";
import {
  assertBinCount,
  assertOneOf,
  BINNING_STRATEGIES,
  type BinningStrategy,
  DEFAULT_CALIBRATION_BINS,
} from "./binning-options.js";
import { prepareProbabilityData } from "./metric-inputs.js";
import { type ReliabilityBins, reliabilityBinsOf } from "./reliability-bins.js";

/**
 * How the per-bin gaps |ȳₖ − p̄ₖ| are combined: `"l1"` their weighted mean (ECE), `"l2"` the root of the weighted
 * mean of their squares (RMSCE), `"max"` the largest over non-empty bins (MCE).
 */
export type CalibrationErrorNorm = "l1" | "l2" | "max";

/** The norms, for validation and help texts. */
export const CALIBRATION_ERROR_NORMS: readonly CalibrationErrorNorm[] = ["l1", "l2", "max"];

/** Options of {@link ece}. */
export interface EceOptions {
  /** Bins requested, an integer ≥ 1 (default 15). */
  bins?: number;
  /** `"equal-width"` (default) or `"equal-mass"`. */
  strategy?: BinningStrategy;
  /** `"l1"` (default, ECE), `"l2"` (RMSCE) or `"max"` (MCE). */
  norm?: CalibrationErrorNorm;
  /** Non-negative sample weights, one per row: bin weights Wₖ and bin means become weighted. */
  weights?: ScoresInput;
}

/**
 * Combines the gaps of reliability bins under a norm. With Wₖ a bin's weight, W the total, gₖ = |ȳₖ − p̄ₖ|:
 * l1 = Σₖ (Wₖ/W)·gₖ, l2 = √(Σₖ (Wₖ/W)·gₖ²), max = maxₖ gₖ over bins with Wₖ > 0. Bins without weight add nothing.
 */
export function calibrationErrorOfBins(bins: ReliabilityBins, norm: CalibrationErrorNorm): number {
  let sum = 0;
  let largest = 0;
  for (let k = 0; k < bins.bins; k++) {
    const weight = bins.weights[k] as number;
    if (!(weight > 0)) continue;
    const gap = Math.abs((bins.fractionPositive[k] as number) - (bins.meanPredicted[k] as number));
    const share = weight / bins.totalWeight;
    if (norm === "l1") sum += share * gap;
    else if (norm === "l2") sum += share * gap * gap;
    else if (gap > largest) largest = gap;
  }
  if (norm === "l2") return Math.sqrt(sum);
  return norm === "l1" ? sum : largest;
}

/**
 * Expected calibration error of P(positive) (Naeini, Cooper & Hauskrecht 2015; Guo et al. 2017), binned.
 *
 * With the default options — 15 equal-width bins, bin k = min(⌊p·15⌋, 14), l1 norm —
 * ECE = Σₖ (nₖ/n)·|ȳₖ − p̄ₖ|, nₖ the rows in bin k, ȳₖ their fraction of positives and p̄ₖ their mean
 * probability: exactly the reference files' `ece_definition` (scikit-learn has no ECE). With `norm: "l2"` it is the
 * RMS calibration error √(Σₖ (nₖ/n)·(ȳₖ − p̄ₖ)²) and with `norm: "max"` the maximum calibration error
 * maxₖ |ȳₖ − p̄ₖ| over non-empty bins. `strategy: "equal-mass"` uses Kumar et al.'s equal-mass bins (see
 * {@link ace}). With weights, nₖ/n becomes Wₖ/W and the bin means are weighted. One class is allowed.
 *
 * Throws `CalibraError`: `E_LENGTH_MISMATCH`, `E_EMPTY_INPUT`, `E_NAN_INPUT`, `E_PROBABILITY_RANGE`,
 * `E_LABEL_CLASSES`, `E_INVALID_WEIGHTS`, `E_INVALID_OPTIONS` (bins not an integer ≥ 1, unknown strategy or norm).
 *
 * @example
 * ece([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]) // 0.15: four one-row bins, gaps 0.1, 0.2, 0.2, 0.1
 */
export function ece(probabilities: ScoresInput, labels: LabelsInput, options: EceOptions = {}): number {
  const { bins = DEFAULT_CALIBRATION_BINS, strategy = "equal-width", norm = "l1", weights } = options;
  assertBinCount(bins, "ece");
  assertOneOf(strategy, BINNING_STRATEGIES, "strategy", "ece");
  assertOneOf(norm, CALIBRATION_ERROR_NORMS, "norm", "ece");
  const data = prepareProbabilityData(probabilities, labels, weights, "ece");
  return calibrationErrorOfBins(reliabilityBinsOf(data, bins, strategy), norm);
}

/** Options of {@link ace}. */
export interface AceOptions {
  /** Bins requested, an integer ≥ 1 (default 15). */
  bins?: number;
  /** Non-negative sample weights, one per row (the bins are still laid out on row counts). */
  weights?: ScoresInput;
}

/**
 * Adaptive calibration error (Nixon et al. 2019, "Measuring Calibration in Deep Learning"): the ECE over
 * equal-mass bins, ACE = Σₖ (nₖ/n)·|ȳₖ − p̄ₖ|, for P(positive).
 *
 * The bins are those of Kumar, Liang & Ma (2019)'s `get_equal_bins`: the sorted probabilities are split into B runs
 * as `np.array_split` splits them, bin edges sit halfway between neighbouring runs, a value on an edge goes to the
 * lower bin and tied values always share a bin (so there can be fewer non-empty bins than B). It equals their
 * `get_ece_em(p, y, num_bins=B)` on 1-D binary probabilities. Same errors as {@link ece}.
 */
export function ace(probabilities: ScoresInput, labels: LabelsInput, options: AceOptions = {}): number {
  const { bins = DEFAULT_CALIBRATION_BINS, weights } = options;
  assertBinCount(bins, "ace");
  const data = prepareProbabilityData(probabilities, labels, weights, "ace");
  return calibrationErrorOfBins(reliabilityBinsOf(data, bins, "equal-mass"), "l1");
}
