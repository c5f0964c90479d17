import { describe, expect, it } from "vitest";
import { equalMassBin, equalMassBinEdges } from "./equal-mass-bins.js";

describe("equalMassBinEdges", () => {
  it("splits like np.array_split (larger runs first) and puts edges at midpoints, ending with 1", () => {
    // 7 values in 3 runs of 3, 2, 2: {0.1, 0.2, 0.3}, {0.4, 0.5}, {0.6, 0.7}.
    const edges = equalMassBinEdges(Float64Array.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7), 3);
    expect(Array.from(edges)).toEqual([(0.3 + 0.4) / 2, (0.5 + 0.6) / 2, 1]);
  });

  it("drops repeated edges and an edge equal to 1", () => {
    expect(Array.from(equalMassBinEdges(Float64Array.of(0.5, 0.5, 0.5, 0.5), 4))).toEqual([0.5, 1]);
    expect(Array.from(equalMassBinEdges(Float64Array.of(0.2, 1, 1, 1), 4))).toEqual([0.6, 1]);
  });
});

describe("equalMassBin", () => {
  it("finds the first edge ≥ p: a value on an edge goes to the lower bin", () => {
    const edges = Float64Array.of(0.25, 0.5, 1);
    expect(equalMassBin(edges, 0)).toBe(0);
    expect(equalMassBin(edges, 0.25)).toBe(0);
    expect(equalMassBin(edges, 0.2500001)).toBe(1);
    expect(equalMassBin(edges, 0.5)).toBe(1);
    expect(equalMassBin(edges, 1)).toBe(2);
  });
});
