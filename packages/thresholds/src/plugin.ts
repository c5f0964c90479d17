import { definePlugin, PLUGIN_API_VERSION } from "@calibra/core";
import { logOddsThresholder } from "./log-odds.js";
import { bayesCostThresholder, minCostThresholder } from "./min-cost.js";
import { optimizeThresholder } from "./optimize.js";
import { precisionAtRecallThresholder } from "./precision-at-recall.js";
import { recallAtFprThresholder } from "./recall-at-fpr.js";
import { recallAtPrecisionThresholder } from "./recall-at-precision.js";

/**
 * The plugin that provides this package's thresholders — `log-odds`, `optimize`, `min-cost`, `bayes-cost`,
 * `recall-at-precision`, `precision-at-recall`, `recall-at-fpr` — so that a pipeline spec naming them can be
 * loaded: `createRegistry().use(thresholdsPlugin)` (or `defaultRegistry().use(thresholdsPlugin)`). `fixed` comes with
 * core.
 */
export const thresholdsPlugin = definePlugin({
  name: "@calibra/thresholds",
  version: "0.1.0",
  apiVersion: PLUGIN_API_VERSION,
  thresholders: [
    logOddsThresholder,
    optimizeThresholder,
    minCostThresholder,
    bayesCostThresholder,
    recallAtPrecisionThresholder,
    precisionAtRecallThresholder,
    recallAtFprThresholder,
  ],
});
