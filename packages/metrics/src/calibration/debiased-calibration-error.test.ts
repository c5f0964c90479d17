import { describe, expect, it } from "vitest";
import { debiasedCalibrationError } from "./debiased-calibration-error.js";

describe("debiasedCalibrationError", () => {
  it("subtracts each bin's label variance ȳ(1 − ȳ)/(n − 1) from its squared gap", () => {
    // Two bins of three: ȳ = 2/3 at p = 0.1 and ȳ = 1/3 at p = 0.9. Each term: (0.1 − 2/3)² − (2/9)/2 = 0.21.
    const p = [0.1, 0.1, 0.1, 0.9, 0.9, 0.9];
    const y = [1, 1, 0, 0, 0, 1];
    expect(debiasedCalibrationError(p, y, { bins: 2, squared: true })).toBeCloseTo(0.21, 14);
    expect(debiasedCalibrationError(p, y, { bins: 2 })).toBeCloseTo(Math.sqrt(0.21), 14);
  });

  it("returns 0 when the estimate of the square is negative, which squared: true exposes", () => {
    // Bin {0.2, 0.2} with ȳ = ½: 0.09 − 0.25; bin {0.8, 0.8} with ȳ = 1: 0.04. Half of each: −0.06.
    const p = [0.2, 0.2, 0.8, 0.8];
    const y = [0, 1, 1, 1];
    expect(debiasedCalibrationError(p, y, { bins: 2, squared: true })).toBeCloseTo(-0.06, 15);
    expect(debiasedCalibrationError(p, y, { bins: 2 })).toBe(0);
  });

  it("lets bins of one row add nothing while still counting them in n", () => {
    // Bins {0.1, 0.1} (ȳ = 0: gap² 0.01, variance 0) and {0.5} (one row: 0). Estimate (2/3)·0.01.
    const value = debiasedCalibrationError([0.1, 0.1, 0.5], [0, 0, 1], { bins: 2, squared: true });
    expect(value).toBeCloseTo((2 / 3) * 0.01, 15);
  });
});
