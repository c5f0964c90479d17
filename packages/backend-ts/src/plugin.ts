import { defineBackend, definePlugin, PLUGIN_API_VERSION } from "@calibra/core";
import { isModelSource } from "./model-source.js";
import { loadTsModel, TS_BACKEND_ID } from "./ts-model.js";

/** The `ts` backend: Calibra JSON models (logistic regression, MLPs) run in plain TypeScript. */
export const tsBackend = defineBackend({
  id: TS_BACKEND_ID,
  description:
    'Pure-TypeScript forward pass for Calibra JSON models ("calibra.model": logistic regression and MLPs); Node and browsers.',
  canLoad: isModelSource,
  load: (source) => loadTsModel(source),
});

/** The plugin that provides the `ts` backend: register it with `registry.use(tsBackendPlugin)`. */
export const tsBackendPlugin = definePlugin({
  name: "@calibra/backend-ts",
  version: "0.1.0",
  apiVersion: PLUGIN_API_VERSION,
  backends: [tsBackend],
});
