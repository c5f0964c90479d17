export {
  BINNING_STRATEGIES,
  type BinningStrategy,
  DEFAULT_CALIBRATION_BINS,
  MAX_CALIBRATION_BINS,
} from "./binning-options.js";
export {
  type BootstrapInterval,
  type BootstrapOptions,
  bootstrap,
  DEFAULT_CONFIDENCE_LEVEL,
  DEFAULT_RESAMPLES,
  MAX_RESAMPLES,
  type MetricFunction,
} from "./bootstrap.js";
export { type BrierDecomposition, type BrierOptions, brier } from "./brier.js";
export {
  CALIBRATION_CURVE_STRATEGIES,
  type CalibrationCurve,
  type CalibrationCurveOptions,
  type CalibrationCurveStrategy,
  calibrationCurve,
  DEFAULT_CURVE_BINS,
} from "./calibration-curve.js";
export {
  type AceOptions,
  ace,
  CALIBRATION_ERROR_NORMS,
  type CalibrationErrorNorm,
  calibrationErrorOfBins,
  type EceOptions,
  ece,
} from "./calibration-error.js";
export {
  type DebiasedCalibrationErrorOptions,
  debiasedCalibrationError,
} from "./debiased-calibration-error.js";
export { logLoss } from "./log-loss.js";
export {
  type ReliabilityBins,
  type ReliabilityBinsOptions,
  reliabilityBins,
} from "./reliability-bins.js";
