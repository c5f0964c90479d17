export { averagePrecision } from "./average-precision.js";
export {
  type PrecisionRecallCurve,
  precisionRecallCurve,
} from "./precision-recall-curve.js";
export { rocAuc } from "./roc-auc.js";
export { type RocCurve, type RocCurveOptions, rocCurve } from "./roc-curve.js";
