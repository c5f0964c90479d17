import { CalibraError, ErrorCodes, type ThresholdData } from "@calibra/core";
import { type ConfusionCounts, thresholdSweep } from "@calibra/metrics";

/**
 * The highest threshold a probability allows. It is always a candidate of the data-driven thresholders that can
 * prefer predicting nothing positive (`optimize`, `min-cost`): when no fitting row has p = 1, the rule p >= 1
 * predicts every fitting row negative — scikit-learn's `roc_curve` plays the same part with its extra threshold
 * max(p) + 1, which is not a probability.
 */
export const HIGHEST_THRESHOLD = 1;

/**
 * The thresholds a data-driven thresholder chooses among, strictly decreasing, with the (weighted) confusion counts
 * of the rule `p >= thresholds[k]` on the fitting rows.
 */
export interface Candidates {
  /** Candidate thresholds, strictly decreasing: the distinct probabilities (and possibly 1 in front). */
  readonly thresholds: Float64Array;
  /** Weight of the positive rows with p >= thresholds[k]. */
  readonly truePositives: Float64Array;
  /** Weight of the negative rows with p >= thresholds[k]. */
  readonly falsePositives: Float64Array;
  /** Total weight of the positive rows. */
  readonly positives: number;
  /** Total weight of the negative rows. */
  readonly negatives: number;
}

/**
 * The labelled data a data-driven thresholder's `choose` receives. Core passes data exactly when `needsData` is
 * true; a direct call of `choose` without it is refused with `E_NOT_FITTED` rather than a TypeError.
 */
export function requireData(id: string, data: ThresholdData | undefined): ThresholdData {
  if (data === undefined) {
    throw new CalibraError(
      ErrorCodes.NOT_FITTED,
      `thresholder "${id}" chooses its threshold from labelled data: call fit(probabilities, labels) first.`,
    );
  }
  return data;
}

/**
 * The candidate thresholds of validated threshold data, from one sorted sweep (`thresholdSweep` of
 * `@calibra/metrics`, scikit-learn's `_binary_clf_curve`): every distinct probability held by a row of positive weight
 * (a score held only by rows of weight 0 is not a threshold, as in scikit-learn), and {@link HIGHEST_THRESHOLD} in
 * front when `withHighest` is set and 1 is not already such a probability. The sweep's totals are its last counts,
 * so the lowest candidate has recall 1 and false positive rate 1 exactly.
 */
export function candidatesOf(data: ThresholdData, withHighest: boolean): Candidates {
  const sweep = thresholdSweep(data.probabilities, data.labels, data.weights);
  if (!withHighest || (sweep.thresholds[0] as number) >= HIGHEST_THRESHOLD) return sweep;
  const size = sweep.thresholds.length + 1;
  const thresholds = new Float64Array(size);
  const truePositives = new Float64Array(size);
  const falsePositives = new Float64Array(size);
  thresholds[0] = HIGHEST_THRESHOLD;
  thresholds.set(sweep.thresholds, 1);
  truePositives.set(sweep.truePositives, 1);
  falsePositives.set(sweep.falsePositives, 1);
  return {
    thresholds,
    truePositives,
    falsePositives,
    positives: sweep.positives,
    negatives: sweep.negatives,
  };
}

/** A confusion matrix that {@link writeCountsAt} overwrites in place, so a scan over candidates allocates nothing. */
export interface ScratchCounts extends ConfusionCounts {
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
}

/** A fresh all-zero {@link ScratchCounts}. */
export function scratchCounts(): ScratchCounts {
  return { truePositives: 0, falsePositives: 0, trueNegatives: 0, falseNegatives: 0 };
}

/** Writes the confusion counts of candidate `k` into `out` and returns it. */
export function writeCountsAt(candidates: Candidates, k: number, out: ScratchCounts): ScratchCounts {
  const truePositives = candidates.truePositives[k] as number;
  const falsePositives = candidates.falsePositives[k] as number;
  out.truePositives = truePositives;
  out.falsePositives = falsePositives;
  out.trueNegatives = candidates.negatives - falsePositives;
  out.falseNegatives = candidates.positives - truePositives;
  return out;
}

/**
 * The index of the candidate with the largest `score`, among those that are `feasible` (all when omitted), or −1
 * when none is. Candidates are visited from the highest threshold down and only a strictly larger score replaces the
 * best so far, so **ties go to the higher threshold**: the more conservative rule, reached with fewer positives.
 */
export function bestCandidate(
  candidates: Candidates,
  score: (counts: ConfusionCounts) => number,
  feasible?: (counts: ConfusionCounts) => boolean,
): number {
  const counts = scratchCounts();
  let best = -1;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < candidates.thresholds.length; k++) {
    writeCountsAt(candidates, k, counts);
    if (feasible !== undefined && !feasible(counts)) continue;
    const value = score(counts);
    if (best === -1 || value > bestScore) {
      best = k;
      bestScore = value;
    }
  }
  return best;
}

/** The confusion counts of candidate `k` as plain numbers, for a thresholder's `details`. */
export function countDetails(
  candidates: Candidates,
  k: number,
): { truePositives: number; falsePositives: number; trueNegatives: number; falseNegatives: number } {
  const counts = writeCountsAt(candidates, k, scratchCounts());
  return { ...counts };
}
