import { type ErrorCode, ErrorCodes, isCalibraError, sigmoidArray } from "@calibra/core";
import { loadReference } from "@calibra/fixtures";
import { describe, expect, it } from "vitest";
import { brier } from "../calibration/brier.js";
import { ace, ece } from "../calibration/calibration-error.js";
import { logLoss } from "../calibration/log-loss.js";
import { confusionMatrix } from "../confusion/index.js";
import { averagePrecision, rocAuc } from "../ranking/index.js";
import { calibrationReport } from "./calibration-report.js";

/** Agreement demanded with scikit-learn 1.2.1's values. */
const TOLERANCE = 1e-12;

function codeOf(run: () => unknown): ErrorCode | undefined {
  try {
    run();
  } catch (error) {
    if (isCalibraError(error)) return error.code;
    throw error;
  }
  return undefined;
}

describe("calibrationReport", () => {
  it("gathers every metric on a small case worked out by hand", () => {
    const report = calibrationReport([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], { bins: 2, threshold: 0.4 });
    expect(report.rows).toBe(4);
    expect(report.weighted).toBe(false);
    expect(report.totalWeight).toBe(4);
    expect(report.prevalence).toBe(0.5);
    expect(report.brier.score).toBeCloseTo(0.158125, 15);
    expect(report.logLoss).toBeCloseTo(
      -(Math.log(0.9) + Math.log(0.6) + Math.log(0.35) + Math.log(0.8)) / 4,
      15,
    );
    // Bins {0.1, 0.4, 0.35} (gap |⅓ − 0.85/3| = 0.05) and {0.8} (gap 0.2).
    expect(report.ece).toBeCloseTo(0.75 * 0.05 + 0.25 * 0.2, 15);
    expect(report.mce).toBeCloseTo(0.2, 15);
    expect(report.rmsce).toBeCloseTo(Math.sqrt(0.75 * 0.0025 + 0.25 * 0.04), 15);
    // Equal-mass bins {0.1, 0.35} and {0.4, 0.8}: gaps 0.275 and 0.1.
    expect(report.ace).toBeCloseTo(0.1875, 15);
    expect(report.rocAuc).toBe(0.75);
    expect(report.averagePrecision).toBeCloseTo(5 / 6, 15);
    expect(report.threshold).toBe(0.4);
    expect(report.confusion).toEqual({
      truePositives: 1,
      falsePositives: 1,
      trueNegatives: 1,
      falseNegatives: 1,
    });
    expect(report.rates.recall).toBe(0.5);
    expect(report.rates.precision).toBe(0.5);
    expect(report.calibrationCurve.probTrue).toEqual([1 / 3, 1]);
    expect(report.calibrationCurve.counts).toEqual([3, 1]);
    expect(report.calibrationCurve.edges).toEqual([0, 0.5, 1]);
    expect(report.reliabilityDiagram).toHaveLength(2);
    expect(report.reliabilityDiagram[1]).toEqual({
      lower: 0.5,
      upper: 1,
      count: 1,
      weight: 1,
      meanPredicted: 0.8,
      fractionPositive: 1,
      gap: 1 - 0.8,
    });
  });

  it("marks empty reliability bins with null and survives a JSON round trip unchanged", () => {
    const report = calibrationReport([0.05, 0.1, 0.92, 0.97], [0, 1, 1, 1], { weights: [1, 2, 1, 1] });
    expect(report.reliabilityDiagram).toHaveLength(15);
    const empty = report.reliabilityDiagram[7];
    expect(empty).toEqual({
      lower: 7 / 15,
      upper: 8 / 15,
      count: 0,
      weight: 0,
      meanPredicted: null,
      fractionPositive: null,
      gap: null,
    });
    expect(report.reliabilityDiagram.reduce((sum, bin) => sum + bin.count, 0)).toBe(4);
    expect(report.reliabilityDiagram.reduce((sum, bin) => sum + bin.weight, 0)).toBe(5);
    // The ECE is the weighted mean absolute gap of the diagram's bins.
    const fromDiagram = report.reliabilityDiagram.reduce(
      (sum, bin) => sum + (bin.gap === null ? 0 : (bin.weight / report.totalWeight) * Math.abs(bin.gap)),
      0,
    );
    expect(Math.abs(fromDiagram - report.ece)).toBeLessThan(1e-15);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it("weights every metric: integer weights give the report of the repeated rows", () => {
    const p = [0.1, 0.3, 0.35, 0.6, 0.8, 0.95];
    const y = [0, 1, 0, 1, 0, 1];
    const w = [2, 1, 3, 1, 2, 1];
    const weighted = calibrationReport(p, y, { weights: w, bins: 4 });
    const repeatedP = p.flatMap((value, i) => new Array<number>(w[i] as number).fill(value));
    const repeatedY = y.flatMap((value, i) => new Array<number>(w[i] as number).fill(value));
    const repeated = calibrationReport(repeatedP, repeatedY, { bins: 4 });
    for (const key of [
      "logLoss",
      "ece",
      "mce",
      "rmsce",
      "rocAuc",
      "averagePrecision",
      "prevalence",
    ] as const) {
      expect(Math.abs(weighted[key] - repeated[key])).toBeLessThan(1e-14);
    }
    expect(Math.abs(weighted.brier.reliability - repeated.brier.reliability)).toBeLessThan(1e-14);
    expect(weighted.confusion).toEqual(repeated.confusion);
    expect(weighted.weighted).toBe(true);
  });

  it.each([
    ["breast_cancer", "logreg"],
    ["breast_cancer", "random_forest"],
    ["telco_churn", "naive_bayes"],
    ["telco_churn", "gbm_balanced"],
  ] as const)("agrees with scikit-learn and with each metric on its own (%s / %s)", (dataset, model) => {
    const reference = loadReference(dataset, model);
    const p =
      reference.score_kind === "probability"
        ? Float64Array.from(reference.test.score)
        : sigmoidArray(reference.test.logit);
    const y = Uint8Array.from(reference.test.label);
    const expected = reference.metrics_test.uncalibrated;
    const report = calibrationReport(p, y, { bins: 10, threshold: 0.3 });
    expect(Math.abs(report.brier.score - expected.brier)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(report.logLoss - expected.log_loss)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(report.rocAuc - expected.roc_auc)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(report.averagePrecision - expected.average_precision)).toBeLessThanOrEqual(TOLERANCE);
    expect(report.calibrationCurve.probTrue).toHaveLength(
      expected.calibration_curve_10_uniform.prob_true.length,
    );
    report.calibrationCurve.probTrue.forEach((value, k) => {
      expect(
        Math.abs(value - (expected.calibration_curve_10_uniform.prob_true[k] as number)),
      ).toBeLessThanOrEqual(TOLERANCE);
    });
    report.calibrationCurve.probPred.forEach((value, k) => {
      expect(
        Math.abs(value - (expected.calibration_curve_10_uniform.prob_pred[k] as number)),
      ).toBeLessThanOrEqual(TOLERANCE);
    });
    expect(report.brier).toEqual(brier(p, y, undefined, { bins: 10 }));
    expect(report.logLoss).toBe(logLoss(p, y));
    expect(report.ece).toBe(ece(p, y, { bins: 10 }));
    expect(report.mce).toBe(ece(p, y, { bins: 10, norm: "max" }));
    expect(report.rmsce).toBe(ece(p, y, { bins: 10, norm: "l2" }));
    expect(report.ace).toBe(ace(p, y, { bins: 10 }));
    expect(report.rocAuc).toBe(rocAuc(p, y));
    expect(report.averagePrecision).toBe(averagePrecision(p, y));
    expect(report.confusion).toEqual(confusionMatrix(p, y, 0.3));
    // The default 15 bins give the reference ECE.
    const byDefault = calibrationReport(p, y);
    expect(Math.abs(byDefault.ece - expected.ece_15_equal_width)).toBeLessThanOrEqual(TOLERANCE);
    expect(byDefault.threshold).toBe(0.5);
    expect(byDefault.bins).toBe(15);
  });

  it("refuses one class, bad bins and bad thresholds, besides every input error", () => {
    expect(codeOf(() => calibrationReport([0.2, 0.7], [1, 1]))).toBe(ErrorCodes.ONE_CLASS);
    expect(codeOf(() => calibrationReport([0.2, 0.7], [0, 1], { weights: [0, 1] }))).toBe(
      ErrorCodes.ONE_CLASS,
    );
    expect(codeOf(() => calibrationReport([0.2, 0.7], [0, 1], { bins: 0 }))).toBe(ErrorCodes.INVALID_OPTIONS);
    expect(codeOf(() => calibrationReport([0.2, 0.7], [0, 1], { threshold: 1.5 }))).toBe(
      ErrorCodes.INVALID_THRESHOLD,
    );
    expect(codeOf(() => calibrationReport([0.2, 0.7], [0, 1, 1]))).toBe(ErrorCodes.LENGTH_MISMATCH);
    expect(codeOf(() => calibrationReport([0.2, Number.NaN], [0, 1]))).toBe(ErrorCodes.NAN_INPUT);
    expect(codeOf(() => calibrationReport([0.2, 2], [0, 1]))).toBe(ErrorCodes.PROBABILITY_RANGE);
    expect(codeOf(() => calibrationReport([0.2, 0.7], [0, 2]))).toBe(ErrorCodes.LABEL_CLASSES);
    expect(codeOf(() => calibrationReport([0.2, 0.7], [0, 1], { weights: [1, -1] }))).toBe(
      ErrorCodes.INVALID_WEIGHTS,
    );
  });
});
