import { CalibraError, ErrorCodes, type ScoresInput } from "@calibra/core";
import type { LabelsInput } from "../confusion/labelled-probabilities.js";
import { assertBinCount, assertOneOf } from "./binning-options.js";
import { sortedCopy } from "./equal-mass-bins.js";
import { prepareProbabilityData } from "./metric-inputs.js";
import { numpyPercentile, numpyUnitLinspace } from "./numpy-percentile.js";

/** scikit-learn's `calibration_curve` strategies: `"uniform"` equal-width bins, `"quantile"` equal-count bins. */
export type CalibrationCurveStrategy = "uniform" | "quantile";

/** The strategies, for validation and help texts. */
export const CALIBRATION_CURVE_STRATEGIES: readonly CalibrationCurveStrategy[] = ["uniform", "quantile"];

/** Five bins: scikit-learn's default `n_bins` for `calibration_curve`. */
export const DEFAULT_CURVE_BINS = 5;

/** Options of {@link calibrationCurve}. */
export interface CalibrationCurveOptions {
  /** Number of bins, an integer ≥ 1 (scikit-learn's `n_bins`, default 5). */
  bins?: number;
  /** `"uniform"` (default) or `"quantile"` (scikit-learn's `strategy`). */
  strategy?: CalibrationCurveStrategy;
  /**
   * Non-negative sample weights, one per row (an extension: scikit-learn 1.2's `calibration_curve` has none). They
   * weight the bin means; quantile edges are still percentiles of the unweighted probabilities, and `counts` still
   * counts rows. A bin whose rows all have weight 0 is dropped like an empty one.
   */
  weights?: ScoresInput;
}

/** A calibration curve (reliability diagram) over the non-empty bins, in increasing order of probability. */
export interface CalibrationCurve {
  /** Fraction of positives in each non-empty bin (scikit-learn's `prob_true`). */
  readonly probTrue: Float64Array;
  /** Mean probability in each non-empty bin (scikit-learn's `prob_pred`). */
  readonly probPred: Float64Array;
  /** Rows in each non-empty bin. */
  readonly counts: Uint32Array;
  /** For each returned point, the index k of its bin: it spans edges[k] to edges[k + 1]. */
  readonly binIds: Uint32Array;
  /** All B + 1 bin edges (scikit-learn's internal `bins`), empty bins included. */
  readonly edges: Float64Array;
}

/**
 * scikit-learn 1.2's `calibration_curve(y, p, n_bins=B, strategy=…)`, value for value, plus the rows per bin:
 *
 * - edges: `"uniform"` — `np.linspace(0, 1, B + 1)`; `"quantile"` — `np.percentile(p, np.linspace(0, 1, B + 1)·100)`
 *   with numpy's linear interpolation (reproduced exactly, see {@link numpyPercentile});
 * - bin of p: `np.searchsorted(edges[1:-1], p)` — the number of inner edges strictly below p, so a value EQUAL to an
 *   inner edge goes to the LOWER bin (bins are (eₖ, eₖ₊₁], the first one [0, e₁]). This differs from the ECE's
 *   equal-width rule ⌊p·B⌋ exactly at the edges;
 * - `probTrue`[k] = Σ y / n, `probPred`[k] = Σ p / n over each bin, weighted when weights are given; empty bins are
 *   dropped, so fewer than B points may come back.
 *
 * One class is allowed, as in scikit-learn. Throws `CalibraError`: `E_LENGTH_MISMATCH`, `E_EMPTY_INPUT`,
 * `E_NAN_INPUT`, `E_PROBABILITY_RANGE`, `E_LABEL_CLASSES`, `E_INVALID_WEIGHTS`, `E_INVALID_OPTIONS`.
 *
 * @example
 * calibrationCurve([0.1, 0.2, 0.6, 0.9], [0, 1, 1, 1], { bins: 2 })
 * // probTrue [0.5, 1], probPred [0.15, 0.75], counts [2, 2], edges [0, 0.5, 1]
 */
export function calibrationCurve(
  probabilities: ScoresInput,
  labels: LabelsInput,
  options: CalibrationCurveOptions = {},
): CalibrationCurve {
  const { bins = DEFAULT_CURVE_BINS, strategy = "uniform", weights } = options;
  assertBinCount(bins, "calibrationCurve");
  assertOneOf(strategy, CALIBRATION_CURVE_STRATEGIES, "strategy", "calibrationCurve");
  const data = prepareProbabilityData(probabilities, labels, weights, "calibrationCurve");
  const p = data.probabilities;
  const y = data.labels;
  const w = data.weights;

  const edges = calibrationCurveEdges(p, bins, strategy);
  const counts = new Uint32Array(bins);
  const binWeights = new Float64Array(bins);
  const predicted = new Float64Array(bins);
  const positives = new Float64Array(bins);
  for (let i = 0; i < p.length; i++) {
    const value = p[i] as number;
    const bin = searchsortedInner(edges, value);
    const weight = w === undefined ? 1 : (w[i] as number);
    counts[bin] = (counts[bin] as number) + 1;
    binWeights[bin] = (binWeights[bin] as number) + weight;
    predicted[bin] = (predicted[bin] as number) + weight * value;
    positives[bin] = (positives[bin] as number) + weight * (y[i] as number);
  }

  let nonEmpty = 0;
  for (let k = 0; k < bins; k++) if ((binWeights[k] as number) > 0) nonEmpty++;
  const probTrue = new Float64Array(nonEmpty);
  const probPred = new Float64Array(nonEmpty);
  const pointCounts = new Uint32Array(nonEmpty);
  const binIds = new Uint32Array(nonEmpty);
  let point = 0;
  for (let k = 0; k < bins; k++) {
    const weight = binWeights[k] as number;
    if (!(weight > 0)) continue;
    probTrue[point] = (positives[k] as number) / weight;
    probPred[point] = (predicted[k] as number) / weight;
    pointCounts[point] = counts[k] as number;
    binIds[point] = k;
    point++;
  }
  return { probTrue, probPred, counts: pointCounts, binIds, edges };
}

/** The B + 1 edges scikit-learn's `calibration_curve` bins with (its `bins` array). */
export function calibrationCurveEdges(
  probabilities: Float64Array,
  bins: number,
  strategy: CalibrationCurveStrategy,
): Float64Array {
  const grid = numpyUnitLinspace(bins);
  if (strategy === "uniform") return grid;
  if (probabilities.length === 0) {
    throw new CalibraError(ErrorCodes.EMPTY_INPUT, "calibrationCurve: quantile bins need at least one row.");
  }
  const sorted = sortedCopy(probabilities);
  const edges = new Float64Array(bins + 1);
  for (let i = 0; i <= bins; i++) edges[i] = numpyPercentile(sorted, (grid[i] as number) * 100);
  return edges;
}

/**
 * `np.searchsorted(edges[1:-1], p)` (side "left"): how many inner edges lie strictly below p — a binary search over
 * edges[1] … edges[B − 1], O(log B) without allocating.
 */
export function searchsortedInner(edges: Float64Array, p: number): number {
  let low = 1;
  let high = edges.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((edges[middle] as number) < p) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}
