import { argsortFloat64, type FitData, sortByClass } from "@calibra/core";
import { tiedGroupRankBalance } from "./direction.js";

/**
 * How close two log-odds values must be to count as one point: scikit-learn's `_make_unique` starts a new point
 * only when `x − first ≥ resolution`, where `first` is the first (smallest) value of the current point and
 * `resolution = np.finfo(np.float64).resolution = 1e-15`. Values closer than that to a point's first value join it.
 * It is an absolute distance, so it can only merge distinct doubles where their spacing is below 1e-15, i.e. for
 * |log-odds| < 8.
 */
export const TIE_RESOLUTION = 1e-15;

/**
 * The distinct log-odds of a fit in ascending order, each with the (weighted) mean label and the total weight of
 * its rows — scikit-learn's `_make_unique(X, y, sample_weight)` after `np.lexsort((y, X))` — and the rank balance
 * that gives the direction (see `direction.ts`). The arrays have one entry per point.
 */
export interface UniquePoints {
  /** The first (smallest) log-odds of each point, ascending; −0 is stored as +0. */
  readonly logOdds: Float64Array;
  /** Weighted mean label of each point: Σ wᵢyᵢ / Σ wᵢ. */
  readonly means: Float64Array;
  /** Total weight of each point (its row count when unweighted). */
  readonly weights: Float64Array;
  /** Σ over positive rows of 2·rank − (n + 1), all rows counted once: its sign is the sign of Spearman's ρ. */
  readonly rankBalance: number;
}

/**
 * Unique points of an unweighted fit, from each class sorted separately (no permutation): a two-way merge that
 * counts rows and positives per point. Every sum is a count, exact in any order, so this gives bit for bit what
 * scikit-learn gives with unit weights.
 */
export function uniquePointsUnweighted(
  logOdds: Float64Array,
  labels: Uint8Array,
  withDirection = true,
): UniquePoints {
  const { negatives, positives, scratch } = sortByClass(logOdds, labels);
  const negativeRows = negatives.length;
  const positiveRows = positives.length;
  const rows = negativeRows + positiveRows;
  // The sort is done with its scratch space: reusing it spares a fresh allocation (and its page faults).
  const pointLogOdds = scratch;
  const means = new Float64Array(rows);
  const weights = new Float64Array(rows);
  let points = 0;

  let a = 0;
  let b = 0;
  const firstValue = Math.min(
    negativeRows > 0 ? (negatives[0] as number) : Number.POSITIVE_INFINITY,
    positiveRows > 0 ? (positives[0] as number) : Number.POSITIVE_INFINITY,
  );
  let pointStart = firstValue;
  let pointRows = 0;
  let pointPositives = 0;
  let tieValue = firstValue;
  let tieStart = 0;
  let tiePositives = 0;
  let rankBalance = 0;
  for (let position = 0; position < rows; position++) {
    let value: number;
    let label: number;
    if (b >= positiveRows || (a < negativeRows && (negatives[a] as number) <= (positives[b] as number))) {
      value = negatives[a++] as number;
      label = 0;
    } else {
      value = positives[b++] as number;
      label = 1;
    }
    if (value - pointStart >= TIE_RESOLUTION) {
      pointLogOdds[points] = pointStart + 0;
      means[points] = pointPositives / pointRows;
      weights[points] = pointRows;
      points++;
      pointStart = value;
      pointRows = 0;
      pointPositives = 0;
    }
    pointRows += 1;
    pointPositives += label;
    // The rank balance is only needed to choose a direction ("auto"); skipping it saves a tenth of the merge.
    if (withDirection) {
      // −0 === +0, so a tie group holds both zeros, as the ranking in scipy's spearmanr does.
      if (value !== tieValue) {
        rankBalance += tiedGroupRankBalance(tiePositives, tieStart, position, rows);
        tieValue = value;
        tieStart = position;
        tiePositives = 0;
      }
      tiePositives += label;
    }
  }
  pointLogOdds[points] = pointStart + 0;
  means[points] = pointPositives / pointRows;
  weights[points] = pointRows;
  points++;
  if (withDirection) rankBalance += tiedGroupRankBalance(tiePositives, tieStart, rows, rows);

  return {
    logOdds: pointLogOdds.subarray(0, points),
    means: means.subarray(0, points),
    weights: weights.subarray(0, points),
    rankBalance,
  };
}

