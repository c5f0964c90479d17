/**
 * Pool adjacent violators (Ayer et al. 1955; Barlow et al. 1972) on the bin rates: the weighted least-squares
 * non-decreasing fit to `values` with weights `weights`. Whenever a block's value exceeds the next block's, the two
 * merge into one block whose value is their weighted mean; the result is constant on each pooled run of bins and
 * non-decreasing exactly (each block's computed value is at least its predecessor's). O(B) with a stack of blocks.
 *
 * A bin of weight 0 (an empty equal-width bin) has no say in a pooled mean: it takes the value of the block it
 * joins. Two weightless blocks pooled together take the mean of their values.
 *
 * Returns a new array; the inputs are not changed.
 */
export function poolAdjacentViolators(values: Float64Array, weights: Float64Array): Float64Array {
  const bins = values.length;
  const blockValue = new Float64Array(bins);
  const blockWeight = new Float64Array(bins);
  const blockEnd = new Uint32Array(bins);
  let blocks = 0;
  for (let k = 0; k < bins; k++) {
    let value = values[k] as number;
    let weight = weights[k] as number;
    while (blocks > 0 && (blockValue[blocks - 1] as number) > value) {
      const previousValue = blockValue[blocks - 1] as number;
      const previousWeight = blockWeight[blocks - 1] as number;
      const pooledWeight = previousWeight + weight;
      value =
        pooledWeight > 0
          ? (previousValue * previousWeight + value * weight) / pooledWeight
          : (previousValue + value) / 2;
      weight = pooledWeight;
      blocks--;
    }
    blockValue[blocks] = value;
    blockWeight[blocks] = weight;
    blockEnd[blocks] = k + 1;
    blocks++;
  }
  const pooled = new Float64Array(bins);
  let start = 0;
  for (let b = 0; b < blocks; b++) {
    const end = blockEnd[b] as number;
    pooled.fill(blockValue[b] as number, start, end);
    start = end;
  }
  return pooled;
}
