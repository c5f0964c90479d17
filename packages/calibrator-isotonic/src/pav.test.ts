import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { poolAdjacentViolators } from "./pav.js";

function pav(values: number[], weights?: number[]): number[] {
  const y = Float64Array.from(values);
  const w = Float64Array.from(weights ?? values.map(() => 1));
  poolAdjacentViolators(y, w);
  return Array.from(y);
}

/**
 * The isotonic regression by its min–max characterisation (Barlow et al. 1972, theorem 1.4.4):
 * fᵢ = max_{j ≤ i} min_{k ≥ i} (Σ_{j..k} wy / Σ_{j..k} w). O(n³): an independent check for small inputs.
 */
function isotonicByMinMax(values: number[], weights: number[]): number[] {
  const n = values.length;
  return values.map((_, i) => {
    let best = Number.NEGATIVE_INFINITY;
    for (let j = 0; j <= i; j++) {
      let lowest = Number.POSITIVE_INFINITY;
      for (let k = i; k < n; k++) {
        let sumWY = 0;
        let sumW = 0;
        for (let t = j; t <= k; t++) {
          sumWY += (weights[t] as number) * (values[t] as number);
          sumW += weights[t] as number;
        }
        lowest = Math.min(lowest, sumWY / sumW);
      }
      best = Math.max(best, lowest);
    }
    return best;
  });
}

describe("poolAdjacentViolators", () => {
  it("solves scikit-learn's test_isotonic_regression example exactly", () => {
    expect(pav([3, 7, 5, 9, 8, 7, 10])).toEqual([3, 6, 6, 8, 8, 8, 10]);
  });

  it("pools with weights, and pools equal neighbours too", () => {
    // (1·1 + 3·0) / 4 = 0.25 for the first two; the rest already ascends.
    expect(pav([1, 0, 1], [1, 3, 1])).toEqual([0.25, 0.25, 1]);
    // A whole descending sequence becomes its weighted mean, (4 + 3 + 2 + 5·1) / 8.
    expect(pav([4, 3, 2, 1], [1, 1, 1, 5])).toEqual([1.75, 1.75, 1.75, 1.75]);
    expect(pav([0.5, 0.5, 0.5])).toEqual([0.5, 0.5, 0.5]);
    expect(pav([2])).toEqual([2]);
    expect(pav([])).toEqual([]);
  });

  it("steps back after pooling so that a late violator reaches earlier blocks", () => {
    // 0 1 | 2 | then −10 pulls everything down: the single block mean is (0 + 1 + 2 − 10) / 4 = −1.75.
    expect(pav([0, 1, 2, -10])).toEqual([-1.75, -1.75, -1.75, -1.75]);
    expect(pav([0, 5, 1, 6, 2, 7])).toEqual([0, 3, 3, 4, 4, 7]);
  });

  it("agrees with the min–max formula on random weighted inputs", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: -5, max: 5, noNaN: true }),
            fc.double({ min: 0.01, max: 10, noNaN: true }),
          ),
          { minLength: 1, maxLength: 14 },
        ),
        (pairs) => {
          const values = pairs.map(([v]) => v);
          const weights = pairs.map(([, w]) => w);
          const fitted = pav(values, weights);
          const expected = isotonicByMinMax(values, weights);
          for (let i = 0; i < fitted.length; i++) {
            expect(Math.abs((fitted[i] as number) - (expected[i] as number))).toBeLessThanOrEqual(1e-12);
            if (i > 0) expect(fitted[i]).toBeGreaterThanOrEqual(fitted[i - 1] as number);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