/**
 * Unique points of a weighted fit, through core's O(n) radix argsort. Rows of weight 0 are left out, as
 * scikit-learn does (`mask = sample_weight > 0`), but still count towards the direction. The sums run in the
 * order of `np.lexsort((y, X))` — by log-odds, then label, then row — so that the rounding is scikit-learn's too:
 * within each run of equal log-odds (the radix sort keeps those in row order, −0 and +0 included), the negatives
 * are summed first, then the positives.
 */
export function uniquePointsWeighted(
  logOdds: Float64Array,
  labels: Uint8Array,
  rowWeights: Float64Array,
): UniquePoints {
  const rows = logOdds.length;
  const keys = withoutNegativeZero(logOdds);
  const order = argsortFloat64(keys);
  // Gathered once, so that everything below reads memory in order.
  const sortedLogOdds = new Float64Array(rows);
  const sortedLabels = new Uint8Array(rows);
  const sortedWeights = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const row = order[i] as number;
    sortedLogOdds[i] = keys[row] as number;
    sortedLabels[i] = labels[row] as number;
    sortedWeights[i] = rowWeights[row] as number;
  }

  const pointLogOdds = new Float64Array(rows);
  const means = new Float64Array(rows);
  const weights = new Float64Array(rows);
  let points = 0;
  let started = false;
  let pointStart = 0;
  let pointWeight = 0;
  let pointPositiveWeight = 0;
  let rankBalance = 0;

  let runStart = 0;
  while (runStart < rows) {
    const value = sortedLogOdds[runStart] as number;
    let runEnd = runStart + 1;
    while (runEnd < rows && sortedLogOdds[runEnd] === value) runEnd++;

    let runPositives = 0;
    let runHasWeight = false;
    for (let i = runStart; i < runEnd; i++) {
      runPositives += sortedLabels[i] as number;
      if ((sortedWeights[i] as number) > 0) runHasWeight = true;
    }
    rankBalance += tiedGroupRankBalance(runPositives, runStart, runEnd, rows);

    if (runHasWeight) {
      if (!started) {
        started = true;
        pointStart = value;
      } else if (value - pointStart >= TIE_RESOLUTION) {
        pointLogOdds[points] = pointStart + 0;
        means[points] = pointPositiveWeight / pointWeight;
        weights[points] = pointWeight;
        points++;
        pointStart = value;
        pointWeight = 0;
        pointPositiveWeight = 0;
      }
      // A negative adds y·w = 0 to the weighted label sum, which leaves it unchanged.
      for (let i = runStart; i < runEnd; i++) {
        const weight = sortedWeights[i] as number;
        if (sortedLabels[i] === 0 && weight > 0) pointWeight += weight;
      }
      for (let i = runStart; i < runEnd; i++) {
        const weight = sortedWeights[i] as number;
        if (sortedLabels[i] === 1 && weight > 0) {
          pointWeight += weight;
          pointPositiveWeight += weight;
        }
      }
    }
    runStart = runEnd;
  }
  // Core guarantees both classes some positive weight, so at least one point is open here.
  pointLogOdds[points] = pointStart + 0;
  means[points] = pointPositiveWeight / pointWeight;
  weights[points] = pointWeight;
  points++;

  return {
    logOdds: pointLogOdds.subarray(0, points),
    means: means.subarray(0, points),
    weights: weights.subarray(0, points),
    rankBalance,
  };
}

/**
 * `logOdds` with every −0 made +0 (a copy, only when there is a −0). `np.lexsort` treats −0 and +0 as equal, so
 * rows at either zero sort among themselves by label and then by row; core's radix argsort puts every −0 before
 * every +0, which would sum the weights of a zero tie in another order.
 */
function withoutNegativeZero(logOdds: Float64Array): Float64Array {
  let found = false;
  for (let i = 0; i < logOdds.length; i++) {
    if (logOdds[i] === 0 && Object.is(logOdds[i], -0)) {
      found = true;
      break;
    }
  }
  if (!found) return logOdds;
  const keys = Float64Array.from(logOdds);
  for (let i = 0; i < keys.length; i++) if (keys[i] === 0) keys[i] = 0;
  return keys;
}

/** The unique points of validated fit data: the class-sorted path without weights, the argsort path with them. */
export function uniquePoints(data: FitData, withDirection = true): UniquePoints {
  return data.weights === undefined
    ? uniquePointsUnweighted(data.logOdds, data.labels, withDirection)
    : uniquePointsWeighted(data.logOdds, data.labels, data.weights);
}
