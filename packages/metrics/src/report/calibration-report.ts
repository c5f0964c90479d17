import { assertValidThreshold, DEFAULT_THRESHOLD, type ScoresInput } from "@calibra/core";
import { assertBinCount, DEFAULT_CALIBRATION_BINS } from "../calibration/binning-options.js";
import { type BrierDecomposition, brier } from "../calibration/brier.js";
import { calibrationCurve } from "../calibration/calibration-curve.js";
import { calibrationErrorOfBins } from "../calibration/calibration-error.js";
import { logLoss } from "../calibration/log-loss.js";
import { reliabilityBins } from "../calibration/reliability-bins.js";
import {
  type ConfusionCounts,
  type ConfusionRates,
  confusionMatrix,
  confusionRates,
  type LabelsInput,
} from "../confusion/index.js";
import { prepareLabelledProbabilities } from "../confusion/labelled-probabilities.js";
import { averagePrecision, rocAuc } from "../ranking/index.js";

/** Options of {@link calibrationReport}. */
export interface CalibrationReportOptions {
  /**
   * Bins of every binned quantity, an integer ≥ 1 (default 15): the ECE/MCE/RMSCE and reliability diagram
   * (equal-width), the ACE (equal-mass), the Brier decomposition and the calibration curve.
   */
  bins?: number;
  /** Decision threshold of the confusion matrix, in [0, 1]: a row is predicted positive when p ≥ threshold (default 0.5). */
  threshold?: number;
  /** Non-negative sample weights, one per row; every metric is weighted. */
  weights?: ScoresInput;
}

/** One bin of the reliability diagram (equal-width, the ECE's binning), empty bins included. */
export interface ReliabilityDiagramBin {
  /** Lower edge k/B (included). */
  readonly lower: number;
  /** Upper edge (k+1)/B (excluded, except 1 in the last bin). */
  readonly upper: number;
  /** Rows in the bin. */
  readonly count: number;
  /** Total weight of those rows (equal to `count` without weights). */
  readonly weight: number;
  /** Mean probability p̄ₖ of the bin's rows; null when the bin has no weight. */
  readonly meanPredicted: number | null;
  /** Fraction of positives ȳₖ among the bin's rows; null when the bin has no weight. */
  readonly fractionPositive: number | null;
  /** ȳₖ − p̄ₖ: positive where the model under-predicts; null when the bin has no weight. */
  readonly gap: number | null;
}

/** scikit-learn's `calibration_curve(strategy="uniform")` over the report's bins, as plain arrays. */
export interface ReportCalibrationCurve {
  readonly strategy: "uniform";
  /** Fraction of positives per non-empty bin (`prob_true`). */
  readonly probTrue: number[];
  /** Mean probability per non-empty bin (`prob_pred`). */
  readonly probPred: number[];
  /** Rows per non-empty bin. */
  readonly counts: number[];
  /** The bin index of each point (it spans edges[k] to edges[k + 1]). */
  readonly binIds: number[];
  /** All B + 1 edges. */
  readonly edges: number[];
}

/**
 * Everything a display needs about a set of probabilities and their labels, as a plain JSON-serialisable object:
 * numbers, strings, `null` (for bins without data) and `number[]` (no typed arrays, no NaN, no ∞).
 */
export interface CalibrationReport {
  /** Rows evaluated. */
  readonly rows: number;
  /** Whether sample weights were given. */
  readonly weighted: boolean;
  /** Σ w (the row count without weights). */
  readonly totalWeight: number;
  /** Weighted share of positives, ō. */
  readonly prevalence: number;
  /** Bins of the binned quantities. */
  readonly bins: number;
  /** Brier score (`brier_score_loss`) with its Murphy decomposition over `bins` equal-width bins. */
  readonly brier: BrierDecomposition;
  /** `log_loss` with probabilities clipped to [1e-15, 1 − 1e-15]. */
  readonly logLoss: number;
  /** ECE over `bins` equal-width bins: Σₖ (Wₖ/W)·|ȳₖ − p̄ₖ|. */
  readonly ece: number;
  /** Maximum calibration error over non-empty equal-width bins: maxₖ |ȳₖ − p̄ₖ|. */
  readonly mce: number;
  /** Root-mean-square calibration error over equal-width bins: √(Σₖ (Wₖ/W)·(ȳₖ − p̄ₖ)²). */
  readonly rmsce: number;
  /** Adaptive (equal-mass) calibration error over `bins` bins. */
  readonly ace: number;
  /** `roc_auc_score`. */
  readonly rocAuc: number;
  /** `average_precision_score`. */
  readonly averagePrecision: number;
  /** The decision threshold: predicted positive when p ≥ threshold. */
  readonly threshold: number;
  /** The (weighted) confusion matrix at the threshold. */
  readonly confusion: ConfusionCounts;
  /** Precision, recall, specificity, F1, MCC… of that matrix. */
  readonly rates: ConfusionRates;
  /** scikit-learn's uniform calibration curve with `bins` bins (empty bins dropped). */
  readonly calibrationCurve: ReportCalibrationCurve;
  /** Every equal-width bin of the reliability diagram, empty ones included; the ECE is computed from these. */
  readonly reliabilityDiagram: ReliabilityDiagramBin[];
}

