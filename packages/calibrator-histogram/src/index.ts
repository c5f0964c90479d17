export { histogram } from "./histogram.js";
export { histogramCalibrator } from "./histogram-calibrator.js";
export {
  type BinningStrategy,
  type BinPrior,
  DEFAULT_BINS,
  DEFAULT_PRIOR_STRENGTH,
  type HistogramOptions,
  MAX_BINS,
  type ResolvedHistogramOptions,
} from "./histogram-options.js";
export type { HistogramParams } from "./histogram-params.js";
export { histogramPlugin } from "./plugin.js";
