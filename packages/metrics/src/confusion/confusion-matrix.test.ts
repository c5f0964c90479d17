import { describe, expect, it } from "vitest";
import { f1Of, precisionOf, recallOf } from "./confusion-counts.js";
import { confusionMatrix } from "./confusion-matrix.js";

const p = [0.9, 0.8, 0.8, 0.6, 0.6, 0.6, 0.3, 0.1];
const y = [1, 1, 0, 1, 0, 0, 1, 0];

describe("confusionMatrix", () => {
  it("counts the decisions p >= threshold (a tie with the threshold is positive)", () => {
    expect(confusionMatrix(p, y, 0.6)).toEqual({
      truePositives: 3,
      falsePositives: 3,
      trueNegatives: 1,
      falseNegatives: 1,
    });
    expect(confusionMatrix(p, y, 0.65)).toEqual({
      truePositives: 2,
      falsePositives: 1,
      trueNegatives: 3,
      falseNegatives: 2,
    });
  });

  it("predicts every row positive at 0 and only p = 1 positive at 1", () => {
    expect(confusionMatrix(p, y, 0)).toEqual({
      truePositives: 4,
      falsePositives: 4,
      trueNegatives: 0,
      falseNegatives: 0,
    });
    expect(confusionMatrix([1, 0.99, 1], [1, 1, 0], 1)).toEqual({
      truePositives: 1,
      falsePositives: 1,
      trueNegatives: 0,
      falseNegatives: 1,
    });
  });

  it("sums weights (a weight-0 row counts for nothing)", () => {
    const counts = confusionMatrix(
      [0.8, 0.8, 0.5, 0.5, 0.2, 0.9],
      [1, 0, 1, 0, 0, 1],
      0.5,
      [2, 1, 0.5, 1.5, 1, 0],
    );
    expect(counts).toEqual({ truePositives: 2.5, falsePositives: 2.5, trueNegatives: 1, falseNegatives: 0 });
    expect(precisionOf(counts)).toBe(0.5);
    expect(recallOf(counts)).toBe(1);
    expect(f1Of(counts)).toBe(2 / 3);
  });

  it("accepts one class, typed arrays and a Float32Array", () => {
    expect(confusionMatrix(Float32Array.of(0.25, 0.75), Uint8Array.of(0, 0), 0.5)).toEqual({
      truePositives: 0,
      falsePositives: 1,
      trueNegatives: 1,
      falseNegatives: 0,
    });
  });

  it("rejects a threshold that is not a probability", () => {
    for (const threshold of [Number.NaN, -0.1, 1.5]) {
      expect(() => confusionMatrix(p, y, threshold)).toThrow(
        expect.objectContaining({ code: "E_INVALID_THRESHOLD" }),
      );
    }
  });
});
