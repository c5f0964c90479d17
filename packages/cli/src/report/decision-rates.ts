import type { CalibrationReport } from "@calibra/metrics";

/** Precision, recall and F1 of the decisions at the threshold, each null where it is undefined. */
export interface DecisionRates {
  /** TP / (TP + FP); null when nothing is predicted positive. */
  readonly precision: number | null;
  /** TP / (TP + FN); null when there are no positives. */
  readonly recall: number | null;
  /** 2·TP / (2·TP + FP + FN); null when there are neither positives nor positive predictions. */
  readonly f1: number | null;
}

/** A rate, or null where its denominator is 0. */
function rateOrNull(rate: number, denominator: number): number | null {
  return denominator === 0 ? null : rate;
}

/**
 * The report's precision, recall and F1, with null where a denominator is 0 — where `@calibra/metrics` reports 0,
 * as scikit-learn's `zero_division=0` does — so that the outputs never show an undefined rate as a real 0.
 */
export function decisionRates(report: CalibrationReport): DecisionRates {
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn } = report.confusion;
  return {
    precision: rateOrNull(report.rates.precision, tp + fp),
    recall: rateOrNull(report.rates.recall, tp + fn),
    f1: rateOrNull(report.rates.f1, 2 * tp + fp + fn),
  };
}
