import { loadReference } from "@calibra/fixtures";
import { describe, expect, it } from "vitest";
import { shiftCalibrator, stepCalibrator } from "../../test/toy-components.js";
import { createCalibrator } from "../components/calibrator.js";
import { defineCalibrator } from "../define.js";
import { ErrorCodes } from "../errors.js";
import { calibrateCV, crossValidatedProbabilities, LOG_LOSS_EPSILON } from "./calibrate-cv.js";
import { stratifiedFolds } from "./folds.js";

const reference = loadReference("telco_churn", "naive_bayes");
const logOdds = Float64Array.from(reference.calibration.logit);
const labels = Uint8Array.from(reference.calibration.label);

function logLoss(p: Float64Array, y: Uint8Array, w?: Float64Array): number {
  let sum = 0;
  let total = 0;
  p.forEach((value, i) => {
    const q = Math.min(Math.max(value, LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON);
    const weight = w ? (w[i] as number) : 1;
    sum -= weight * (y[i] === 1 ? Math.log(q) : Math.log(1 - q));
    total += weight;
  });
  return sum / total;
}

describe("stratifiedFolds", () => {
  it("deals each class evenly over the folds, the same way for the same seed", () => {
    const folds = stratifiedFolds(labels, 5, 7);
    for (const label of [0, 1]) {
      const sizes = [0, 0, 0, 0, 0];
      folds.forEach((fold, i) => {
        if (labels[i] === label) sizes[fold] = (sizes[fold] as number) + 1;
      });
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
    expect(stratifiedFolds(labels, 5, 7)).toEqual(folds);
    expect(stratifiedFolds(labels, 5, 8)).not.toEqual(folds);
  });

  it("refuses more folds than rows of a class, and silly fold counts", () => {
    const few = Uint8Array.from([1, 1, 0, 0, 0, 0, 0]);
    expect(() => stratifiedFolds(few, 3, 0)).toThrow(/positive class has 2/);
    expect(() => stratifiedFolds(few, 1, 0)).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTIONS }),
    );
  });
});

describe("crossValidatedProbabilities", () => {
  it("gives each row the prediction of a calibrator fitted without its fold", () => {
    const calibrator = createCalibrator(shiftCalibrator);
    const { probabilities, folds } = crossValidatedProbabilities(calibrator, logOdds, labels, {
      folds: 4,
      seed: 3,
    });
    for (let fold = 0; fold < 4; fold++) {
      const train = [...folds.keys()].filter((i) => folds[i] !== fold);
      const test = [...folds.keys()].filter((i) => folds[i] === fold);
      const fitted = calibrator.fit(
        train.map((i) => logOdds[i] as number),
        train.map((i) => labels[i] as number),
      );
      const expected = fitted.predict(test.map((i) => logOdds[i] as number));
      expect(test.map((i) => probabilities[i])).toEqual(Array.from(expected));
    }
  });
});

describe("calibrateCV", () => {
  const shift = createCalibrator(shiftCalibrator);
  const step = createCalibrator(stepCalibrator);

  it("scores every candidate on the same folds and picks the lowest log loss", () => {
    const result = calibrateCV([shift, step], logOdds, labels, { folds: 5, seed: 1 });
    expect(result.scores.map((s) => s.id)).toEqual(["toy-shift", "toy-step"]);
    const best = result.scores.reduce((a, b) => (b.logLoss < a.logLoss ? b : a));
    expect(result.chosen).toBe(best.id);
    expect(result.calibrator.id).toBe(best.id);
    const chosenScore = result.scores.find((s) => s.id === result.chosen)!;
    expect(chosenScore.logLoss).toBeCloseTo(logLoss(result.outOfFold, labels), 14);
    for (const score of result.scores) {
      const { probabilities } = crossValidatedProbabilities(
        score.id === "toy-shift" ? shift : step,
        logOdds,
        labels,
        { folds: 5, seed: 1 },
      );
      expect(score.logLoss).toBeCloseTo(logLoss(probabilities, labels), 14);
    }
    // The refit uses every row.
    expect(JSON.stringify(result.calibrator.toJSON())).toBe(
      JSON.stringify((result.chosen === "toy-shift" ? shift : step).fit(logOdds, labels).toJSON()),
    );
  });

  it("breaks ties towards the candidate listed first", () => {
    const twin = createCalibrator(defineCalibrator({ ...shiftCalibrator, id: "toy-shift-twin" }));
    expect(calibrateCV([twin, shift], logOdds, labels).chosen).toBe("toy-shift-twin");
    expect(calibrateCV([shift, twin], logOdds, labels).chosen).toBe("toy-shift");
  });

  it("uses weights in fitting and scoring", () => {
    const weights = Float64Array.from(labels, (y) => (y === 1 ? 2.5 : 1));
    const result = calibrateCV([shift], logOdds, labels, { weights, folds: 3 });
    expect(result.scores[0]?.logLoss).toBeCloseTo(logLoss(result.outOfFold, labels, weights), 14);
    const unweighted = calibrateCV([shift], logOdds, labels, { folds: 3 });
    expect(result.scores[0]?.logLoss).not.toBeCloseTo(unweighted.scores[0]?.logLoss as number, 3);
  });

  it("refuses an empty candidate list and bad input with core's codes", () => {
    expect(() => calibrateCV([], logOdds, labels)).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_OPTIONS }),
    );
    expect(() => calibrateCV([shift], [0, Number.NaN, 1], [0, 1, 1])).toThrow(
      expect.objectContaining({ code: ErrorCodes.NAN_INPUT }),
    );
  });
});
