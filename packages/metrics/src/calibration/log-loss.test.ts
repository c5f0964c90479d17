import { describe, expect, it } from "vitest";
import { logLoss } from "./log-loss.js";

describe("logLoss", () => {
  it("is the mean of −log of the probability given to the true class", () => {
    // (−ln 0.9 − ln 0.8) / 2
    expect(logLoss([0.9, 0.2], [1, 0])).toBeCloseTo(0.164252033486018, 15);
    expect(logLoss(Float64Array.of(0.5, 0.5, 0.5), Uint8Array.of(1, 0, 1))).toBeCloseTo(Math.LN2, 15);
  });

  it("weights each row's loss: (3·(−ln 0.9) + 1·(−ln 0.8)) / 4", () => {
    expect(logLoss([0.9, 0.2], [1, 0], [3, 1])).toBeCloseTo(0.13480627457192212, 15);
    // A zero weight removes the row.
    expect(logLoss([0.9, 0.2, 0.01], [1, 0, 1], [1, 1, 0])).toBeCloseTo(0.164252033486018, 15);
  });

  it("clips probabilities to [1e-15, 1 − 1e-15] as scikit-learn 1.2 does", () => {
    // A certain wrong answer costs −ln(1e-15) instead of ∞.
    expect(logLoss([0], [1])).toBeCloseTo(34.538776394910684, 12);
    // 1 − 1e-15 is not a double: the clip bound rounds to 1 − 9.992e-16, so a certain miss on a negative costs
    // −ln(9.992e-16), as in scikit-learn (which computes 1 − p from the same clipped double).
    expect(logLoss([1], [0])).toBeCloseTo(34.53957599234088, 12);
    // A certain right answer costs −ln(1 − 1e-15) ≈ 1e-15, not 0.
    const nearlyZero = logLoss([1], [1]);
    expect(nearlyZero).toBeGreaterThan(9e-16);
    expect(nearlyZero).toBeLessThan(1.2e-15);
    // Inside the clip range nothing changes: 1e-10 on a positive costs −ln 1e-10.
    expect(logLoss([1e-10], [1])).toBeCloseTo(10 * Math.LN10, 12);
  });

  it("accepts a single class (the labels are known to be 0/1)", () => {
    expect(logLoss([0.25, 0.5], [0, 0])).toBeCloseTo((-Math.log(0.75) - Math.log(0.5)) / 2, 15);
  });
});
