import { type Calibrator, createCalibrator } from "@calibra/core";
import { isotonicCalibrator } from "./isotonic-calibrator.js";
import type { IsotonicOptions, IsotonicOptionsInput } from "./isotonic-options.js";
import type { IsotonicParams } from "./isotonic-params.js";

/**
 * An isotonic-regression calibrator with `options` bound (validated now: an unknown key or value throws
 * `E_INVALID_OPTIONS`). `fit(logOdds, labels, weights?)` returns a fitted calibrator whose `params` hold the
 * thresholds.
 *
 * @example
 * const calibrated = isotonic().fit(calibrationLogOdds, calibrationLabels);
 * calibrated.predict(testLogOdds); // P(positive), linear between thresholds
 */
export function isotonic(options: IsotonicOptionsInput = {}): Calibrator<IsotonicOptions, IsotonicParams> {
  return createCalibrator(isotonicCalibrator, options);
}
