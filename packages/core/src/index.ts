export {
  builtinActivations,
  PROBABILITY_CLIP_EPSILON,
  probabilityActivation,
  sigmoidActivation,
  softmax2Activation,
  twoSigmoidsActivation,
} from "./builtins/activations.js";
export {
  fixedThreshold,
  type ProbabilityOptions,
  probabilities,
  sigmoidLogits,
  softmax2Logits,
  type TwoColumnOptions,
  twoSigmoids,
} from "./builtins/factories.js";
export { DEFAULT_THRESHOLD, fixedThresholder } from "./builtins/fixed-threshold.js";
export { corePlugin } from "./builtins/plugin.js";
export { createActivation } from "./components/activation.js";
export { calibratorFromParams, createCalibrator, fittedCalibrator } from "./components/calibrator.js";
export {
  assertProbabilities,
  assertValidThreshold,
  createThresholder,
  thresholderFromSpec,
} from "./components/thresholder.js";

export type { Activation, ActivationDefinition } from "./contracts/activation.js";
export type { Calibrator, CalibratorDefinition, FittedCalibrator } from "./contracts/calibrator.js";
export type {
  BackendDefinition,
  BuiltinActivationId,
  FeatureBatch,
  Model,
  ModelOutput,
  ModelSource,
  TensorInfo,
} from "./contracts/model.js";
export {
  type AnyActivation,
  type AnyActivationDefinition,
  type AnyBackendDefinition,
  type AnyCalibrator,
  type AnyCalibratorDefinition,
  type AnyFittedCalibrator,
  type AnyThresholder,
  type AnyThresholderDefinition,
  type ComponentKind,
  PLUGIN_API_VERSION,
  type Plugin,
} from "./contracts/plugin.js";
export type { RawInput, RawMatrix } from "./contracts/raw-output.js";
export type {
  ThresholdChoice,
  ThresholdData,
  Thresholder,
  ThresholderDefinition,
} from "./contracts/thresholder.js";
export {
  type CalibrateCVResult,
  type CandidateScore,
  type CrossValidationOptions,
  CV_TIE_TOLERANCE,
  calibrateCV,
  crossValidatedProbabilities,
  DEFAULT_FOLDS,
  LOG_LOSS_EPSILON,
} from "./cross-validation/calibrate-cv.js";
export { stratifiedFolds } from "./cross-validation/folds.js";
export { assertFeatureBatch } from "./data/feature-batch.js";
export { type FitData, prepareFitData, validateWeights } from "./data/fit-data.js";
export {
  assertBinaryLabels,
  type ClassNames,
  type EncodedLabels,
  type EncodeLabelsOptions,
  encodeLabels,
  type RawLabel,
} from "./data/labels.js";
export { toRawMatrix } from "./data/raw-matrix.js";
export {
  assertFinite,
  assertNoNaN,
  assertNotEmpty,
  assertSameLength,
  countNaN,
  countNonFinite,
  type ScoresInput,
  toFloat64,
} from "./data/scores.js";
export {
  defineActivation,
  defineBackend,
  defineCalibrator,
  definePlugin,
  defineThresholder,
  providerOf,
} from "./define.js";
export {
  CalibraError,
  type CalibraErrorOptions,
  type ErrorCode,
  ErrorCodes,
  isCalibraError,
} from "./errors.js";
export { argsortFloat64 } from "./math/argsort.js";
export { doubleToOrderedKey, orderedKeyToDouble, smallestDoubleWhere } from "./math/ordered-doubles.js";
export { seededUniform } from "./math/random.js";
export { sortFloat64 } from "./math/sort.js";
export { type ClassSortedScores, sortByClass } from "./math/sort-by-class.js";
export {
  logit,
  logitArray,
  logSigmoid,
  logSigmoidArray,
  type NumericArray,
  sigmoid,
  sigmoidArray,
  softplus,
  softplusArray,
} from "./math/stable.js";
export { type FitPipelineInput, fitPipeline } from "./pipeline/fit-pipeline.js";
export { Pipeline, type PipelineParts } from "./pipeline/pipeline.js";
export { assertPriorShift, type PriorShift, priorShiftOffset } from "./pipeline/prior-shift.js";
export {
  type CreateRegistryOptions,
  createRegistry,
  defaultRegistry,
  type LookupOptions,
  type PluginSummary,
  type Registry,
} from "./registry.js";
export { type StandardSchemaV1, validateWithSchema } from "./schema/standard-schema.js";
export { type LoadPipelineOptions, loadPipeline } from "./spec/load.js";
export {
  type ComponentSpec,
  type FitSummary,
  type PipelineSpec,
  SPEC_FORMAT,
  SPEC_VERSION,
  type ThresholdSpec,
} from "./spec/spec-types.js";
