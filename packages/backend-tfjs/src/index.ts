export {
  CONVERTED_LAYER_NAMES,
  type TfjsConversionOptions,
  type TfjsConvertedModel,
  type TfjsHead,
  toTfjsLayersModel,
  WEIGHTS_FILE_NAME,
} from "./converter.js";
export { CALIBRA_METADATA_KEY, FEATURE_NAMES_FIELD, featureNamesFromMetadata } from "./feature-names.js";
export {
  MODEL_JSON_FILE_NAME,
  TFJS_MODEL_KINDS,
  type TfjsModelArtifacts,
  type TfjsModelJson,
  type TfjsModelKind,
} from "./model-json.js";
export { isTfjsModelSource, type TfjsModelFiles, type TfjsModelSource } from "./model-source.js";
export { type FinalActivation, suggestActivation } from "./output-detection.js";
export { tfjsBackend, tfjsBackendPlugin } from "./plugin.js";
export {
  type ModuleImporter,
  resolveTfjsRuntime,
  TFJS_MODULE,
  TFJS_NODE_MODULE,
  TFJS_RUNTIMES,
  TFJS_WASM_MODULE,
  type TfjsBackendName,
  type TfjsNamespace,
  type TfjsRuntime,
  type TfjsRuntimeName,
  type TfjsRuntimeOptions,
} from "./runtime.js";
export { type SavedTfjsModel, saveTfjsModel } from "./save-model.js";
export {
  DEFAULT_BATCH_SIZE,
  loadTfjsModel,
  TFJS_BACKEND_ID,
  type TfjsLoadOptions,
  type TfjsModel,
  type TfjsModelOutput,
} from "./tfjs-model.js";
