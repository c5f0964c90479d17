import type { CalibrationReport } from "@calibra/metrics";
import { decisionRates } from "./decision-rates.js";
import type { Evaluation } from "./evaluation.js";

/** The metrics of one set of probabilities in `calibra evaluate --format json`. */
export interface EvaluationJsonSide {
  readonly brier: number;
  readonly log_loss: number;
  readonly ece: number;
  readonly mce: number;
  readonly ace: number;
  readonly roc_auc: number;
  readonly average_precision: number;
  /** The (weighted) confusion matrix at the threshold: decisions p ≥ threshold. */
  readonly confusion: { readonly tp: number; readonly fp: number; readonly tn: number; readonly fn: number };
  /** TP / (TP + FP); null when nothing is predicted positive. */
  readonly precision: number | null;
  /** TP / (TP + FN); null when there are no positives. */
  readonly recall: number | null;
  /** 2·TP / (2·TP + FP + FN); null when there are neither positives nor positive predictions. */
  readonly f1: number | null;
}

/**
 * The object `calibra evaluate --format json` prints: a contract scripts rely on, so its keys (snake_case) only ever
 * grow.
 */
export interface EvaluationJson {
  readonly data: string;
  readonly rows: number;
  readonly classes: { readonly positive: string; readonly negative: string };
  /** `log_odds` is null for a threshold of 0 or 1 (−∞ or +∞ log-odds, which JSON cannot hold). */
  readonly threshold: { readonly probability: number; readonly log_odds: number | null };
  readonly uncalibrated: EvaluationJsonSide;
  readonly calibrated?: EvaluationJsonSide;
}

function sideJson(report: CalibrationReport): EvaluationJsonSide {
  const { truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn } = report.confusion;
  return {
    brier: report.brier.score,
    log_loss: report.logLoss,
    ece: report.ece,
    mce: report.mce,
    ace: report.ace,
    roc_auc: report.rocAuc,
    average_precision: report.averagePrecision,
    confusion: { tp, fp, tn, fn },
    ...decisionRates(report),
  };
}

/**
 * The JSON form of an evaluation, as `calibra evaluate --format json` prints it:
 *
 * ```
 * { data, rows, classes: { positive, negative }, threshold: { probability, log_odds },
 *   uncalibrated: { brier, log_loss, ece, mce, ace, roc_auc, average_precision,
 *                   confusion: { tp, fp, tn, fn }, precision, recall, f1 },
 *   calibrated?: { …the same keys } }
 * ```
 *
 * Every value is the `calibrationReport` number unchanged (`brier` is the Brier score); `rows` counts the rows
 * evaluated. Rates whose denominator is 0 are null, as is the log-odds of a threshold of 0 or 1; `calibrated` is
 * present only when the evaluation has a calibrated side.
 */
export function evaluationJson(evaluation: Evaluation): EvaluationJson {
  const { logOdds } = evaluation.threshold;
  return {
    data: evaluation.data,
    rows: evaluation.uncalibrated.report.rows,
    classes: { positive: evaluation.classes.positive, negative: evaluation.classes.negative },
    threshold: {
      probability: evaluation.threshold.probability,
      log_odds: Number.isFinite(logOdds) ? logOdds : null,
    },
    uncalibrated: sideJson(evaluation.uncalibrated.report),
    ...(evaluation.calibrated === undefined ? {} : { calibrated: sideJson(evaluation.calibrated.report) }),
  };
}
