import { sortFloat64 } from "@calibra/core";

/**
 * Upper edges of equal-mass bins, exactly as `get_equal_bins(probs, num_bins)` of Kumar, Liang & Ma (2019),
 * "Verified Uncertainty Calibration" (NeurIPS; the `uncertainty-calibration` package), lays them out:
 *
 * 1. sort the probabilities; with B' = min(B, n), split them as `np.array_split` does into B' runs, the first
 *    n mod B' runs holding ⌊n/B'⌋ + 1 values and the others ⌊n/B'⌋;
 * 2. between neighbouring runs put the edge (a + b) / 2, a the last value of the lower run and b the first of the
 *    upper one; append 1;
 * 3. drop repeated edges (ties across a run boundary give equal midpoints).
 *
 * The result is strictly increasing and ends with 1; its length is the number of bins. A probability p belongs to
 * the bin of the first edge ≥ p (`bisect_left`: a value equal to an edge goes to the LOWER bin; see
 * {@link equalMassBin}), so rows that share a value always share a bin — which is why a run of ties can leave a bin
 * empty or make bins unequal. `sorted` must be sorted ascending (see {@link sortedCopy}).
 */
export function equalMassBinEdges(sorted: Float64Array, bins: number): Float64Array {
  const rows = sorted.length;
  const parts = Math.min(bins, rows);
  const base = Math.floor(rows / parts);
  const larger = rows % parts;
  const edges = new Float64Array(parts);
  let count = 0;
  for (let part = 0; part < parts - 1; part++) {
    // First index of run part + 1 (np.array_split: the first `larger` runs hold one value more).
    const end = (part + 1) * base + Math.min(part + 1, larger);
    const edge = ((sorted[end - 1] as number) + (sorted[end] as number)) / 2;
    if (count === 0 || edge !== edges[count - 1]) edges[count++] = edge;
  }
  if (count === 0 || edges[count - 1] !== 1) edges[count++] = 1;
  return edges.slice(0, count);
}

/**
 * The bin of `p` among upper `edges` (strictly increasing, the last 1): the number of edges below p, found by
 * binary search (`np.searchsorted(edges, p)`, side "left"). A value equal to an edge goes to the lower bin.
 */
export function equalMassBin(edges: Float64Array, p: number): number {
  let low = 0;
  let high = edges.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((edges[middle] as number) < p) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** An ascending copy of `values` (core's distribution sort; the input is left as it is). */
export function sortedCopy(values: Float64Array): Float64Array {
  const sorted = Float64Array.from(values);
  sortFloat64(sorted);
  return sorted;
}
