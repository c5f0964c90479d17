import { definePlugin, PLUGIN_API_VERSION } from "@calibra/core";
import { plattCalibrator } from "./platt-calibrator.js";

/** The plugin that provides the `"platt"` calibrator: register it with `registry.use(plattPlugin)`. */
export const plattPlugin = definePlugin({
  name: "@calibra/calibrator-platt",
  version: "0.1.0",
  apiVersion: PLUGIN_API_VERSION,
  calibrators: [plattCalibrator],
});
