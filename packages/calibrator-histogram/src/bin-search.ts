/**
 * The bin of log-odds `z` among strictly increasing inner `edges`: the number of edges ≤ z, found by binary search
 * in O(log B) without allocating. A value equal to an edge therefore goes to the bin above that edge; −∞ goes to
 * bin 0 and +∞ to the last bin. `z` must not be NaN (predict rejects NaN before this runs).
 */
export function binOf(edges: Float64Array, z: number): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((edges[middle] as number) <= z) low = middle + 1;
    else high = middle;
  }
  return low;
}
