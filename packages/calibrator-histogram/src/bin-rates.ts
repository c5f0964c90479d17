import type { FitData } from "@calibra/core";
import { binOf } from "./bin-search.js";
import type { BinPrior } from "./histogram-options.js";

/** The calibration weight in each bin and the part of it that is positive. */
export interface BinTotals {
  /** Total (weighted) rows per bin. */
  readonly weight: Float64Array;
  /** Total (weighted) positive rows per bin. */
  readonly positiveWeight: Float64Array;
}

/**
 * Sums each bin's weight and positive weight, assigning every row with {@link binOf} — the very search prediction
 * uses, so a calibration row is always predicted from the bin it was counted in. O(n log B).
 */
export function binTotals(data: FitData, edges: Float64Array): BinTotals {
  const bins = edges.length + 1;
  const weight = new Float64Array(bins);
  const positiveWeight = new Float64Array(bins);
  const { logOdds, labels, weights } = data;
  for (let i = 0; i < data.rows; i++) {
    const bin = binOf(edges, logOdds[i] as number);
    const w = weights === undefined ? 1 : (weights[i] as number);
    weight[bin] = (weight[bin] as number) + w;
    if (labels[i] === 1) positiveWeight[bin] = (positiveWeight[bin] as number) + w;
  }
  return { weight, positiveWeight };
}

/**
 * Each bin's calibrated probability.
 *
 * - `"beta"`: the posterior mean of the bin's positive rate under a Beta(m·π, m·(1 − π)) prior, centred on the
 *   overall prevalence π with pseudo-count total m: p̂ = (positives_w + m·π) / (total_w + m). An empty bin predicts
 *   π and a bin of one positive row (1 + m·π) / (1 + m); large bins are barely moved. This is the m-estimate
 *   (Cestnik 1990) that Zadrozny & Elkan (2001) use to smooth decision-tree leaf frequencies, applied to bins.
 * - `"none"`: the raw rate positives_w / total_w; a bin with no weight predicts π, the best guess with no rows.
 *
 * The results lie in [0, 1] without clipping: positives_w ≤ total_w holds in floating point too (both sums add
 * the same non-negative terms in the same order, and rounding is monotone), and m·π ≤ m.
 */
export function binRates(
  totals: BinTotals,
  prevalence: number,
  prior: BinPrior,
  priorStrength: number,
): Float64Array {
  const bins = totals.weight.length;
  const values = new Float64Array(bins);
  const pseudoPositives = priorStrength * prevalence;
  for (let k = 0; k < bins; k++) {
    const weight = totals.weight[k] as number;
    const positives = totals.positiveWeight[k] as number;
    if (prior === "beta") values[k] = (positives + pseudoPositives) / (weight + priorStrength);
    else values[k] = weight > 0 ? positives / weight : prevalence;
  }
  return values;
}
