import { calibratorFromParams, createRegistry, isCalibraError, logit } from "@calibra/core";
import { describe, expect, it } from "vitest";
import { histogram } from "./histogram.js";
import { histogramCalibrator } from "./histogram-calibrator.js";
import { MAX_BINS } from "./histogram-options.js";
import type { HistogramParams } from "./histogram-params.js";
import { histogramPlugin } from "./plugin.js";

function expectClose(actual: readonly number[], expected: readonly number[], tolerance = 1e-15): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, k) => {
    expect(
      Math.abs(value - (expected[k] as number)),
      `index ${k}: ${value} vs ${expected[k]}`,
    ).toBeLessThanOrEqual(tolerance);
  });
}

function errorCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isCalibraError(error) ? error.code : `not a CalibraError: ${String(error)}`;
  }
  return undefined;
}

describe("equal-width binning, by hand", () => {
  // Four bins on σ(z): [0, ¼), [¼, ½), [½, ¾), [¾, 1]. Scores at P = 0.1, 0.2 | 0.3 | (none) | 0.8, 0.9.
  const logOdds = [0.1, 0.2, 0.3, 0.8, 0.9].map(logit);
  const labels = [0, 1, 0, 1, 1];
  const prevalence = 3 / 5;

  it("stores logit(k/4) as edges and the raw rates without a prior (an empty bin predicts π)", () => {
    const fitted = histogram({ bins: 4, strategy: "equal-width", prior: "none" }).fit(logOdds, labels);
    expect(fitted.params.strategy).toBe("equal-width");
    expect(fitted.params.edges).toEqual([logit(0.25), 0, logit(0.75)]);
    expectClose(fitted.params.edges, [-Math.log(3), 0, Math.log(3)]);
    expect(fitted.params.values).toEqual([0.5, 0, prevalence, 1]);
    expect(fitted.params.counts).toEqual([2, 1, 0, 2]);
    expect(fitted.params.prevalence).toBe(prevalence);
    expect(fitted.monotone).toBe(false);
  });

  it("shrinks every bin toward π with the Beta prior: (positives + m·π) / (total + m)", () => {
    const fitted = histogram({ bins: 4, strategy: "equal-width" }).fit(logOdds, labels);
    // m = 2, m·π = 1.2: (1 + 1.2)/4, (0 + 1.2)/3, 1.2/2, (2 + 1.2)/4.
    expectClose(fitted.params.values, [0.55, 0.4, 0.6, 0.8]);
    expect(fitted.params.counts).toEqual([2, 1, 0, 2]);
    const stronger = histogram({ bins: 4, strategy: "equal-width", priorStrength: 8 }).fit(logOdds, labels);
    // m = 8, m·π = 4.8: 5.8/10, 4.8/9, 0.6, 6.8/10.
    expectClose(stronger.params.values, [0.58, 4.8 / 9, 0.6, 0.68]);
  });

  it("predicts by bin: an edge goes to the bin above, ±∞ to the end bins", () => {
    const fitted = histogram({ bins: 4, strategy: "equal-width", prior: "none" }).fit(logOdds, labels);
    const probe = [
      Number.NEGATIVE_INFINITY,
      -1e308,
      logit(0.25) - 1e-12,
      logit(0.25),
      -0,
      0,
      Math.log(3) - 1e-12,
      logit(0.75),
      1e308,
      Number.POSITIVE_INFINITY,
    ];
    expect(Array.from(fitted.predict(probe))).toEqual([0.5, 0.5, 0.5, 0, 0.6, 0.6, 0.6, 1, 1, 1]);
  });

  it("pools the decreasing run with monotone: true (PAV weighted by bin weight)", () => {
    const fitted = histogram({ bins: 4, strategy: "equal-width", prior: "none", monotone: true }).fit(
      logOdds,
      labels,
    );
    // Bins 1 and 2 (0.5 with weight 2, 0 with weight 1) pool to 1/3; the empty bin keeps π = 0.6 ≥ 1/3.
    expectClose(fitted.params.values, [1 / 3, 1 / 3, 0.6, 1]);
    expect(fitted.params.counts).toEqual([2, 1, 0, 2]);
    expect(fitted.monotone).toBe(true);
  });

  it("puts P = 0 and P = 1 scores in the end bins, also for extreme log-odds", () => {
    const fitted = histogram({ bins: 10, strategy: "equal-width", prior: "none" }).fit(
      [-3000, -800, -40, 40, 800, 3000],
      [0, 0, 1, 1, 1, 0],
    );
    expect(fitted.params.counts).toEqual([3, 0, 0, 0, 0, 0, 0, 0, 0, 3]);
    expectClose(fitted.params.values, [1 / 3, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 2 / 3]);
  });
});

