import { describe, expect, it } from "vitest";
import { ace, calibrationErrorOfBins, ece } from "./calibration-error.js";
import { reliabilityBins } from "./reliability-bins.js";

describe("ece", () => {
  it("defaults to 15 equal-width bins, bin k = min(⌊15p⌋, 14), weighted by rows", () => {
    // Bins 1, 3, 12 and 13 hold one row each; gaps 0.1, 0.2, 0.2, 0.1.
    expect(ece([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBeCloseTo(0.15, 15);
    // 1/15 opens bin 1 (lower edge included); 1 falls in the last bin.
    const bins = reliabilityBins([0, 1 / 15, 0.999, 1], [0, 0, 1, 1]);
    expect(Array.from(bins.counts)).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
  });

  it("combines the gaps with the l1, l2 and max norms", () => {
    // Two bins: {0.1, 0.15} with p̄ = 0.125, ȳ = ½ (gap 0.375) and {0.9} with ȳ = 1 (gap 0.1).
    const p = [0.1, 0.15, 0.9];
    const y = [0, 1, 1];
    expect(ece(p, y, { bins: 2 })).toBeCloseTo((2 / 3) * 0.375 + (1 / 3) * 0.1, 15);
    expect(ece(p, y, { bins: 2, norm: "l2" })).toBeCloseTo(0.3115819849306653, 15);
    expect(ece(p, y, { bins: 2, norm: "max" })).toBe(0.375);
  });

  it("weights bins and bin means with sample weights", () => {
    // Bin {0.1, 0.15} with weights 3 and 1: p̄ = 0.1125, ȳ = ¼, gap 0.1375, share 4/5; bin {0.9}: gap 0.1, share 1/5.
    const value = ece([0.1, 0.15, 0.9], [0, 1, 1], { bins: 2, weights: [3, 1, 1] });
    expect(value).toBeCloseTo(0.8 * 0.1375 + 0.2 * 0.1, 14);
  });

  it("max ignores empty bins and zero-weight bins", () => {
    const value = ece([0.1, 0.9], [1, 1], { bins: 10, norm: "max", weights: [0, 1] });
    expect(value).toBeCloseTo(0.1, 15);
  });
});

describe("ace and equal-mass bins", () => {
  it("is the ECE over equal-count bins", () => {
    // Runs {0.1, 0.2}, {0.3, 0.4}, {0.5, 0.6}; gaps 0.15, 0.15, 0.45.
    const p = [0.5, 0.1, 0.3, 0.2, 0.6, 0.4];
    const y = [1, 0, 1, 0, 1, 0];
    expect(ace(p, y, { bins: 3 })).toBeCloseTo(0.25, 15);
    expect(ece(p, y, { bins: 3, strategy: "equal-mass" })).toBe(ace(p, y, { bins: 3 }));
    const bins = reliabilityBins(p, y, { bins: 3, strategy: "equal-mass" });
    expect(Array.from(bins.edges)).toEqual([0, 0.25, 0.45, 1]);
  });

  it("never splits ties, so a bin can stay empty", () => {
    // Seven rows in 3 runs (3, 2, 2): the first two runs are all 0.2, so the first edge is 0.2 itself and every
    // 0.2 goes below it; the middle bin (0.2, 0.45] is empty.
    const bins = reliabilityBins([0.2, 0.2, 0.2, 0.2, 0.2, 0.7, 0.9], [0, 1, 0, 0, 1, 1, 1], {
      bins: 3,
      strategy: "equal-mass",
    });
    expect(Array.from(bins.edges)).toEqual([0, 0.2, (0.2 + 0.7) / 2, 1]);
    expect(Array.from(bins.counts)).toEqual([5, 0, 2]);
    expect(Number.isNaN(bins.meanPredicted[1])).toBe(true);
    expect(bins.fractionPositive[0]).toBeCloseTo(0.4, 15);
  });

  it("uses one bin per row when fewer rows than bins, and merges repeated edges", () => {
    expect(reliabilityBins([0.3, 0.1], [0, 1], { bins: 15, strategy: "equal-mass" }).bins).toBe(2);
    expect(reliabilityBins([1, 1, 1], [0, 1, 1], { bins: 3, strategy: "equal-mass" }).bins).toBe(1);
  });
});

describe("reliabilityBins", () => {
  it("lists every bin with counts, weights, means, and NaN where a bin is empty", () => {
    const bins = reliabilityBins([0.1, 0.15, 0.9], [0, 1, 1], { bins: 4, weights: [1, 3, 2] });
    expect(Array.from(bins.edges)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(Array.from(bins.counts)).toEqual([2, 0, 0, 1]);
    expect(Array.from(bins.weights)).toEqual([4, 0, 0, 2]);
    expect(bins.meanPredicted[0]).toBeCloseTo(0.1375, 15);
    expect(bins.fractionPositive[0]).toBeCloseTo(0.75, 15);
    expect(Number.isNaN(bins.meanPredicted[1])).toBe(true);
    expect(Number.isNaN(bins.fractionPositive[2])).toBe(true);
    expect(bins.totalWeight).toBe(6);
    expect(calibrationErrorOfBins(bins, "l1")).toBeCloseTo((4 / 6) * 0.6125 + (2 / 6) * 0.1, 14);
  });
});
