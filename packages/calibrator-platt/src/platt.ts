import { type Calibrator, createCalibrator } from "@calibra/core";
import type { PlattOptions, PlattOptionsInput } from "./options.js";
import type { PlattParams } from "./params.js";
import { plattCalibrator } from "./platt-calibrator.js";

/**
 * Platt scaling, p = 1 / (1 + exp(a·z + b)) on log-odds z. Options are validated here (`E_INVALID_OPTIONS`);
 * `.fit(logOdds, labels, weights?)` returns a fitted calibrator whose `.params` are `{ a, b }`.
 *
 * @example
 * const calibrated = platt().fit(logOdds, labels);
 * calibrated.params; // { a: -1.14, b: -0.08 }
 * calibrated.predict(newLogOdds);
 */
export function platt(options: PlattOptionsInput = {}): Calibrator<PlattOptions, PlattParams> {
  return createCalibrator(plattCalibrator, options);
}
