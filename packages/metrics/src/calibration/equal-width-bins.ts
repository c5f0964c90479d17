/**
 * The equal-width bin of probability `p` among `bins` bins over [0, 1]: k = min(⌊p·B⌋, B − 1). Bin k holds the
 * probabilities whose product p·B (rounded to a double) lies in [k, k + 1) — [k/B, (k+1)/B) up to that rounding —
 * and the last bin also holds p = 1. This is the reference files' `ece_definition` and Guo et al. (2017)'s binning.
 */
export function equalWidthBin(p: number, bins: number): number {
  const bin = Math.floor(p * bins);
  return bin < bins ? bin : bins - 1;
}

/** The B + 1 edges k/B of `bins` equal-width bins (the first 0, the last exactly 1), for display. */
export function equalWidthEdges(bins: number): Float64Array {
  const edges = new Float64Array(bins + 1);
  for (let k = 0; k <= bins; k++) edges[k] = k / bins;
  return edges;
}
