import { definePlugin, PLUGIN_API_VERSION } from "@calibra/core";
import { temperatureCalibrator } from "./temperature-calibrator.js";

/** The plugin object providing the `temperature` calibrator: register it with `registry.use(temperaturePlugin)`. */
export const temperaturePlugin = definePlugin({
  name: "@calibra/calibrator-temperature",
  version: "0.1.0",
  apiVersion: PLUGIN_API_VERSION,
  calibrators: [temperatureCalibrator],
});
