import { describe, expect, it } from "vitest";
import { codeOf } from "../test/error-code.js";
import { OPTIMIZE_METRICS } from "./metric.js";
import { optimize, optimizeThresholder } from "./optimize.js";

// Candidates 1, .9, .8, .7, .6, .5, .4 with (TP, FP) = (0,0) (1,0) (2,0) (2,1) (3,1) (3,2) (3,3); P = N = 3.
const p = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
const y = [1, 1, 0, 1, 0, 0];

describe("optimize: hand-computed cases", () => {
  it("F1: 2·3 / (2·3 + 1 + 0) = 6/7 at 0.6", () => {
    const fitted = optimize({ metric: "f1" }).fit(p, y);
    expect(fitted.threshold).toBe(0.6);
    expect(fitted.details).toEqual({
      value: 6 / 7,
      truePositives: 3,
      falsePositives: 1,
      trueNegatives: 2,
      falseNegatives: 0,
    });
  });

  it("Youden's J ties at 2/3 between 0.8 and 0.6: the higher threshold wins", () => {
    const fitted = optimize({ metric: "youden" }).fit(p, y);
    expect(fitted.threshold).toBe(0.8);
    expect(fitted.details.value).toBeCloseTo(2 / 3, 15);
  });

  it("accuracy ties at 5/6 between 0.8 and 0.6: the higher threshold wins", () => {
    const fitted = optimize({ metric: "accuracy" }).fit(p, y);
    expect(fitted.threshold).toBe(0.8);
    expect(fitted.details.value).toBe(5 / 6);
  });

  it("balanced accuracy: (2/3 + 1) / 2 at 0.8", () => {
    const fitted = optimize({ metric: "balanced-accuracy" }).fit(p, y);
    expect(fitted.threshold).toBe(0.8);
    expect(fitted.details.value).toBeCloseTo(5 / 6, 15);
  });

  it("MCC: 6 / √72 at 0.8 or 0.6", () => {
    const fitted = optimize({ metric: "mcc" }).fit(p, y);
    expect([0.8, 0.6]).toContain(fitted.threshold);
    expect(fitted.details.value).toBeCloseTo(6 / Math.sqrt(72), 15);
  });

  it("F-beta: beta = 2 favours recall (0.6, 15/16), beta = 0.5 precision (0.8, 10/11)", () => {
    const recallHeavy = optimize({ metric: "fbeta", beta: 2 }).fit(p, y);
    expect(recallHeavy.threshold).toBe(0.6);
    expect(recallHeavy.details.value).toBe(15 / 16);
    const precisionHeavy = optimize({ metric: "fbeta", beta: 0.5 }).fit(p, y);
    expect(precisionHeavy.threshold).toBe(0.8);
    expect(precisionHeavy.details.value).toBeCloseTo(10 / 11, 15);
  });

  it("an F1 tie where scikit-learn's argmax over precision_recall_curve picks the LOWER threshold", () => {
    // t = 0.9: TP 1, FP 0, FN 1 → F1 2/3; t = 0.6: TP 2, FP 2, FN 0 → 4/6 = 2/3 (the same double).
    // np.argmax(f1) over the ascending thresholds [.6, .7, .8, .9] returns 0.6; Calibra returns 0.9.
    const fitted = optimize({ metric: "f1" }).fit([0.9, 0.8, 0.7, 0.6], [1, 0, 0, 1]);
    expect(fitted.threshold).toBe(0.9);
    expect(fitted.details.value).toBe(2 / 3);
  });

  it("threshold 1 (nothing positive) is a candidate when it is best", () => {
    // Accuracy 3/4 by predicting every row negative; any lower threshold does worse.
    const fitted = optimize({ metric: "accuracy" }).fit([0.3, 0.2, 0.1, 0.05], [0, 0, 1, 0]);
    expect(fitted.threshold).toBe(1);
    expect(fitted.details).toMatchObject({ value: 0.75, truePositives: 0, falsePositives: 0 });
  });

  it("when 1 is a probability it is an ordinary candidate (rows with p = 1 are positive)", () => {
    const fitted = optimize({ metric: "accuracy" }).fit([1, 0.2], [0, 1]);
    expect(fitted.threshold).toBe(0.2);
    expect(fitted.details.value).toBe(0.5);
  });

  it("weights change the optimum", () => {
    const probabilities = [0.9, 0.8, 0.7, 0.6];
    const labels = [1, 0, 1, 0];
    expect(optimize({ metric: "accuracy" }).fit(probabilities, labels).threshold).toBe(0.9);
    // Weighted: P = 4, N = 1.5; at 0.7, TP = 4 and TN = 1 → 5 / 5.5.
    const weighted = optimize({ metric: "accuracy" }).fit(probabilities, labels, [1, 0.5, 3, 1]);
    expect(weighted.threshold).toBe(0.7);
    expect(weighted.details).toMatchObject({ value: 5 / 5.5, truePositives: 4, falsePositives: 0.5 });
  });

  it("typed arrays in, the same choice", () => {
    const fitted = optimize({ metric: "f1" }).fit(Float64Array.from(p), Uint8Array.from(y));
    expect(fitted.threshold).toBe(0.6);
  });

  it("decides p >= threshold after fitting, and explains itself", () => {
    const fitted = optimize({ metric: "f1" }).fit(p, y);
    expect(Array.from(fitted.decide([0.59, 0.6, 0.61]))).toEqual([0, 1, 1]);
    expect(
      optimizeThresholder.explain?.({ metric: "f1" }, { threshold: 0.6, details: { value: 6 / 7 } }),
    ).toContain("0.6");
    expect(optimizeThresholder.explain?.({ metric: "fbeta", beta: 2 }, undefined)).toContain("beta = 2");
  });

  it("every metric runs on every fit and reports a finite value", () => {
    for (const metric of OPTIMIZE_METRICS) {
      const fitted = optimize(metric === "fbeta" ? { metric, beta: 3 } : { metric }).fit(p, y);
      expect(Number.isFinite(fitted.details.value)).toBe(true);
    }
  });
});

