/**
 * The four cells of a binary confusion matrix, as (weighted) counts. Decisions are `p >= threshold` everywhere in
 * Calibra: a row is predicted positive exactly when its probability reaches the threshold.
 */
export interface ConfusionCounts {
  /** Positive rows predicted positive. */
  readonly truePositives: number;
  /** Negative rows predicted positive. */
  readonly falsePositives: number;
  /** Negative rows predicted negative. */
  readonly trueNegatives: number;
  /** Positive rows predicted negative. */
  readonly falseNegatives: number;
}

/**
 * Rates of a confusion matrix. A rate whose denominator is 0 is defined as scikit-learn 1.2 defines it with
 * `zero_division=0`: precision, recall, specificity, Fβ and MCC are 0 there (MCC also when any margin is empty).
 */
export interface ConfusionRates {
  readonly precision: number;
  /** Recall = sensitivity = true positive rate. */
  readonly recall: number;
  /** Specificity = true negative rate = 1 − false positive rate. */
  readonly specificity: number;
  readonly falsePositiveRate: number;
  readonly accuracy: number;
  readonly balancedAccuracy: number;
  readonly f1: number;
  /** Matthews correlation coefficient. */
  readonly mcc: number;
  /** Youden's J = recall + specificity − 1. */
  readonly youdenJ: number;
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

/** Precision TP / (TP + FP); 0 when nothing is predicted positive. */
export function precisionOf(c: ConfusionCounts): number {
  return ratio(c.truePositives, c.truePositives + c.falsePositives);
}

/** Recall TP / (TP + FN); 0 when there are no positives. */
export function recallOf(c: ConfusionCounts): number {
  return ratio(c.truePositives, c.truePositives + c.falseNegatives);
}

/** Specificity TN / (TN + FP); 0 when there are no negatives. */
export function specificityOf(c: ConfusionCounts): number {
  return ratio(c.trueNegatives, c.trueNegatives + c.falsePositives);
}

/** False positive rate FP / (FP + TN); 0 when there are no negatives. */
export function falsePositiveRateOf(c: ConfusionCounts): number {
  return ratio(c.falsePositives, c.falsePositives + c.trueNegatives);
}

/** Accuracy (TP + TN) / all. */
export function accuracyOf(c: ConfusionCounts): number {
  const total = c.truePositives + c.falsePositives + c.trueNegatives + c.falseNegatives;
  return ratio(c.truePositives + c.trueNegatives, total);
}

/** Balanced accuracy (recall + specificity) / 2. */
export function balancedAccuracyOf(c: ConfusionCounts): number {
  return (recallOf(c) + specificityOf(c)) / 2;
}

/**
 * Fβ = (1 + β²)·TP / ((1 + β²)·TP + β²·FN + FP): recall weighted β times as much as precision. 0 when TP = 0
 * (scikit-learn's `fbeta_score` with `zero_division=0`).
 */
export function fBetaOf(c: ConfusionCounts, beta: number): number {
  const b2 = beta * beta;
  return ratio(
    (1 + b2) * c.truePositives,
    (1 + b2) * c.truePositives + b2 * c.falseNegatives + c.falsePositives,
  );
}

/** F1 = 2·TP / (2·TP + FN + FP). */
export function f1Of(c: ConfusionCounts): number {
  return fBetaOf(c, 1);
}

/**
 * Matthews correlation coefficient (TP·TN − FP·FN) / √((TP+FP)(TP+FN)(TN+FP)(TN+FN)); 0 when any factor is 0, as
 * scikit-learn's `matthews_corrcoef` returns. The product under the root is formed from square roots of pairs so
 * that large weighted counts do not overflow.
 */
export function mccOf(c: ConfusionCounts): number {
  const { truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn } = c;
  const denominator = Math.sqrt(tp + fp) * Math.sqrt(tp + fn) * Math.sqrt(tn + fp) * Math.sqrt(tn + fn);
  return denominator === 0 ? 0 : (tp * tn - fp * fn) / denominator;
}

/** Youden's J = recall + specificity − 1 (= TPR − FPR). */
export function youdenJOf(c: ConfusionCounts): number {
  return recallOf(c) + specificityOf(c) - 1;
}

/** Every rate of a confusion matrix at once. */
export function confusionRates(c: ConfusionCounts): ConfusionRates {
  return {
    precision: precisionOf(c),
    recall: recallOf(c),
    specificity: specificityOf(c),
    falsePositiveRate: falsePositiveRateOf(c),
    accuracy: accuracyOf(c),
    balancedAccuracy: balancedAccuracyOf(c),
    f1: f1Of(c),
    mcc: mccOf(c),
    youdenJ: youdenJOf(c),
  };
}
