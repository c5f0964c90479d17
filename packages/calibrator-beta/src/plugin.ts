import { definePlugin, PLUGIN_API_VERSION } from "@calibra/core";
import { betaCalibrator } from "./beta-calibrator.js";

/** The plugin that provides the `"beta"` calibrator: register it with `registry.use(betaPlugin)`. */
export const betaPlugin = definePlugin({
  name: "@calibra/calibrator-beta",
  version: "0.1.0",
  apiVersion: PLUGIN_API_VERSION,
  calibrators: [betaCalibrator],
});
