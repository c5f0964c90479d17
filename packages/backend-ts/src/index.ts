export { type CompiledModel, compileModel, type DenseLayer, forwardPass } from "./forward-pass.js";
export {
  type CalibraModelJson,
  hasModelFormat,
  LAYER_ACTIVATIONS,
  type LayerActivation,
  MODEL_FORMAT,
  MODEL_VERSION,
  modelSchema,
  parseModelJson,
} from "./model-format.js";
export { isModelSource, MODEL_FILE_EXTENSION, readModelSource } from "./model-source.js";
export { tsBackend, tsBackendPlugin } from "./plugin.js";
export {
  DEFAULT_L2,
  DEFAULT_LOGISTIC_MAX_ITERATIONS,
  LOGISTIC_GRADIENT_TOLERANCE,
  type LogisticTrainingOptions,
  trainLogistic,
} from "./train-logistic.js";
export {
  DEFAULT_BATCH_SIZE,
  DEFAULT_EPOCHS,
  DEFAULT_HIDDEN,
  DEFAULT_LEARNING_RATE,
  DEFAULT_SEED,
  type MLPTrainingOptions,
  trainMLP,
} from "./train-mlp.js";
export type { TrainingData, TrainingFeatures } from "./training-data.js";
export { loadTsModel, TS_BACKEND_ID, TS_RUNTIME, type TsModel, type TsModelOutput } from "./ts-model.js";
