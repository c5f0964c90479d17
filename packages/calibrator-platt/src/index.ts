export {
  fitPlatt,
  MAX_SLOPE_TERM,
  type PlattDiagnostics,
  type PlattFit,
  type PlattStop,
  WARM_START_MIN_ROWS,
  WARM_START_ROWS,
} from "./fit-platt.js";
export {
  ARMIJO_SUFFICIENT_DECREASE,
  DAMPED_RECIPROCAL_CONDITION,
  GRADIENT_TOLERANCE,
  MAX_NEWTON_ITERATIONS,
  MIN_RECIPROCAL_CONDITION,
  NEWTON_DECREMENT_TOLERANCE,
  type NewtonStop,
} from "./newton.js";
export {
  type PlattOptions,
  type PlattOptionsInput,
  type PlattTargets,
  plattOptionsSchema,
} from "./options.js";
export { type PlattParams, plattParamsSchema } from "./params.js";
export { platt } from "./platt.js";
export { plattCalibrator } from "./platt-calibrator.js";
export { plattPlugin } from "./plugin.js";