describe("equal-mass binning, by hand", () => {
  it("cuts eight distinct scores into four bins of two at the midpoints", () => {
    const logOdds = [3, -3, 1, -1, 4, -2, 2, 0];
    const labels = [1, 0, 1, 1, 1, 0, 0, 0];
    const fitted = histogram({ bins: 4, prior: "none" }).fit(logOdds, labels);
    expect(fitted.params.strategy).toBe("equal-mass");
    expect(fitted.params.edges).toEqual([-1.5, 0.5, 2.5]);
    expect(fitted.params.counts).toEqual([2, 2, 2, 2]);
    // Sorted labels: -3:0 -2:0 | -1:1 0:0 | 1:1 2:0 | 3:1 4:1.
    expect(fitted.params.values).toEqual([0, 0.5, 0.5, 1]);
    expect(fitted.params.prevalence).toBe(0.5);
    expect(fitted.monotone).toBe(true);
    const smoothed = histogram({ bins: 4 }).fit(logOdds, labels);
    // m = 2, π = ½: (0 + 1)/4, (1 + 1)/4, (1 + 1)/4, (2 + 1)/4.
    expect(smoothed.params.values).toEqual([0.25, 0.5, 0.5, 0.75]);
    expect(Array.from(fitted.predict([-1.5, 0.49, 0.5, 2.5, Number.POSITIVE_INFINITY]))).toEqual([
      0.5, 0.5, 0.5, 1, 1,
    ]);
  });

  it("moves each cut to the nearest boundary between tie groups and never splits a tie", () => {
    // Groups 0 (×3), 1, 2 (×2), 3 (×2); targets 2, 4, 6 → boundaries at weight 3, 4, 6.
    const fitted = histogram({ bins: 4, prior: "none" }).fit(
      [0, 2, 0, 1, 3, 0, 2, 3],
      [0, 1, 1, 0, 1, 0, 0, 1],
    );
    expect(fitted.params.edges).toEqual([0.5, 1.5, 2.5]);
    expect(fitted.params.counts).toEqual([3, 1, 2, 2]);
    expect(fitted.params.values).toEqual([1 / 3, 0, 0.5, 1]);
  });

  it("returns fewer bins than requested when a tie group covers a target", () => {
    // Groups 0 (×5), 1, 2, 3; targets 2, 4, 6: 2 → the lower end (dropped), 4 → 5, 6 → 6.
    const fitted = histogram({ bins: 4, prior: "none" }).fit(
      [0, 0, 0, 0, 0, 1, 2, 3],
      [0, 0, 0, 1, 1, 0, 1, 1],
    );
    expect(fitted.params.edges).toEqual([0.5, 1.5]);
    expect(fitted.params.counts).toEqual([5, 1, 2]);
    expect(fitted.params.values).toEqual([0.4, 0, 1]);
  });

  it("gives a single bin (the smoothed prevalence) when all scores are equal", () => {
    const fitted = histogram({ bins: 10 }).fit([1.5, 1.5, 1.5, 1.5], [1, 0, 0, 0]);
    expect(fitted.params.edges).toEqual([]);
    expect(fitted.params.counts).toEqual([4]);
    expect(fitted.params.values).toEqual([(1 + 2 * 0.25) / (4 + 2)]);
    expect(Array.from(fitted.predict([Number.NEGATIVE_INFINITY, 0, Number.POSITIVE_INFINITY]))).toEqual([
      0.25, 0.25, 0.25,
    ]);
  });

  it("breaks an exact tie between two boundaries toward the lower one", () => {
    // Five rows, two bins: target 2.5 is as far from boundary 2 as from 3.
    const fitted = histogram({ bins: 2, prior: "none" }).fit([1, 2, 3, 4, 5], [0, 1, 0, 1, 1]);
    expect(fitted.params.edges).toEqual([2.5]);
    expect(fitted.params.counts).toEqual([2, 3]);
    expect(fitted.params.values).toEqual([0.5, 2 / 3]);
  });

  it("puts the edge on the upper value when two scores are adjacent doubles", () => {
    const low = 1;
    const high = 1 + Number.EPSILON;
    const fitted = histogram({ bins: 2, prior: "none" }).fit([low, high], [0, 1]);
    expect(fitted.params.edges).toEqual([high]);
    expect(Array.from(fitted.predict([low, high]))).toEqual([0, 1]);
  });

  it("cuts by weight, not by row count, and ignores rows of weight 0", () => {
    // The weight-0 row (z = 1.5) is dropped; the tie-group boundaries sit at cumulative weight 1, 2, 3, 6 and 8,
    // and the target 8/2 = 4 is nearest to 3: the cut goes between z = 0 and z = 1.
    const fitted = histogram({ bins: 2, prior: "none" }).fit(
      [-2, -1, 0, 1, 1.5, 2],
      [0, 0, 1, 1, 0, 1],
      [1, 1, 1, 3, 0, 2],
    );
    expect(fitted.params.edges).toEqual([0.5]);
    expect(fitted.params.counts).toEqual([3, 5]);
    expect(fitted.params.values).toEqual([1 / 3, 1]);
    expect(fitted.params.prevalence).toBe(6 / 8);
  });
});

