import { loadReference, referenceCases } from "@calibra/fixtures";
import { describe, expect, it } from "vitest";
import { isotonic } from "./isotonic.js";

/** Largest |a[i] − b[i]|, after checking the lengths agree. */
function maxAbsDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs((actual[i] as number) - (expected[i] as number)));
  }
  return worst;
}

/** scikit-learn 1.2.1's IsotonicRegression(out_of_bounds="clip", y_min=0, y_max=1), on real classifier scores. */
const TOLERANCE = 1e-12;

describe.each(referenceCases())("scikit-learn reference: $dataset / $model", ({ dataset, model }) => {
  const reference = loadReference(dataset, model);
  const { calibration, test } = reference;
  const expected = reference.isotonic;

  it("fits the same thresholds and predicts the same test probabilities", () => {
    const fitted = isotonic().fit(calibration.logit, calibration.label);
    expect(fitted.params.increasing).toBe(true);
    expect(maxAbsDifference(fitted.params.logOdds, expected.x_thresholds)).toBeLessThanOrEqual(TOLERANCE);
    expect(maxAbsDifference(fitted.params.probabilities, expected.y_thresholds)).toBeLessThanOrEqual(
      TOLERANCE,
    );
    expect(maxAbsDifference(fitted.predict(test.logit), expected.test_proba)).toBeLessThanOrEqual(TOLERANCE);
  });

  it("gives the same fit through the weighted (argsort) path with unit weights", () => {
    const ones = new Float64Array(calibration.logit.length).fill(1);
    const fitted = isotonic().fit(calibration.logit, calibration.label, ones);
    expect(maxAbsDifference(fitted.params.logOdds, expected.x_thresholds)).toBeLessThanOrEqual(TOLERANCE);
    expect(maxAbsDifference(fitted.params.probabilities, expected.y_thresholds)).toBeLessThanOrEqual(
      TOLERANCE,
    );
    expect(maxAbsDifference(fitted.predict(test.logit), expected.test_proba)).toBeLessThanOrEqual(TOLERANCE);
  });

  it("reads the thresholds with step interpolation as the value at or below each test score", () => {
    const fitted = isotonic({ interpolation: "step" }).fit(calibration.logit, calibration.label);
    const x = expected.x_thresholds;
    const y = expected.y_thresholds;
    const predictions = fitted.predict(test.logit);
    test.logit.forEach((z, i) => {
      let j = 0;
      while (j + 1 < x.length && (x[j + 1] as number) <= z) j++;
      expect(predictions[i]).toBe(y[j]);
    });
  });
});
