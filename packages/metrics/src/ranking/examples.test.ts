import { describe, expect, it } from "vitest";
import { confusionAtThresholds } from "../confusion/confusion-at-thresholds.js";
import { confusionMatrix } from "../confusion/confusion-matrix.js";
import { thresholdSweep } from "../confusion/threshold-sweep.js";
import { averagePrecision } from "./average-precision.js";
import { precisionRecallCurve } from "./precision-recall-curve.js";
import { rocAuc } from "./roc-auc.js";
import { rocCurve } from "./roc-curve.js";

// The @example of every exported function, checked so the documentation cannot drift from the code.
describe("documented examples", () => {
  const p = [0.1, 0.4, 0.35, 0.8];
  const y = [0, 0, 1, 1];

  it("rocCurve, rocAuc", () => {
    const curve = rocCurve(p, y);
    expect(Array.from(curve.fpr)).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(Array.from(curve.tpr)).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(Array.from(curve.thresholds)).toEqual([1.8, 0.8, 0.4, 0.35, 0.1]);
    expect(rocAuc(p, y)).toBe(0.75);
  });

  it("precisionRecallCurve, averagePrecision", () => {
    const curve = precisionRecallCurve(p, y);
    expect(Array.from(curve.precision)).toEqual([0.5, 2 / 3, 0.5, 1, 1]);
    expect(Array.from(curve.recall)).toEqual([1, 1, 0.5, 0.5, 0]);
    expect(Array.from(curve.thresholds)).toEqual([0.1, 0.35, 0.4, 0.8]);
    expect(averagePrecision(p, y)).toBeCloseTo(5 / 6, 15);
  });

  it("thresholdSweep, confusionMatrix, confusionAtThresholds", () => {
    const tied = [0.1, 0.4, 0.4, 0.8];
    const sweep = thresholdSweep(tied, y);
    expect(Array.from(sweep.thresholds)).toEqual([0.8, 0.4, 0.1]);
    expect(Array.from(sweep.truePositives)).toEqual([1, 2, 2]);
    expect(Array.from(sweep.falsePositives)).toEqual([0, 1, 2]);
    expect([sweep.positives, sweep.negatives]).toEqual([2, 2]);
    expect(confusionMatrix(tied, y, 0.4)).toEqual({
      truePositives: 2,
      falsePositives: 1,
      trueNegatives: 1,
      falseNegatives: 0,
    });
    const at = confusionAtThresholds(tied, y, [0.5, 0]);
    expect(Array.from(at.truePositives)).toEqual([1, 2]);
    expect(Array.from(at.falsePositives)).toEqual([0, 2]);
  });
});