describe("the Beta prior", () => {
  for (const strength of [0.5, 2, 7]) {
    it(`m = ${strength}: an empty bin predicts π, a one-positive-row bin (1 + m·π)/(1 + m)`, () => {
      // Nine negatives and two positives below P = 0.1, one positive alone in [0.9, 1].
      const logOdds = [...Array.from({ length: 11 }, (_, i) => logit(0.01 + i * 0.005)), logit(0.95)];
      const labels = [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1];
      const prevalence = 3 / 12;
      const fitted = histogram({ bins: 10, strategy: "equal-width", priorStrength: strength }).fit(
        logOdds,
        labels,
      );
      expect(fitted.params.counts).toEqual([11, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
      const values = fitted.params.values;
      for (let k = 1; k <= 8; k++) expect(values[k]).toBe(prevalence);
      expect(values[9]).toBeCloseTo((1 + strength * prevalence) / (1 + strength), 15);
      expect(values[0]).toBeCloseTo((2 + strength * prevalence) / (11 + strength), 15);
      expect(fitted.predict([logit(0.5)])[0]).toBe(prevalence);
    });
  }

  it("with prior none a one-positive-row bin predicts exactly 1", () => {
    const fitted = histogram({ bins: 10, strategy: "equal-width", prior: "none" }).fit(
      [logit(0.05), logit(0.06), logit(0.95)],
      [0, 1, 1],
    );
    expect(fitted.params.values[9]).toBe(1);
    expect(fitted.params.values[0]).toBe(0.5);
    expect(fitted.params.values[5]).toBe(2 / 3);
  });
});

describe("weights", () => {
  it("integer weights give the same fit as duplicated rows", () => {
    const logOdds = [-2, -1, -1, 0, 0.5, 1, 2, 3];
    const labels = [0, 1, 0, 0, 1, 1, 0, 1];
    const weights = [2, 1, 3, 1, 0, 2, 1, 4];
    const duplicatedLogOdds: number[] = [];
    const duplicatedLabels: number[] = [];
    logOdds.forEach((z, i) => {
      for (let copy = 0; copy < (weights[i] as number); copy++) {
        duplicatedLogOdds.push(z);
        duplicatedLabels.push(labels[i] as number);
      }
    });
    for (const options of [
      { bins: 3 },
      { bins: 4, prior: "none" as const },
      { bins: 5, strategy: "equal-width" as const },
      { bins: 3, monotone: true },
    ]) {
      const weighted = histogram(options).fit(logOdds, labels, weights);
      const duplicated = histogram(options).fit(duplicatedLogOdds, duplicatedLabels);
      expect(weighted.params).toEqual(duplicated.params);
    }
  });
});

describe("option validation", () => {
  const bad: [string, unknown][] = [
    ["bins 0", { bins: 0 }],
    ["bins -3", { bins: -3 }],
    ["bins 2.5", { bins: 2.5 }],
    ["bins above MAX_BINS", { bins: MAX_BINS + 1 }],
    ["bins NaN", { bins: Number.NaN }],
    ["bins as a string", { bins: "10" }],
    ["an unknown strategy", { strategy: "quantile" }],
    ["an unknown prior", { prior: "laplace" }],
    ["priorStrength 0", { priorStrength: 0 }],
    ["negative priorStrength", { priorStrength: -1 }],
    ["infinite priorStrength", { priorStrength: Number.POSITIVE_INFINITY }],
    ["monotone as a string", { monotone: "yes" }],
    ["an unknown option", { bin: 10 }],
  ];
  it.each(bad)("rejects %s with E_INVALID_OPTIONS", (_, options) => {
    expect(errorCode(() => histogram(options as never))).toBe("E_INVALID_OPTIONS");
  });

  it("fills in the documented defaults", () => {
    expect(histogram().options).toEqual({
      bins: 10,
      strategy: "equal-mass",
      prior: "beta",
      priorStrength: 2,
      monotone: false,
    });
    expect(histogram({ bins: MAX_BINS }).options.bins).toBe(MAX_BINS);
  });
});

describe("parameter validation", () => {
  const good: HistogramParams = {
    strategy: "equal-mass",
    edges: [-1, 1],
    values: [0.1, 0.5, 0.9],
    counts: [3, 4, 3],
    prevalence: 0.5,
  };

  it("accepts valid parameters and predicts from them", () => {
    const fitted = calibratorFromParams(histogramCalibrator, good);
    expect(Array.from(fitted.predict([-2, -1, 0.99, 1]))).toEqual([0.1, 0.5, 0.5, 0.9]);
    expect(fitted.monotone).toBe(true);
    expect(calibratorFromParams(histogramCalibrator, { ...good, values: [0.1, 0.9, 0.5] }).monotone).toBe(
      false,
    );
  });

  const bad: [string, unknown][] = [
    ["too few edges", { ...good, edges: [0] }],
    ["too many counts", { ...good, counts: [1, 1, 1, 1] }],
    ["edges not increasing", { ...good, edges: [1, 1] }],
    ["a value above 1", { ...good, values: [0.1, 1.5, 0.9] }],
    ["a negative count", { ...good, counts: [3, -4, 3] }],
    ["no values", { ...good, edges: [], values: [], counts: [] }],
    ["an unknown strategy", { ...good, strategy: "quantile" }],
    ["an extra field", { ...good, bins: 3 }],
    ["a missing field", { strategy: "equal-mass", edges: [], values: [0.5], counts: [1] }],
  ];
  it.each(bad)("rejects %s with E_SPEC_INVALID", (_, params) => {
    expect(errorCode(() => calibratorFromParams(histogramCalibrator, params))).toBe("E_SPEC_INVALID");
  });
});

describe("explain", () => {
  it("describes the layout, the prevalence, monotonicity and each bin", () => {
    const fitted = histogram({ bins: 4, strategy: "equal-width", prior: "none" }).fit(
      [0.1, 0.2, 0.3, 0.8, 0.9].map(logit),
      [0, 1, 0, 1, 1],
    );
    const text = histogramCalibrator.explain?.(fitted.params) ?? "";
    expect(text).toContain("4 equal-width bins");
    expect(text).toContain("π = 0.6000");
    expect(text).toContain("not monotone");
    expect(text).toContain("bin 1: log-odds < -1.099 (P < 0.2500) → 0.5000 (weight 2)");
    expect(text).toContain("bin 4: log-odds ≥ 1.099 (P ≥ 0.7500) → 1 (weight 2)");
    const many = histogram({ bins: 100, strategy: "equal-width" }).fit([0, 1], [0, 1]);
    expect(histogramCalibrator.explain?.(many.params)).toContain("… and 80 more bins.");
  });
});

describe("the README example", () => {
  it("gives the numbers the README shows", () => {
    const logOdds = [-3.2, -2.5, -1.9, -1.1, -0.6, -0.2, 0.1, 0.4, 0.9, 1.5, 2.2, 3.1];
    const labels = [0, 0, 0, 1, 0, 0, 1, 0, 1, 1, 1, 1];
    const fitted = histogram({ bins: 3 }).fit(logOdds, labels);
    expect(fitted.params.strategy).toBe("equal-mass");
    expectClose(fitted.params.edges, [-0.85, 0.65]);
    expectClose(fitted.params.values, [1 / 3, 1 / 3, 5 / 6]);
    expect(fitted.params.counts).toEqual([4, 4, 4]);
    expect(fitted.params.prevalence).toBe(0.5);
    expectClose(Array.from(fitted.predict([-5, 0, 0.65, Number.POSITIVE_INFINITY])), [
      1 / 3,
      1 / 3,
      5 / 6,
      5 / 6,
    ]);
    expect(fitted.monotone).toBe(true);
    const registry = createRegistry().use(histogramPlugin);
    const { params } = JSON.parse(JSON.stringify(fitted.toJSON()));
    const again = calibratorFromParams(registry.calibrator("histogram"), params);
    expect(again.predict(logOdds)).toEqual(fitted.predict(logOdds));
  });
});
