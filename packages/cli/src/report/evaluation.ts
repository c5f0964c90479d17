import type { CalibrationReport } from "@calibra/metrics";

/**
 * The contract between `calibra evaluate` and its renderers (table, JSON, HTML): everything measured on one set of
 * probabilities, as plain JSON-serialisable data.
 */
export interface EvaluationSide {
  /** Every metric of `@calibra/metrics`' `calibrationReport` at the pipeline's threshold. */
  readonly report: CalibrationReport;
  /** ROC curve points (false-positive rate, true-positive rate), thinned to at most {@link CURVE_POINTS} points. */
  readonly roc: { readonly fpr: number[]; readonly tpr: number[] };
  /** Precision–recall curve points, thinned to at most {@link CURVE_POINTS} points. */
  readonly pr: { readonly recall: number[]; readonly precision: number[] };
  /** Histogram of the probabilities per class over {@link HISTOGRAM_BINS} equal-width bins of [0, 1]. */
  readonly histogram: { readonly edges: number[]; readonly positive: number[]; readonly negative: number[] };
}

/** What `calibra evaluate` measured: before calibration, and after it when a pipeline was given. */
export interface Evaluation {
  /** The data file evaluated. */
  readonly data: string;
  /**
   * The class whose probability is reported, the other one, and the label column they come from (when known, the
   * probability is named `P(<column> = <positive>)`).
   */
  readonly classes: { readonly positive: string; readonly negative: string; readonly column?: string };
  /** Decision threshold in probability, and the same cutoff on the raw log-odds. */
  readonly threshold: { readonly probability: number; readonly logOdds: number };
  /** One line on the pipeline (activation, calibrator), when there is one. */
  readonly pipeline?: string;
  /** P = sigmoid(log-odds) of the activation alone. */
  readonly uncalibrated: EvaluationSide;
  /** The pipeline's probabilities. */
  readonly calibrated?: EvaluationSide;
}

/** Most points an evaluation keeps per curve: enough for a smooth plot, small enough for a page. */
export const CURVE_POINTS = 500;

/** Bins of the per-class score histograms. */
export const HISTOGRAM_BINS = 20;
