import type { IsotonicParams } from "./isotonic-params.js";

/**
 * Compiles fitted thresholds into the prediction function of scikit-learn's `IsotonicRegression.predict` with
 * `out_of_bounds="clip"`: clip the log-odds to [first threshold, last threshold], then `np.interp` (which is what
 * scipy's `interp1d(kind="linear")` runs for float64 data). Per row: two comparisons for the ends, a binary search
 * for the segment, no allocation.
 *
 * `np.interp` in detail, for thresholds x₀ ≤ … ≤ x_{m−1} with values y: for x₀ < z < x_{m−1}, let j be the last
 * index with x_j ≤ z; if x_j = z the result is y_j, otherwise
 *
 *   p = s_j · (z − x_j) + y_j,  s_j = (y_{j+1} − y_j) / (x_{j+1} − x_j),
 *
 * (and if that is NaN, the same from the right end, then y_j when y_j = y_{j+1}). At or beyond the ends, clipping
 * gives y_{m−1} for z ≥ x_{m−1} and, for z ≤ x₀, the value at x₀ — of the last threshold equal to x₀ if the
 * thresholds repeat it, as `np.interp` reads a repeated value. ±∞ fall under the ends.
 *
 * One addition to `np.interp`: p is clamped into [min(y_j, y_{j+1}), max(y_j, y_{j+1})]. Rounding in s_j·(z − x_j)
 * can overshoot the segment's end by an ulp, which could put p above 1 or above the next threshold's value (a
 * monotonicity break of one ulp); the clamp changes nothing else.
 *
 * With `interpolation: "step"`, the result for x₀ < z < x_{m−1} is y_j (the nearest threshold at or below z), with
 * the same ends.
 */
export function compilePrediction(
  params: IsotonicParams,
): (logOdds: Float64Array, out: Float64Array) => void {
  const thresholds = Float64Array.from(params.logOdds);
  const values = Float64Array.from(params.probabilities);
  const count = thresholds.length;
  const first = thresholds[0] as number;
  const last = thresholds[count - 1] as number;
  const lastValue = values[count - 1] as number;
  let firstEnd = 0;
  while (firstEnd + 1 < count && thresholds[firstEnd + 1] === first) firstEnd++;
  const firstValue = values[firstEnd] as number;

  if (first === last) {
    // One threshold (or one repeated): a constant, scikit-learn's `y.repeat` for a single point.
    return (logOdds, out) => {
      out.fill(lastValue, 0, logOdds.length);
    };
  }

  /** The last index j with thresholds[j] ≤ z, for first < z < last: thresholds[lo] ≤ z < thresholds[hi]. */
  const segmentOf = (z: number): number => {
    let lo = 0;
    let hi = count - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if ((thresholds[mid] as number) <= z) lo = mid;
      else hi = mid;
    }
    return lo;
  };

  if (params.interpolation === "step") {
    return (logOdds, out) => {
      for (let i = 0; i < logOdds.length; i++) {
        const z = logOdds[i] as number;
        // `!(z > first)` also sends a NaN (which core rejects before this runs) to an end instead of through.
        if (!(z > first)) out[i] = firstValue;
        else if (z >= last) out[i] = lastValue;
        else out[i] = values[segmentOf(z)] as number;
      }
    };
  }

  // The slopes np.interp uses (it precomputes them or computes them per row, with the same formula).
  const slopes = new Float64Array(count - 1);
  for (let j = 0; j < count - 1; j++) {
    slopes[j] =
      ((values[j + 1] as number) - (values[j] as number)) /
      ((thresholds[j + 1] as number) - (thresholds[j] as number));
  }
  return (logOdds, out) => {
    for (let i = 0; i < logOdds.length; i++) {
      const z = logOdds[i] as number;
      if (!(z > first)) {
        out[i] = firstValue;
        continue;
      }
      if (z >= last) {
        out[i] = lastValue;
        continue;
      }
      const j = segmentOf(z);
      const x = thresholds[j] as number;
      const y = values[j] as number;
      if (x === z) {
        out[i] = y;
        continue;
      }
      const nextY = values[j + 1] as number;
      const slope = slopes[j] as number;
      let p = slope * (z - x) + y;
      if (Number.isNaN(p)) {
        p = slope * (z - (thresholds[j + 1] as number)) + nextY;
        if (Number.isNaN(p) && y === nextY) p = y;
      }
      const low = y <= nextY ? y : nextY;
      const high = y <= nextY ? nextY : y;
      // Written so that a NaN, impossible for finite thresholds, would still land inside the segment.
      out[i] = p > high ? high : p >= low ? p : low;
    }
  };
}
