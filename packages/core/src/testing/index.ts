/**
 * `@calibra/core/testing`: the conformance kit. Plain functions, no test-runner dependency, so that first- and
 * third-party plugin authors run the same contract checks in whatever test runner they use.
 */

export { seededUniform } from "../math/random.js";
export {
  assertCalibratorConformance,
  type CalibratorConformanceOptions,
  type ConformanceCheck,
  checkCalibrator,
} from "./calibrator-conformance.js";
export { type ConformanceDataset, conformanceDatasets, probeLogOdds } from "./datasets.js";
export {
  assertModelConformance,
  checkModel,
  MODEL_CONFORMANCE_TOLERANCE,
  type ModelConformanceOptions,
} from "./model-conformance.js";
