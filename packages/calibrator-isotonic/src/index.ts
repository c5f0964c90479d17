export { isotonic } from "./isotonic.js";
export { isotonicCalibrator } from "./isotonic-calibrator.js";
export {
  INTERPOLATIONS,
  type Interpolation,
  type IsotonicOptions,
  type IsotonicOptionsInput,
  isotonicOptionsSchema,
} from "./isotonic-options.js";
export { type IsotonicParams, isotonicParamsSchema } from "./isotonic-params.js";
export { isotonicPlugin } from "./plugin.js";
