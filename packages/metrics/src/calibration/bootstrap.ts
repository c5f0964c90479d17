import { CalibraError, ErrorCodes, isCalibraError, type ScoresInput, seededUniform } from "@calibra/core";
import type { LabelsInput } from "../confusion/labelled-probabilities.js";
import { prepareProbabilityData } from "./metric-inputs.js";
import { numpyPercentile } from "./numpy-percentile.js";

/**
 * A metric the bootstrap can resample: any function of probabilities, 0/1 labels and optional weights that returns
 * one number — `logLoss` as it is, or `(p, y, w) => brier(p, y, w).score`, `(p, y, w) => ece(p, y, { weights: w })`.
 * The arrays it receives during resampling are scratch buffers reused for the next resample: it must not keep them.
 */
export type MetricFunction = (
  probabilities: Float64Array,
  labels: Uint8Array,
  weights?: Float64Array,
) => number;

/** A thousand resamples: percentile intervals at 95% settle to about ±0.005 in coverage (Efron & Tibshirani 1993). */
export const DEFAULT_RESAMPLES = 1000;

/** The most resamples accepted: the replicates are kept (8 bytes each) and sorted. */
export const MAX_RESAMPLES = 10_000_000;

/** 95% intervals. */
export const DEFAULT_CONFIDENCE_LEVEL = 0.95;

/** Options of {@link bootstrap}. */
export interface BootstrapOptions {
  /** Number of resamples, an integer ≥ 1 (default 1000). */
  resamples?: number;
  /** Seed of core's `seededUniform` generator (used as `seed >>> 0`; default 0): same seed, same interval. */
  seed?: number;
  /** Confidence level, in (0, 1) (default 0.95). */
  level?: number;
  /** Non-negative sample weights, one per row: every drawn row carries its weight into the resample. */
  weights?: ScoresInput;
  /**
   * Resample the positives and the negatives separately, each class keeping its row count (default `false`). Use it
   * for metrics that need both classes (ROC AUC, average precision) on small or very unbalanced data, where a plain
   * resample can hold a single class.
   */
  stratified?: boolean;
}

/** A percentile bootstrap confidence interval. */
export interface BootstrapInterval {
  /** The metric on the data as given. */
  readonly estimate: number;
  /** The (1 − level)/2 percentile of the resampled metric values. */
  readonly lower: number;
  /** The (1 + level)/2 percentile of the resampled metric values. */
  readonly upper: number;
  /** The confidence level. */
  readonly level: number;
  /** Number of resamples. */
  readonly resamples: number;
  /** Standard deviation of the resampled values (n − 1 denominator; 0 with one resample): the bootstrap standard error. */
  readonly standardError: number;
}

function invalid(message: string, details: Record<string, unknown>): CalibraError {
  return new CalibraError(ErrorCodes.INVALID_OPTIONS, `bootstrap: ${message}`, { details });
}

/**
 * A seeded percentile bootstrap confidence interval for any metric (Efron 1979; Efron & Tibshirani 1993, §13.3).
 *
 * Each of R resamples draws n rows with replacement (row ⌊u·n⌋ for u from core's `seededUniform(seed)`; with
 * `stratified`, positives from the positives and negatives from the negatives) into fixed scratch buffers — no
 * allocation per resample besides what the metric itself allocates — and evaluates the metric on them. The interval
 * is [q((1 − level)/2), q((1 + level)/2)] of the R values, q being numpy's linear percentile. `estimate` is the
 * metric on the original rows. Deterministic: the same inputs, seed and options give the same interval everywhere.
 *
 * Throws `CalibraError`: the input errors of the metrics (`E_LENGTH_MISMATCH`, `E_EMPTY_INPUT`, `E_NAN_INPUT`,
 * `E_PROBABILITY_RANGE`, `E_LABEL_CLASSES`, `E_INVALID_WEIGHTS`), `E_INVALID_OPTIONS` (resamples, level or seed
 * out of range), `E_NAN_INPUT` when the metric returns a non-finite value, and the metric's own errors on a resample
 * (with the resample's number; for `E_ONE_CLASS`, try `stratified: true`).
 *
 * @example
 * // breast_cancer / logreg test split of @calibra/fixtures: p = σ(logit)
 * bootstrap(logLoss, probabilities, labels, { seed: 7 });
 * // { estimate: 0.11681, lower: 0.07751, upper: 0.16315, level: 0.95, resamples: 1000, standardError: 0.02198 }
 * bootstrap((p, y, w) => brier(p, y, w).score, probabilities, labels, { seed: 7, resamples: 2000 });
 * bootstrap(rocAuc, probabilities, labels, { stratified: true });
 */
