import { sigmoid } from "@calibra/core";
import { loadReference, type Reference, referenceCases } from "@calibra/fixtures";
import { describe, expect, it } from "vitest";
import { countsAt } from "../confusion/confusion-at-thresholds.js";
import { f1Of, youdenJOf } from "../confusion/confusion-counts.js";
import { thresholdSweep } from "../confusion/threshold-sweep.js";
import { averagePrecision } from "./average-precision.js";
import { rocAuc } from "./roc-auc.js";

/** The brief's bound; the measured differences are at most 2.3e-16 (one or two ulps). */
const TOLERANCE = 1e-12;

/**
 * The three probability sets of `metrics_test` on the test split. "uncalibrated" is the model's own probability
 * when it outputs one, otherwise σ(logit). (For the probability models σ of the clipped logit gives the same AUC and
 * AP too, since clipping to [1e-6, 1 − 1e-6] keeps their order and ties; the raw score is the documented input.)
 */
function probabilitySets(reference: Reference): [keyof Reference["metrics_test"], number[]][] {
  const uncalibrated =
    reference.score_kind === "probability" ? reference.test.score : reference.test.logit.map(sigmoid);
  return [
    ["uncalibrated", uncalibrated],
    ["platt", reference.platt.test_proba],
    ["isotonic", reference.isotonic.test_proba],
  ];
}

const cases = referenceCases().map(
  ({ dataset, model }) => [`${dataset} / ${model}`, loadReference(dataset, model)] as const,
);

describe.each(cases)("scikit-learn 1.2.1 reference: %s", (_, reference) => {
  const labels = Uint8Array.from(reference.test.label);

  it.each(probabilitySets(reference))(
    "%s: roc_auc and average_precision within 1e-12",
    (set, probabilities) => {
      const expected = reference.metrics_test[set];
      expect(Math.abs(rocAuc(probabilities, labels) - expected.roc_auc)).toBeLessThanOrEqual(TOLERANCE);
      expect(
        Math.abs(averagePrecision(probabilities, labels) - expected.average_precision),
      ).toBeLessThanOrEqual(TOLERANCE);
    },
  );

  it("the sweep finds the max-F1 and max-Youden thresholds on the calibration split's Platt probabilities", () => {
    const { a, b } = reference.platt;
    const probabilities = reference.calibration.logit.map((z) => 1 / (1 + Math.exp(a * z + b)));
    const sweep = thresholdSweep(probabilities, reference.calibration.label);
    let bestF1 = { value: -1, threshold: Number.NaN };
    let bestJ = { value: -2, threshold: Number.NaN };
    for (let k = 0; k < sweep.thresholds.length; k++) {
      const counts = countsAt(sweep, k);
      const threshold = sweep.thresholds[k] as number;
      if (f1Of(counts) > bestF1.value) bestF1 = { value: f1Of(counts), threshold };
      if (youdenJOf(counts) > bestJ.value) bestJ = { value: youdenJOf(counts), threshold };
    }
    const expected = reference.thresholds_calibration_platt;
    // The probabilities themselves differ from numpy's in the last bit now and then (exp), hence the tolerance.
    expect(Math.abs(bestF1.value - expected.max_f1.f1)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(bestF1.threshold - expected.max_f1.threshold)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(bestJ.value - expected.max_youden.j)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(bestJ.threshold - expected.max_youden.threshold)).toBeLessThanOrEqual(TOLERANCE);
  });
});
