import type { ScoresInput } from "@calibra/core";
import type { LabelsInput } from "../confusion/labelled-probabilities.js";
import { assignBins } from "./bin-assignment.js";
import {
  assertBinCount,
  assertOneOf,
  BINNING_STRATEGIES,
  type BinningStrategy,
  DEFAULT_CALIBRATION_BINS,
} from "./binning-options.js";
import { prepareProbabilityData } from "./metric-inputs.js";

/** Options of {@link brier}: the binning of the decomposition (the score itself needs none). */
export interface BrierOptions {
  /** Bins requested, an integer ≥ 1 (default 15). */
  bins?: number;
  /** `"equal-width"` (default) or `"equal-mass"`. */
  strategy?: BinningStrategy;
}

/**
 * The Brier score and its Murphy (1973) decomposition over bins. With W = Σ w, bin weights Wₖ, ō the (weighted)
 * base rate, p̄ₖ and ȳₖ a bin's mean probability and fraction of positives:
 *
 * - `score` = Σ wᵢ(pᵢ − yᵢ)² / W — scikit-learn's `brier_score_loss`, no binning involved;
 * - `reliability` = Σₖ (Wₖ/W)(p̄ₖ − ȳₖ)² — lower is better calibrated;
 * - `resolution` = Σₖ (Wₖ/W)(ȳₖ − ō)² — higher separates better;
 * - `uncertainty` = ō(1 − ō) — the data's, not the model's.
 *
 * reliability − resolution + uncertainty is the Brier score of the bin-averaged forecasts (every pᵢ replaced by its
 * bin's p̄ₖ). It differs from `score` by the within-bin term of Stephenson, Coelho & Jolliffe (2008),
 * `withinBin` = `withinBinVariance` − `withinBinCovariance`, so that
 *
 *   score = reliability − resolution + uncertainty + withinBin
 *
 * holds exactly (up to rounding). Without binning effects (every bin holding one distinct probability) withinBin = 0.
 */
export interface BrierDecomposition {
  /** The Brier score, mean squared error of the probabilities: Σ wᵢ(pᵢ − yᵢ)² / Σ wᵢ. */
  readonly score: number;
  /** Σₖ (Wₖ/W)(p̄ₖ − ȳₖ)². */
  readonly reliability: number;
  /** Σₖ (Wₖ/W)(ȳₖ − ō)². */
  readonly resolution: number;
  /** ō(1 − ō). */
  readonly uncertainty: number;
  /** score − (reliability − resolution + uncertainty) = withinBinVariance − withinBinCovariance. */
  readonly withinBin: number;
  /** WBV = Σₖ (Wₖ/W)·Varₖ(p): the spread of the probabilities inside their bins (≥ 0). */
  readonly withinBinVariance: number;
  /** WBC = 2·Σₖ (Wₖ/W)·Covₖ(p, y): how much the probabilities inside a bin still track the labels. */
  readonly withinBinCovariance: number;
  /** Number of bins of the decomposition. */
  readonly bins: number;
}

/**
 * The Brier score (scikit-learn 1.2's `brier_score_loss(y, p, sample_weight=w)`: Σ wᵢ(pᵢ − yᵢ)² / Σ wᵢ) with its
 * Murphy decomposition over bins (default 15 equal-width) — see {@link BrierDecomposition} for every term and the
 * identity they satisfy. One class is allowed. Two passes over the rows: bin sums, then centred within-bin sums (no
 * cancellation from subtracting large squares).
 *
 * Throws `CalibraError`: `E_LENGTH_MISMATCH`, `E_EMPTY_INPUT`, `E_NAN_INPUT`, `E_PROBABILITY_RANGE`,
 * `E_LABEL_CLASSES`, `E_INVALID_WEIGHTS`, `E_INVALID_OPTIONS`.
 *
 * @example
 * brier([0.9, 0.2], [1, 0]).score // (0.01 + 0.04) / 2 = 0.025
 */
export function brier(
  probabilities: ScoresInput,
  labels: LabelsInput,
  weights?: ScoresInput,
  options: BrierOptions = {},
): BrierDecomposition {
  const { bins = DEFAULT_CALIBRATION_BINS, strategy = "equal-width" } = options;
  assertBinCount(bins, "brier");
  assertOneOf(strategy, BINNING_STRATEGIES, "strategy", "brier");
  const data = prepareProbabilityData(probabilities, labels, weights, "brier");
  const p = data.probabilities;
  const y = data.labels;
  const w = data.weights;
  const total = data.totalWeight;
  const assignment = assignBins(p, bins, strategy);
  const binCount = assignment.bins;
  const binOfRow = assignment.binOfRow;

  // Pass 1: the score and the bin sums Wₖ, Σ w·p, Σ w·y.
  const binWeight = new Float64Array(binCount);
  const meanP = new Float64Array(binCount);
  const meanY = new Float64Array(binCount);
  let squaredError = 0;
  let positives = 0;
  for (let i = 0; i < p.length; i++) {
    const weight = w === undefined ? 1 : (w[i] as number);
    const pi = p[i] as number;
    const yi = y[i] as number;
    const error = pi - yi;
    squaredError += weight * error * error;
    positives += weight * yi;
    const bin = binOfRow[i] as number;
    binWeight[bin] = (binWeight[bin] as number) + weight;
    meanP[bin] = (meanP[bin] as number) + weight * pi;
    meanY[bin] = (meanY[bin] as number) + weight * yi;
  }
  for (let k = 0; k < binCount; k++) {
    const weight = binWeight[k] as number;
    meanP[k] = weight > 0 ? (meanP[k] as number) / weight : 0;
    meanY[k] = weight > 0 ? (meanY[k] as number) / weight : 0;
  }

  // Pass 2: centred within-bin sums Σ w(p − p̄ₖ)² and Σ w(p − p̄ₖ)(y − ȳₖ).
  let variance = 0;
  let covariance = 0;
  for (let i = 0; i < p.length; i++) {
    const weight = w === undefined ? 1 : (w[i] as number);
    const bin = binOfRow[i] as number;
    const dp = (p[i] as number) - (meanP[bin] as number);
    variance += weight * dp * dp;
    covariance += weight * dp * ((y[i] as number) - (meanY[bin] as number));
  }

  const baseRate = positives / total;
  let reliability = 0;
  let resolution = 0;
  for (let k = 0; k < binCount; k++) {
    const share = (binWeight[k] as number) / total;
    const miscalibration = (meanP[k] as number) - (meanY[k] as number);
    const separation = (meanY[k] as number) - baseRate;
    reliability += share * miscalibration * miscalibration;
    resolution += share * separation * separation;
  }
  const withinBinVariance = variance / total;
  const withinBinCovariance = (2 * covariance) / total;
  return {
    score: squaredError / total,
    reliability,
    resolution,
    uncertainty: baseRate * (1 - baseRate),
    withinBin: withinBinVariance - withinBinCovariance,
    withinBinVariance,
    withinBinCovariance,
    bins: binCount,
  };
}
