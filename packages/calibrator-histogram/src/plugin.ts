import { definePlugin, PLUGIN_API_VERSION } from "@calibra/core";
import { histogramCalibrator } from "./histogram-calibrator.js";

/** The plugin that provides the `histogram` calibrator: register it with `registry.use(histogramPlugin)`. */
export const histogramPlugin = definePlugin({
  name: "@calibra/calibrator-histogram",
  version: "0.1.0",
  apiVersion: PLUGIN_API_VERSION,
  calibrators: [histogramCalibrator],
});
