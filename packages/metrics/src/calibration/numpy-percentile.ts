/**
 * numpy's default ("linear") percentile of ascending `sorted` values at q ∈ [0, 100], reproduced operation by
 * operation as numpy 1.24 evaluates it, so that bin edges built from it are the same doubles:
 *
 *   f = q / 100;  v = (n − 1)·f;  i = ⌊v⌋ (i = n − 1 when v ≥ n − 1);  t = v − i;
 *   a = x₍ᵢ₎, b = x₍ᵢ₊₁₎;  result = a + (b − a)·t when t < ½, else b − (b − a)·(1 − t)
 *
 * (numpy's `_lerp`, which evaluates from the nearer end so the result never leaves [a, b]). Equal neighbours give
 * exactly their value.
 */
export function numpyPercentile(sorted: Float64Array, q: number): number {
  const rows = sorted.length;
  const fraction = q / 100;
  const virtualIndex = (rows - 1) * fraction;
  if (virtualIndex >= rows - 1) return sorted[rows - 1] as number;
  if (virtualIndex <= 0) return sorted[0] as number;
  const previous = Math.floor(virtualIndex);
  const t = virtualIndex - previous;
  const a = sorted[previous] as number;
  const b = sorted[previous + 1] as number;
  const difference = b - a;
  return t >= 0.5 ? b - difference * (1 - t) : a + difference * t;
}

/**
 * `np.linspace(0, 1, bins + 1)` as numpy computes it: element i is i·(1/B) (one rounded step, then one rounded
 * product — so 3·0.1 = 0.30000000000000004 for B = 10), and the last element is exactly 1.
 */
export function numpyUnitLinspace(bins: number): Float64Array {
  const values = new Float64Array(bins + 1);
  const step = 1 / bins;
  for (let i = 0; i < bins; i++) values[i] = i * step;
  values[bins] = 1;
  return values;
}
