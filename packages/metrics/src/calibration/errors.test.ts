import { type ErrorCode, ErrorCodes, isCalibraError } from "@calibra/core";
import { describe, expect, it } from "vitest";
import { bootstrap } from "./bootstrap.js";
import { brier } from "./brier.js";
import { calibrationCurve } from "./calibration-curve.js";
import { ace, ece } from "./calibration-error.js";
import { debiasedCalibrationError } from "./debiased-calibration-error.js";
import { logLoss } from "./log-loss.js";
import { reliabilityBins } from "./reliability-bins.js";

type Labels = Uint8Array | readonly number[];

/** Every calibration metric, called on probabilities, labels and (where it takes them) weights. */
const metrics: Record<string, (p: readonly number[], y: Labels, w?: readonly number[]) => unknown> = {
  logLoss: (p, y, w) => logLoss(p, y, w),
  brier: (p, y, w) => brier(p, y, w),
  ece: (p, y, w) => ece(p, y, { weights: w }),
  ace: (p, y, w) => ace(p, y, { weights: w }),
  reliabilityBins: (p, y, w) => reliabilityBins(p, y, { weights: w }),
  calibrationCurve: (p, y, w) => calibrationCurve(p, y, { weights: w }),
  debiasedCalibrationError: (p, y) => debiasedCalibrationError(p, y),
  bootstrap: (p, y, w) => bootstrap(logLoss, p, y, { weights: w, resamples: 5 }),
};

function codeOf(run: () => unknown): ErrorCode | undefined {
  try {
    run();
  } catch (error) {
    if (isCalibraError(error)) return error.code;
    throw error;
  }
  return undefined;
}

describe.each(Object.entries(metrics))("%s validates its inputs", (name, metric) => {
  it("accepts valid input, including a single class", () => {
    expect(codeOf(() => metric([0.2, 0.7, 0.4], [0, 1, 1]))).toBeUndefined();
    expect(codeOf(() => metric([0.2, 0.7], [0, 0]))).toBeUndefined();
  });

  it("E_LENGTH_MISMATCH when probabilities and labels differ in length", () => {
    expect(codeOf(() => metric([0.2, 0.7, 0.4], [0, 1]))).toBe(ErrorCodes.LENGTH_MISMATCH);
  });

  it("E_EMPTY_INPUT without rows", () => {
    expect(codeOf(() => metric([], []))).toBe(ErrorCodes.EMPTY_INPUT);
  });

  it("E_NAN_INPUT for NaN and E_PROBABILITY_RANGE outside [0, 1]", () => {
    expect(codeOf(() => metric([0.2, Number.NaN], [0, 1]))).toBe(ErrorCodes.NAN_INPUT);
    expect(codeOf(() => metric([0.2, 1.0000001], [0, 1]))).toBe(ErrorCodes.PROBABILITY_RANGE);
    expect(codeOf(() => metric([-0.1, 0.5], [0, 1]))).toBe(ErrorCodes.PROBABILITY_RANGE);
  });

  it("E_LABEL_CLASSES for labels other than 0/1", () => {
    expect(codeOf(() => metric([0.2, 0.7], [0, 2]))).toBe(ErrorCodes.LABEL_CLASSES);
    expect(codeOf(() => metric([0.2, 0.7], [0, -1]))).toBe(ErrorCodes.LABEL_CLASSES);
    expect(codeOf(() => metric([0.2, 0.7], [0.5, 1]))).toBe(ErrorCodes.LABEL_CLASSES);
    expect(codeOf(() => metric([0.2, 0.7], Uint8Array.of(1, 3)))).toBe(ErrorCodes.LABEL_CLASSES);
  });

  if (name !== "debiasedCalibrationError") {
    it("E_INVALID_WEIGHTS for negative, infinite or all-zero weights", () => {
      expect(codeOf(() => metric([0.2, 0.7], [0, 1], [1, -1]))).toBe(ErrorCodes.INVALID_WEIGHTS);
      expect(codeOf(() => metric([0.2, 0.7], [0, 1], [1, Number.POSITIVE_INFINITY]))).toBe(
        ErrorCodes.INVALID_WEIGHTS,
      );
      expect(codeOf(() => metric([0.2, 0.7], [0, 1], [0, 0]))).toBe(ErrorCodes.INVALID_WEIGHTS);
      expect(codeOf(() => metric([0.2, 0.7], [0, 1], [1]))).toBe(ErrorCodes.LENGTH_MISMATCH);
    });
  }
});

describe("bin and option checks", () => {
  const p = [0.2, 0.7];
  const y = [0, 1];
  const binned: Record<string, (bins: number) => unknown> = {
    brier: (bins) => brier(p, y, undefined, { bins }),
    ece: (bins) => ece(p, y, { bins }),
    ace: (bins) => ace(p, y, { bins }),
    reliabilityBins: (bins) => reliabilityBins(p, y, { bins }),
    calibrationCurve: (bins) => calibrationCurve(p, y, { bins }),
    debiasedCalibrationError: (bins) => debiasedCalibrationError(p, y, { bins }),
  };

  it.each(Object.entries(binned))("%s refuses bins < 1, fractional, NaN or huge bin counts", (_, run) => {
    for (const bins of [0, -3, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2e6]) {
      expect(codeOf(() => run(bins))).toBe(ErrorCodes.INVALID_OPTIONS);
    }
    expect(codeOf(() => run(1))).toBeUndefined();
  });

  it("unknown strategies and norms are refused", () => {
    const anyOptions = (options: object) => options as never;
    expect(codeOf(() => ece(p, y, anyOptions({ strategy: "quantile" })))).toBe(ErrorCodes.INVALID_OPTIONS);
    expect(codeOf(() => ece(p, y, anyOptions({ norm: "l3" })))).toBe(ErrorCodes.INVALID_OPTIONS);
    expect(codeOf(() => brier(p, y, undefined, anyOptions({ strategy: "equal" })))).toBe(
      ErrorCodes.INVALID_OPTIONS,
    );
    expect(codeOf(() => calibrationCurve(p, y, anyOptions({ strategy: "equal-width" })))).toBe(
      ErrorCodes.INVALID_OPTIONS,
    );
  });
});
