import { type Calibrator, createCalibrator } from "@calibra/core";
import { betaCalibrator } from "./beta-calibrator.js";
import type { BetaOptions, BetaParams } from "./beta-schemas.js";

/**
 * Beta calibration: `beta().fit(logOdds, labels, weights?)` fits p = σ(a·ln s − b·ln(1 − s) + c), s = σ(logOdds),
 * and returns a fitted calibrator whose `.params` are `{ parameters, a, b, c, m }`.
 *
 * @param options `parameters`: `"abm"` (default; a, b, c free), `"am"` (a = b: Platt on the log-odds) or `"ab"`
 *   (no intercept; the map passes through (½, ½)). Unknown keys or values throw `E_INVALID_OPTIONS`.
 */
export function beta(options: Partial<BetaOptions> = {}): Calibrator<BetaOptions, BetaParams> {
  return createCalibrator(betaCalibrator, options);
}
