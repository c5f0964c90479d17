import { describe, expect, it } from "vitest";
import { codeOf, errorOf } from "../test/error-code.js";
import { maxPrecisionAtRecall, precisionAtRecallThresholder } from "./precision-at-recall.js";
import { maxRecallAtFpr, recallAtFprThresholder } from "./recall-at-fpr.js";
import { maxRecallAtPrecision, recallAtPrecisionThresholder } from "./recall-at-precision.js";

// Thresholds .9 … .4: precision 1, 1, 2/3, 3/4, 3/5, 1/2; recall 1/3, 2/3, 2/3, 1, 1, 1; FPR 0, 0, 1/3, 1/3, 2/3, 1.
const p = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
const y = [1, 1, 0, 1, 0, 0];

describe("maxRecallAtPrecision", () => {
  it.each([
    [0.75, 0.6, { precision: 0.75, recall: 1, falsePositiveRate: 1 / 3 }],
    [0.8, 0.8, { precision: 1, recall: 2 / 3, falsePositiveRate: 0 }],
    [1, 0.8, { precision: 1, recall: 2 / 3, falsePositiveRate: 0 }],
    [0.5, 0.6, { precision: 0.75, recall: 1, falsePositiveRate: 1 / 3 }], // recall 1 ties: the highest of .6 .5 .4
  ])("precision ≥ %s → %s", (target, threshold, details) => {
    const fitted = maxRecallAtPrecision(target).fit(p, y);
    expect(fitted.id).toBe("recall-at-precision");
    expect(fitted.threshold).toBe(threshold);
    expect(fitted.details).toEqual(details);
  });

  it("E_NO_THRESHOLD says the highest precision attainable", () => {
    const error = errorOf(() => maxRecallAtPrecision(0.6).fit([0.9, 0.8, 0.7], [0, 1, 0]));
    expect(error.code).toBe("E_NO_THRESHOLD");
    expect(error.message).toContain("precision ≥ 0.6");
    expect(error.message).toContain("highest precision any threshold attains is 0.5 (at threshold 0.8");
    expect(error.details).toEqual({ target: 0.6, best: 0.5, bestThreshold: 0.8 });
  });

  it("explains itself", () => {
    expect(recallAtPrecisionThresholder.explain?.({ precision: 0.9 }, undefined)).toContain(
      "precision ≥ 0.9",
    );
  });
});

describe("maxPrecisionAtRecall", () => {
  it.each([
    [1, 0.6, { precision: 0.75, recall: 1, falsePositiveRate: 1 / 3 }],
    [0.5, 0.8, { precision: 1, recall: 2 / 3, falsePositiveRate: 0 }],
    [0, 0.9, { precision: 1, recall: 1 / 3, falsePositiveRate: 0 }], // precision 1 ties: .9 over .8
  ])("recall ≥ %s → %s", (target, threshold, details) => {
    const fitted = maxPrecisionAtRecall(target).fit(p, y);
    expect(fitted.id).toBe("precision-at-recall");
    expect(fitted.threshold).toBe(threshold);
    expect(fitted.details).toEqual(details);
  });

  it("recall 1 is reached exactly with weights whose cumulative sums round", () => {
    const weights = [0.1, 0.2, 0.3, 0.7, 0.1, 0.3];
    const fitted = maxPrecisionAtRecall(1).fit(p, y, weights);
    expect(fitted.threshold).toBe(0.6);
    expect(fitted.details.recall).toBe(1);
  });

  it("explains itself", () => {
    expect(precisionAtRecallThresholder.explain?.({ recall: 0.9 }, undefined)).toContain("recall ≥ 0.9");
  });
});

describe("maxRecallAtFpr", () => {
  it.each([
    [0, 0.8, { precision: 1, recall: 2 / 3, falsePositiveRate: 0 }],
    [1 / 3, 0.6, { precision: 0.75, recall: 1, falsePositiveRate: 1 / 3 }],
    [0.5, 0.6, { precision: 0.75, recall: 1, falsePositiveRate: 1 / 3 }],
    [1, 0.6, { precision: 0.75, recall: 1, falsePositiveRate: 1 / 3 }],
  ])("FPR ≤ %s → %s", (target, threshold, details) => {
    const fitted = maxRecallAtFpr(target).fit(p, y);
    expect(fitted.id).toBe("recall-at-fpr");
    expect(fitted.threshold).toBe(threshold);
    expect(fitted.details).toEqual(details);
  });

  it("E_NO_THRESHOLD says the lowest false positive rate attainable", () => {
    // The only negative holds the top score, so every threshold flags it: FPR 1 at best.
    const error = errorOf(() => maxRecallAtFpr(0.5).fit([0.9, 0.8, 0.8], [0, 1, 1]));
    expect(error.code).toBe("E_NO_THRESHOLD");
    expect(error.message).toContain("false positive rate ≤ 0.5");
    expect(error.message).toContain(
      "lowest false positive rate any threshold attains is 1 (at threshold 0.9",
    );
    expect(error.details).toEqual({ target: 0.5, best: 1, bestThreshold: 0.9 });
  });

  it("explains itself", () => {
    expect(recallAtFprThresholder.explain?.({ falsePositiveRate: 0.01 }, undefined)).toContain("≤ 0.01");
  });
});

describe("constraints: errors", () => {
  it.each([
    ["precision 1.5", () => maxRecallAtPrecision(1.5)],
    ["precision NaN", () => maxRecallAtPrecision(Number.NaN)],
    ["recall -0.1", () => maxPrecisionAtRecall(-0.1)],
    ["false positive rate 2", () => maxRecallAtFpr(2)],
  ])("%s → E_INVALID_OPTIONS", (_, make) => {
    expect(codeOf(make)).toBe("E_INVALID_OPTIONS");
  });

  it("each must be fitted before deciding, and refuses to choose without data", () => {
    expect(codeOf(() => maxRecallAtPrecision(0.9).decide([0.5]))).toBe("E_NOT_FITTED");
    expect(codeOf(() => maxPrecisionAtRecall(0.9).decide([0.5]))).toBe("E_NOT_FITTED");
    expect(codeOf(() => maxRecallAtFpr(0.1).decide([0.5]))).toBe("E_NOT_FITTED");
    expect(codeOf(() => recallAtFprThresholder.choose({ falsePositiveRate: 0.1 }, undefined))).toBe(
      "E_NOT_FITTED",
    );
  });
});
