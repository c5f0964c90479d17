import { PLUGIN_API_VERSION } from "../contracts/plugin.js";
import { definePlugin } from "../define.js";
import { builtinActivations } from "./activations.js";
import { fixedThresholder } from "./fixed-threshold.js";

/** The plugin holding core's own components; every registry starts with it unless told otherwise. */
export const corePlugin = definePlugin({
  name: "@calibra/core",
  apiVersion: PLUGIN_API_VERSION,
  activations: builtinActivations,
  thresholders: [fixedThresholder],
});
