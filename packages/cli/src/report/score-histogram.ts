import type { EvaluationSide } from "./evaluation.js";
import { HISTOGRAM_BINS } from "./evaluation.js";

/** Rows per class in each of the equal-width bins of [0, 1], with the bins' edges. */
export type ClassHistogram = EvaluationSide["histogram"];

/**
 * Counts the rows of each class whose probability falls in each of `bins` equal-width bins of [0, 1]: bin k holds
 * [k/B, (k+1)/B), and the last bin also holds p = 1 — bin = min(⌊p·B⌋, B − 1), the binning of the ECE and of the
 * reliability diagram. Counts are rows (weights are not applied), so each class's counts sum to its number of rows.
 *
 * Expects probabilities already validated (in [0, 1], no NaN) and 0/1 labels (1 = positive), as
 * `calibrationReport` checks them.
 *
 * @param bins - number of bins, an integer ≥ 1 (default {@link HISTOGRAM_BINS}).
 */
export function classHistogram(
  probabilities: Float64Array,
  labels: Uint8Array,
  bins: number = HISTOGRAM_BINS,
): ClassHistogram {
  const positive = new Float64Array(bins);
  const negative = new Float64Array(bins);
  const lastBin = bins - 1;
  for (let i = 0; i < probabilities.length; i++) {
    const bin = Math.min(Math.floor((probabilities[i] as number) * bins), lastBin);
    if (labels[i] === 1) positive[bin] = (positive[bin] as number) + 1;
    else negative[bin] = (negative[bin] as number) + 1;
  }
  const edges: number[] = new Array(bins + 1);
  for (let k = 0; k <= bins; k++) edges[k] = k / bins;
  return { edges, positive: Array.from(positive), negative: Array.from(negative) };
}
