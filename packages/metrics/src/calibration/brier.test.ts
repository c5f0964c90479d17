import { describe, expect, it } from "vitest";
import { brier } from "./brier.js";

/** Agreement asked of closed-form values and of the decomposition identity. */
const EXACT = 1e-12;

describe("brier", () => {
  it("score is the mean squared error, as brier_score_loss", () => {
    expect(brier([0.9, 0.2], [1, 0]).score).toBeCloseTo(0.025, 15);
    expect(brier([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]).score).toBeCloseTo(0.158125, 15);
    // Weighted: (3·0.01 + 1·0.04) / 4.
    expect(brier([0.9, 0.2], [1, 0], [3, 1]).score).toBeCloseTo(0.0175, 15);
  });

  it("decomposes over two equal-width bins as worked out by hand", () => {
    // Bin 0 = {0.1, 0.4, 0.35} (p̄ = 0.85/3, ȳ = 1/3), bin 1 = {0.8} (ȳ = 1); ō = ½.
    const result = brier([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], undefined, { bins: 2 });
    expect(result.bins).toBe(2);
    expect(Math.abs(result.reliability - 19 / 1600)).toBeLessThan(EXACT); // ¾(0.05)² + ¼(0.2)²
    expect(Math.abs(result.resolution - 1 / 12)).toBeLessThan(EXACT); // ¾(1/6)² + ¼(½)²
    expect(result.uncertainty).toBe(0.25);
    expect(Math.abs(result.withinBinVariance - 31 / 2400)).toBeLessThan(EXACT);
    expect(Math.abs(result.withinBinCovariance - 1 / 30)).toBeLessThan(EXACT);
    expect(Math.abs(result.withinBin - -49 / 2400)).toBeLessThan(EXACT);
    const { score, reliability, resolution, uncertainty, withinBin } = result;
    expect(Math.abs(score - (reliability - resolution + uncertainty + withinBin))).toBeLessThan(EXACT);
  });

  it("has no within-bin term when each bin holds one distinct probability", () => {
    const result = brier([0.05, 0.05, 0.55, 0.55, 0.95], [0, 1, 1, 0, 1]);
    expect(result.withinBinVariance).toBe(0);
    expect(result.withinBinCovariance).toBe(0);
    // The binned forecasts are the forecasts: reliability − resolution + uncertainty is the score itself.
    expect(
      Math.abs(result.score - (result.reliability - result.resolution + result.uncertainty)),
    ).toBeLessThan(EXACT);
  });

  it("uses the chosen binning for the decomposition only", () => {
    const p = [0.1, 0.2, 0.3, 0.6, 0.7, 0.9];
    const y = [0, 0, 1, 0, 1, 1];
    const width = brier(p, y, undefined, { bins: 15 });
    const mass = brier(p, y, undefined, { bins: 3, strategy: "equal-mass" });
    expect(mass.score).toBe(width.score);
    expect(mass.bins).toBe(3);
    // Equal-mass bins {0.1, 0.2}, {0.3, 0.6}, {0.7, 0.9}: p̄ = 0.15, 0.45, 0.8 and ȳ = 0, ½, 1.
    expect(Math.abs(mass.reliability - (0.15 ** 2 + 0.05 ** 2 + 0.2 ** 2) / 3)).toBeLessThan(EXACT);
    expect(Math.abs(mass.resolution - (0.25 + 0 + 0.25) / 3)).toBeLessThan(EXACT);
  });

  it("is defined on a single class: uncertainty and resolution are 0", () => {
    const result = brier([0.1, 0.3], [0, 0]);
    expect(result.uncertainty).toBe(0);
    expect(result.resolution).toBe(0);
    expect(result.score).toBeCloseTo(0.05, 15);
  });
});
