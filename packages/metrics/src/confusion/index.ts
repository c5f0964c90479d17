export { confusionAtThresholds, countsAt } from "./confusion-at-thresholds.js";
export {
  accuracyOf,
  balancedAccuracyOf,
  type ConfusionCounts,
  type ConfusionRates,
  confusionRates,
  f1Of,
  falsePositiveRateOf,
  fBetaOf,
  mccOf,
  precisionOf,
  recallOf,
  specificityOf,
  youdenJOf,
} from "./confusion-counts.js";
export { confusionMatrix } from "./confusion-matrix.js";
export type { LabelsInput } from "./labelled-probabilities.js";
export { type ThresholdCounts, thresholdSweep } from "./threshold-sweep.js";