describe("optimize: errors", () => {
  it.each([
    ["an unknown metric", { metric: "auc" }],
    ["no metric", {}],
    ["fbeta without beta", { metric: "fbeta" }],
    ["beta with another metric", { metric: "f1", beta: 2 }],
    ["beta = 0", { metric: "fbeta", beta: 0 }],
    ["beta = Infinity", { metric: "fbeta", beta: Number.POSITIVE_INFINITY }],
    ["an unknown key", { metric: "f1", weight: 1 }],
  ])("%s → E_INVALID_OPTIONS", (_, options) => {
    expect(codeOf(() => optimize(options as never))).toBe("E_INVALID_OPTIONS");
  });

  it("names the fix in the message", () => {
    expect(() => optimize({ metric: "fbeta" })).toThrow(/needs beta > 0/);
  });

  it("decide before fit → E_NOT_FITTED; choose without data → E_NOT_FITTED", () => {
    expect(codeOf(() => optimize({ metric: "f1" }).decide([0.5]))).toBe("E_NOT_FITTED");
    expect(codeOf(() => optimizeThresholder.choose({ metric: "f1" }, undefined))).toBe("E_NOT_FITTED");
  });

  it.each([
    ["a probability above 1", [0.2, 1.5], [0, 1], undefined, "E_PROBABILITY_RANGE"],
    ["a NaN probability", [0.2, Number.NaN], [0, 1], undefined, "E_NAN_INPUT"],
    ["one class", [0.2, 0.7], [1, 1], undefined, "E_ONE_CLASS"],
    ["a label 2", [0.2, 0.7], [0, 2], undefined, "E_LABEL_CLASSES"],
    ["lengths", [0.2, 0.7, 0.4], [0, 1], undefined, "E_LENGTH_MISMATCH"],
    ["no rows", [], [], undefined, "E_EMPTY_INPUT"],
    ["a negative weight", [0.2, 0.7], [0, 1], [1, -1], "E_INVALID_WEIGHTS"],
    ["a class of weight 0", [0.2, 0.7], [0, 1], [1, 0], "E_ONE_CLASS"],
  ])("fit with %s → %s", (_, probabilities, labels, weights, code) => {
    expect(
      codeOf(() =>
        optimize({ metric: "f1" }).fit(
          probabilities as number[],
          labels as number[],
          weights as number[] | undefined,
        ),
      ),
    ).toBe(code);
  });
});
