import {
  accuracyOf,
  balancedAccuracyOf,
  type ConfusionCounts,
  f1Of,
  fBetaOf,
  mccOf,
  youdenJOf,
} from "@calibra/metrics";

/** The metrics `optimize` can maximise, ids as they appear in a pipeline spec. */
export const OPTIMIZE_METRICS = ["f1", "fbeta", "youden", "mcc", "balanced-accuracy", "accuracy"] as const;

/**
 * A metric of the confusion matrix of `p >= threshold` that `optimize` maximises:
 * - `"f1"`: F1 = 2·TP / (2·TP + FP + FN) (scikit-learn `f1_score`);
 * - `"fbeta"`: Fβ = (1 + β²)·TP / ((1 + β²)·TP + β²·FN + FP), recall weighted β times as much as precision
 *   (`fbeta_score`);
 * - `"youden"`: Youden's J = TPR − FPR (the ROC point farthest above the diagonal);
 * - `"mcc"`: Matthews correlation (TP·TN − FP·FN) / √((TP+FP)(TP+FN)(TN+FP)(TN+FN)) (`matthews_corrcoef`);
 * - `"balanced-accuracy"`: (TPR + TNR) / 2 (`balanced_accuracy_score`), which ranks thresholds as Youden's J does;
 * - `"accuracy"`: (TP + TN) / all (`accuracy_score`).
 *
 * Rates with an empty denominator are 0, as scikit-learn's `zero_division=0` defines them.
 */
export type OptimizeMetric = (typeof OPTIMIZE_METRICS)[number];

/** The function that scores one confusion matrix for `metric` (β only matters for `"fbeta"`). */
export function metricFunction(metric: OptimizeMetric, beta: number): (counts: ConfusionCounts) => number {
  switch (metric) {
    case "f1":
      return f1Of;
    case "fbeta":
      return (counts) => fBetaOf(counts, beta);
    case "youden":
      return youdenJOf;
    case "mcc":
      return mccOf;
    case "balanced-accuracy":
      return balancedAccuracyOf;
    case "accuracy":
      return accuracyOf;
  }
}
