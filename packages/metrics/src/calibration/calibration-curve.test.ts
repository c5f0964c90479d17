import { describe, expect, it } from "vitest";
import { calibrationCurve } from "./calibration-curve.js";
import fixture from "./fixtures/sklearn-calibration-curve.json";

describe("calibrationCurve", () => {
  it("averages p and y over the non-empty bins and counts their rows", () => {
    const curve = calibrationCurve([0.1, 0.2, 0.6, 0.9], [0, 1, 1, 1], { bins: 2 });
    expect(Array.from(curve.probTrue)).toEqual([0.5, 1]);
    expect(curve.probPred[0]).toBeCloseTo(0.15, 15);
    expect(curve.probPred[1]).toBeCloseTo(0.75, 15);
    expect(Array.from(curve.counts)).toEqual([2, 2]);
    expect(Array.from(curve.edges)).toEqual([0, 0.5, 1]);
  });

  it("drops empty bins and says which bins the points come from", () => {
    const curve = calibrationCurve([0.05, 0.95, 0.96], [0, 1, 0], { bins: 5 });
    expect(Array.from(curve.binIds)).toEqual([0, 4]);
    expect(Array.from(curve.counts)).toEqual([1, 2]);
    expect(Array.from(curve.probTrue)).toEqual([0, 0.5]);
  });

  it("puts a value equal to an inner edge in the LOWER bin (np.searchsorted, side 'left')", () => {
    // Edges 0, 0.2, 0.4, 0.6000000000000001, 0.8, 1 (np.linspace: i·(1/5)). 0.2 and 0.4 sit on edges and go down;
    // 0.6 lies just below 3·0.2 and goes down too; ⌊5p⌋ would have put them in bins 1, 2 and 3.
    const curve = calibrationCurve([0.2, 0.4, 0.6], [0, 1, 1], { bins: 5 });
    expect(curve.edges[3]).toBe(0.6000000000000001);
    expect(Array.from(curve.binIds)).toEqual([0, 1, 2]);
  });

  it("quantile edges are numpy percentiles of the probabilities", () => {
    const curve = calibrationCurve([0.5, 0.1, 0.3, 0.2, 0.4], [1, 0, 0, 1, 1], {
      bins: 2,
      strategy: "quantile",
    });
    expect(Array.from(curve.edges)).toEqual([0.1, 0.3, 0.5]);
    // 0.3 is on the inner edge: {0.1, 0.2, 0.3} and {0.4, 0.5}.
    expect(Array.from(curve.counts)).toEqual([3, 2]);
    expect(curve.probTrue[0]).toBeCloseTo(1 / 3, 15);
    expect(Array.from(curve.probTrue.subarray(1))).toEqual([1]);
  });

  it("weights the bin means when weights are given; counts stay row counts", () => {
    const curve = calibrationCurve([0.1, 0.3, 0.9], [0, 1, 1], { bins: 2, weights: [3, 1, 0] });
    expect(curve.probTrue[0]).toBeCloseTo(0.25, 15);
    expect(curve.probPred[0]).toBeCloseTo(0.15, 15);
    // The only row of the upper bin weighs 0: that bin is dropped like an empty one.
    expect(Array.from(curve.counts)).toEqual([2]);
  });

  describe.each(fixture.cases.map((c, index) => [index, c.strategy, c.bins, c] as const))(
    "scikit-learn 1.2 binning, case %i (%s, %i bins)",
    (_, strategy, bins, expected) => {
      it("gives the same edges, points and counts", () => {
        const curve = calibrationCurve(expected.p, expected.y, {
          bins,
          strategy: strategy as "uniform" | "quantile",
        });
        expect(Array.from(curve.edges)).toEqual(expected.edges);
        expect(Array.from(curve.counts)).toEqual(expected.counts);
        expect(curve.probTrue).toHaveLength(expected.probTrue.length);
        expected.probTrue.forEach((value, k) => {
          expect(Math.abs((curve.probTrue[k] as number) - value)).toBeLessThanOrEqual(1e-15);
        });
        expected.probPred.forEach((value, k) => {
          expect(Math.abs((curve.probPred[k] as number) - value)).toBeLessThanOrEqual(1e-15);
        });
      });
    },
  );
});
