export {
  fitTemperatureScaling,
  GRADIENT_TOLERANCE,
  type TemperatureFit,
  type TemperatureLimit,
} from "./fit-temperature.js";
export { INTERCEPT_TOLERANCE } from "./intercept.js";
export {
  logOddsScale,
  MAX_STEEPNESS,
  MIN_STEEPNESS,
  type TemperatureLimits,
  temperatureLimits,
} from "./limits.js";
export { temperaturePlugin } from "./plugin.js";
export { temperature } from "./temperature.js";
export {
  type ResolvedTemperatureOptions,
  type TemperatureOptions,
  type TemperatureParams,
  temperatureCalibrator,
  temperatureOptionsSchema,
  temperatureParamsSchema,
} from "./temperature-calibrator.js";
