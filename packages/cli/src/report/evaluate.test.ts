import { type ErrorCode, isCalibraError, seededUniform, sigmoidArray } from "@calibra/core";
import { loadReference } from "@calibra/fixtures";
import { calibrationReport, precisionRecallCurve, rocCurve } from "@calibra/metrics";
import { describe, expect, it } from "vitest";
import { DEFAULT_EVALUATION_BINS, evaluate } from "./evaluate.js";
import { CURVE_POINTS, HISTOGRAM_BINS } from "./evaluation.js";

/** Agreement with scikit-learn 1.2.1's values in the reference files (what `@calibra/metrics` guarantees). */
const REFERENCE_TOLERANCE = 1e-12;

const CLASSES = { positive: "malignant", negative: "benign" } as const;
const HALF = { probability: 0.5, logOdds: 0 } as const;

function breastCancer() {
  const reference = loadReference("breast_cancer", "naive_bayes");
  return {
    reference,
    probabilities: sigmoidArray(Float64Array.from(reference.test.logit)),
    calibrated: Float64Array.from(reference.platt.test_proba),
    labels: Uint8Array.from(reference.test.label),
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function codeOf(run: () => unknown): ErrorCode | undefined {
  try {
    run();
  } catch (error) {
    if (isCalibraError(error)) return error.code;
    throw error;
  }
  return undefined;
}

describe("evaluate", () => {
  it("measures a small case worked out by hand", () => {
    const evaluation = evaluate({
      data: "four.csv",
      probabilities: Float64Array.of(0.1, 0.4, 0.35, 0.8),
      labels: Uint8Array.of(0, 0, 1, 1),
      classes: { positive: "yes", negative: "no" },
      threshold: { probability: 0.4, logOdds: Math.log(0.4 / 0.6) },
      bins: 2,
    });
    expect(evaluation.data).toBe("four.csv");
    expect(evaluation.classes).toEqual({ positive: "yes", negative: "no" });
    expect(evaluation.threshold).toEqual({ probability: 0.4, logOdds: Math.log(0.4 / 0.6) });
    expect(evaluation.calibrated).toBeUndefined();
    expect("calibrated" in evaluation).toBe(false);
    expect("pipeline" in evaluation).toBe(false);
    const { report, roc, pr, histogram } = evaluation.uncalibrated;
    expect(report.bins).toBe(2);
    expect(report.threshold).toBe(0.4);
    // (0.1² + 0.4² + 0.65² + 0.2²) / 4
    expect(report.brier.score).toBeCloseTo(0.158125, 15);
    // Bins {0.1, 0.4, 0.35} (gap |1/3 − 0.85/3| = 0.05) and {0.8} (gap 0.2).
    expect(report.ece).toBeCloseTo(0.75 * 0.05 + 0.25 * 0.2, 15);
    expect(report.mce).toBeCloseTo(0.2, 15);
    // Positives score above negatives in 3 of 4 pairs.
    expect(report.rocAuc).toBe(0.75);
    // Predicted positive when p ≥ 0.4: 0.8 (positive) and 0.4 (negative).
    expect(report.confusion).toEqual({
      truePositives: 1,
      falsePositives: 1,
      trueNegatives: 1,
      falseNegatives: 1,
    });
    expect(roc).toEqual({ fpr: [0, 0, 0.5, 0.5, 1], tpr: [0, 0.5, 0.5, 1, 1] });
    expect(pr).toEqual({ recall: [1, 1, 0.5, 0.5, 0], precision: [0.5, 2 / 3, 0.5, 1, 1] });
    expect(histogram.edges).toHaveLength(HISTOGRAM_BINS + 1);
    const positive = new Array(HISTOGRAM_BINS).fill(0);
    const negative = new Array(HISTOGRAM_BINS).fill(0);
    negative[2] = 1; // 0.1
    negative[8] = 1; // 0.4
    positive[7] = 1; // 0.35
    positive[16] = 1; // 0.8
    expect(histogram.positive).toEqual(positive);
    expect(histogram.negative).toEqual(negative);
  });

  it("gives @calibra/metrics' numbers on the breast_cancer reference, before and after Platt scaling", () => {
    const { reference, probabilities, calibrated, labels } = breastCancer();
    const evaluation = evaluate({
      data: "breast_cancer.csv",
      probabilities,
      labels,
      calibrated,
      classes: CLASSES,
      threshold: HALF,
      pipeline: "sigmoid → platt",
    });
    expect(evaluation.pipeline).toBe("sigmoid → platt");
    const options = { bins: DEFAULT_EVALUATION_BINS, threshold: 0.5 };
    expect(evaluation.uncalibrated.report).toEqual(calibrationReport(probabilities, labels, options));
    expect(evaluation.calibrated?.report).toEqual(calibrationReport(calibrated, labels, options));

    for (const [side, expected] of [
      [evaluation.uncalibrated, reference.metrics_test.uncalibrated],
      [evaluation.calibrated, reference.metrics_test.platt],
    ] as const) {
      expect(side?.report.brier.score).toBeCloseTo(expected.brier, 12);
      expect(Math.abs((side?.report.logLoss ?? 0) - expected.log_loss)).toBeLessThan(REFERENCE_TOLERANCE);
      expect(Math.abs((side?.report.ece ?? 0) - expected.ece_15_equal_width)).toBeLessThan(
        REFERENCE_TOLERANCE,
      );
      expect(Math.abs((side?.report.rocAuc ?? 0) - expected.roc_auc)).toBeLessThan(REFERENCE_TOLERANCE);
      expect(Math.abs((side?.report.averagePrecision ?? 0) - expected.average_precision)).toBeLessThan(
        REFERENCE_TOLERANCE,
      );
    }

    // 143 rows: the curves fit the budget, so they are the library's curves point for point.
    const roc = rocCurve(calibrated, labels);
    const pr = precisionRecallCurve(calibrated, labels);
    expect(evaluation.calibrated?.roc).toEqual({ fpr: Array.from(roc.fpr), tpr: Array.from(roc.tpr) });
    expect(evaluation.calibrated?.pr).toEqual({
      recall: Array.from(pr.recall),
      precision: Array.from(pr.precision),
    });

    // Histogram counts add up to the rows of each class: 53 malignant and 90 benign.
    for (const side of [evaluation.uncalibrated, evaluation.calibrated]) {
      expect(sum(side?.histogram.positive ?? [])).toBe(53);
      expect(sum(side?.histogram.negative ?? [])).toBe(90);
    }
    // A JSON round trip keeps everything: the evaluation is plain data.
    expect(JSON.parse(JSON.stringify(evaluation))).toEqual(evaluation);
  });

  it("thins long curves to the budget, keeping their ends", () => {
    const uniform = seededUniform(3);
    const rows = 20_000;
    const labels = new Uint8Array(rows);
    const probabilities = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      labels[i] = uniform() < 0.4 ? 1 : 0;
      probabilities[i] = 0.5 * uniform() + (labels[i] === 1 ? 0.35 : 0.15);
    }
    const evaluation = evaluate({ data: "x.csv", probabilities, labels, classes: CLASSES, threshold: HALF });
    const { roc, pr, histogram } = evaluation.uncalibrated;
    expect(roc.fpr.length).toBeLessThanOrEqual(CURVE_POINTS);
    expect(roc.fpr.length).toBeGreaterThan(CURVE_POINTS / 2);
    expect([roc.fpr[0], roc.tpr[0], roc.fpr.at(-1), roc.tpr.at(-1)]).toEqual([0, 0, 1, 1]);
    const full = precisionRecallCurve(probabilities, labels);
    expect(pr.recall.length).toBeLessThanOrEqual(CURVE_POINTS);
    expect([pr.recall[0], pr.precision[0]]).toEqual([full.recall[0], full.precision[0]]);
    expect([pr.recall.at(-1), pr.precision.at(-1)]).toEqual([0, 1]);
    expect(sum(histogram.positive) + sum(histogram.negative)).toBe(rows);
    expect(sum(histogram.positive)).toBe(labels.reduce((total, label) => total + label, 0));
  });

  it("weights every metric and curve but counts rows in the histograms", () => {
    const probabilities = Float64Array.of(0.1, 0.4, 0.35, 0.8);
    const labels = Uint8Array.of(0, 0, 1, 1);
    const weights = Float64Array.of(1, 2, 1, 3);
    const evaluation = evaluate({
      data: "w.csv",
      probabilities,
      labels,
      weights,
      classes: CLASSES,
      threshold: HALF,
      bins: 2,
    });
    expect(evaluation.uncalibrated.report).toEqual(
      calibrationReport(probabilities, labels, { bins: 2, threshold: 0.5, weights }),
    );
    expect(evaluation.uncalibrated.report.weighted).toBe(true);
    const roc = rocCurve(probabilities, labels, weights);
    expect(evaluation.uncalibrated.roc.fpr).toEqual(Array.from(roc.fpr));
    expect(sum(evaluation.uncalibrated.histogram.positive)).toBe(2);
    expect(sum(evaluation.uncalibrated.histogram.negative)).toBe(2);
  });

  it("passes on the metrics' errors for bad input", () => {
    const base = { data: "x.csv", classes: CLASSES, threshold: HALF };
    expect(
      codeOf(() =>
        evaluate({ ...base, probabilities: Float64Array.of(0.1, 0.9), labels: Uint8Array.of(1, 1) }),
      ),
    ).toBe("E_ONE_CLASS");
    expect(
      codeOf(() =>
        evaluate({
          ...base,
          probabilities: Float64Array.of(0.1, 0.9),
          labels: Uint8Array.of(0, 1),
          calibrated: Float64Array.of(0.2),
        }),
      ),
    ).toBe("E_LENGTH_MISMATCH");
    expect(
      codeOf(() =>
        evaluate({ ...base, probabilities: Float64Array.of(0.1, 0.9), labels: Uint8Array.of(0, 1), bins: 0 }),
      ),
    ).toBe("E_INVALID_OPTIONS");
    expect(
      codeOf(() =>
        evaluate({ ...base, probabilities: Float64Array.of(0.1, 1.5), labels: Uint8Array.of(0, 1) }),
      ),
    ).toBe("E_PROBABILITY_RANGE");
  });
});
