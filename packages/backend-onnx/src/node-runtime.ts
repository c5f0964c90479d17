import { createOnnxLoader, type OnnxLoader } from "./onnx-loader.js";
import type { OrtRuntimeLike } from "./ort-runtime.js";

/** The runtime the Node loader uses, as models report it (with its version appended). */
export const NODE_RUNTIME_NAME = "onnxruntime-node";

/**
 * Imports onnxruntime-node on first use: the only place this package names a runtime. The CommonJS module comes
 * back as the namespace's `default` under ESM and as the module itself when bundled to CommonJS.
 */
async function importOnnxruntimeNode(): Promise<OrtRuntimeLike> {
  const module = (await import("onnxruntime-node")) as unknown as {
    default?: OrtRuntimeLike;
  } & OrtRuntimeLike;
  return module.default ?? module;
}

/**
 * Loads a `.onnx` file (path) or its bytes with onnxruntime-node (CPU), imported on first call. See
 * `createOnnxLoader` for what is checked and `OnnxLoadOptions` for the options.
 *
 * @example
 * const model = await loadOnnxModel("classifier.onnx");
 * const { data } = await model.predict({ data: features, rows, columns: model.featureCount! });
 */
export const loadOnnxModel: OnnxLoader = createOnnxLoader(importOnnxruntimeNode, NODE_RUNTIME_NAME);