function orNull(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

/**
 * One call computing every calibration, ranking and decision metric of `@calibra/metrics` for display (the CLI and
 * the demo): Brier with its decomposition, log loss, ECE, MCE, RMSCE, ACE, ROC AUC, average precision, the confusion
 * matrix and its rates at `threshold`, scikit-learn's uniform calibration curve and the full reliability diagram.
 * Each number is what the corresponding function returns on its own (see each function for its definition).
 *
 * Validates once, up front: the inputs as every metric does, plus both classes present with positive weight
 * (`E_ONE_CLASS`: ROC AUC is undefined otherwise), `bins` an integer ≥ 1 (`E_INVALID_OPTIONS`) and `threshold` in
 * [0, 1] (`E_INVALID_THRESHOLD`). Arrays given as `number[]` are converted once.
 *
 * @example
 * const report = calibrationReport(probabilities, labels, { bins: 10, threshold: 0.3 });
 * console.log(report.ece, report.brier.reliability, report.rates.recall);
 * JSON.stringify(report); // safe: no typed arrays, no NaN
 */
export function calibrationReport(
  probabilities: ScoresInput,
  labels: LabelsInput,
  options: CalibrationReportOptions = {},
): CalibrationReport {
  const { bins = DEFAULT_CALIBRATION_BINS, threshold = DEFAULT_THRESHOLD, weights } = options;
  assertBinCount(bins, "calibrationReport");
  assertValidThreshold(threshold, "calibrationReport");
  const data = prepareLabelledProbabilities(probabilities, labels, weights, "calibrationReport", "both");
  const { probabilities: p, labels: y, weights: w } = data;
  const totalWeight = data.positiveWeight + data.negativeWeight;

  const diagram = reliabilityBins(p, y, { bins, strategy: "equal-width", weights: w });
  const equalMass = reliabilityBins(p, y, { bins, strategy: "equal-mass", weights: w });
  const curve = calibrationCurve(p, y, { bins, strategy: "uniform", weights: w });
  const confusion = confusionMatrix(p, y, threshold, w);

  const reliabilityDiagram: ReliabilityDiagramBin[] = [];
  for (let k = 0; k < diagram.bins; k++) {
    const meanPredicted = orNull(diagram.meanPredicted[k] as number);
    const fractionPositive = orNull(diagram.fractionPositive[k] as number);
    reliabilityDiagram.push({
      lower: diagram.edges[k] as number,
      upper: diagram.edges[k + 1] as number,
      count: diagram.counts[k] as number,
      weight: diagram.weights[k] as number,
      meanPredicted,
      fractionPositive,
      gap: meanPredicted === null || fractionPositive === null ? null : fractionPositive - meanPredicted,
    });
  }

  return {
    rows: p.length,
    weighted: w !== undefined,
    totalWeight,
    prevalence: data.positiveWeight / totalWeight,
    bins,
    brier: brier(p, y, w, { bins, strategy: "equal-width" }),
    logLoss: logLoss(p, y, w),
    ece: calibrationErrorOfBins(diagram, "l1"),
    mce: calibrationErrorOfBins(diagram, "max"),
    rmsce: calibrationErrorOfBins(diagram, "l2"),
    ace: calibrationErrorOfBins(equalMass, "l1"),
    rocAuc: rocAuc(p, y, w),
    averagePrecision: averagePrecision(p, y, w),
    threshold,
    confusion,
    rates: confusionRates(confusion),
    calibrationCurve: {
      strategy: "uniform",
      probTrue: Array.from(curve.probTrue),
      probPred: Array.from(curve.probPred),
      counts: Array.from(curve.counts),
      binIds: Array.from(curve.binIds),
      edges: Array.from(curve.edges),
    },
    reliabilityDiagram,
  };
}