export function bootstrap(
  metric: MetricFunction,
  probabilities: ScoresInput,
  labels: LabelsInput,
  options: BootstrapOptions = {},
): BootstrapInterval {
  const {
    resamples = DEFAULT_RESAMPLES,
    seed = 0,
    level = DEFAULT_CONFIDENCE_LEVEL,
    weights,
    stratified = false,
  } = options;
  if (typeof metric !== "function") throw invalid("metric must be a function (p, y, w?) => number.", {});
  if (!(Number.isInteger(resamples) && resamples >= 1 && resamples <= MAX_RESAMPLES)) {
    throw invalid(`resamples is ${String(resamples)}; it must be an integer from 1 to ${MAX_RESAMPLES}.`, {
      resamples,
    });
  }
  if (!(level > 0 && level < 1)) {
    throw invalid(`level is ${String(level)}; it must lie strictly between 0 and 1 (0.95 for 95%).`, {
      level,
    });
  }
  if (!Number.isFinite(seed)) throw invalid(`seed is ${String(seed)}; it must be a finite number.`, { seed });
  const data = prepareProbabilityData(probabilities, labels, weights, "bootstrap");
  const p = data.probabilities;
  const y = data.labels;
  const w = data.weights;
  const rows = p.length;

  const estimate = evaluate(metric, p, y, w, -1);

  // Stratified draws pick from each class's rows (positives first); plain draws pick row numbers directly.
  let pool: Uint32Array | undefined;
  let positives = 0;
  if (stratified) {
    pool = new Uint32Array(rows);
    for (let i = 0; i < rows; i++) if (y[i] === 1) pool[positives++] = i;
    let negative = positives;
    for (let i = 0; i < rows; i++) if (y[i] !== 1) pool[negative++] = i;
  }

  const sampleP = new Float64Array(rows);
  const sampleY = new Uint8Array(rows);
  const sampleW = w === undefined ? undefined : new Float64Array(rows);
  const replicates = new Float64Array(resamples);
  const uniform = seededUniform(seed);
  for (let r = 0; r < resamples; r++) {
    if (pool !== undefined) {
      drawInto(pool, 0, positives, 0, uniform, p, y, w, sampleP, sampleY, sampleW);
      drawInto(pool, positives, rows - positives, positives, uniform, p, y, w, sampleP, sampleY, sampleW);
    } else {
      drawInto(undefined, 0, rows, 0, uniform, p, y, w, sampleP, sampleY, sampleW);
    }
    replicates[r] = evaluate(metric, sampleP, sampleY, sampleW, r);
  }

  let mean = 0;
  for (let r = 0; r < resamples; r++) mean += replicates[r] as number;
  mean /= resamples;
  let squares = 0;
  for (let r = 0; r < resamples; r++) {
    const deviation = (replicates[r] as number) - mean;
    squares += deviation * deviation;
  }
  replicates.sort();
  const tail = (1 - level) / 2;
  return {
    estimate,
    lower: numpyPercentile(replicates, 100 * tail),
    upper: numpyPercentile(replicates, 100 * (1 - tail)),
    level,
    resamples,
    standardError: resamples > 1 ? Math.sqrt(squares / (resamples - 1)) : 0,
  };
}

/**
 * Draws `count` rows uniformly with replacement — from pool[from, from + count), or from rows [0, count) without a
 * pool — into the samples from slot `at`.
 */
function drawInto(
  pool: Uint32Array | undefined,
  from: number,
  count: number,
  at: number,
  uniform: () => number,
  p: Float64Array,
  y: Uint8Array,
  w: Float64Array | undefined,
  sampleP: Float64Array,
  sampleY: Uint8Array,
  sampleW: Float64Array | undefined,
): void {
  const last = count - 1;
  for (let j = 0; j < count; j++) {
    // u < 1, so ⌊u·count⌋ ≤ count − 1; the min guards against rounding of the product all the same.
    const pick = Math.min(Math.floor(uniform() * count), last);
    const row = pool === undefined ? pick : (pool[from + pick] as number);
    sampleP[at + j] = p[row] as number;
    sampleY[at + j] = y[row] as number;
    if (sampleW !== undefined) sampleW[at + j] = (w as Float64Array)[row] as number;
  }
}

/** Runs the metric, naming the resample (−1: the original data) in any error and refusing non-finite values. */
function evaluate(
  metric: MetricFunction,
  p: Float64Array,
  y: Uint8Array,
  w: Float64Array | undefined,
  resample: number,
): number {
  const where = resample < 0 ? "on the original rows" : `on resample ${resample}`;
  let value: number;
  try {
    value = w === undefined ? metric(p, y) : metric(p, y, w);
  } catch (error) {
    if (!isCalibraError(error)) throw error;
    const hint =
      error.code === ErrorCodes.ONE_CLASS && resample >= 0
        ? " The resample held one class only; pass stratified: true to keep both classes in every resample."
        : "";
    throw new CalibraError(error.code, `bootstrap: the metric failed ${where}: ${error.message}${hint}`, {
      cause: error,
      details: { ...error.details, resample },
    });
  }
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new CalibraError(
      ErrorCodes.NAN_INPUT,
      `bootstrap: the metric returned ${String(value)} ${where}; it must return a finite number.`,
      { details: { resample, value } },
    );
  }
  return value;
}
