import { type Calibrator, createCalibrator } from "@calibra/core";
import { histogramCalibrator } from "./histogram-calibrator.js";
import type { HistogramOptions, ResolvedHistogramOptions } from "./histogram-options.js";
import type { HistogramParams } from "./histogram-params.js";

/**
 * A histogram-binning calibrator (Zadrozny & Elkan 2001) with its options bound (validated now: a bad option throws
 * `E_INVALID_OPTIONS`). `fit(logOdds, labels, weights?)` returns a fitted calibrator whose `params` hold the bin
 * edges (log-odds), values and weights.
 *
 * @example
 * const fitted = histogram({ bins: 10, strategy: "equal-mass" }).fit(logOdds, labels);
 * fitted.predict([-2, 0, 3]); // each score's bin rate
 */
export function histogram(
  options: HistogramOptions = {},
): Calibrator<ResolvedHistogramOptions, HistogramParams> {
  return createCalibrator(histogramCalibrator, options);
}
