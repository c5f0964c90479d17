import { beta } from "@calibra/calibrator-beta";
import { histogram } from "@calibra/calibrator-histogram";
import { isotonic } from "@calibra/calibrator-isotonic";
import { platt } from "@calibra/calibrator-platt";
import { temperature } from "@calibra/calibrator-temperature";
import {
  type AnyCalibrator,
  calibrateCV,
  crossValidatedProbabilities,
  LOG_LOSS_EPSILON,
} from "@calibra/core";
import { loadReference, referenceCases } from "@calibra/fixtures";
import { describe, expect, it } from "vitest";

/** The first-party calibrators from simplest to most flexible: ties in cross-validated loss go to the first. */
function candidates(): AnyCalibrator[] {
  return [temperature(), platt(), beta(), histogram(), isotonic()];
}

function meanLogLoss(p: Float64Array, y: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(Math.max(p[i] as number, LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON);
    sum -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return sum / p.length;
}

describe("method 'auto': cross-validated choice among the first-party calibrators", () => {
  it.each(referenceCases().map((c) => [`${c.dataset} / ${c.model}`, c] as const))(
    "%s",
    (_, { dataset, model }) => {
      const reference = loadReference(dataset, model);
      const logOdds = Float64Array.from(reference.calibration.logit);
      const labels = Uint8Array.from(reference.calibration.label);
      const result = calibrateCV(candidates(), logOdds, labels, { folds: 5, seed: 11 });

      expect(result.scores.map((s) => s.id)).toEqual([
        "temperature",
        "platt",
        "beta",
        "histogram",
        "isotonic",
      ]);
      const lowest = Math.min(...result.scores.map((s) => s.logLoss));
      const chosen = result.scores.find((s) => s.id === result.chosen)!;
      expect(chosen.logLoss).toBeLessThanOrEqual(lowest + 1e-9);
      // Every score is the log loss of that candidate's own out-of-fold probabilities on the same folds.
      for (const [index, candidate] of candidates().entries()) {
        const { probabilities } = crossValidatedProbabilities(candidate, logOdds, labels, {
          folds: 5,
          seed: 11,
        });
        expect(result.scores[index]?.logLoss).toBeCloseTo(meanLogLoss(probabilities, labels), 12);
      }
      // The winner, refitted on all rows, never costs much on the test split when the raw model was already
      // calibrated, and beats the raw model wherever scikit-learn's Platt scaling clearly did.
      const testLogOdds = Float64Array.from(reference.test.logit);
      const testLabels = Uint8Array.from(reference.test.label);
      const calibrated = meanLogLoss(result.calibrator.predict(testLogOdds), testLabels);
      const { uncalibrated, platt: sklearnPlatt } = reference.metrics_test;
      expect(calibrated).toBeLessThan(uncalibrated.log_loss + 0.01);
      if (uncalibrated.log_loss - sklearnPlatt.log_loss > 0.01)
        expect(calibrated).toBeLessThan(uncalibrated.log_loss);
    },
  );

  it("prefers a smooth parametric map for the over-confident naive Bayes logits of the big data set", () => {
    const reference = loadReference("telco_churn", "naive_bayes");
    const result = calibrateCV(
      candidates(),
      Float64Array.from(reference.calibration.logit),
      Uint8Array.from(reference.calibration.label),
      { folds: 5, seed: 11 },
    );
    const byId = Object.fromEntries(result.scores.map((s) => [s.id, s.logLoss]));
    // The raw logits reach ±2900: no calibrator may leave the log loss anywhere near the uncalibrated 2.4.
    for (const loss of Object.values(byId)) expect(loss).toBeLessThan(0.6);
    expect(["beta", "isotonic", "histogram", "platt"]).toContain(result.chosen);
  });
});
