export {
  type FloatElementType,
  OnnxDataType,
} from "./element-types.js";
export {
  BATCH_DIMENSION,
  DEFAULT_INPUT_NAME,
  DEFAULT_OUTPUT_NAME,
  DEFAULT_PROBABILITY_OUTPUT_NAME,
  EXPORT_IR_VERSION,
  EXPORT_OPSET,
  type ExportOnnxOptions,
  exportOnnx,
  ONNX_PRODUCER,
  ONNX_PRODUCER_VERSION,
} from "./export-onnx.js";
export { FEATURE_NAMES_METADATA_KEY, parseFeatureNames } from "./feature-names.js";
export {
  DEFAULT_ONNX_DOMAIN,
  inspectOnnx,
  ONNX_ML_DOMAIN,
  type OnnxOpset,
  type OnnxOutputInfo,
  type OnnxProducer,
  type OnnxSummary,
} from "./inspect-onnx.js";
export { loadOnnxModel, NODE_RUNTIME_NAME } from "./node-runtime.js";
export { createOnnxLoader, type OnnxLoader, type OnnxLoadOptions } from "./onnx-loader.js";
export {
  DEFAULT_ONNX_BATCH_SIZE,
  ONNX_BACKEND_ID,
  type OnnxModel,
  type OnnxModelOutput,
} from "./onnx-model.js";
export {
  type AttributeProto,
  AttributeType,
  type DimensionProto,
  decodeModelProto,
  encodeModelProto,
  type GraphProto,
  type ModelProto,
  type NodeProto,
  type OperatorSetIdProto,
  type StringStringEntryProto,
  type TensorProto,
  type TensorShapeProto,
  type TypeProto,
  type ValueInfoProto,
} from "./onnx-proto.js";
export { isOnnxSource, ONNX_FILE_EXTENSION } from "./onnx-source.js";
export type {
  OrtRuntimeLike,
  OrtRuntimeSource,
  OrtSessionLike,
  OrtSessionOptions,
  OrtTensorLike,
  OrtValueMetadataLike,
} from "./ort-runtime.js";
export {
  type OnnxOutputKind,
  PASS_THROUGH_OPS,
  PROBABILITY_OUTPUT_NAMES,
  SUGGESTED_ACTIVATIONS,
} from "./output-kind.js";
export { onnxBackend, onnxBackendPlugin } from "./plugin.js";
export { saveOnnx } from "./save-onnx.js";
