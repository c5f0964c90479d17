import { describe, expect, it } from "vitest";
import { confusionAtThresholds } from "../confusion/confusion-at-thresholds.js";
import { confusionMatrix } from "../confusion/confusion-matrix.js";
import { thresholdSweep } from "../confusion/threshold-sweep.js";
import { averagePrecision } from "./average-precision.js";
import { precisionRecallCurve } from "./precision-recall-curve.js";
import { rocAuc } from "./roc-auc.js";
import { rocCurve } from "./roc-curve.js";

type Metric = (p: number[], y: number[], w?: number[]) => unknown;

/** Every entry point, called with (probabilities, labels, weights?). */
const metrics: [string, Metric][] = [
  ["rocAuc", (p, y, w) => rocAuc(p, y, w)],
  ["rocCurve", (p, y, w) => rocCurve(p, y, w)],
  ["precisionRecallCurve", (p, y, w) => precisionRecallCurve(p, y, w)],
  ["averagePrecision", (p, y, w) => averagePrecision(p, y, w)],
  ["thresholdSweep", (p, y, w) => thresholdSweep(p, y, w)],
  ["confusionMatrix", (p, y, w) => confusionMatrix(p, y, 0.5, w)],
  ["confusionAtThresholds", (p, y, w) => confusionAtThresholds(p, y, [0.5], w)],
];

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code ?? `no code: ${String(error)}`;
  }
  return undefined;
}

describe.each(metrics)("%s rejects bad input with a code", (name, metric) => {
  const p = [0.2, 0.7, 0.4];
  const y = [0, 1, 1];

  it("empty input: E_EMPTY_INPUT", () => expect(codeOf(() => metric([], []))).toBe("E_EMPTY_INPUT"));
  it("lengths: E_LENGTH_MISMATCH", () => {
    expect(codeOf(() => metric(p, [0, 1]))).toBe("E_LENGTH_MISMATCH");
    expect(codeOf(() => metric(p, y, [1, 1]))).toBe("E_LENGTH_MISMATCH");
  });
  it("NaN probability: E_NAN_INPUT", () =>
    expect(codeOf(() => metric([0.2, Number.NaN, 0.4], y))).toBe("E_NAN_INPUT"));
  it("outside [0, 1] (scores are not accepted): E_PROBABILITY_RANGE", () => {
    expect(codeOf(() => metric([0.2, 1.5, 0.4], y))).toBe("E_PROBABILITY_RANGE");
    expect(codeOf(() => metric([-0.1, 0.5, 0.4], y))).toBe("E_PROBABILITY_RANGE");
    expect(codeOf(() => metric([0.2, Number.POSITIVE_INFINITY, 0.4], y))).toBe("E_PROBABILITY_RANGE");
  });
  it("labels other than 0/1: E_LABEL_CLASSES, naming the row", () => {
    expect(codeOf(() => metric(p, [0, 2, 1]))).toBe("E_LABEL_CLASSES");
    expect(codeOf(() => metric(p, [0, -1, 1]))).toBe("E_LABEL_CLASSES");
    expect(() => metric(p, [0, 1, 7])).toThrow(/row 2/);
  });
  it("bad weights: E_INVALID_WEIGHTS", () => {
    expect(codeOf(() => metric(p, y, [1, -1, 1]))).toBe("E_INVALID_WEIGHTS");
    expect(codeOf(() => metric(p, y, [1, Number.NaN, 1]))).toBe("E_INVALID_WEIGHTS");
    expect(codeOf(() => metric(p, y, [1, Number.POSITIVE_INFINITY, 1]))).toBe("E_INVALID_WEIGHTS");
  });
  it("names itself in messages", () => expect(() => metric([0.2, 2, 0.4], y)).toThrow(name));
});

describe("which metrics need which classes", () => {
  const p = [0.2, 0.7, 0.4];

  it("AUC and the ROC curve need both classes with positive weight: E_ONE_CLASS", () => {
    for (const metric of [rocAuc, rocCurve] as Metric[]) {
      expect(codeOf(() => metric(p, [1, 1, 1]))).toBe("E_ONE_CLASS");
      expect(codeOf(() => metric(p, [0, 0, 0]))).toBe("E_ONE_CLASS");
      expect(codeOf(() => metric(p, [0, 1, 1], [0, 1, 1]))).toBe("E_ONE_CLASS");
    }
  });

  it("precision–recall metrics need a positive with positive weight, not a negative", () => {
    for (const metric of [averagePrecision, precisionRecallCurve] as Metric[]) {
      expect(codeOf(() => metric(p, [0, 0, 0]))).toBe("E_ONE_CLASS");
      expect(codeOf(() => metric(p, [1, 0, 0], [0, 1, 1]))).toBe("E_ONE_CLASS");
      expect(codeOf(() => metric(p, [1, 1, 1]))).toBeUndefined();
    }
  });

  it("counts accept one class, but not weights that are all 0", () => {
    for (const metric of [thresholdSweep, (p, y, w) => confusionMatrix(p, y, 0.5, w)] as Metric[]) {
      expect(codeOf(() => metric(p, [0, 0, 0]))).toBeUndefined();
      expect(codeOf(() => metric(p, [1, 1, 1], [1, 0, 2]))).toBeUndefined();
      expect(codeOf(() => metric(p, [1, 0, 1], [0, 0, 0]))).toBe("E_INVALID_WEIGHTS");
    }
  });
});
