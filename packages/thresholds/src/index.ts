export { HIGHEST_THRESHOLD } from "./candidates.js";
export { fixed } from "./fixed.js";
export { type LogOddsOptions, logOdds, logOddsThresholder } from "./log-odds.js";
export { logOddsCutoffFor } from "./log-odds-cutoff.js";
export { OPTIMIZE_METRICS, type OptimizeMetric } from "./metric.js";
export {
  bayesCostThresholder,
  bayesThreshold,
  type CostMode,
  type CostOptions,
  type MinCostOptions,
  minCost,
  minCostThresholder,
} from "./min-cost.js";
export { type OptimizeOptions, optimize, optimizeThresholder } from "./optimize.js";
export { thresholdsPlugin } from "./plugin.js";
export {
  maxPrecisionAtRecall,
  type PrecisionAtRecallOptions,
  precisionAtRecallThresholder,
} from "./precision-at-recall.js";
export { priorShift, shiftProbabilities } from "./prior-shift.js";
export { maxRecallAtFpr, type RecallAtFprOptions, recallAtFprThresholder } from "./recall-at-fpr.js";
export {
  maxRecallAtPrecision,
  type RecallAtPrecisionOptions,
  recallAtPrecisionThresholder,
} from "./recall-at-precision.js";
