import { logit } from "@calibra/core";

/**
 * Inner edges, in log-odds, of `bins` bins of equal width on the probability scale s = σ(z) over [0, 1]: the
 * k-th edge is logit(k / B) for k = 1 … B − 1 (the outer edges 0 and 1, i.e. z = ∓∞, are implied). This is the
 * binning of Zadrozny & Elkan (2001) and of scikit-learn's `calibration_curve(strategy="uniform")`, where s falls in
 * bin min(⌊s·B⌋, B − 1). Storing the edges as log-odds lets prediction compare z directly, with no sigmoid per row.
 */
export function equalWidthEdges(bins: number): Float64Array {
  const edges = new Float64Array(bins - 1);
  for (let k = 1; k < bins; k++) edges[k - 1] = logit(k / bins);
  return edges;
}
