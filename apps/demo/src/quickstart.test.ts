import { describe, expect, it } from "vitest";
import { runQuickstart } from "./quickstart.js";

describe("the walk-through on breast_cancer.csv", () => {
  const result = runQuickstart();

  it("holds out half of the 569 rows and names the positive class", () => {
    expect(result.heldOutRows).toBe(284);
    expect(result.pipeline.classes).toEqual({ positive: "malignant", negative: "benign" });
  });

  it("trains a model that separates the classes but is over-confident", () => {
    expect(result.accuracy).toBeGreaterThan(0.9);
    expect(result.confidentRows).toBeGreaterThan(100);
    expect(result.confidentAccuracy).toBeLessThan(0.999);
  });

  it("chooses a calibrator by cross-validation that cuts the log loss on rows it never saw", () => {
    expect(result.calibratorScores.map((score) => score.id)).toEqual([
      "temperature",
      "platt",
      "beta",
      "histogram",
      "isotonic",
    ]);
    const best = Math.min(...result.calibratorScores.map((score) => score.logLoss));
    expect(result.calibratorScores.find((score) => score.id === result.chosenCalibrator)?.logLoss).toBe(best);
    expect(result.rawLogLoss).toBeGreaterThan(0.5);
    expect(result.calibratedLogLoss).toBeLessThan(result.rawLogLoss / 3);
  });

  it("decides by one comparison on log-odds, exactly as on probabilities", () => {
    expect(Math.abs(result.cutoff)).toBeLessThan(1e-15);
    expect(result.decisionsAgree).toBe(true);
  });
});
