import { defineBackend, definePlugin, PLUGIN_API_VERSION } from "@calibra/core";
import { loadOnnxModel } from "./node-runtime.js";
import type { OnnxLoadOptions } from "./onnx-loader.js";
import { ONNX_BACKEND_ID } from "./onnx-model.js";
import { isOnnxSource } from "./onnx-source.js";

/** The `onnx` backend: `.onnx` classifiers run with onnxruntime-node, in batches. */
export const onnxBackend = defineBackend<OnnxLoadOptions>({
  id: ONNX_BACKEND_ID,
  description:
    "ONNX models run with onnxruntime-node (CPU): one float input [N, features], logit or probability outputs detected from the graph.",
  canLoad: isOnnxSource,
  // readOnnxSource refuses object sources with E_MODEL_FORMAT.
  load: (source, options) => loadOnnxModel(source as string | Uint8Array, options),
});

/** The plugin that provides the `onnx` backend: register it with `registry.use(onnxBackendPlugin)`. */
export const onnxBackendPlugin = definePlugin({
  name: "@calibra/backend-onnx",
  version: "0.1.0",
  apiVersion: PLUGIN_API_VERSION,
  backends: [onnxBackend],
});
