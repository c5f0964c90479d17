import type { ConfusionCounts } from "@calibra/metrics";

/** Confusion counts of `p >= threshold`, summed row by row (no sort): the definition the sweep must agree with. */
export function countsByRows(
  threshold: number,
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  weights?: ArrayLike<number>,
): ConfusionCounts {
  let truePositives = 0;
  let falsePositives = 0;
  let trueNegatives = 0;
  let falseNegatives = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const w = weights === undefined ? 1 : (weights[i] as number);
    const positive = (probabilities[i] as number) >= threshold;
    if (labels[i] === 1) {
      if (positive) truePositives += w;
      else falseNegatives += w;
    } else if (positive) falsePositives += w;
    else trueNegatives += w;
  }
  return { truePositives, falsePositives, trueNegatives, falseNegatives };
}

/**
 * Every distinct probability of a row with positive weight (scikit-learn leaves zero-weight rows out), descending,
 * with 1 in front when asked and absent.
 */
export function candidateThresholds(
  probabilities: ArrayLike<number>,
  withHighest: boolean,
  weights?: ArrayLike<number>,
): number[] {
  const held = Array.from(probabilities).filter(
    (_, i) => weights === undefined || (weights[i] as number) > 0,
  );
  // −0 and +0 are one threshold.
  const distinct = [...new Set(held.map((p) => p + 0))].sort((a, b) => b - a);
  if (withHighest && distinct[0] !== 1) distinct.unshift(1);
  return distinct;
}

/**
 * Brute force: the candidate (descending) with the largest `score` among the `feasible` ones, first wins ties
 * (= the higher threshold); `undefined` when none is feasible.
 */
export function bruteForceBest(
  candidates: readonly number[],
  countsOf: (threshold: number) => ConfusionCounts,
  score: (counts: ConfusionCounts) => number,
  feasible: (counts: ConfusionCounts) => boolean = () => true,
): { threshold: number; value: number } | undefined {
  let best: { threshold: number; value: number } | undefined;
  for (const threshold of candidates) {
    const counts = countsOf(threshold);
    if (!feasible(counts)) continue;
    const value = score(counts);
    if (best === undefined || value > best.value) best = { threshold, value };
  }
  return best;
}
