import { calibrationReport, precisionRecallCurve, rocCurve } from "@calibra/metrics";
import type { Evaluation, EvaluationSide } from "./evaluation.js";
import { CURVE_POINTS, HISTOGRAM_BINS } from "./evaluation.js";
import { classHistogram } from "./score-histogram.js";
import { thinCurve } from "./thin-curve.js";

/**
 * Bins of the calibration metrics and reliability diagram when `--bins` is not given: the 15 equal-width bins of
 * Guo et al. (2017), the reference files' ECE and `@calibra/metrics`' own default.
 */
export const DEFAULT_EVALUATION_BINS = 15;

/** What {@link evaluate} measures: one column of probabilities (two with a pipeline) and the labels. */
export interface EvaluateInput {
  /** The data file evaluated, as the user named it. */
  readonly data: string;
  /** Uncalibrated P(positive): σ(log-odds) of the pipeline's activation alone (or the file's probabilities). */
  readonly probabilities: Float64Array;
  /** 1 for the positive class, 0 for the other, one per row. */
  readonly labels: Uint8Array;
  /** The pipeline's calibrated P(positive), one per row, when a pipeline was given. */
  readonly calibrated?: Float64Array;
  /** The class whose probability is reported, and the other one. */
  readonly classes: Evaluation["classes"];
  /** The decision threshold (the pipeline's, or the default), in probability and in raw log-odds. */
  readonly threshold: Evaluation["threshold"];
  /** Bins of the calibration metrics and reliability diagram (default {@link DEFAULT_EVALUATION_BINS}). */
  readonly bins?: number;
  /** One line on the pipeline (activation, calibrator), when there is one. */
  readonly pipeline?: string;
  /** Non-negative sample weights, one per row: every metric and curve is weighted; histograms count rows. */
  readonly weights?: Float64Array;
}

/**
 * Measures one set of probabilities: `calibrationReport` at the threshold with `bins` bins, the ROC and
 * precision–recall curves thinned to {@link CURVE_POINTS} points each, and the per-class histogram.
 */
function evaluateSide(
  probabilities: Float64Array,
  labels: Uint8Array,
  threshold: number,
  bins: number,
  weights: Float64Array | undefined,
): EvaluationSide {
  // The report validates everything (lengths, NaN, range, labels, both classes, bins, threshold) before the curves
  // and the histogram read the arrays.
  const report = calibrationReport(probabilities, labels, { bins, threshold, weights });
  const roc = rocCurve(probabilities, labels, weights);
  const thinnedRoc = thinCurve(roc.fpr, roc.tpr, CURVE_POINTS);
  const pr = precisionRecallCurve(probabilities, labels, weights);
  const thinnedPr = thinCurve(pr.recall, pr.precision, CURVE_POINTS);
  return {
    report,
    roc: { fpr: thinnedRoc.x, tpr: thinnedRoc.y },
    pr: { recall: thinnedPr.x, precision: thinnedPr.y },
    histogram: classHistogram(probabilities, labels, HISTOGRAM_BINS),
  };
}

/**
 * Everything `calibra evaluate` shows, as one plain JSON-serialisable {@link Evaluation}: for the uncalibrated
 * probabilities, and for the calibrated ones when given, `@calibra/metrics`' `calibrationReport` (Brier, log loss,
 * ECE/MCE/ACE, ROC AUC, average precision, the confusion matrix and its rates at `threshold.probability`), the ROC
 * and precision–recall curves thinned by {@link thinCurve}, and per-class histograms over {@link HISTOGRAM_BINS}
 * bins.
 *
 * Throws `@calibra/metrics`' `CalibraError`s for bad input: `E_LENGTH_MISMATCH`, `E_NAN_INPUT`,
 * `E_PROBABILITY_RANGE`, `E_LABEL_CLASSES`, `E_ONE_CLASS` (both classes are needed), `E_INVALID_WEIGHTS`,
 * `E_INVALID_OPTIONS` (bins not an integer ≥ 1) and `E_INVALID_THRESHOLD`.
 *
 * @example
 * const evaluation = evaluate({
 *   data: "scores.csv", probabilities, labels, calibrated,
 *   classes: { positive: "Yes", negative: "No" }, threshold: { probability: 0.5, logOdds: 0 },
 * });
 * evaluation.calibrated?.report.ece;
 */
export function evaluate(input: EvaluateInput): Evaluation {
  const bins = input.bins ?? DEFAULT_EVALUATION_BINS;
  const threshold = input.threshold.probability;
  const uncalibrated = evaluateSide(input.probabilities, input.labels, threshold, bins, input.weights);
  const calibrated =
    input.calibrated === undefined
      ? undefined
      : evaluateSide(input.calibrated, input.labels, threshold, bins, input.weights);
  return {
    data: input.data,
    classes: { ...input.classes },
    threshold: { probability: input.threshold.probability, logOdds: input.threshold.logOdds },
    ...(input.pipeline === undefined ? {} : { pipeline: input.pipeline }),
    uncalibrated,
    ...(calibrated === undefined ? {} : { calibrated }),
  };
}
