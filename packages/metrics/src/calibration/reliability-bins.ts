import type { ScoresInput } from "@calibra/core";
import type { LabelsInput } from "../confusion/labelled-probabilities.js";
import { assignBins } from "./bin-assignment.js";
import { binTotals } from "./bin-totals.js";
import {
  assertBinCount,
  assertOneOf,
  BINNING_STRATEGIES,
  type BinningStrategy,
  DEFAULT_CALIBRATION_BINS,
} from "./binning-options.js";
import { type ProbabilityData, prepareProbabilityData } from "./metric-inputs.js";

/** Options of {@link reliabilityBins}. */
export interface ReliabilityBinsOptions {
  /** Bins requested, an integer ≥ 1 (default 15). Equal-mass binning may produce fewer. */
  bins?: number;
  /** `"equal-width"` (default) or `"equal-mass"`; see {@link BinningStrategy}. */
  strategy?: BinningStrategy;
  /**
   * Non-negative sample weights, one per row. They weight every bin statistic; equal-mass edges are still laid out
   * on row counts (as in Kumar et al.'s code, which has no weights).
   */
  weights?: ScoresInput;
}

/** Every bin of a reliability diagram, empty ones included. */
export interface ReliabilityBins {
  readonly strategy: BinningStrategy;
  /** Number of bins (B). */
  readonly bins: number;
  /** B + 1 edges: bin k spans edges[k] to edges[k + 1] (see {@link BinningStrategy} for which end is closed). */
  readonly edges: Float64Array;
  /** Rows per bin. */
  readonly counts: Uint32Array;
  /** Total weight per bin (equal to `counts` without weights). */
  readonly weights: Float64Array;
  /** Weighted mean probability per bin, p̄ₖ = Σ w·p / Σ w; NaN where the bin has no weight. */
  readonly meanPredicted: Float64Array;
  /** Weighted fraction of positives per bin, ȳₖ = Σ w·y / Σ w; NaN where the bin has no weight. */
  readonly fractionPositive: Float64Array;
  /** Σ w over all rows (the row count without weights). */
  readonly totalWeight: number;
}

/** {@link reliabilityBins} on already validated data. */
export function reliabilityBinsOf(
  data: ProbabilityData,
  bins: number,
  strategy: BinningStrategy,
): ReliabilityBins {
  const assignment = assignBins(data.probabilities, bins, strategy);
  const totals = binTotals(data, assignment.binOfRow, assignment.bins);
  const meanPredicted = new Float64Array(assignment.bins);
  const fractionPositive = new Float64Array(assignment.bins);
  for (let k = 0; k < assignment.bins; k++) {
    const weight = totals.weights[k] as number;
    meanPredicted[k] = weight > 0 ? (totals.predicted[k] as number) / weight : Number.NaN;
    fractionPositive[k] = weight > 0 ? (totals.positives[k] as number) / weight : Number.NaN;
  }
  return {
    strategy,
    bins: assignment.bins,
    edges: assignment.edges,
    counts: totals.counts,
    weights: totals.weights,
    meanPredicted,
    fractionPositive,
    totalWeight: data.totalWeight,
  };
}

/**
 * The data of a reliability diagram: for every bin (empty ones included), its rows, weight, mean probability p̄ₖ
 * and fraction of positives ȳₖ. The binned calibration errors ({@link ece}, {@link ace}) are functions of these
 * numbers alone.
 *
 * @example
 * reliabilityBins([0.1, 0.15, 0.9], [0, 1, 1], { bins: 2 })
 * // counts [2, 1], meanPredicted [0.125, 0.9], fractionPositive [0.5, 1], edges [0, 0.5, 1]
 */
export function reliabilityBins(
  probabilities: ScoresInput,
  labels: LabelsInput,
  options: ReliabilityBinsOptions = {},
): ReliabilityBins {
  const { bins = DEFAULT_CALIBRATION_BINS, strategy = "equal-width", weights } = options;
  assertBinCount(bins, "reliabilityBins");
  assertOneOf(strategy, BINNING_STRATEGIES, "strategy", "reliabilityBins");
  return reliabilityBinsOf(
    prepareProbabilityData(probabilities, labels, weights, "reliabilityBins"),
    bins,
    strategy,
  );
}
