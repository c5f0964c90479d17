import { defineBackend, definePlugin, PLUGIN_API_VERSION } from "@calibra/core";
import { isTfjsModelSource } from "./model-source.js";
import { loadTfjsModel, TFJS_BACKEND_ID, type TfjsLoadOptions } from "./tfjs-model.js";

/**
 * The `tfjs` backend: TensorFlow.js LayersModels and GraphModels (`model.json` + weight shards), on tfjs-node when
 * it is installed and on the pure-JS `cpu` backend otherwise.
 */
export const tfjsBackend = defineBackend<TfjsLoadOptions>({
  id: TFJS_BACKEND_ID,
  description:
    'TensorFlow.js LayersModels and GraphModels (model.json + .bin shards) on tfjs-node ("tensorflow") when installed, else pure-JS "cpu"; "wasm" and "webgl" on request.',
  canLoad: isTfjsModelSource,
  load: (source, options) => loadTfjsModel(source, options),
});

/** The plugin that provides the `tfjs` backend: register it with `registry.use(tfjsBackendPlugin)`. */
export const tfjsBackendPlugin = definePlugin({
  name: "@calibra/backend-tfjs",
  version: "0.1.0",
  apiVersion: PLUGIN_API_VERSION,
  backends: [tfjsBackend],
});
