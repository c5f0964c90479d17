import { argsortFloat64, type ClassSortedScores, type ScoresInput, sortByClass } from "@calibra/core";
import {
  type LabelledProbabilities,
  type LabelsInput,
  prepareLabelledProbabilities,
} from "./labelled-probabilities.js";

/**
 * Confusion counts at many thresholds at once, as typed arrays: at index k, the rows with `p >= thresholds[k]` are
 * predicted positive, and
 *
 * - `truePositives[k]`  = weight of the positive rows with `p >= thresholds[k]`,
 * - `falsePositives[k]` = weight of the negative rows with `p >= thresholds[k]`,
 * - false negatives = `positives − truePositives[k]`, true negatives = `negatives − falsePositives[k]`.
 *
 * Counts are weights (row counts without weights), stored as float64. This shape is the shared engine of the ROC
 * and precision–recall curves and of `@calibra/thresholds`; it is a stable public contract.
 */
export interface ThresholdCounts {
  /** The thresholds the counts are taken at (for {@link thresholdSweep}: every distinct score, descending). */
  readonly thresholds: Float64Array;
  /** Weight of positive rows predicted positive, per threshold. */
  readonly truePositives: Float64Array;
  /** Weight of negative rows predicted positive, per threshold. */
  readonly falsePositives: Float64Array;
  /** Total weight of positive rows (their count without weights). */
  readonly positives: number;
  /** Total weight of negative rows (their count without weights). */
  readonly negatives: number;
}

/**
 * Confusion counts when predicting positive for `p >= s`, for every distinct probability `s` in descending order:
 * one sort and one pass, O(n log n) — scikit-learn 1.2's private `_binary_clf_curve(y, p, sample_weight=w)`, which
 * `roc_curve` and `precision_recall_curve` are built on. `truePositives` and `falsePositives` are non-decreasing;
 * at the last (smallest) threshold every row is predicted positive, so there they equal `positives` and
 * `negatives`.
 *
 * As in scikit-learn, rows of weight 0 are left out before anything else: a score held only by such rows is not a
 * threshold. Weighted counts are running sums in descending score order (ties in descending row order), the order
 * of scikit-learn's `stable_cumsum`, so they match its values to the last bit; unweighted counts are exact
 * integers. `positives` and `negatives` are the last counts (scikit-learn's `tps[-1]`, `fps[-1]`).
 *
 * Unweighted data are sorted per class without a permutation (core's `sortByClass`) and the two sorted classes
 * merged; weighted data are ordered by core's O(n) radix `argsortFloat64`.
 *
 * Inputs: probabilities in [0, 1] (the package's contract, although the ranking itself would accept any real
 * scores), labels 0/1 (one class is allowed here), optional finite non-negative weights with a positive total.
 *
 * @example
 * thresholdSweep([0.1, 0.4, 0.4, 0.8], [0, 0, 1, 1])
 * // thresholds [0.8, 0.4, 0.1], truePositives [1, 2, 2], falsePositives [0, 1, 2], positives 2, negatives 2
 */
export function thresholdSweep(
  probabilities: ScoresInput,
  labels: LabelsInput,
  weights?: ScoresInput,
): ThresholdCounts {
  return sweepValidated(
    prepareLabelledProbabilities(probabilities, labels, weights, "thresholdSweep", "any"),
  );
}

/** {@link thresholdSweep} on inputs already validated by `prepareLabelledProbabilities`. */
export function sweepValidated(data: LabelledProbabilities): ThresholdCounts {
  return data.weights === undefined
    ? sweepClassSorted(sortByClass(data.probabilities, data.labels))
    : sweepWeighted(data.probabilities, data.labels, data.weights);
}

/**
 * The unweighted sweep from each class's scores sorted ascending: the two arrays are walked from their top ends,
 * merged into groups of equal score. A first walk counts the groups so the outputs are allocated at their size.
 */
export function sweepClassSorted(sorted: ClassSortedScores): ThresholdCounts {
  const { negatives, positives } = sorted;
  const groups = countDistinctMerged(negatives, positives);
  const thresholds = new Float64Array(groups);
  const truePositives = new Float64Array(groups);
  const falsePositives = new Float64Array(groups);
  let i = negatives.length - 1;
  let j = positives.length - 1;
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < groups; k++) {
    const negative = i >= 0 ? (negatives[i] as number) : Number.NEGATIVE_INFINITY;
    const positive = j >= 0 ? (positives[j] as number) : Number.NEGATIVE_INFINITY;
    const score = negative > positive ? negative : positive;
    while (j >= 0 && positives[j] === score) {
      j--;
      tp++;
    }
    while (i >= 0 && negatives[i] === score) {
      i--;
      fp++;
    }
    thresholds[k] = score;
    truePositives[k] = tp;
    falsePositives[k] = fp;
  }
  return { thresholds, truePositives, falsePositives, positives: tp, negatives: fp };
}

/** The number of distinct values in two ascending arrays taken together (−0 and +0 count as one). */
function countDistinctMerged(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let groups = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? (a[i] as number) : Number.POSITIVE_INFINITY;
    const y = j < b.length ? (b[j] as number) : Number.POSITIVE_INFINITY;
    const score = x < y ? x : y;
    while (i < a.length && a[i] === score) i++;
    while (j < b.length && b[j] === score) j++;
    groups++;
  }
  return groups;
}

/**
 * The weighted sweep: rows in descending score order, ties in descending row order (a stable ascending argsort
 * read backwards — scikit-learn's `argsort(kind="mergesort")[::-1]`), zero-weight rows skipped.
 *
 * The permutation is applied once, gathering the scores and the label-signed weights (+w for a positive, −w for a
 * negative) into sorted order: the random reads happen in that one pass, and the running sums then read memory
 * sequentially.
 */
function sweepWeighted(p: Float64Array, labels: Uint8Array, weights: Float64Array): ThresholdCounts {
  const order = argsortFloat64(p);
  const n = order.length;
  const scores = new Float64Array(n);
  const signedWeights = new Float64Array(n);
  let kept = 0;
  let groups = 0;
  let previous = Number.NaN;
  for (let k = n - 1; k >= 0; k--) {
    const row = order[k] as number;
    const weight = weights[row] as number;
    if (weight === 0) continue;
    const score = p[row] as number;
    if (score !== previous) groups++;
    previous = score;
    scores[kept] = score;
    signedWeights[kept] = labels[row] === 1 ? weight : -weight;
    kept++;
  }
  const thresholds = new Float64Array(groups);
  const truePositives = new Float64Array(groups);
  const falsePositives = new Float64Array(groups);
  let tp = 0;
  let fp = 0;
  let group = 0;
  for (let k = 0; k < kept; k++) {
    const signed = signedWeights[k] as number;
    if (signed > 0) tp += signed;
    else fp -= signed;
    // The last row of a group closes it.
    if (k === kept - 1 || scores[k + 1] !== scores[k]) {
      thresholds[group] = scores[k] as number;
      truePositives[group] = tp;
      falsePositives[group] = fp;
      group++;
    }
  }
  return { thresholds, truePositives, falsePositives, positives: tp, negatives: fp };
}
