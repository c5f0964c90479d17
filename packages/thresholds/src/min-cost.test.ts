import { describe, expect, it } from "vitest";
import { codeOf } from "../test/error-code.js";
import { bayesCostThresholder, bayesThreshold, minCost, minCostThresholder } from "./min-cost.js";

// Candidates 1, .9, .8, .7, .6, .5, .4 with (FP, FN) = (0,3) (0,2) (0,1) (1,1) (1,0) (2,0) (3,0).
const p = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
const y = [1, 1, 0, 1, 0, 0];

describe("minCost, empirical (min-cost)", () => {
  it("equal costs: FP + FN ties at 1 between 0.8 and 0.6, the higher threshold wins", () => {
    const fitted = minCost({ fp: 1, fn: 1, mode: "empirical" }).fit(p, y);
    expect(fitted.id).toBe("min-cost");
    expect(fitted.threshold).toBe(0.8);
    expect(fitted.details).toEqual({
      cost: 1,
      truePositives: 2,
      falsePositives: 0,
      trueNegatives: 3,
      falseNegatives: 1,
    });
  });

  it("expensive misses lower the threshold: fp 1, fn 5 → 0.6 at cost 1", () => {
    const fitted = minCost({ fp: 1, fn: 5, mode: "empirical" }).fit(p, y);
    expect(fitted.threshold).toBe(0.6);
    expect(fitted.details.cost).toBe(1);
  });

  it("expensive false alarms can make 'nothing positive' (threshold 1) the cheapest", () => {
    const fitted = minCost({ fp: 100, fn: 1, mode: "empirical" }).fit([0.9, 0.8], [0, 1]);
    expect(fitted.threshold).toBe(1);
    expect(fitted.details).toMatchObject({ cost: 1, truePositives: 0, falseNegatives: 1 });
  });

  it("a zero cost: fn = 0 → predict nothing positive; fp = 0 → everything positive (lowest threshold)", () => {
    expect(minCost({ fp: 1, fn: 0, mode: "empirical" }).fit(p, y).threshold).toBe(1);
    expect(minCost({ fp: 0, fn: 1, mode: "empirical" }).fit(p, y).threshold).toBe(0.6);
  });

  it("weights count as rows: doubling a positive's weight at 0.6 makes it worth including", () => {
    // fp 1.5, fn 1: at 0.8 cost 1·1 = 1 (one miss, the 0.6 row), at 0.6 cost 1.5. With that row's weight 2, the
    // miss costs 2 and 0.6 wins at 1.5.
    expect(minCost({ fp: 1.5, fn: 1, mode: "empirical" }).fit(p, y).threshold).toBe(0.8);
    const weighted = minCost({ fp: 1.5, fn: 1, mode: "empirical" }).fit(p, y, [1, 1, 1, 2, 1, 1]);
    expect(weighted.threshold).toBe(0.6);
    expect(weighted.details.cost).toBe(1.5);
  });

  it("explains itself", () => {
    expect(minCostThresholder.explain?.({ fp: 1, fn: 5 }, { threshold: 0.6, details: { cost: 1 } })).toMatch(
      /false positive costing 1 and a false negative 5.*0\.6.*total cost 1/,
    );
  });
});

describe("minCost, Bayes (bayes-cost)", () => {
  it("t = fp / (fp + fn), no data needed", () => {
    const rule = minCost({ fp: 1, fn: 9, mode: "bayes" });
    expect(rule.id).toBe("bayes-cost");
    expect(rule.definition.needsData).toBe(false);
    expect(rule.threshold).toBe(0.1);
    expect(Array.from(rule.decide([0.09, 0.1, 0.5]))).toEqual([0, 1, 1]);
    expect(rule.fit(p, y)).toBe(rule); // fitting a fixed rule changes nothing
  });

  it("the extremes: fp = 0 → 0 (everything positive), fn = 0 → 1", () => {
    expect(bayesThreshold({ fp: 0, fn: 3 })).toBe(0);
    expect(bayesThreshold({ fp: 3, fn: 0 })).toBe(1);
    expect(minCost({ fp: 2, fn: 2, mode: "bayes" }).threshold).toBe(0.5);
  });

  it("is the rule with the lowest expected cost for calibrated probabilities", () => {
    const costs = { fp: 2, fn: 7 };
    const t = bayesThreshold(costs);
    for (const q of [0.05, 0.2, 0.2221, 0.2223, 0.5, 0.95]) {
      const positiveCost = (1 - q) * costs.fp;
      const negativeCost = q * costs.fn;
      expect(q >= t).toBe(positiveCost <= negativeCost);
    }
  });

  it("explains itself", () => {
    expect(bayesCostThresholder.explain?.({ fp: 1, fn: 3 }, undefined)).toContain("0.25");
  });
});

describe("minCost: errors", () => {
  it.each([
    ["a negative cost", { fp: -1, fn: 1, mode: "bayes" }],
    ["both costs 0", { fp: 0, fn: 0, mode: "empirical" }],
    ["an infinite cost", { fp: Number.POSITIVE_INFINITY, fn: 1, mode: "bayes" }],
    ["a missing cost", { fp: 1, mode: "empirical" }],
    ["an unknown mode", { fp: 1, fn: 1, mode: "expected" }],
    ["no mode", { fp: 1, fn: 1 }],
  ])("%s → E_INVALID_OPTIONS", (_, options) => {
    expect(codeOf(() => minCost(options as never))).toBe("E_INVALID_OPTIONS");
  });

  it("an empirical rule must be fitted before deciding", () => {
    expect(codeOf(() => minCost({ fp: 1, fn: 1, mode: "empirical" }).decide([0.5]))).toBe("E_NOT_FITTED");
  });
});
