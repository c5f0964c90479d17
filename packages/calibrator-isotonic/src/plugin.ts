import { definePlugin, PLUGIN_API_VERSION } from "@calibra/core";
import { isotonicCalibrator } from "./isotonic-calibrator.js";

/** The plugin that provides the `"isotonic"` calibrator: register it with `registry.use(isotonicPlugin)`. */
export const isotonicPlugin = definePlugin({
  name: "@calibra/calibrator-isotonic",
  version: "0.1.0",
  apiVersion: PLUGIN_API_VERSION,
  calibrators: [isotonicCalibrator],
});
