import { describe, expect, it } from "vitest";
import { numpyPercentile, numpyUnitLinspace } from "./numpy-percentile.js";

describe("numpyPercentile", () => {
  it("interpolates linearly at (n − 1)·q/100, from the nearer end", () => {
    const sorted = Float64Array.of(1, 2, 4, 8);
    expect(numpyPercentile(sorted, 0)).toBe(1);
    expect(numpyPercentile(sorted, 100)).toBe(8);
    expect(numpyPercentile(sorted, 50)).toBe(3); // index 1.5
    expect(numpyPercentile(sorted, 25)).toBe(1.75); // index 0.75 → 2 − (2 − 1)·0.25
    expect(numpyPercentile(sorted, 90)).toBeCloseTo(6.8, 14); // index 2.7 → 8 − 4·0.3
  });

  it("returns the shared value between equal neighbours, and the only value of one row", () => {
    expect(numpyPercentile(Float64Array.of(0.2, 0.2, 0.2, 0.9), 40)).toBe(0.2);
    expect(numpyPercentile(Float64Array.of(0.3), 37)).toBe(0.3);
  });
});

describe("numpyUnitLinspace", () => {
  it("is i·(1/B) with the last element exactly 1, as np.linspace(0, 1, B + 1)", () => {
    const grid = numpyUnitLinspace(10);
    expect(grid[3]).toBe(0.30000000000000004);
    expect(grid[10]).toBe(1);
    expect(Array.from(numpyUnitLinspace(1))).toEqual([0, 1]);
  });
});
