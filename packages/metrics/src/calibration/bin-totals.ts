import type { ProbabilityData } from "./metric-inputs.js";

/** Per-bin sums over the rows of each bin. */
export interface BinTotals {
  /** Rows per bin. */
  readonly counts: Uint32Array;
  /** Σ w per bin (equal to `counts` without weights). */
  readonly weights: Float64Array;
  /** Σ w·p per bin. */
  readonly predicted: Float64Array;
  /** Σ w·y per bin: the (weighted) positives. */
  readonly positives: Float64Array;
}

/** Sums rows, weights, w·p and w·y per bin in one pass. */
export function binTotals(data: ProbabilityData, binOfRow: Uint32Array, bins: number): BinTotals {
  const { probabilities, labels, weights } = data;
  const counts = new Uint32Array(bins);
  const binWeights = new Float64Array(bins);
  const predicted = new Float64Array(bins);
  const positives = new Float64Array(bins);
  for (let i = 0; i < probabilities.length; i++) {
    const bin = binOfRow[i] as number;
    const weight = weights === undefined ? 1 : (weights[i] as number);
    counts[bin] = (counts[bin] as number) + 1;
    binWeights[bin] = (binWeights[bin] as number) + weight;
    predicted[bin] = (predicted[bin] as number) + weight * (probabilities[i] as number);
    positives[bin] = (positives[bin] as number) + weight * (labels[i] as number);
  }
  return { counts, weights: binWeights, predicted, positives };
}
