import type { AnyCalibrator, AnyFittedCalibrator } from "../contracts/plugin.js";
import { prepareFitData } from "../data/fit-data.js";
import type { ScoresInput } from "../data/scores.js";
import { CalibraError, ErrorCodes } from "../errors.js";
import { stratifiedFolds } from "./folds.js";

/** Probabilities are clipped to [ε, 1 − ε] in the log loss, as scikit-learn 1.2's `log_loss` does. */
export const LOG_LOSS_EPSILON = 1e-15;
/**
 * Cross-validated log losses closer than this count as a tie, broken towards the candidate listed first
 * (candidates are listed from simplest to most complex). Differences this small are far below the sampling noise
 * of any calibration set.
 */
export const CV_TIE_TOLERANCE = 1e-9;
/** Default number of folds. */
export const DEFAULT_FOLDS = 5;

/** Options for {@link crossValidatedProbabilities} and {@link calibrateCV}. */
export interface CrossValidationOptions {
  /** Number of stratified folds (default 5). */
  readonly folds?: number;
  /** Seed of the fold assignment (default 0). */
  readonly seed?: number;
  /** Non-negative sample weights, used in fitting and in the scores. */
  readonly weights?: ScoresInput;
}

/** One candidate's cross-validated scores. */
export interface CandidateScore {
  /** The calibrator's id. */
  readonly id: string;
  /** Weighted mean log loss of the out-of-fold probabilities (lower is better). */
  readonly logLoss: number;
  /** Weighted mean Brier score of the out-of-fold probabilities. */
  readonly brier: number;
}

/** What {@link calibrateCV} returns. */
export interface CalibrateCVResult {
  /** The chosen calibrator refitted on all rows. */
  readonly calibrator: AnyFittedCalibrator;
  /** Id of the chosen candidate. */
  readonly chosen: string;
  /** Every candidate's scores, in the order given. */
  readonly scores: readonly CandidateScore[];
  /** Out-of-fold probabilities of the chosen candidate, row by row. */
  readonly outOfFold: Float64Array;
  /** The fold of each row. */
  readonly folds: Uint8Array;
}

/**
 * Out-of-fold probabilities: for each of k stratified folds, the calibrator is fitted on the other folds and
 * predicts this one. Every row gets a probability from a calibrator that never saw it.
 */
export function crossValidatedProbabilities(
  calibrator: AnyCalibrator,
  logOdds: ScoresInput,
  labels: Uint8Array | readonly number[],
  options: CrossValidationOptions = {},
): { probabilities: Float64Array; folds: Uint8Array } {
  const data = prepareFitData(logOdds, labels, options.weights);
  const k = options.folds ?? DEFAULT_FOLDS;
  const folds = stratifiedFolds(data.labels, k, options.seed ?? 0);
  return { probabilities: outOfFold(calibrator, data, folds, k), folds };
}

function outOfFold(
  calibrator: AnyCalibrator,
  data: ReturnType<typeof prepareFitData>,
  folds: Uint8Array,
  k: number,
): Float64Array {
  const n = data.rows;
  const probabilities = new Float64Array(n);
  // Scratch arrays reused by every fold.
  const trainLogOdds = new Float64Array(n);
  const trainLabels = new Uint8Array(n);
  const trainWeights = data.weights ? new Float64Array(n) : undefined;
  const heldOutLogOdds = new Float64Array(n);
  const heldOutRows = new Uint32Array(n);
  const heldOutProbabilities = new Float64Array(n);
  for (let fold = 0; fold < k; fold++) {
    let trainCount = 0;
    let heldOutCount = 0;
    for (let i = 0; i < n; i++) {
      if (folds[i] === fold) {
        heldOutLogOdds[heldOutCount] = data.logOdds[i] as number;
        heldOutRows[heldOutCount++] = i;
      } else {
        trainLogOdds[trainCount] = data.logOdds[i] as number;
        trainLabels[trainCount] = data.labels[i] as number;
        if (trainWeights) trainWeights[trainCount] = (data.weights as Float64Array)[i] as number;
        trainCount++;
      }
    }
    const fitted = calibrator.fit(
      trainLogOdds.subarray(0, trainCount),
      trainLabels.subarray(0, trainCount),
      trainWeights?.subarray(0, trainCount),
    );
    fitted.predict(heldOutLogOdds.subarray(0, heldOutCount), heldOutProbabilities.subarray(0, heldOutCount));
    for (let j = 0; j < heldOutCount; j++) {
      probabilities[heldOutRows[j] as number] = heldOutProbabilities[j] as number;
    }
  }
  return probabilities;
}

function scoreOf(
  id: string,
  probabilities: Float64Array,
  labels: Uint8Array,
  weights: Float64Array | undefined,
): CandidateScore {
  let logLoss = 0;
  let brier = 0;
  let total = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const w = weights ? (weights[i] as number) : 1;
    const p = Math.min(Math.max(probabilities[i] as number, LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON);
    const y = labels[i] as number;
    logLoss -= w * (y === 1 ? Math.log(p) : Math.log1p(-p));
    const d = (probabilities[i] as number) - y;
    brier += w * d * d;
    total += w;
  }
  return { id, logLoss: logLoss / total, brier: brier / total };
}

/**
 * Cross-validated calibrator choice (`method: 'auto'`): every candidate is scored by the log loss of its
 * out-of-fold probabilities on the same stratified, seeded folds; the lowest wins, ties (within
 * {@link CV_TIE_TOLERANCE}) going to the candidate listed first — list them from simplest to most complex. The
 * winner is refitted on all rows. With one candidate this is plain k-fold validation of it.
 */
export function calibrateCV(
  candidates: readonly AnyCalibrator[],
  logOdds: ScoresInput,
  labels: Uint8Array | readonly number[],
  options: CrossValidationOptions = {},
): CalibrateCVResult {
  if (candidates.length === 0) {
    throw new CalibraError(
      ErrorCodes.INVALID_OPTIONS,
      "calibrateCV needs at least one candidate calibrator.",
    );
  }
  const data = prepareFitData(logOdds, labels, options.weights);
  const k = options.folds ?? DEFAULT_FOLDS;
  const folds = stratifiedFolds(data.labels, k, options.seed ?? 0);
  const scores: CandidateScore[] = [];
  const predictions: Float64Array[] = [];
  for (const candidate of candidates) {
    const probabilities = outOfFold(candidate, data, folds, k);
    predictions.push(probabilities);
    scores.push(scoreOf(candidate.id, probabilities, data.labels, data.weights));
  }
  let best = 0;
  for (let c = 1; c < scores.length; c++) {
    if ((scores[c] as CandidateScore).logLoss < (scores[best] as CandidateScore).logLoss - CV_TIE_TOLERANCE)
      best = c;
  }
  const winner = candidates[best] as AnyCalibrator;
  return {
    calibrator: winner.fit(data.logOdds, data.labels, data.weights),
    chosen: winner.id,
    scores,
    outOfFold: predictions[best] as Float64Array,
    folds,
  };
}
