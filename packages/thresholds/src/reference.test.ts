import { loadReference, referenceCases } from "@calibra/fixtures";
import { describe, expect, it } from "vitest";
import { optimize } from "./optimize.js";

/**
 * The reference Platt probabilities of the calibration split: scikit-learn's `_sigmoid_calibration` parameters
 * applied as p = 1 / (1 + exp(a·z + b)) to `calibration.logit`, the form the reference itself uses (they agree with
 * numpy's to 1 ulp; 14 of the 20 reference thresholds are bit-identical to one of these probabilities, the others
 * 1 ulp away).
 */
function plattCalibrationProbabilities(dataset: string, model: string) {
  const reference = loadReference(dataset, model);
  const { a, b } = reference.platt;
  const probabilities = Float64Array.from(reference.calibration.logit, (z) => 1 / (1 + Math.exp(a * z + b)));
  return { reference, probabilities, labels: Uint8Array.from(reference.calibration.label) };
}

/** The reference thresholds are probabilities of single rows computed by numpy: an ulp or two from ours. */
const THRESHOLD_TOLERANCE = 1e-12;

describe.each(referenceCases())("scikit-learn reference: $dataset / $model", ({ dataset, model }) => {
  const { reference, probabilities, labels } = plattCalibrationProbabilities(dataset, model);
  const expected = reference.thresholds_calibration_platt;

  it("max F1 (precision_recall_curve) threshold and F1", () => {
    const fitted = optimize({ metric: "f1" }).fit(probabilities, labels);
    expect(Math.abs((fitted.threshold as number) - expected.max_f1.threshold)).toBeLessThan(
      THRESHOLD_TOLERANCE,
    );
    expect(Math.abs((fitted.details.value as number) - expected.max_f1.f1)).toBeLessThan(1e-12);
  });

  it("max Youden J (roc_curve, drop_intermediate=False) threshold and J", () => {
    const fitted = optimize({ metric: "youden" }).fit(probabilities, labels);
    expect(Math.abs((fitted.threshold as number) - expected.max_youden.threshold)).toBeLessThan(
      THRESHOLD_TOLERANCE,
    );
    expect(Math.abs((fitted.details.value as number) - expected.max_youden.j)).toBeLessThan(1e-12);
  });

  it("F-beta with beta = 1 is F1, balanced accuracy picks Youden's threshold", () => {
    const f1 = optimize({ metric: "f1" }).fit(probabilities, labels);
    const fbeta = optimize({ metric: "fbeta", beta: 1 }).fit(probabilities, labels);
    expect(fbeta.threshold).toBe(f1.threshold);
    const youden = optimize({ metric: "youden" }).fit(probabilities, labels);
    const balanced = optimize({ metric: "balanced-accuracy" }).fit(probabilities, labels);
    expect(balanced.threshold).toBe(youden.threshold);
    expect(balanced.details.value).toBeCloseTo(((youden.details.value as number) + 1) / 2, 14);
  });

  it("the counts in details reproduce the metric", () => {
    const fitted = optimize({ metric: "f1" }).fit(probabilities, labels);
    const { truePositives, falsePositives, falseNegatives, trueNegatives } = fitted.details as {
      [count: string]: number;
      truePositives: number;
      falsePositives: number;
      trueNegatives: number;
      falseNegatives: number;
    };
    expect(truePositives + falseNegatives).toBe(labels.reduce((s, v) => s + v, 0));
    expect(truePositives + falsePositives + trueNegatives + falseNegatives).toBe(labels.length);
    expect(fitted.details.value).toBe(
      (2 * truePositives) / (2 * truePositives + falsePositives + falseNegatives),
    );
  });
});
