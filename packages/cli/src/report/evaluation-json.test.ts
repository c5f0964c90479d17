import { sigmoidArray } from "@calibra/core";
import { loadReference } from "@calibra/fixtures";
import { describe, expect, it } from "vitest";
import { evaluate } from "./evaluate.js";
import { evaluationJson } from "./evaluation-json.js";

/** Every key path of a plain object, sorted: the shape scripts rely on. */
function keyPaths(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  return Object.entries(value)
    .flatMap(([key, child]) => [`${prefix}${key}`, ...keyPaths(child, `${prefix}${key}.`)])
    .sort();
}

const SIDE_KEYS = [
  "ace",
  "average_precision",
  "brier",
  "confusion",
  "confusion.fn",
  "confusion.fp",
  "confusion.tn",
  "confusion.tp",
  "ece",
  "f1",
  "log_loss",
  "mce",
  "precision",
  "recall",
  "roc_auc",
];

function breastCancerEvaluation(withCalibrated: boolean) {
  const reference = loadReference("breast_cancer", "naive_bayes");
  const probabilities = sigmoidArray(Float64Array.from(reference.test.logit));
  const labels = Uint8Array.from(reference.test.label);
  return evaluate({
    data: "data/breast_cancer.csv",
    probabilities,
    labels,
    ...(withCalibrated ? { calibrated: Float64Array.from(reference.platt.test_proba) } : {}),
    classes: { positive: "malignant", negative: "benign" },
    threshold: { probability: 0.5, logOdds: 0 },
    pipeline: "sigmoid → platt",
  });
}

describe("evaluationJson", () => {
  it("has exactly the contract's keys, with the report's values", () => {
    const evaluation = breastCancerEvaluation(true);
    const json = evaluationJson(evaluation);
    expect(keyPaths(json)).toEqual(
      [
        "data",
        "rows",
        "classes",
        "classes.positive",
        "classes.negative",
        "threshold",
        "threshold.probability",
        "threshold.log_odds",
        "uncalibrated",
        ...SIDE_KEYS.map((key) => `uncalibrated.${key}`),
        "calibrated",
        ...SIDE_KEYS.map((key) => `calibrated.${key}`),
      ].sort(),
    );
    expect(json.data).toBe("data/breast_cancer.csv");
    expect(json.rows).toBe(143);
    expect(json.classes).toEqual({ positive: "malignant", negative: "benign" });
    expect(json.threshold).toEqual({ probability: 0.5, log_odds: 0 });
    for (const [side, report] of [
      [json.uncalibrated, evaluation.uncalibrated.report],
      [json.calibrated, evaluation.calibrated?.report],
    ] as const) {
      expect(side?.brier).toBe(report?.brier.score);
      expect(side?.log_loss).toBe(report?.logLoss);
      expect(side?.ece).toBe(report?.ece);
      expect(side?.mce).toBe(report?.mce);
      expect(side?.ace).toBe(report?.ace);
      expect(side?.roc_auc).toBe(report?.rocAuc);
      expect(side?.average_precision).toBe(report?.averagePrecision);
      expect(side?.precision).toBe(report?.rates.precision);
      expect(side?.recall).toBe(report?.rates.recall);
      expect(side?.f1).toBe(report?.rates.f1);
    }
    // The reference numbers: scikit-learn's, as @calibra/metrics reproduces them.
    expect(json.uncalibrated.confusion).toEqual({ tp: 46, fp: 3, tn: 87, fn: 7 });
    expect(json.calibrated?.confusion).toEqual({ tp: 24, fp: 0, tn: 90, fn: 29 });
    expect(json.uncalibrated.roc_auc).toBeCloseTo(0.9863731656184487, 12);
    expect(json.calibrated?.precision).toBe(1);
    expect(json.calibrated?.recall).toBeCloseTo(24 / 53, 15);
    // Plain JSON: numbers stay numbers through a round trip.
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it("leaves out `calibrated` without a pipeline", () => {
    const json = evaluationJson(breastCancerEvaluation(false));
    expect(Object.keys(json)).toEqual(["data", "rows", "classes", "threshold", "uncalibrated"]);
    expect(keyPaths(json.uncalibrated)).toEqual(SIDE_KEYS);
  });

  it("writes null for undefined rates and for the infinite log-odds of threshold 1", () => {
    const evaluation = evaluate({
      data: "x.csv",
      probabilities: Float64Array.of(0.1, 0.4, 0.35, 0.8),
      labels: Uint8Array.of(0, 0, 1, 1),
      classes: { positive: "yes", negative: "no" },
      threshold: { probability: 1, logOdds: Number.POSITIVE_INFINITY },
    });
    const json = evaluationJson(evaluation);
    expect(json.threshold).toEqual({ probability: 1, log_odds: null });
    // Nothing reaches p ≥ 1: no positive predictions, so precision is undefined; recall and F1 are 0.
    expect(json.uncalibrated.confusion).toEqual({ tp: 0, fp: 0, tn: 2, fn: 2 });
    expect(json.uncalibrated.precision).toBeNull();
    expect(json.uncalibrated.recall).toBe(0);
    expect(json.uncalibrated.f1).toBe(0);
    expect(JSON.stringify(json)).toContain('"precision":null');
  });
});
