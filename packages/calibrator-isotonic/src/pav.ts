/**
 * Pool-adjacent-violators for the weighted least-squares isotonic (non-decreasing) regression
 *
 *   minimise Σᵢ wᵢ (yᵢ − fᵢ)²  subject to  f₁ ≤ f₂ ≤ … ≤ fₙ,
 *
 * in place and in O(n): a line-for-line port of scikit-learn's `_inplace_contiguous_isotonic_regression`
 * (sklearn/_isotonic.pyx; Best & Chakravarti, "Active set algorithms for isotonic regression; a unifying
 * framework", Math. Programming 47, 1990, section 3), so that the floating-point operations, and with them the
 * results, are the same. Each step pools a whole non-increasing run (equal neighbours are pooled too: the test
 * is `y[i] < y[k]`), then steps back one block, which keeps the pass linear.
 *
 * Blocks are kept as `target`: for an active block [i..j], `target[i] = j` and `target[j] = i`; for a block start
 * i, `weights[i]` holds the block's total weight and `values[i]` its weighted mean.
 *
 * On return `values` holds the fit f (each block's mean repeated over the block) and `weights` is scratch. Every
 * weight must be positive (a block of total weight 0 would divide 0 by 0). `target` can be passed in to reuse it.
 */
export function poolAdjacentViolators(
  values: Float64Array,
  weights: Float64Array,
  target: Uint32Array = new Uint32Array(values.length),
): void {
  const n = values.length;
  for (let i = 0; i < n; i++) target[i] = i;

  let i = 0;
  while (i < n) {
    let k = (target[i] as number) + 1;
    if (k === n) break;
    if ((values[i] as number) < (values[k] as number)) {
      i = k;
      continue;
    }
    let sumWeightedValues = (weights[i] as number) * (values[i] as number);
    let sumWeights = weights[i] as number;
    while (true) {
      // Within a non-increasing run.
      const previous = values[k] as number;
      sumWeightedValues += (weights[k] as number) * (values[k] as number);
      sumWeights += weights[k] as number;
      k = (target[k] as number) + 1;
      if (k === n || previous < (values[k] as number)) {
        // The run is finished: its first entry becomes the pooled block.
        values[i] = sumWeightedValues / sumWeights;
        weights[i] = sumWeights;
        target[i] = k - 1;
        target[k - 1] = i;
        // Step back to the previous block, which may now violate the order; at the start, re-examine this one.
        if (i > 0) i = target[i - 1] as number;
        break;
      }
    }
  }

  // Spread each block's mean over the block.
  i = 0;
  while (i < n) {
    const end = (target[i] as number) + 1;
    const mean = values[i] as number;
    for (let j = i + 1; j < end; j++) values[j] = mean;
    i = end;
  }
}
