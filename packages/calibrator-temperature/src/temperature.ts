import { type Calibrator, createCalibrator } from "@calibra/core";
import {
  type ResolvedTemperatureOptions,
  type TemperatureOptions,
  type TemperatureParams,
  temperatureCalibrator,
} from "./temperature-calibrator.js";

/**
 * Temperature scaling: returns an unfitted calibrator whose `fit(logOdds, labels, weights?)` finds T (and c with
 * `{ bias: true }`) and returns a fitted calibrator with `params: { temperature, bias }` and
 * p = σ(logOdds / temperature + bias). Invalid options throw `E_INVALID_OPTIONS`.
 *
 * @example
 * const calibrated = temperature().fit(logOdds, labels);
 * calibrated.params.temperature; // 2.31: the model was over-confident
 * calibrated.predict(newLogOdds);
 */
export function temperature(
  options: TemperatureOptions = {},
): Calibrator<ResolvedTemperatureOptions, TemperatureParams> {
  return createCalibrator(temperatureCalibrator, options);
}
